"""Text normalisation shared by the extractors."""
import re
import unicodedata


_NUMBER_SIGNS = str.maketrans({"°": "o"})  # "N° de facture" is written with a degree sign as often as with "º"


def fold(text):
    """Lower case without accents, so labels match whatever the language's diacritics."""
    text = text.lower().translate(_NUMBER_SIGNS)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


def compact_code(text):
    """Upper case without spaces or punctuation (how VAT numbers and IBANs are compared)."""
    return re.sub(r"[^0-9A-Za-z]", "", text or "").upper()


def unaccent(text):
    """``text`` without diacritics, same length (OCR reads "ĀBNA" in an IBAN); unchanged if that is not possible."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return stripped if len(stripped) == len(text) else text
