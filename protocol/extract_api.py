"""Extract API: statuses, request parameters and result shapes of v12x (invoice 122, expense 132, applicant 102,
routes /api/extract/<type>/{1,2}/…) and of the legacy v120 (/iap/invoice_extract/…, /iap/expense_extract/…)."""
import base64
import binascii

DOC_TYPES = ("invoice", "expense", "applicant")
LATEST_VERSIONS = {"invoice": 122, "expense": 132, "applicant": 102}
LEGACY_VERSION = 120

# status → (deprecated status_code, status_msg), as the specs' tables give them
STATUSES = {
    "success": (0, "Success"),
    "processing": (1, "Not ready"),
    "error_internal": (2, "An error occurred"),
    "error_no_credit": (3, "You don't have enough credit"),
    "error_document_not_found": (4, "The document could not be found"),
    "error_unsupported_format": (6, "Unsupported file format"),
    "error_maintenance": (9, "Server is currently under maintenance. Please try again later."),
    "error_password_protected": (10, "Your PDF file is protected by a password"),
    "error_too_many_pages": (11, "Your document contains too many pages"),
    "error_validation_format": (12, "Validation format is incorrect"),
    "error_invalid_account_token": (13, "The account token is invalid"),
    "error_unsupported_size": (14, "The document is too large"),
}
# engine DocumentError codes → statuses
ENGINE_ERRORS = {
    "unsupported_format": "error_unsupported_format",
    "empty": "error_unsupported_format",
    "corrupt": "error_unsupported_format",
    "encrypted": "error_password_protected",
    "too_large": "error_unsupported_size",
    "timeout": "error_unsupported_size",  # too heavy to read within the time budget (DIGITIZE_TIME_BUDGET)
}


