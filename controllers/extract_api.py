# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Extract API routes (JSON-RPC 2.0 over POST): current /api/extract/<type>/{1,2}/… and legacy /iap/…_extract/…"""
import logging

from odoo import http
from odoo.http import request

from ..engine import DEFAULT_LIMITS
from ..protocol import extract_api, jsonrpc
from .routing import POST_ROUTE, api_env, call_retrying

_logger = logging.getLogger(__name__)

METHODS = "parse,get_result,get_results,get_result_batch,validate,validate_batch"
# the largest document the engine reads, in base64, and room for the rest of the JSON body
MAX_REQUEST_BYTES = DEFAULT_LIMITS.max_bytes * 4 // 3 + 1024 * 1024


class ExtractApiController(http.Controller):
    @http.route(f"/api/extract/<any(invoice,expense,applicant):doc_type>/<any('1','2'):route_version>/"
                f"<any({METHODS}):method>", **POST_ROUTE)
    def extract_v12x(self, doc_type, route_version, method, **kwargs):
        if method == "get_results" and doc_type != "invoice":
            return request.not_found()
        return self._answer(doc_type, method, route_version=int(route_version))

    @http.route("/iap/invoice_extract/<any(parse,get_results,get_result,validate):method>", **POST_ROUTE)
    def extract_legacy_invoice(self, method, **kwargs):
        return self._answer("invoice", method)

    @http.route("/iap/expense_extract/<any(parse,get_result,get_results,validate):method>", **POST_ROUTE)
    def extract_legacy_expense(self, method, **kwargs):
        return self._answer("expense", method)

    def _answer(self, doc_type, method, route_version=1):
        length = request.httprequest.content_length
        if length is not None and length > MAX_REQUEST_BYTES:  # refused before a byte of it is read
            return request.make_json_response(
                jsonrpc.result_response(None, extract_api.status_body("error_unsupported_size")))
        body = request.httprequest.get_data()  # kept: a call retried after a serialization failure reads it again
        try:
            request_id, params = jsonrpc.parse_request(body)
        except jsonrpc.EnvelopeError as exc:
            return request.make_json_response(exc.response())
        if request.env is None or not request.db:
            return request.make_json_response(
                jsonrpc.error_response(request_id, jsonrpc.INVALID_REQUEST, "no database selected on this server"))
        # the shape follows the version asked for (latest when absent), on the current and the legacy routes alike
        legacy = extract_api.is_legacy(params.get("version"), doc_type)
        try:
            result = call_retrying(api_env(), lambda env: env["digitize.server"]._extract_call(
                doc_type, method, params, legacy=legacy, route_version=route_version))
        except jsonrpc.EnvelopeError as exc:
            exc.request_id = request_id
            return request.make_json_response(exc.response())
        except Exception:  # never a traceback to the client
            _logger.exception("Digitize: Extract API %s/%s failed", doc_type, method)
            request.env.cr.rollback()
            result = extract_api.status_body("error_internal", legacy)
        return request.make_json_response(jsonrpc.result_response(request_id, result))
