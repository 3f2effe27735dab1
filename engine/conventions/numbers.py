"""Amounts as printed in EN/FR/DE/NL/ES/IT/PT documents: 1.234,56 / 1,234.56 / 1 234,56 / 1'234.56."""
import re

# A number as printed, with optional sign, grouping (space, dot, comma, apostrophe) and decimals.
AMOUNT_RE = re.compile(
    # an amount may be glued to its currency: "RM39.00", "EUR12,50"
    r"(?:(?<=RM)|(?<=Rm)|(?<=EUR)|(?<=USD)|(?<=GBP)|(?<=CHF)|(?<=SGD)|(?<=MYR)|(?<=INR)|(?<=\bRs)|(?<=\bRs\.)|"
    r"(?<![\w.,]))"
    r"(?P<sign>[-−–])?\s?(?P<num>\d{1,3}(?:[ .,'’\u00a0\u202f]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?)"
    r"(?P<trail>-)?(?![\w]|[.,]\d|[/:]\d)"
)
# a piece of a date or a time ("30/04/2017", "20:22") is no amount
_IN_DATE_OR_TIME = re.compile(r"\d[/:]$")
# Two amounts printed without a gap ("163,16183,14": a tax in two currencies): each has two decimals.
_GLUED_PAIR_RE = re.compile(r"(?<![\w.,])(\d+([.,])\d{2})(\d+\2\d{2})(?![\w]|[.,]\d)")
# A receipt's tax code glued to an amount ("75.00SR", "13.94ZR", "2.45S"; "0,29E" for a euro sign): the amount
# stands, with its cents, unless the letters are a unit or a time of day ("1.25L", "0.50KG", "57.07PM").
_TAX_CODE_GLUED_RE = re.compile(
    r"(?<![\w.,])(?P<sign>-)?(?P<num>\d{1,3}(?:[.,]\d{3})*[.,]\d{2})"
    r"(?=(?!(?:L|G|M|H|X|KG|ML|CL|CM|MM|AM|PM)\b)[A-Z]{1,2}\b)"
)
# Cents printed (or read) without their leading zero: "Rounding Adj .02", "Tax .14".
_BARE_CENTS_RE = re.compile(r"(?<![^\s(])(?P<sign>-)?[.,](?P<cents>\d{2})(?![\w]|[.,]\d)")
_CURRENCY_NOISE = re.compile(r"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF|RM|MYR|SGD|CAD|AUD|JPY|INR)(?=\d|\b)|\bRs\.?(?=\s?\d)",
                             re.I)


def parse_amount(text, decimal_hint=None):
    """The float an amount string stands for, or None. ``decimal_hint`` ('.' or ',') breaks ties."""
    if text is None:
        return None
    cleaned = _CURRENCY_NOISE.sub(" ", str(text)).strip()
    match = AMOUNT_RE.fullmatch(cleaned.replace("( ", "(").strip("() ")) if cleaned else None
    if not match:
        return None
    return _value(match, decimal_hint)


def find_amounts(text, decimal_hint=None):
    """[(value, start, end, has_decimals)] for every amount-looking number in ``text``."""
    found = []
    for match in AMOUNT_RE.finditer(text):
        value = _value(match, decimal_hint) if _stands_alone(text, match) else None
        if value is not None:
            found.append((value, match.start(), match.end(), _has_decimals(match.group("num"), decimal_hint)))
    for match in _TAX_CODE_GLUED_RE.finditer(text):
        value = _value(match, decimal_hint) if _stands_alone(text, match) else None
        if value is not None:
            found.append((value, match.start(), match.end(), True))
    for match in _BARE_CENTS_RE.finditer(text):
        value = int(match.group("cents")) / 100
        found.append((-value if match.group("sign") else value, match.start(), match.end(), True))
    for match in _GLUED_PAIR_RE.finditer(text):
        for group in (1, 3):
            digits = _normalise(match.group(group), decimal_hint)
            if digits is not None:
                found.append((float(digits), match.start(group), match.end(group), True))
    found.sort(key=lambda item: item[1])
    return found


def _stands_alone(text, match):
    """False for a piece of a date or a time ("30/04/2017", "12:30.00SR") and for a rate ("19,00 %")."""
    if _IN_DATE_OR_TIME.search(text[max(0, match.start() - 2):match.start()]):
        return False
    return not text[match.end():match.end() + 2].strip().startswith("%")


def _has_decimals(num, decimal_hint):
    last = max(num.rfind("."), num.rfind(","))
    if last < 0:
        return False
    tail = len(num) - last - 1
    if tail == 3:
        # 1.234 groups thousands unless told; 0.025 cannot
        return (decimal_hint is not None and num[last] == decimal_hint) or num.lstrip("-")[:2] in ("0.", "0,")
    return tail >= 1  # 12,5 / 12,50 / 86,5500 (unit prices often carry four decimals)


def _value(match, decimal_hint):
    num = match.group("num")
    negative = bool(match.group("sign") or match.groupdict().get("trail"))
    digits = _normalise(num, decimal_hint)
    if digits is None:
        return None
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


def _normalise(num, decimal_hint):
    num = re.sub(r"[ '’\u00a0\u202f]", "", num)
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal = "." if num.rfind(".") > num.rfind(",") else ","
    elif dots + commas == 0:
        return num
    else:
        sep = "." if dots else ","
        if dots + commas > 1:
            if len(num) - num.rfind(sep) - 1 != 3:
                return None  # "39.092.34": groups of three or nothing
            decimal = None  # repeated: thousands grouping
        else:
            tail = len(num) - num.rfind(sep) - 1
            if tail == 3 and not num.startswith("0"):
                # 1.234 / 1,234: grouping unless the document's language says otherwise
                decimal = sep if decimal_hint == sep else None
            else:
                decimal = sep
    if decimal is None:
        return num.replace(".", "").replace(",", "")
    other = "," if decimal == "." else "."
    if num.count(decimal) > 1:
        return None
    return num.replace(other, "").replace(decimal, ".")


def decimal_separator(lang):
    """The decimal separator a locale prints: ',' for most of continental Europe, '.' otherwise."""
    if not lang:
        return None
    return "," if lang[:2].lower() in {"fr", "de", "nl", "es", "it", "pt", "da", "sv", "nb", "fi", "pl", "cs"} else "."


_TWO_DECIMALS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ .,'\u00a0]\d{3})*([.,])\d{2}(?![\w]|[.,]\d)")


def document_decimal_separator(texts):
    """The decimal separator a document prints, judged from its amounts with two decimals ("27,50"), or None.

    Lets "5,000 kg" read as five when the rest of the page writes "1.234,56".
    """
    counts = {".": 0, ",": 0}
    for text in texts:
        for match in _TWO_DECIMALS.finditer(text):
            counts[match.group(1)] += 1
    total = counts["."] + counts[","]
    if total < 3:
        return None
    for sep in (".", ","):
        if counts[sep] >= 0.8 * total:
            return sep
    return None