class RequestError(Exception):
    """A request whose parameters the API answers with an error status (inside a successful result)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def status_body(status, legacy=False, **extra):
    """``{"status", "status_code", "status_msg", …}`` (v12x) or ``{"status_code", "status_msg", …}`` (v120)."""
    code, message = STATUSES[status]
    body = {"status_code": code, "status_msg": message} if legacy else {
        "status": status, "status_code": code, "status_msg": message}
    body.update(extra)
    return body


def is_legacy(version, doc_type):
    """v120 (integer document_id, numeric statuses, legacy feature shapes) or the current protocol."""
    try:
        version = int(version) if version is not None else None
    except (TypeError, ValueError):
        version = None
    # LATEST_VERSIONS: the versions that introduced document_uuid
    return version is not None and version < LATEST_VERSIONS.get(doc_type, 122)


# ------------------------------------------------------------------------------------------- parse
def pick_document(documents):
    """The bytes to process: the first PDF of ``documents`` (base64 strings), else the first one."""
    if not isinstance(documents, list) or not documents or not all(isinstance(d, str) for d in documents):
        raise RequestError("error_unsupported_format")
    decoded = []
    for text in documents:
        try:
            decoded.append(base64.b64decode(text.encode("ascii"), validate=False))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            decoded.append(b"")
    for data in decoded:
        if data[:1024].find(b"%PDF-") >= 0:
            return data
    if not decoded[0]:
        raise RequestError("error_unsupported_format")
    return decoded[0]


def clean_user_infos(user_infos):
    """The known ``user_infos`` keys as strings; anything else is dropped."""
    keys = ("user_company_vat", "user_company_name", "user_company_country_code", "user_lang", "user_email",
            "purchase_order_regex", "perspective")
    if not isinstance(user_infos, dict):
        return {}
    cleaned = {k: str(user_infos[k]) for k in keys if user_infos.get(k) not in (None, "", False)}
    if cleaned.get("perspective") not in (None, "client", "supplier"):
        cleaned.pop("perspective")
    return cleaned


def document_keys(params, batch=False):
    """The document references of a get_result/validate request: uuids (str) or legacy ids (int)."""
    if batch:
        for key in ("documents_uuids", "document_uuids", "documents_tokens", "documents_ids"):
            if key in params:
                value = params[key]
                if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                    raise RequestError("error_document_not_found")
                return [str(v) for v in value]
        raise RequestError("error_document_not_found")
    for key in ("document_uuid", "document_token", "document_id"):
        if key in params and isinstance(params[key], (str, int)) and not isinstance(params[key], bool):
            return [str(params[key])]
    raise RequestError("error_document_not_found")


# ------------------------------------------------------------------------------------------- results
def legacy_result(result, doc_type):
    """A v12x result turned into the v120 shape (what the server role answers; ``from_legacy`` is the other
    direction): ``words`` beside ``candidates``, dates with a time,
    ``global_taxes_amount`` for ``total_tax_amount`` and ``global_taxes`` (rates, ``selected_values``)."""
    converted = {}
    for name, feature in result.items():
        if name in ("full_text_annotation",):
            converted[name] = feature
        elif name == "invoice_lines":
            converted[name] = [{k: _legacy_feature(k, v) for k, v in line.items()} for line in feature]
        else:
            converted[name] = _legacy_feature(name, feature)
    if doc_type == "invoice" and "total_tax_amount" in converted:
        converted["global_taxes_amount"] = converted.pop("total_tax_amount")
        rates = {}
        for line in result.get("invoice_lines") or []:
            for cand in (line.get("taxes") or {}).get("selected_values", []):
                rates.setdefault(cand["content"], dict(cand, amount_type="percent"))
        values = list(rates.values())
        converted["global_taxes"] = {"selected_values": values, "words": values, "candidates": values}
    return converted


def _legacy_feature(name, feature):
    if not isinstance(feature, dict):
        return feature
    converted = dict(feature)
    if "candidates" in feature:
        converted["words"] = feature["candidates"]
    if name in ("date", "due_date"):
        for key in ("selected_value",):
            if converted.get(key):
                converted[key] = dict(converted[key], content=_with_time(converted[key]["content"]))
        converted["words"] = converted["candidates"] = [
            dict(c, content=_with_time(c["content"])) for c in feature.get("candidates", [])]
    return converted


def _with_time(value):
    return f"{value} 00:00:00" if isinstance(value, str) and len(value) == 10 else value


def from_legacy(entry, token=None):
    """A v120 answer in the v12x shape (what the client role reads from an old server; ``legacy_result`` is the
    other direction): string status from the status code, ``candidates`` from ``words``,
    ``total_tax_amount`` from ``global_taxes_amount``, the time cut off the selected dates."""
    codes = {code: status for status, (code, _msg) in STATUSES.items()}
    status = codes.get(entry.get("status_code"), "error_internal")
    result = {"status": status, "status_msg": entry.get("status_msg", "")}
    if token:
        result["document_token"] = token
    if "results" in entry:
        converted = []
        for features in entry["results"]:
            features = dict(features)
            for name, feature in list(features.items()):
                if isinstance(feature, dict) and "words" in feature and "candidates" not in feature:
                    features[name] = dict(feature, candidates=feature["words"])
            if "global_taxes_amount" in features and "total_tax_amount" not in features:
                features["total_tax_amount"] = features["global_taxes_amount"]
            for name in ("date", "due_date"):
                value = (features.get(name) or {}).get("selected_value")
                if value and isinstance(value.get("content"), str):
                    value["content"] = value["content"][:10]
            converted.append(features)
        result["results"] = converted
    return result


def integration_result(doc_type):
    """The fixed result of test mode (``integration_token``): documented, stable, never parsed from a file."""
    def one(content, coords=(0.5, 0.5, 0.1, 0.02, 0.0)):
        candidate = {"content": content, "coords": list(coords), "page": 0}
        return {"selected_value": candidate, "candidates": [candidate]}

    if doc_type == "expense":
        return {"description": one("Integration test receipt"), "country": one("BE"), "date": one("2024-01-15"),
                "total": one(42.5), "currency": one("EUR"), "bill_reference": one("TEST-0001"),
                "supplier": one("Integration Test Shop"), "full_text_annotation": "Integration test receipt"}
    if doc_type == "applicant":
        return {"name": one("Integration Test"), "email": one("integration.test@example.com"),
                "phone": one("+32 2 123 45 67"), "mobile": one("+32 470 12 34 56"),
                "full_text_annotation": "Integration Test"}
    return {
        "SWIFT_code": one('{"bic": "GEBABEBB", "country_code": "BE", "verified_bic": false}'),
        "iban": one("BE71096123456769"), "aba": {"candidates": []}, "VAT_Number": one("BE0477472701"),
        "qr-bill": {"candidates": []}, "payment_ref": one("+++123/4567/89012+++"),
        "purchase_order": {"selected_values": [], "candidates": []}, "country": one("BE"), "currency": one("EUR"),
        "date": one("2024-01-15"), "due_date": one("2024-02-14"), "total_tax_amount": one(21.0),
        "invoice_id": one("INV/2024/0001"), "subtotal": one(100.0), "total": one(121.0),
        "supplier": one("Integration Test Supplier"), "client": one("Integration Test Client"),
        "email": one("billing@example.com"), "website": one("www.example.com"),
        "invoice_lines": [{"description": one("Integration test product"), "quantity": one(1.0),
                           "unit_price": one(100.0), "subtotal": one(100.0), "total": one(121.0),
                           "taxes": {"selected_values": [{"content": 21.0, "coords": [0.5, 0.5, 0.1, 0.02, 0.0],
                                                          "page": 0, "amount_type": "percent"}],
                                     "candidates": []}}],
        "full_text_annotation": "Integration test invoice",
    }


# ------------------------------------------------------------------------------------------- validate
def check_validation(values, doc_type):
    """Whether ``values`` has the validation shape of the spec: ``{feature: {"content": …}}``, invoice lines as
    ``{"lines": [...]}`` and an optional ``merged_lines`` boolean."""
    if not isinstance(values, dict) or not values:
        return False
    for name, validation in values.items():
        if name == "merged_lines":
            if not isinstance(validation, bool):
                return False
            continue
        if name == "invoice_lines":
            if not isinstance(validation, dict) or not isinstance(validation.get("lines"), list):
                return False
            if not all(isinstance(line, dict) for line in validation["lines"]):
                return False
            continue
        if name == "global_taxes" and isinstance(validation, dict) and isinstance(validation.get("content"), list):
            continue
        if not isinstance(validation, dict) or "content" not in validation:
            return False
        if not isinstance(validation["content"], (str, int, float, bool, type(None), list, dict)):
            return False
    return True
