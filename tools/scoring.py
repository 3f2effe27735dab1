"""Comparison rules of the labelled datasets (docs/BENCHMARKS.rst, Method), used by the benchmark."""
import re
from difflib import SequenceMatcher

from engine.conventions.text import collapse, compact_code

AMOUNT_FIELDS = {"total", "subtotal", "total_tax_amount"}
DATE_FIELDS = {"date", "due_date"}
CODE_FIELDS = {"VAT_Number", "iban"}
# a phone number is its digits: spaces, dots and brackets are how it was printed (the datasets' README has
# no rule for phones; this is the benchmark's own, stated in README.rst)
PHONE_FIELDS = {"phone", "mobile"}


def normalise(field, value):
    if value is None:
        return None
    if field in AMOUNT_FIELDS:
        try:
            return round(float(value), 2)
        except (TypeError, ValueError):
            return None
    if field in CODE_FIELDS:
        return compact_code(str(value))
    if field in DATE_FIELDS:
        return str(value)[:10]
    if field in PHONE_FIELDS:
        return re.sub(r"\D", "", str(value))
    return collapse(str(value)).lower()


def field_matches(field, expected, predicted):
    if predicted is None:
        return False
    if field in AMOUNT_FIELDS:
        try:
            return abs(float(expected) - float(predicted)) <= 0.005
        except (TypeError, ValueError):
            return False
    return normalise(field, expected) == normalise(field, predicted)


def fuzzy(expected, predicted):
    if predicted is None:
        return 0.0
    return SequenceMatcher(None, collapse(str(expected)).lower(), collapse(str(predicted)).lower()).ratio()


LINE_KEYS = ("quantity", "unit_price", "subtotal")


def lines_f1(expected, predicted):
    """F1 over lines matched on (quantity, unit_price, subtotal) within 0.005.

    A key the truth leaves empty (None) is not compared, as a field with no truth is not scored; a truth line with
    none of the three (an empty row of the source data) is no line.
    """
    expected = [line for line in expected if any(line.get(k) is not None for k in LINE_KEYS)]
    if not expected and not predicted:
        return 1.0
    remaining = list(predicted)
    matched = 0
    for line in expected:
        for other in remaining:
            if all(_close(line[k], other.get(k)) for k in LINE_KEYS if line.get(k) is not None):
                matched += 1
                remaining.remove(other)
                break
    if not matched:
        return 0.0
    precision = matched / len(predicted)
    recall = matched / len(expected)
    return 2 * precision * recall / (precision + recall)


def _close(a, b):
    try:
        return abs(float(a) - float(b)) <= 0.005
    except (TypeError, ValueError):
        return False


def predicted_lines(result):
    lines = []
    for line in result.get("invoice_lines") or []:
        values = {}
        for key in ("quantity", "unit_price", "subtotal", "description"):
            feature = line.get(key) or {}
            if feature.get("selected_value"):
                values[key] = feature["selected_value"]["content"]
        lines.append(values)
    return lines


def text_field(field):
    return not (field in AMOUNT_FIELDS or field in DATE_FIELDS or field in CODE_FIELDS or field == "invoice_lines"
                or re.match(r"currency", field))
