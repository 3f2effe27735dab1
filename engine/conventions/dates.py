"""Dates as printed in EN/FR/DE/NL/ES/IT/PT documents → ``datetime.date``.

13/07/2016, 13.07.2016, 2016-07-13, 13-07-16, 13 juillet 2016, 13. Juli 2016, 25 DEC 2018, Dec 25, 2018.
"""
import datetime
import re

from .text import aligned
from .text import fold as _fold

_MONTHS = {
    1: "january jan janvier janv janv. januar jän jänner januari enero ene gennaio gen janeiro",
    2: "february feb fevrier février fevr févr februar februari febrero febbraio fevereiro fev",
    3: "march mar mars märz maerz marz maart marzo março marco",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mei mayo maggio mag maio",
    6: "june jun juin juni junio giugno giu junho",
    7: "july jul juillet juil juli julio luglio lug julho",
    8: "august aug aout août augustus agosto ago",
    9: "september sep sept septembre settembre set septiembre setembro",
    10: "october oct octobre oktober okt octubre ottobre ott outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre dezember dez diciembre dic dicembre dezembro",
}


MONTH_NAMES = {}
for _number, _names in _MONTHS.items():
    for _name in _names.split():
        MONTH_NAMES[_fold(_name.rstrip("."))] = _number

_MONTH_ALT = "|".join(sorted({re.escape(n) for n in MONTH_NAMES}, key=len, reverse=True))

# The year may run into a time printed without a space: "14/03/20185:57:07PM" (receipts).
_NUMERIC = re.compile(  # a lower-case label may be glued to the date by OCR: "vencimiento29/06/2024"
    r"(?<![\d.,/A-Z_])(?<!\d-)(?P<a>\d{1,4})\s?(?P<s1>[./\-])\s?(?P<b>\d{1,2})\s?(?P=s1)\s?"
    r"(?P<c>\d{4}(?=\d{1,2}:\d{2})|\d{2}(?=\d{1,2}:\d{2})|\d{2,4}(?!\d))")
_DAY_MONTH_NAME = re.compile(  # the day may be glued to its label by OCR: "vencimiento26 de octubre de 2024"
    rf"(?<![\d])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?[\s\-/.]*(?:de\s+)?(?P<m>{_MONTH_ALT})\.?[\s\-/.,]*(?:de\s+)?(?P<y>\d{{4}}(?=\d{{1,2}}:\d{{2}})|\d{{4}}(?!\d)|\d{{2}}(?!\d)(?!\s*,?\s*\d{{4}}))",
    re.I)  # "July 1 - July 31, 2014": the 31 after a month is a day when a year follows it
_MONTH_NAME_DAY = re.compile(  # "August 3 , 2014"
    rf"(?<![\w])(?P<m>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s?,?\s+(?P<y>\d{{4}})(?!\d)", re.I)
_COMPACT = re.compile(r"(?<![\w.,/-])(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\w.,/-])")
_COMPACT_DMY = re.compile(r"(?<![\w.,/-])(?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>20[0-3]\d)(?![\w.,/-])")


def _year(value):
    year = int(value)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def _make(year, month, day):
    try:
        result = datetime.date(_year(year), int(month), int(day))
    except (ValueError, TypeError):
        return None
    if not 1970 <= result.year <= 2099:
        return None
    return result


def find_dates(text, month_first=False):
    """[(date, start, end)] for every date in ``text``. ``month_first`` reads 07/13/2016 US-style."""
    folded = aligned(_fold(text), text)  # offsets of matches in it stay usable in text
    found = []
    for match in _NUMERIC.finditer(text):
        a, b, c = match.group("a"), match.group("b"), match.group("c")
        if len(a) == 4:
            value = _make(a, b, c)  # ISO: 2016-07-13
        elif len(c) in (2, 4):
            first, second = int(a), int(b)
            if month_first and first <= 12:
                value = _make(c, first, second) or _make(c, second, first)
            else:
                value = _make(c, second, first) or _make(c, first, second)
            if len(c) == 2 and match.group("s1") == "." and len(a) == 1 and len(b) == 1:
                value = None  # 1.2.34 is a version or an amount, not a date
        else:
            value = None
        if value:
            found.append((value, match.start(), match.end()))
    for regex in (_DAY_MONTH_NAME, _MONTH_NAME_DAY):
        for match in regex.finditer(folded):
            month = MONTH_NAMES.get(match.group("m").lower().rstrip("."))
            value = month and _make(match.group("y"), month, match.group("d"))
            if value and not any(s <= match.start() < e for _, s, e in found):
                found.append((value, match.start(), match.end()))
    for regex in (_COMPACT, _COMPACT_DMY):
        for match in regex.finditer(text):
            value = _make(match.group("y"), match.group("m"), match.group("d"))
            if value and not any(s <= match.start() < e for _, s, e in found):
                found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


