"""Text normalisation shared by the extractors."""
import functools
import re
import unicodedata

_NUMBER_SIGNS = str.maketrans({"°": "o"})  # "N° de facture" is written with a degree sign as often as with "º"


def _without_marks(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=16384)  # label search folds the same few hundred line texts over and over
def fold(text):
    """Lower case without accents, so labels match whatever the language's diacritics."""
    return _without_marks(text.lower().translate(_NUMBER_SIGNS))


def aligned(folded, text):
    """``folded`` if it still lines up character for character with ``text`` (so match offsets apply to
    ``text``), else ``text`` in lower case."""
    return folded if len(folded) == len(text) else text.lower()


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


def compact_code(text):
    """Upper case without spaces or punctuation (how VAT numbers and IBANs are compared)."""
    return re.sub(r"[^0-9A-Za-z]", "", text or "").upper()


def unaccent(text):
    """``text`` without diacritics, same length (OCR reads "ĀBNA" in an IBAN); unchanged if that is not possible."""
    stripped = _without_marks(text)
    return stripped if len(stripped) == len(text) else text


# hyphens and dashes other than "-" that documents print between digit groups: the soft hyphen a PDF keeps from a
# word processor, the Unicode hyphen and non-breaking hyphen, figure dash, en dash and minus sign
_DASHES = str.maketrans({"\u00ad": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
                         "\ufe63": "-", "\uff0d": "-"})


def ascii_dashes(text):
    """``text`` with every hyphen-like character as "-", same length (positions in it stay those of ``text``)."""
    return (text or "").translate(_DASHES)
