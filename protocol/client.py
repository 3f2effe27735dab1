"""Transport of the client role: the HTTP clients of a remote Extract API endpoint (v12x, falling back to the
legacy v120 routes of old servers such as Flectra) and of a Smartscan endpoint, their requests sessions, and how
HTTP and network failures become statuses (``error_no_connection`` and the others below).

What the answers mean is not here: each mapping lives, both directions, beside its server side:
``extract_api.from_legacy`` (v120 answer → v12x shape) and ``smartscan.to_extract_result`` (annotate answer →
Extract API features); ``smartscan.validation_true_values`` turns validation values into feedback."""
import uuid

import requests

from . import extract_api, jsonrpc, smartscan

TIMEOUT = 30
NO_CONNECTION = "error_no_connection"


def _no_connection(detail):
    return {"status": NO_CONNECTION, "status_msg": f"Server not available: {detail}"}


class _HttpClient:
    def __init__(self, url, token, session=None, timeout=TIMEOUT):
        self.url = (url or "").rstrip("/")
        self.token = token
        self.http = session or requests.Session()
        self.timeout = timeout


class ExtractApiClient(_HttpClient):
    """Talks to any server speaking the Extract API (another Digitize database, Odoo's service, Flectra)."""

    def _call(self, path, params):
        body = jsonrpc.request_body(params, uuid.uuid4().hex)
        response = self.http.post(self.url + path, json=body, timeout=self.timeout)
        if response.status_code == 404:
            raise LookupError(path)
        response.raise_for_status()
        payload = response.json()
        if "error" in payload:
            raise ValueError(payload["error"].get("message", "JSON-RPC error"))
        return payload["result"]

    def _guarded(self, call):
        try:
            return call()
        except (requests.RequestException, ValueError, LookupError) as exc:
            return _no_connection(exc)

    def parse(self, doc_type, document_b64, user_infos=None, webhook_url=None, dbuuid=None):
        params = {"account_token": self.token, "version": extract_api.LATEST_VERSIONS[doc_type],
                  "documents": [document_b64], "user_infos": user_infos or {}}
        if webhook_url:
            params["webhook_url"] = webhook_url
        if dbuuid:
            params["dbuuid"] = dbuuid

        def call():
            try:
                result = self._call(f"/api/extract/{doc_type}/1/parse", params)
                result.setdefault("document_token", result.get("document_uuid"))
                return result
            except LookupError:
                if doc_type == "applicant":
                    raise
                legacy = self._call(f"/iap/{doc_type}_extract/parse", dict(params, version=extract_api.LEGACY_VERSION))
                return extract_api.from_legacy(legacy, token=f"legacy:{legacy.get('document_id')}")
        return self._guarded(call)

    def get_result_batch(self, doc_type, tokens):
        """{token: entry}; entries in the v12x shape."""
        modern = [t for t in tokens if not t.startswith("legacy:")]
        legacy = [t for t in tokens if t.startswith("legacy:")]
        entries = {}
        if modern:
            params = {"account_token": self.token, "version": extract_api.LATEST_VERSIONS[doc_type],
                      "documents_uuids": modern}
            answer = self._guarded(lambda: self._call(f"/api/extract/{doc_type}/1/get_result_batch", params))
            failed = "status" in answer and answer["status"] == NO_CONNECTION
            for token in modern:
                entries[token] = answer if failed else answer.get(token, extract_api.status_body(
                    "error_document_not_found"))
        for token in legacy:
            document_id = int(token.split(":", 1)[1])
            path = "/iap/invoice_extract/get_results" if doc_type == "invoice" else "/iap/expense_extract/get_result"
            params = {"account_token": self.token, "version": extract_api.LEGACY_VERSION}
            params.update({"documents_ids": [document_id]} if doc_type == "invoice" else {"document_id": document_id})
            answer = self._guarded(lambda path=path, params=params: self._call(path, params))
            if "status" in answer:
                entries[token] = answer
            else:
                entry = answer.get(str(document_id), answer) if doc_type == "invoice" else answer
                entries[token] = extract_api.from_legacy(entry)
        return entries

    def validate_batch(self, doc_type, documents):
        modern = {t: v for t, v in documents.items() if not t.startswith("legacy:")}
        result = {"status": "success"}
        if modern:
            result = self._guarded(lambda: self._call(f"/api/extract/{doc_type}/1/validate_batch",
                                                      {"account_token": self.token, "documents": modern}))
        for token, values in documents.items():
            if token.startswith("legacy:"):
                path = f"/iap/{doc_type}_extract/validate"
                params = {"account_token": self.token, "version": extract_api.LEGACY_VERSION,
                          "document_id": int(token.split(":", 1)[1]), "values": values}
                answer = self._guarded(lambda path=path, params=params: self._call(path, params))
                if answer.get("status") == NO_CONNECTION:
                    result = answer
        return result


class SmartscanClient(_HttpClient):
    """Annotate is request/reply: parse returns the result at once; validate is feedback:create."""

    def _post(self, path, body):
        response = self.http.post(self.url + path, json=body, timeout=self.timeout,
                                  headers={"Authorization": f"Bearer {self.token}"})
        return response

    def annotate(self, document_b64):
        """(status, v12x-like results or None, feedback id)."""
        body = {"document": {"content": document_b64},
                "features": [{"type": "DEFAULT"}, {"type": "IBAN"}, {"type": "TEXT"}]}
        try:
            response = self._post("/v1/document:annotate", body)
        except requests.RequestException as exc:
            return _no_connection(exc), None
        if response.status_code == 429:
            return {"status": "error_maintenance", "status_msg": "Smartscan rate limit reached"}, None
        if response.status_code in (401, 403):
            return {"status": "error_invalid_account_token", "status_msg": "Smartscan refused the token"}, None
        if response.status_code == 413:
            return {"status": "error_unsupported_size", "status_msg": "The document is larger than 10 MB"}, None
        if response.status_code != 200:
            return {"status": "error_unsupported_format", "status_msg": response.text[:200]}, None
        return {"status": "success", "document_token": response.json().get("feedbackId")}, smartscan.to_extract_result(
            response.json())

    def feedback(self, feedback_id, true_values, tags=None):
        try:
            response = self._post("/v1/feedback:create", {"id": feedback_id, "tags": tags or [],
                                                          "true_values": true_values})
        except requests.RequestException as exc:
            return _no_connection(exc)
        return {"status": "success" if response.status_code in (200, 404) else "error_internal"}