# Receipts glue dates to other numbers ("#001-000105/01/2018", "C0109937906/2/2017"): a last resort when a
# document has no date the strict patterns accept.
_LOOSE = re.compile(r"(?P<a>\d{1,2})(?P<s1>[./-])(?P<b>\d{1,2})(?P=s1)(?P<c>\d{4})(?=\d{1,2}:\d{2}|(?!\d))")
# OCR garbles a separator ("05~05-17", "21/02|18", "05 02-18") or drops one ("0502-18", "2504/2017",
# "30.032018", "27 032018": then the year is written in full)
_GARBLED = re.compile(r"(?<![\w.,/|-])(?P<a>\d{2})(?:[./~|-]|\s(?=\d{2}20\d{2}(?![\w.,/-]))|"
                      r"\s(?=\d{2}[./-]\d{2}(?:\d{2})?(?![\w.,/|-]))|(?=\d{2}[./-]))"
                      r"(?P<b>\d{2})(?:[./~|-](?P<c>\d{4}|\d{2})|(?P<glued_year>20\d{2}))(?![\w.,/|-])")


# a letter OCR doubled or slipped in between day and month name: "14MMay/2017"
_STRAY_LETTER = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})[a-z](?P<m>{_MONTH_ALT})[\s/.-]*(?P<y>\d{{4}})(?!\d)")


def find_loose_dates(text, month_first=False):
    found = []
    for match in _LOOSE.finditer(text):
        a, b, c = match.group("a"), match.group("b"), match.group("c")
        for first in ((a, a[1:]) if len(a) == 2 else (a,)):  # "96/2/2017" may be "…9" + "6/2/2017"
            day, month = (b, first) if month_first else (first, b)
            value = _make(c, month, day)
            if value:
                found.append((value, match.end() - (len(first) + len(b) + len(c) + 2), match.end()))
                break
    if not found:
        for match in _STRAY_LETTER.finditer(aligned(_fold(text), text)):
            month = MONTH_NAMES.get(match.group("m"))
            value = month and _make(match.group("y"), month, match.group("d"))
            if value:
                found.append((value, match.start(), match.end()))
    if not found:
        for match in _GARBLED.finditer(text):
            a, b = match.group("a"), match.group("b")
            day, month = (b, a) if month_first else (a, b)
            value = _make(match.group("c") or match.group("glued_year"), month, day)
            if value:
                found.append((value, match.start(), match.end()))
    return found


def parse_date(text, month_first=False):
    found = find_dates(text, month_first=month_first)
    return found[0][0] if found else None


def document_month_first(texts):
    """Whether a document writes its numeric dates month first (07/13/2016), judged from the dates that can
    only be read one way (those written with the same separator as the ambiguous ones first) and from the
    order of dates with a month name; None when nothing tells."""
    named_day_first = named_month_first = 0
    orders, ambiguous = {}, set()  # separator → [day first, month first]; separators of ambiguous dates
    for text in texts:
        folded = _fold(text)
        # dates written with the month's name hint at the writer's order: "Nov 22, 2024" / "22 Nov 2024"
        named_month_first += len(_MONTH_NAME_DAY.findall(folded))
        named_day_first += len(_DAY_MONTH_NAME.findall(folded))
        for match in _NUMERIC.finditer(text):
            a, b, separator = match.group("a"), match.group("b"), match.group("s1")
            if len(a) == 4 or len(match.group("c")) not in (2, 4):
                continue  # ISO, or no year
            counts = orders.setdefault(separator, [0, 0])
            if 31 >= int(a) > 12 >= int(b) and _make(match.group("c"), b, a):
                counts[0] += 1
            elif 31 >= int(b) > 12 >= int(a) and _make(match.group("c"), a, b):
                counts[1] += 1
            elif int(a) <= 12 and int(b) <= 12:
                ambiguous.add(separator)
    for separators in (ambiguous, orders):  # the same separator first, then any
        day_first = sum(orders[s][0] for s in separators if s in orders)
        month_first = sum(orders[s][1] for s in separators if s in orders)
        if day_first != month_first:
            return month_first > day_first
    if named_day_first != named_month_first:
        return named_month_first > named_day_first
    return None


def ambiguous_separators(texts):
    """The separators of the numeric dates in ``texts`` that read both ways (03/07/2014 → {"/"})."""
    found = set()
    for text in texts:
        for match in _NUMERIC.finditer(text):
            a, b = match.group("a"), match.group("b")
            if len(a) != 4 and len(match.group("c")) in (2, 4) and int(a) <= 12 and int(b) <= 12 and a != b:
                found.add(match.group("s1"))
    return found
