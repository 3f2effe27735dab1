# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The server role: answers Extract API and Smartscan API calls. Controllers only move bytes in and out; the
client role's local provider calls the same methods in-process."""
import base64
import dataclasses
import io
import logging
from datetime import timedelta

import psycopg2
import requests

from odoo import api, fields, models

from ...engine import DEFAULT_LIMITS, DocumentError, document_format, extract, page_sizes, render_pdf_page, sniff_format
from ...protocol import extract_api, jsonrpc, smartscan
from ...protocol.netguard import UnsafeUrl, check_url_form, guarded_request
from .work_limits import cpu_seconds_left, real_seconds_limit

_logger = logging.getLogger(__name__)

BATCH_METHODS = {"get_result_batch", "get_results", "validate_batch"}
INTEGRATION_TOKEN = "integration_token"
DEMO_TOKEN = "demo"
# what the Smartscan API reads (its spec lists these); e-invoice XML goes through the Extract API
SMARTSCAN_FORMATS = ("pdf", "png", "jpg", "gif", "tif", "bmp")
# Smartscan annotate reads in the HTTP request: within Odoo's default limit_time_cpu (60 s of CPU, which OCR on
# two threads spends at up to twice the wall-clock rate) it reads up to this many pages, for this many seconds
SYNC_MAX_PAGES = 10
SYNC_SECONDS = 20


def sync_limits():
    """The engine's limits for a document read within a request: the time budget capped at SYNC_SECONDS and at
    half of limit_time_real, and the CPU time at most 60 % of what the worker's limit_time_cpu leaves (two OCR
    threads spend CPU time twice as fast as the clock runs)."""
    seconds = min(DEFAULT_LIMITS.time_budget() or SYNC_SECONDS, SYNC_SECONDS)
    real = real_seconds_limit()
    if real:
        seconds = min(seconds, real / 2)
    cpu = cpu_seconds_left()
    return dataclasses.replace(DEFAULT_LIMITS, max_seconds=seconds, max_cpu_seconds=cpu and max(cpu * 0.6, 1e-3))


