# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Smartscan REST API: /v1/document:annotate, /v1/access/valetkey, /v1/feedback:create, /v1/feedback:delete.
Every answer carries the rate-limit headers; bodies over 10 MB get 413 before they are read."""
import json
import logging

from odoo import http
from odoo.http import request

from ..protocol import smartscan
from .routing import POST_ROUTE, api_env, call_retrying

_logger = logging.getLogger(__name__)


class SmartscanController(http.Controller):
    @http.route("/v1/document:annotate", **POST_ROUTE)
    def annotate(self, **kwargs):
        return self._handle("_smartscan_annotate")

    @http.route("/v1/access/valetkey", **POST_ROUTE)
    def valet_key(self, **kwargs):
        return self._handle("_smartscan_valet_key")

    @http.route("/v1/feedback:create", **POST_ROUTE)
    def feedback_create(self, **kwargs):
        return self._handle("_smartscan_feedback_create")

    @http.route("/v1/feedback:delete", **POST_ROUTE)
    def feedback_delete(self, **kwargs):
        return self._handle("_smartscan_feedback_delete")

    def _handle(self, method):
        headers = {}
        httprequest = request.httprequest
        try:
            if request.env is None or not request.db:
                raise smartscan.SmartscanError(404, "no database selected on this server")
            length = httprequest.content_length
            if length is not None and length > smartscan.MAX_REQUEST_BYTES:
                raise smartscan.SmartscanError(413, "the request is larger than 10485760 bytes")
            env = api_env()
            # counted once, before the call: a call run again after a serialization failure is one request
            auth, headers = counted(env, httprequest.headers.get("Authorization"))
            # get_data() keeps the body: a call retried after a serialization failure reads it again
            payload = call_retrying(env, lambda env: call(env, method, auth, httprequest.get_data))
            status = 200
        except smartscan.SmartscanError as exc:
            # a call refused after it was counted carries the counted request's headers
            payload, status, headers = exc.payload(), exc.http_status, exc.headers or headers
        except Exception:  # never a traceback to the client
            _logger.exception("Digitize: Smartscan %s failed", method)
            if request.env is not None:
                request.env.cr.rollback()
            payload, status = smartscan.SmartscanError(500, "internal error").payload(), 500
        if not headers:
            headers = {"x-ratelimit-limit": "0", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "0",
                       "retry-after": "-1"}
        return request.make_json_response(payload, headers=list(headers.items()), status=status)


def counted(env, authorization):
    """(auth, rate-limit headers) of a request's ``Authorization`` header, the request counted in the rate limit
    (on a connection of its own, committed at once: see digitize.rate.event._hit); a refused token raises 401,
    a spent rate limit 429 with the headers."""
    auth = env["digitize.server"]._smartscan_auth(authorization)
    allowed, limit, remaining, reset, retry = env["digitize.rate.event"]._hit(auth[0], auth[3])
    headers = {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": str(remaining),
               "x-ratelimit-reset": str(reset), "retry-after": str(retry)}
    if not allowed:
        error = smartscan.SmartscanError(429, "rate limit exceeded")
        error.headers = headers
        raise error
    return auth, headers


def call(env, method, auth, read_body):
    """The payload of one counted call of ``digitize.server``'s ``method``; ``read_body()`` gives the request's
    bytes, read after the rate limit."""
    raw = read_body()
    if len(raw) > smartscan.MAX_REQUEST_BYTES:
        raise smartscan.SmartscanError(413, "the request is larger than 10485760 bytes")
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise smartscan.SmartscanError(400, "the body is not JSON") from None
    return getattr(env["digitize.server"], method)(auth, body)

