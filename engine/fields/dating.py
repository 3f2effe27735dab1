"""Document date and due date among every date printed."""
import re

from ..conventions.countries import MIXED_ORDER_COUNTRIES, MONTH_FIRST_COUNTRIES, document_countries, page_language
from ..conventions.dates import ambiguous_separators, document_month_first
from ..conventions.keywords import ACCOUNTING_STAMPS, has_negative, label_weight
from ..conventions.text import fold
from .candidates import Candidate, cell_before
from .references import KIND_NUMBER

# a direct debit: the date the amount is taken is the date it is due
_DEBIT = re.compile(r"lastschrift|eingezogen|abgebucht|direct debit|debited|prelevement|preleve|domiciliation|"
                    r"incasso|domiciliering|addebito|adeudo")


def score_date(token):
    weight, where = token.label("date")
    due_weight, _ = token.label("due_date")
    score = 0.3 + (0.5 if where == "left" else 0.4) * weight
    left = token.left[-50:]
    if has_negative(left, "date", folded=True) or (due_weight and due_weight >= weight):
        score -= 0.35  # "Due Date", "Lieferdatum": a date label, but of another date
    if re.search(r"(tel|fax|phone|hp)\W*[.:]?\W*$", left[-12:]) or re.search(r"\btel\b", left[-25:]):
        score -= 0.4  # "Tel.: 05.22.95.66.66" reads like a date
    if sum(1 for *_, decimals in token.lt.amounts() if decimals) >= 2:
        score -= 0.15  # a date inside an invoice line (delivery or service date)
    score -= 0.15 * token.y + 0.1 * token.page  # the document date is printed near the top
    if re.search(r"(?:^|,)\s*le\s*$", fold(cell_before(token.lt, token.start))):
        score += 0.3  # "Paris, le 19 août 2024"
    if not weight and (KIND_NUMBER.search(left) or label_weight(left, "invoice_id", folded=True) >= 1.0):
        score += 0.25  # "Rechnung Nr. 471102 vom 05.03.2020", "Invoice 123 of 5 March 2020"
    if _stamped(token):
        score -= 0.3  # "PAID" / "13 MAR 2018": when the accounts department paid it, not the document's date
    return score


def _stamped(token):
    """A date alone on its line under a stamp word alone on its own, or beside it: "PAID 13 MAR 2018"."""
    line = token.lt.line
    rest = (token.lt.text[:token.start] + " " + token.lt.text[token.end:]).split()
    if not rest:
        rest = [word for above in token.lt.lines_above(1) if line.y0 - above.y1 < 2 * line.height
                for word in above.text.split()]
    return len(rest) == 1 and fold(rest[0]).strip(".:") in ACCOUNTING_STAMPS


def score_due(token):
    weight, where = token.label("due_date")
    score = 0.05 + (0.6 if where == "left" else 0.45) * weight
    if "bis" in token.left[-12:] or "until" in token.left[-12:] or "avant" in token.left[-12:]:
        score += 0.2  # "zahlbar … bis 04.04.2020"
    lines = token.lt.line_list
    index = token.lt.line.index
    sentence = " ".join(fold(line.text) for line in lines[index:index + 2])
    if _DEBIT.search(sentence):
        score += 0.35  # "… wird am 20.03.2014 von Ihrem Konto … per SEPA-Lastschrift eingezogen"
    return score


def choose_dates(tokens, want_due=True):
    dates = [Candidate(t.value.isoformat(), score_date(t), t.words, t.page) for t in tokens]
    dates.sort(key=lambda c: -c.score)
    result = {"date": (dates[0] if dates else None, dates)}
    if want_due:
        dues = [Candidate(t.value.isoformat(), score_due(t), t.words, t.page) for t in tokens]
        date_value = dates[0].content if dates else None
        for cand in dues:
            if date_value and cand.content < date_value:
                cand.score -= 0.5  # due date ≥ invoice date
            elif date_value and cand.content == date_value:
                cand.score -= 0.1
        dues = [c for c in dues if c.score >= 0.3]
        dues.sort(key=lambda c: -c.score)
        result["due_date"] = (dues[0] if dues else None, dues)
    return result


_DOLLAR_AMOUNT = re.compile(r"(?<![A-Z])(?:US)?\$\s?\d|\bUSD\s?\d|\d\s?USD\b")
_MONTH_FIRST_LANGS = ("en_us", "en_ca", "en_ph")


def month_first_for(lang, lts):
    """Whether numeric dates read month first: decided once per document, from its own evidence before the
    user's language (a German page read by an en_US user still writes 03.07.2014 for the 3rd of July)."""
    order = date_order(lts)[0]
    if order is not None:
        return order
    return bool(lang) and lang.lower() in _MONTH_FIRST_LANGS


def date_order(lts):
    """(month first: True/False/None, what decided it) from the document alone, in this order:
    (a) its unambiguous dates (24.07.2014 fixes 03.07.2014, same separator first);
    (b) its separators (dots are day first);
    (c) the supplier's country (VAT and IBAN prefixes, calling codes, legal forms, country names, money;
        "$" amounts without any other country's evidence count as the United States);
    (d) the language of its words (German, French, … pages write the day first).
    None when nothing decides: then the user's language does."""
    texts = [lt.text for lt in lts]
    found = document_month_first(texts)
    if found is not None:
        return found, "dates"
    separators = ambiguous_separators(texts)
    if separators == {"."}:
        return False, "separator"
    countries = document_countries(texts)
    if not countries and any(_DOLLAR_AMOUNT.search(t) for t in texts):
        countries["US"] = 1.0
    if countries:
        country = countries.most_common(1)[0][0]
        if country not in MIXED_ORDER_COUNTRIES:
            return country in MONTH_FIRST_COUNTRIES, "country"
    language = page_language(texts)
    if language and language != "en":
        return False, "language"
    return None, None
