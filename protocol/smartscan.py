"""Visma Smartscan REST API: request checks, its error answers, and both directions of each mapping: engine
result → annotate response (``annotate_response``) and back (``to_extract_result``); feedback ``true_values`` →
validation (``feedback_validation``) and back (``validation_true_values``). Transport is protocol/client.py."""
import base64
import binascii
import re

MAX_REQUEST_BYTES = 10485760
RATE_LIMIT = 300  # requests per rolling minute and token
RATE_WINDOW = 60
DEMO_RATE_LIMIT = 10  # the "demo" token is heavily rate limited
VALET_DEFAULT_SECONDS = 8 * 3600
VALET_MAX_SECONDS = 48 * 3600
FEEDBACK_WINDOW_SECONDS = 24 * 3600

LEVELS = ("VERY_LOW", "LOW", "MID", "HIGH", "VERY_HIGH")
# Smartscan feature → (response key, engine invoice feature)
FEATURES = {
    "ORDER_DATE": ("orderDate", "date"),
    "PAYMENT_DUE_DATE": ("paymentDueDate", "due_date"),
    "CURRENCY": ("currency", "currency"),
    "TOTAL_VAT": ("totalVat", "total_tax_amount"),
    "TOTAL_INCL_VAT": ("totalInclVat", "total"),
    "TOTAL_EXCL_VAT": ("totalExclVat", "subtotal"),
    "SUPPLIER_CORPORATE_ID": ("supplierCorporateId", "VAT_Number"),
    "SUPPLIER_COUNTRY_CODE": ("supplierCountryCode", "country"),
    "DOCUMENT_TYPE": ("documentType", None),
    "PAYMENT_METHOD": ("paymentMethod", None),
    "CREDIT_CARD_LAST_FOUR": ("creditCardLastFour", None),
    "INVOICE_NUMBER": ("invoiceNumber", "invoice_id"),
    "OCR_LINE_DK_TYPE": ("ocrLineDkType", None),
    "OCR_LINE_DK_PAYMENT_ID": ("ocrLineDkPaymentId", None),
    "OCR_LINE_DK_CREDITOR_ID": ("ocrLineDkCreditorId", None),
    "OCR_LINE_SE_PAYMENT_ID": ("ocrLineSePaymentId", None),
    "OCR_LINE_SE_BANKGIRO_CREDITOR_ID": ("ocrLineSeBankgiroCreditorId", None),
    "OCR_LINE_SE_PLUSGIRO_CREDITOR_ID": ("ocrLineSePlusgiroCreditorId", None),
    "OCR_LINE_NO_PAYMENT_ID": ("ocrLineNoPaymentId", None),
    "OCR_LINE_FI_PAYMENT_ID": ("ocrLineFiPaymentId", None),
    "OCR_LINE_NL_PAYMENT_ID": ("ocrLineNlPaymentId", None),
    "IBAN": ("iban", "iban"),
    "TEXT": ("text", None),
    "TEXT_ANNOTATION": ("textAnnotation", None),
    "LINES": ("lines", None),
    "PREVIEW": ("preview", None),
}
DEFAULT_SET = ("ORDER_DATE", "PAYMENT_DUE_DATE", "CURRENCY", "TOTAL_VAT", "TOTAL_INCL_VAT", "TOTAL_EXCL_VAT",
               "SUPPLIER_CORPORATE_ID", "SUPPLIER_COUNTRY_CODE", "DOCUMENT_TYPE", "PAYMENT_METHOD",
               "CREDIT_CARD_LAST_FOUR", "INVOICE_NUMBER")
# feedback true_values → Extract API validation features
TRUE_VALUES = {"currency": "currency", "invoice_number": "invoice_id", "order_date": "date",
               "payment_due_date": "due_date", "total_excl_vat": "subtotal", "total_incl_vat": "total",
               "total_vat": "total_tax_amount"}


class BadRequest(Exception):
    """400: the request body does not have the shape the API documents."""


