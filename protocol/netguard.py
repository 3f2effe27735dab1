"""Outgoing HTTP only to public addresses: webhooks and Smartscan ``httpUri`` must never reach this server's
loopback, the private network or cloud metadata endpoints (unless an administrator allows private targets)."""
import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    """The URL is not http(s), or one of the addresses its host resolves to is not public."""


def check_url(url, allow_private=False, resolve=socket.getaddrinfo):
    """Return ``url`` if it may be fetched; raise :class:`UnsafeUrl` otherwise."""
    if not isinstance(url, str):
        raise UnsafeUrl("the URL must be a string")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl("only http and https URLs with a host are allowed")
    if parts.username or parts.password:
        raise UnsafeUrl("credentials in URLs are not allowed")
    if allow_private:
        return url
    try:
        infos = resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                        proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl(f"the host cannot be resolved ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise UnsafeUrl(f"{parts.hostname} resolves to a non-public address ({address})")
    return url