class DigitizeServer(models.AbstractModel):
    """Every method is private: nothing here may be called over Odoo's RPC, where a caller sets the context."""

    _name = "digitize.server"
    _description = "Digitize server role"

    def _default_company(self):
        # auth="none" requests have no user, hence no current company: integration and demo calls use the main one
        return self.env.company or self.env.ref("base.main_company")

    def _param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(key, default)

    # =========================================================================================== Extract API
    @api.model
    def _extract_call(self, doc_type, method, params, legacy=False, route_version=1):
        """The JSON-RPC ``result`` of one Extract API call (errors are statuses inside it, as the spec says)."""
        if doc_type not in extract_api.DOC_TYPES:
            return extract_api.status_body("error_internal", legacy)
        handlers = {"parse": self._parse, "get_result": self._get_result, "get_results": self._get_result,
                    "get_result_batch": self._get_result, "validate": self._validate,
                    "validate_batch": self._validate_batch}
        handler = handlers.get(method)
        if handler is None:
            return extract_api.status_body("error_internal", legacy)
        if self._param("digitize.maintenance") and method in ("parse", "get_result", "get_results",
                                                              "get_result_batch"):
            return extract_api.status_body("error_maintenance", legacy)
        try:
            return handler(doc_type, params, legacy=legacy, route_version=route_version,
                           batch=method in BATCH_METHODS)
        except extract_api.RequestError as exc:
            return extract_api.status_body(exc.status, legacy)

    def _parse(self, doc_type, params, legacy, route_version, batch):
        token = params.get("account_token")
        integration = token == INTEGRATION_TOKEN
        account = self.env["digitize.account"]
        # the client role of this database calls in-process (never through HTTP): no token, no credit
        local = bool(self.env.context.get("digitize_local"))
        if not integration and not local:
            account = account._find_by_token(token)
            if not account:
                raise extract_api.RequestError("error_invalid_account_token")
        # a local document points at the record's attachment (in-process only: HTTP callers are never local)
        attachment = self.env["ir.attachment"].sudo().browse(params.get("attachment_id") if local else [])
        data = attachment.raw if attachment else extract_api.pick_document(params.get("documents"))
        try:
            document_format(data)
        except DocumentError as exc:
            raise extract_api.RequestError(extract_api.ENGINE_ERRORS[exc.code]) from None
        if account and not account._consume_credit():
            raise extract_api.RequestError("error_no_credit")
        webhook = params.get("webhook_url") or False
        if webhook:
            try:
                check_url_form(webhook)
            except UnsafeUrl as exc:
                raise jsonrpc.EnvelopeError(jsonrpc.INVALID_PARAMS, f"webhook_url refused: {exc}") from None
        document = self.env["digitize.document"].sudo().create({
            "doc_type": doc_type,
            "account_id": account.id or False,
            "company_id": (account.company_id or self._default_company()).id,
            "integration": integration,
            "local": local,
            "attachment_id": attachment.id,
            "data": False if attachment else base64.b64encode(data),
            "user_infos": extract_api.clean_user_infos(params.get("user_infos")),
            "dbuuid": str(params.get("dbuuid") or "")[:64] or False,
            "version": _int(params.get("version")),
            "webhook_url": webhook,
        })
        document._schedule_processing()
        if legacy:
            return extract_api.status_body("success", True, document_id=document.id)
        # document_id is deprecated but still read by older clients
        body = extract_api.status_body("success", False, document_uuid=document.uuid, document_id=document.id)
        if route_version == 2:
            body["document_token"] = document.uuid  # Odoo 17/18 clients read this name
        return body

    def _caller_scope(self, params):
        """The domain of the documents the caller may reach. This database's own documents (client role, local
        provider) are reached in-process only; over HTTP a caller reaches its own account's documents, and the
        public integration token the test documents made with it. Raises ``error_invalid_account_token``."""
        if self.env.context.get("digitize_local"):
            return [("local", "=", True)]
        token = params.get("account_token")
        if token == INTEGRATION_TOKEN:
            return [("integration", "=", True), ("account_id", "=", False), ("local", "=", False)]
        account = self.env["digitize.account"]._find_by_token(token)
        if not account:
            raise extract_api.RequestError("error_invalid_account_token")
        return [("account_id", "=", account.id), ("local", "=", False)]

    def _find_document(self, key, scope, legacy, doc_type):
        """The caller's document named ``key`` (a uuid; on the legacy shape also an integer id), else empty."""
        domain = [("source", "=", "extract"), ("doc_type", "=", doc_type)] + scope
        if legacy and key.isdigit():
            domain += ["|", ("uuid", "=", key), ("id", "=", int(key))]
        else:
            domain += [("uuid", "=", key)]
        return self.env["digitize.document"].sudo().search(domain, limit=1)

    def _get_result(self, doc_type, params, legacy, route_version, batch):
        scope = self._caller_scope(params)
        keys = extract_api.document_keys(params, batch=batch)
        entries = {}
        for key in keys:
            document = self._find_document(key, scope, legacy, doc_type)
            entries[key] = document._result_entry(legacy) if document else extract_api.status_body(
                "error_document_not_found", legacy)
        return entries if batch else entries[keys[0]]

    def _validate(self, doc_type, params, legacy, route_version, batch):
        scope = self._caller_scope(params)
        key = extract_api.document_keys(params)[0]
        document = self._find_document(key, scope, legacy, doc_type)
        if not document:
            return extract_api.status_body("error_document_not_found", legacy)
        stored = document._store_validation(params.get("values"))
        return extract_api.status_body("success" if stored else "error_validation_format", legacy)

    def _validate_batch(self, doc_type, params, legacy, route_version, batch):
        scope = self._caller_scope(params)
        documents = params.get("documents")
        if not isinstance(documents, dict) or not documents:
            return extract_api.status_body("error_validation_format", legacy)
        all_stored = True
        for key, values in documents.items():
            document = self._find_document(str(key), scope, legacy, doc_type)
            all_stored &= bool(document) and document._store_validation(values)
        return extract_api.status_body("success" if all_stored else "error_validation_format", legacy)

    # =========================================================================================== Smartscan
    @api.model
    def _smartscan_auth(self, authorization):
        """(rate-limit key, account, subject, limit) of an ``Authorization: Bearer …`` header."""
        if not isinstance(authorization, str) or not authorization.startswith("Bearer "):
            raise smartscan.SmartscanError(401, "missing bearer token")
        token = authorization[len("Bearer "):].strip()
        if token == DEMO_TOKEN and self._param("digitize.smartscan_demo", "1") not in ("0", "False", "false"):
            return "demo", self.env["digitize.account"], "demo", smartscan.DEMO_RATE_LIMIT
        account = self.env["digitize.account"]._find_by_token(token)
        if account:
            return f"account:{account.id}", account, None, smartscan.RATE_LIMIT
        key = self.env["digitize.valet.key"]._find_valid(token)
        if key:
            return f"valet:{key.id}", key.account_id, key.subject, smartscan.RATE_LIMIT
        raise smartscan.SmartscanError(401, "invalid or expired token")

    @api.model
    def _smartscan_annotate(self, auth, body):
        _key, account, subject, _limit = auth
        if not isinstance(body, dict) or not isinstance(body.get("document"), dict):
            raise smartscan.SmartscanError(400, "the body must be an object with a 'document'")
        try:
            settings = smartscan.requested_features(body.get("features"))
            data = self._smartscan_document(body["document"])
        except smartscan.BadRequest as exc:
            raise smartscan.SmartscanError(400, str(exc)) from None
        if sniff_format(data) not in SMARTSCAN_FORMATS:
            raise smartscan.SmartscanError(
                400, "unsupported document format: the API reads " + ", ".join(SMARTSCAN_FORMATS))
        limits = sync_limits()
        # past either bound the request would outlive the worker's limits
        too_large = smartscan.SmartscanError(413, (
            f"the document is too large to be read within a synchronous request ({SYNC_MAX_PAGES} pages, "
            f"{limits.time_budget():g} s at most): send it to the asynchronous Extract API "
            f"(/api/extract/invoice/2/parse)"))
        try:
            sizes = page_sizes(data)
            if len(sizes) > SYNC_MAX_PAGES:
                raise too_large
            memory = self.env["digitize.document"]._memory_for(account)
            result = extract(data, "invoice", limits=limits, memory=memory)
        except DocumentError as exc:
            if exc.code == "timeout":
                raise too_large from None
            raise smartscan.SmartscanError(400, f"the document cannot be read: {exc}") from None
        preview = self._preview(data) if "PREVIEW" in settings else None
        document = self.env["digitize.document"].sudo().create({
            "doc_type": "invoice", "source": "smartscan", "account_id": account.id or False,
            "company_id": (account.company_id or self._default_company()).id, "state": "done",
            "status": "success", "result": result, "feedback_subject": subject or False,
            "processed_at": fields.Datetime.now(), "memory_digest": memory and memory.digest,
        })
        response = smartscan.annotate_response(result, settings, sizes, preview)
        response["feedbackId"] = document.uuid
        return response

    def _smartscan_document(self, document):
        if "content" in document:
            return smartscan.decode_content(document["content"])
        uri = (document.get("source") or {}).get("httpUri") if isinstance(document.get("source"), dict) else None
        if not uri:
            raise smartscan.BadRequest("document needs 'content' or 'source.httpUri'")
        if not self._param("digitize.smartscan_allow_http_uri"):
            raise smartscan.BadRequest("fetching document.source.httpUri is disabled on this server")
        try:
            with guarded_request("GET", uri, timeout=10, stream=True) as response:
                if response.status_code != 200:
                    raise smartscan.BadRequest(f"httpUri answered {response.status_code}")
                chunks, size = [], 0
                for chunk in response.iter_content(65536):
                    size += len(chunk)
                    if size > smartscan.MAX_REQUEST_BYTES:
                        raise smartscan.BadRequest("the document at httpUri is larger than 10 MB")
                    chunks.append(chunk)
                return b"".join(chunks)
        except UnsafeUrl as exc:
            raise smartscan.BadRequest(f"httpUri refused: {exc}") from None
        except requests.RequestException as exc:
            raise smartscan.BadRequest(f"httpUri could not be fetched: {exc}") from None

    def _preview(self, data):
        if sniff_format(data) != "pdf":
            return None
        image = render_pdf_page(data, 0, dpi=72)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue()).decode()

    @api.model
    def _smartscan_valet_key(self, auth, body):
        _key, account, subject, _limit = auth
        if not account or subject is not None:
            raise smartscan.SmartscanError(403, "valet keys are issued with an API token only")
        body = body if isinstance(body, dict) else {}
        sub = body.get("sub")
        if sub is not None and not isinstance(sub, str):
            raise smartscan.SmartscanError(400, "sub must be a string")
        try:
            key_id, token = self.env["digitize.valet.key"]._issue(account, sub, body.get("exp"))
        except smartscan.BadRequest as exc:
            raise smartscan.SmartscanError(400, str(exc)) from None
        return {"id": key_id, "token": token}

    def _smartscan_documents(self, account):
        return self.env["digitize.document"].sudo().search([
            ("source", "=", "smartscan"), ("account_id", "=", account.id or False)])

    @api.model
    def _smartscan_feedback_create(self, auth, body):
        _key, account, subject, _limit = auth
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            raise smartscan.SmartscanError(400, "the body needs the feedback 'id'")
        try:
            tags = smartscan.validate_tags(body.get("tags"))
            values = smartscan.feedback_validation(body.get("true_values"))
        except smartscan.BadRequest as exc:
            raise smartscan.SmartscanError(400, str(exc)) from None
        document = self.env["digitize.document"].sudo().search([
            ("uuid", "=", body["id"]), ("source", "=", "smartscan"), ("account_id", "=", account.id or False)],
            limit=1)
        window = fields.Datetime.now() - timedelta(seconds=smartscan.FEEDBACK_WINDOW_SECONDS)
        if not document or document.create_date < window or document.validated_at:
            raise smartscan.SmartscanError(404, "no document awaiting feedback with this id")
        try:
            # a busy row is an expected answer (409), not a database error worth logging
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute("SELECT id FROM digitize_document WHERE id = %s FOR UPDATE NOWAIT",
                                    (document.id,), log_exceptions=False)
        except psycopg2.errors.LockNotAvailable:
            raise smartscan.SmartscanError(
                409, "feedback for this document is being recorded by another call") from None
        self.env.cr.execute("SELECT validated_at FROM digitize_document WHERE id = %s", (document.id,))
        if self.env.cr.fetchone()[0]:
            raise smartscan.SmartscanError(404, "feedback was already given for this document")
        all_tags = tags + ([document.feedback_subject] if document.feedback_subject else [])
        document.write({"validation": values, "validated_at": fields.Datetime.now(), "feedback_tags": all_tags})
        document._memory_learn()
        return {}

    @api.model
    def _smartscan_feedback_delete(self, auth, body):
        _key, account, _subject, _limit = auth
        try:
            tags = smartscan.validate_tags((body or {}).get("tags") if isinstance(body, dict) else None)
        except smartscan.BadRequest as exc:
            raise smartscan.SmartscanError(400, str(exc)) from None
        if not tags:
            raise smartscan.SmartscanError(400, "tags must not be empty")
        wanted = set(tags)
        documents = self._smartscan_documents(account).filtered(
            lambda d: wanted & set(d.feedback_tags or []))
        # deleted by the purge cron (a delayed job, as the API documents)
        documents.write({"feedback_delete_requested": True})
        documents._memory_forget()
        return {}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
