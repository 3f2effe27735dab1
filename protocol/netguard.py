"""Outgoing HTTP only to public addresses: webhooks and Smartscan ``httpUri`` must never reach this server's
loopback, the private network or cloud metadata endpoints. An administrator may allow private targets (a company's
own network of Odoo servers); link-local and metadata addresses stay refused whatever the setting.

The host is resolved once, every address checked, and the request connects to the address that was checked: a
second lookup by the HTTP library could answer otherwise (DNS rebinding)."""
import ipaddress
import socket
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

MAX_URL_LENGTH = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
# cloud metadata services outside the link-local range: AWS over IPv6, Alibaba Cloud, Azure's wire server
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("fd00:ec2::254", "100.100.100.200", "168.63.129.16"))


class UnsafeUrl(ValueError):
    """The URL is not an http(s) URL, or one of the addresses its host resolves to may not be reached."""


def check_url_form(url):
    """``urlsplit(url)`` of an http(s) URL with a host, no credentials and at most 2048 characters; raise
    :class:`UnsafeUrl` otherwise. Needs no network: it is what an API checks when it is given a URL."""
    if not isinstance(url, str):
        raise UnsafeUrl("the URL must be a string")
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeUrl(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrl(f"the URL cannot be read ({exc})") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise UnsafeUrl("only http and https URLs with a host are allowed")
    if parts.username or parts.password:
        raise UnsafeUrl("credentials in URLs are not allowed")
    if port == 0:
        raise UnsafeUrl("port 0 cannot be reached")
    return parts


def refusal(address, allow_private=False):
    """Why ``address`` (an ``ipaddress`` object) may not be reached, or None."""
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    # ::1 counts as reserved for ipaddress: loopback is judged as a private address
    if not address.is_loopback and (address.is_link_local or address.is_multicast or address.is_unspecified
                                    or address.is_reserved):
        return "a link-local, multicast, unspecified or reserved address"
    if not allow_private and not address.is_global:
        return "a non-public address"
    return None


def resolve_checked(url, allow_private=False, resolve=socket.getaddrinfo):
    """(url parts, the first address of its host) once every address the host resolves to may be reached."""
    parts = check_url_form(url)
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    try:
        infos = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnsafeUrl(f"the host cannot be resolved ({exc})") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise UnsafeUrl("the host resolves to no address")
    for address in addresses:
        reason = refusal(address, allow_private)
        if reason:
            raise UnsafeUrl(f"{parts.hostname} resolves to {reason} ({address})")
    return parts, str(addresses[0])


@contextmanager
def guarded_request(method, url, allow_private=False, resolve=socket.getaddrinfo, **kwargs):
    """``requests`` ``method`` on ``url`` (a response, as a context manager), connected to the address that was
    checked. Never follows redirects, never uses a proxy from the environment (it would look the host up again).
    Raises :class:`UnsafeUrl` or ``requests.RequestException``."""
    parts, address = resolve_checked(url, allow_private, resolve)
    with requests.Session() as session:
        session.trust_env = False
        session.mount(f"{parts.scheme}://", PinnedAdapter(parts, address))
        with session.request(method, url, allow_redirects=False, **kwargs) as response:
            yield response


class PinnedAdapter(HTTPAdapter):
    """Connects to one address whatever the URL's host; the host name still goes in the Host header, the TLS
    server name and the certificate check."""

    def __init__(self, parts, address):
        self._hostname = parts.hostname
        self._host_header = parts.netloc.rpartition("@")[2]
        self._address = address
        super().__init__(max_retries=0)

    def _pool(self, scheme, port, pool_kwargs):
        if scheme == "https":
            pool_kwargs = dict(pool_kwargs, server_hostname=self._hostname, assert_hostname=self._hostname)
        return self.poolmanager.connection_from_host(self._address, port=port or DEFAULT_PORTS[scheme],
                                                     scheme=scheme, pool_kwargs=pool_kwargs)

    def get_connection(self, url, proxies=None):  # requests < 2.32
        parts = urlsplit(url)
        return self._pool(parts.scheme, parts.port, {})

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):  # requests >= 2.32
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        return self._pool(host_params["scheme"], host_params["port"], pool_kwargs)

    def add_headers(self, request, **kwargs):
        request.headers["Host"] = self._host_header
