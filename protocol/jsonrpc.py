"""JSON-RPC 2.0 envelopes as the Extract API uses them: errors of the API itself travel inside ``result``;
only a request that is not JSON-RPC at all gets a JSON-RPC ``error``."""
import json

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602

_MESSAGES = {PARSE_ERROR: "Parse error", INVALID_REQUEST: "Invalid Request", INVALID_PARAMS: "Invalid params"}


class EnvelopeError(Exception):
    """The body is not a usable JSON-RPC 2.0 request."""

    def __init__(self, code, detail, request_id=None):
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.request_id = request_id

    def response(self):
        return error_response(self.request_id, self.code, self.detail)


def parse_request(body):
    """(id, params) of a JSON-RPC 2.0 request body (bytes or str); raises :class:`EnvelopeError`."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EnvelopeError(PARSE_ERROR, f"the body is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise EnvelopeError(INVALID_REQUEST, "the request must be a JSON object")
    request_id = payload.get("id")
    if payload.get("jsonrpc") != "2.0":
        raise EnvelopeError(INVALID_REQUEST, "'jsonrpc' must be \"2.0\"", request_id)
    if not isinstance(payload.get("method"), str):
        raise EnvelopeError(INVALID_REQUEST, "'method' must be a string", request_id)
    if "id" not in payload or not isinstance(request_id, (str, int)) or isinstance(request_id, bool):
        raise EnvelopeError(INVALID_REQUEST, "'id' must be a string or an integer", request_id)
    params = payload.get("params")
    if not isinstance(params, dict):
        raise EnvelopeError(INVALID_PARAMS, "'params' must be an object", request_id)
    return request_id, params


def result_response(request_id, result):
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def error_response(request_id, code, detail):
    return {"jsonrpc": "2.0", "id": request_id,
            "error": {"code": code, "message": _MESSAGES.get(code, "Error"), "data": {"message": detail}}}


def request_body(params, request_id, method="call"):
    """What a client sends (the client role uses it)."""
    return {"jsonrpc": "2.0", "method": method, "params": params, "id": request_id}