class SmartscanError(Exception):
    """An HTTP error answer of the Smartscan API: (HTTP status, gRPC-style code name, message)."""

    GRPC = {400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 413: 8, 429: 8, 500: 13}

    def __init__(self, http_status, message):
        super().__init__(message)
        self.http_status = http_status
        self.message = message
        self.headers = None  # the rate-limit headers, once the call was counted

    def payload(self):
        return {"code": self.GRPC.get(self.http_status, 2), "message": self.message, "details": []}


def level_of(score):
    if score >= 0.85:
        return "VERY_HIGH"
    if score >= 0.65:
        return "HIGH"
    if score >= 0.45:
        return "MID"
    if score >= 0.25:
        return "LOW"
    return "VERY_LOW"


def decode_content(text):
    """Strict RFC 4648 base64 (MIME line breaks are refused, as the API documents)."""
    if not isinstance(text, str) or not text:
        raise BadRequest("document.content must be a non-empty base64 string")
    if "\n" in text or "\r" in text:
        raise BadRequest("document.content must be RFC 4648 base64 without line breaks (not MIME base64)")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest("document.content is not valid base64") from None


def requested_features(features):
    """{FEATURE: (maxResults, minConfidence)}; DEFAULT expands, a specific setting wins over DEFAULT's."""
    if features is None:
        features = [{"type": "DEFAULT"}]
    if not isinstance(features, list) or not features:
        raise BadRequest("features must be a non-empty list")
    settings, defaults = {}, None
    for item in features:
        if not isinstance(item, dict) or item.get("type") not in set(FEATURES) | {"DEFAULT"}:
            raise BadRequest(f"unknown feature {item!r}")
        max_results = item.get("maxResults", 1)
        min_confidence = item.get("minConfidence", "HIGH")
        if not isinstance(max_results, int) or isinstance(max_results, bool) or max_results < 1:
            raise BadRequest("maxResults must be a positive integer")
        if min_confidence not in LEVELS:
            raise BadRequest(f"minConfidence must be one of {', '.join(LEVELS)}")
        if item["type"] == "DEFAULT":
            defaults = (max_results, min_confidence)
        else:
            settings[item["type"]] = (max_results, min_confidence)
    if defaults:
        for name in DEFAULT_SET:
            settings.setdefault(name, defaults)
    return settings


def _box(coords, size):
    cx, cy, w, h = coords[:4]
    corners = [(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)]
    width, height = size
    return {"normalizedVertices": [{"x": round(x, 7), "y": round(y, 7)} for x, y in corners],
            "vertices": [{"x": int(round(x * width)), "y": int(round(y * height))} for x, y in corners]}


def _value(name, content):
    if isinstance(content, float):
        return f"{content:.2f}"
    return str(content)


def annotate_response(result, settings, page_sizes, preview=None):
    """The annotate JSON for an engine invoice result, filtered by each feature's maxResults/minConfidence."""
    response = {}
    text = result.get("full_text_annotation", "")
    for feature, (max_results, min_confidence) in settings.items():
        key, source = FEATURES[feature]
        threshold = LEVELS.index(min_confidence)
        if feature == "TEXT":
            response[key] = text
            continue
        if feature == "PREVIEW":
            if preview:
                response[key] = preview
            continue
        if feature == "TEXT_ANNOTATION":
            response[key] = {"text": text, "pages": [{"width": w, "height": h} for w, h in page_sizes]}
            continue
        if feature == "LINES":
            response[key] = [_line(line) for line in result.get("invoice_lines") or []]
            continue
        answers = []
        if source:
            for cand in (result.get(source) or {}).get("candidates", []):
                answers.append((cand.get("score", 0.5), _value(source, cand["content"]), cand))
        elif feature == "DOCUMENT_TYPE":
            answers.append((0.7, document_type(text), None))
        elif feature == "PAYMENT_METHOD":
            method = payment_method(text)
            if method:
                answers.append((0.5, method, None))
        elif feature == "CREDIT_CARD_LAST_FOUR":
            last_four = card_last_four(text)
            if last_four:
                answers.append((0.5, last_four, None))
        kept = []
        for score, value, cand in answers:
            level = level_of(score)
            if LEVELS.index(level) < threshold:
                continue
            entry = {"confidence": {"level": level}, "value": value}
            if cand is not None:
                entry["text"] = str(cand["content"])
                size = page_sizes[cand.get("page", 0)] if cand.get("page", 0) < len(page_sizes) else (1, 1)
                if any(cand["coords"][:4]):
                    entry["boundingBox"] = _box(cand["coords"], size)
            kept.append(entry)
        if kept:
            response[key] = kept[:max_results]
    return response


