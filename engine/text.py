"""Text normalisation shared by the extractors."""
import re
import unicodedata


def fold(text):
    """Lower case without accents, so labels match whatever the language's diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


def compact_code(text):
    """Upper case without spaces or punctuation (how VAT numbers and IBANs are compared)."""
    return re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
