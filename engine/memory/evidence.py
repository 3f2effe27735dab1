"""What names a supplier on its documents: tax numbers, IBAN, phone numbers, the words of its letterhead and
address, the layout of the page's head, and the names the page prints. Each is a key ("tax:…", "word:…") a
memory indexes; the words of a page that change from one document to the next rarely become keys."""
import re

from ..conventions.text import compact_code, fold

HEAD_SHARE = 0.3  # the top of the first page: letterhead and address
HEAD_LINES = 14
_TAX_LABEL = re.compile(r"\b(VAT|GST|TAX|TVA|IVA|BTW|MWST|UST|USTID|UID|STEUER\w*|SIRE[NT]|ABN|TIN|NPWP|ROC|"
                        r"REG\w*|CO\.?\s?NO|COMPANY\s+NO|NIF|CIF|P\.?\s?IVA|KVK|HRB)\b", re.I)
_PHONE_LABEL = re.compile(r"\b(TEL\w*|PHONE|FAX|MOBILE|MOB|HP|T[ÉE]L[ÉE]?PHONE|FON|H/P)\b|☎", re.I)
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?)\b")
_VAT = re.compile(r"\b([A-Z]{2}\s?\d[\d\s.]{7,13}\d[A-Z]?)\b")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9.\-/ ]{4,22}[A-Z0-9]", re.I)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,18}\d")
_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b")
_WORD = re.compile(r"[A-Z]{3,}")


def compact(text):
    """``text`` as a key: unaccented, upper case, letters and digits only (ß as SS)."""
    return compact_code(fold(str(text)).upper())


def name_key(name):
    key = compact(name)
    return f"name:{key}" if len(key) >= 3 else None


def document_keys(pages, names=()):
    """{key: kind} for ``pages``: kind "id" (a number or name printed once per supplier) or "word"/"layout"."""
    keys = {}
    lines = [line for page in pages for line in page.lines]
    head = _head_lines(pages)
    for line in lines:
        text = line.text
        for match in _IBAN.finditer(text.upper()):
            code = compact(match.group(1))
            if 15 <= len(code) <= 34:
                keys[f"iban:{code}"] = "id"
        for match in _VAT.finditer(text.upper()):
            code = compact(match.group(1))
            if 10 <= len(code) <= 15:
                keys[f"tax:{code}"] = "id"
        label = _TAX_LABEL.search(text)
        if label:
            for match in _CODE.finditer(text[label.end():]):
                code = compact(match.group(0))
                if sum(c.isdigit() for c in code) >= 5 and len(code) <= 20:
                    keys[f"tax:{code}"] = "id"
        if line in head or _PHONE_LABEL.search(text):
            for match in _PHONE.finditer(text):
                digits = re.sub(r"\D", "", match.group(0))
                if 8 <= len(digits) <= 15 and not re.search(r"\d[.,]\d{2}$", match.group(0)) \
                        and not _DATE.search(match.group(0)):
                    keys[f"tel:{digits[-8:]}"] = "id"
    for line in head:
        for word in _WORD.findall(fold(line.text).upper()):
            keys.setdefault(f"word:{word}", "word")
    keys.setdefault(layout_key(head), "layout")
    for name in names:
        key = name_key(name)
        if key:
            keys[key] = "id"
    return keys


def _head_lines(pages):
    if not pages or not pages[0].lines:
        return []
    lines = pages[0].lines
    return [line for line in lines[:HEAD_LINES] if line.y0 <= HEAD_SHARE] or lines[:3]


def layout_key(head):
    """The head's shape, coarse enough for two scans of one letterhead to agree: where its first lines
    stand across the page and how tall they are."""
    shape = [f"{int(line.x0 * 4)}{int(line.x1 * 4)}{min(9, int(line.height * 100))}" for line in head[:4]]
    return "layout:" + "-".join(shape)