def to_extract_result(annotation):
    """A Smartscan annotate answer as Extract API invoice features (what the client role fills records from;
    ``annotate_response`` is the other direction)."""
    levels = {level: 0.2 + 0.2 * index for index, level in enumerate(LEVELS)}
    result = {}
    for key, source in FEATURES.values():
        if not source or key not in annotation:
            continue
        candidates = []
        for item in annotation[key]:
            value = item.get("value")
            if source in ("total", "subtotal", "total_tax_amount"):
                try:
                    value = float(value)
                except (TypeError, ValueError):
                    continue
            coords = [0.0, 0.0, 0.0, 0.0, 0.0]
            vertices = (item.get("boundingBox") or {}).get("normalizedVertices")
            if vertices and len(vertices) == 4:
                xs = [v.get("x", 0) for v in vertices]
                ys = [v.get("y", 0) for v in vertices]
                coords = [(min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, max(xs) - min(xs), max(ys) - min(ys), 0.0]
            score = levels.get((item.get("confidence") or {}).get("level"), 0.5)
            candidates.append({"content": value, "coords": coords, "page": 0, "score": score})
        if candidates:
            result[source] = {"selected_value": candidates[0], "candidates": candidates}
    result["full_text_annotation"] = annotation.get("text", "")
    return result


def _line(line):
    def content(name):
        value = (line.get(name) or {}).get("selected_value")
        return value["content"] if value else None

    return {"text": content("description") or "", "quantity": content("quantity"), "unitPrice": content("unit_price"),
            "total": content("subtotal")}


def document_type(text):
    lowered = text.lower()
    if re.search(r"\b(receipt|kassenbon|quittung|ticket de caisse|bon|kvittering|kuitti|cash|change|tunai)\b", lowered):
        return "Receipt"
    return "Invoice"


def payment_method(text):
    lowered = text.lower()
    if re.search(r"\b(visa|mastercard|maestro|amex|credit card|debit card|card|karte|carte bancaire|dankort)\b",
                 lowered):
        return "CreditCard"
    if re.search(r"\b(cash|bar|espèces|especes|kontant|tunai)\b", lowered):
        return "Cash"
    return None


def card_last_four(text):
    match = re.search(r"(?:\*{2,}|x{2,}|X{2,})[\s*xX]*(\d{4})\b", text)
    return match.group(1) if match else None


def feedback_validation(true_values):
    """Smartscan ``true_values`` → Extract API validation values (``{feature: {"content": …}}``)."""
    if not isinstance(true_values, dict) or not true_values:
        raise BadRequest("true_values must be a non-empty object")
    values = {}
    for key, value in true_values.items():
        feature = TRUE_VALUES.get(key)
        if feature is None:
            raise BadRequest(f"unknown true value {key!r}")
        if isinstance(value, dict):
            try:
                value = f"{int(value['year']):04d}-{int(value['month']):02d}-{int(value['day']):02d}"
            except (KeyError, TypeError, ValueError):
                raise BadRequest(f"{key} must be {{year, month, day}}") from None
        values[feature] = {"content": value}
    return values


def validation_true_values(values):
    """Extract API validation values → Smartscan ``true_values`` (the features Smartscan knows): what the client
    role sends as feedback; ``feedback_validation`` is the other direction."""
    reverse = {feature: key for key, feature in TRUE_VALUES.items()}
    true_values = {}
    for feature, validation in values.items():
        key = reverse.get(feature)
        if not key or not isinstance(validation, dict) or validation.get("content") in (None, "", False):
            continue
        content = validation["content"]
        if key in ("order_date", "payment_due_date"):
            year, month, day = (int(part) for part in str(content)[:10].split("-"))
            content = {"year": year, "month": month, "day": day}
        true_values[key] = content
    return true_values


def validate_tags(tags):
    if tags is None:
        return []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise BadRequest("tags must be a list of non-empty strings")
    return tags
