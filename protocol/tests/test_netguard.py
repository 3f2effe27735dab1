"""Outgoing requests connect to the address that was checked, with the URL's host name kept for HTTP."""
import http.server
import socket
import threading

import pytest
import requests

from protocol.netguard import MAX_URL_LENGTH, UnsafeUrl, check_url_form, guarded_request


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.seen.append((self.path, self.headers.get("Host")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback_server():
    _Recorder.seen = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def counting_resolver(answers):
    """A resolver that answers ``answers`` in turn (a rebinding DNS server) and counts the look-ups."""
    calls = []

    def resolve(host, port, proto=0):
        address = answers[min(len(calls), len(answers) - 1)]
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, proto, "", (address, port))]
    resolve.calls = calls
    return resolve


def test_the_request_goes_to_the_checked_address_with_the_host_name_in_the_header(loopback_server):
    port = loopback_server.server_address[1]
    # the name does not exist: a second look-up by the HTTP library would fail the request
    resolve = counting_resolver(["127.0.0.1", "169.254.169.254"])
    with guarded_request("POST", f"http://hook.invalid:{port}/done/abc", allow_private=True,
                         resolve=resolve, data=b"", timeout=5) as response:
        assert response.status_code == 204
    assert resolve.calls == ["hook.invalid"], "one look-up, the one that was checked"
    assert _Recorder.seen == [("/done/abc", f"hook.invalid:{port}")]


def test_a_refused_address_sends_nothing(loopback_server):
    port = loopback_server.server_address[1]
    with pytest.raises(UnsafeUrl):
        with guarded_request("POST", f"http://hook.invalid:{port}/x", resolve=counting_resolver(["127.0.0.1"]),
                             timeout=5):
            pass
    assert _Recorder.seen == []


def test_redirects_are_not_followed(loopback_server):
    class Redirect(_Recorder):
        def do_POST(self):  # noqa: N802
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()

    loopback_server.RequestHandlerClass = Redirect
    port = loopback_server.server_address[1]
    with guarded_request("POST", f"http://hook.invalid:{port}/x", allow_private=True,
                         resolve=counting_resolver(["127.0.0.1"]), timeout=5) as response:
        assert response.status_code == 302


def test_an_https_request_names_the_host_for_tls(loopback_server):
    # nothing speaks TLS there: the handshake fails, which shows the request did go to the pinned address
    port = loopback_server.server_address[1]
    with pytest.raises(requests.exceptions.SSLError):
        with guarded_request("GET", f"https://hook.invalid:{port}/x", allow_private=True,
                             resolve=counting_resolver(["127.0.0.1"]), timeout=5):
            pass


@pytest.mark.parametrize("url", ["ftp://example.com/x", "javascript:alert(1)", "https://u:p@example.com/",
                                 "https://example.com:0/", "https://[::1/",
                                 "https://example.com/" + "x" * MAX_URL_LENGTH, None, 42])
def test_url_forms_refused_without_any_look_up(url):
    with pytest.raises(UnsafeUrl):
        check_url_form(url)


def test_url_form_accepts_ordinary_webhooks():
    assert check_url_form("https://odoo.example.com/digitize/webhook").hostname == "odoo.example.com"
