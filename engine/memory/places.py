"""Where values stand on a page and which label introduces them: the amounts, dates and references a memory
learns the place of, and the place of each candidate it re-ranks."""
import re

from ..conventions.numbers import document_decimal_separator
from ..conventions.text import fold
from ..fields.tokens import amount_tokens, date_tokens, line_texts
from .evidence import compact

AMOUNT_FIELDS = ("total", "subtotal", "total_tax_amount")
DATE_FIELDS = ("date", "due_date")
REFERENCE_FIELDS = ("invoice_id", "bill_reference", "payment_ref", "purchase_order")


def label_of(words):
    """The label left of a value: up to four words nearest to it, letters only, a number standing as "9" (the
    words before it on its line tell "Invoice No. 123 of" from "Order of")."""
    found = []
    for word in reversed(words):
        letters = re.sub(r"[^A-Z]", "", fold(word.text).upper())
        if any(c.isdigit() for c in word.text):
            found.append("9")
        elif letters:
            found.append(letters)
        if len(found) == 4:
            break
    while found and found[-1] == "9":
        found.pop()  # numbers furthest left are another value's, not this label's
    return " ".join(reversed(found)) if any(part != "9" for part in found) else ""


def words_left(line, first_word):
    return [w for w in line.words if w.x1 <= first_word.x0 + 1e-6 and w is not first_word]


class Spot:
    """A value printed on the page: its content, its words and the label left of it, and its rank among the
    values of that label from the end of the document (the last TOTAL is #0)."""

    def __init__(self, content, words, line, page):
        self.content, self.words, self.line, self.page = content, words, line, page
        self.label = label_of(words_left(line, words[0]))
        self.rank = 0

    @property
    def place(self):
        return f"{self.label}#{self.rank}"


class Reading:
    """The pages of one document, read once for every value a memory looks for."""

    def __init__(self, pages):
        self.pages = pages
        self._lts = None
        self._spots = {}

    @property
    def lts(self):
        if self._lts is None:
            self._lts = line_texts(self.pages)
        return self._lts

    def amounts(self):
        if "amount" not in self._spots:
            hint = document_decimal_separator(lt.text for lt in self.lts)
            tokens = amount_tokens(self.lts, hint, len(self.pages))
            self._spots["amount"] = _ranked([Spot(t.value, t.words, t.lt.line, t.page) for t in tokens
                                             if isinstance(t.value, float) and t.value > 0])
        return self._spots["amount"]

    def dates(self, month_first):
        name = f"date{bool(month_first)}"
        if name not in self._spots:
            tokens = date_tokens(self.lts, month_first)
            self._spots[name] = _ranked([Spot(t.value.isoformat() if hasattr(t.value, "isoformat") else str(t.value),
                                              t.words, t.lt.line, t.page) for t in tokens])
        return self._spots[name]

    def references(self):
        """Every word carrying a digit, as a value a label may introduce (an invoice number)."""
        if "reference" not in self._spots:
            spots = []
            for page in self.pages:
                for line in page.lines:
                    for word in line.words:
                        text = word.text.strip(":#.,;()[]")
                        if any(c.isdigit() for c in text) and len(text) >= 3:
                            spots.append(Spot(text, [word], line, page.index))
            self._spots["reference"] = _ranked(spots)
        return self._spots["reference"]

    def spots(self, field, month_first=False):
        if field in AMOUNT_FIELDS:
            return self.amounts()
        if field in DATE_FIELDS:
            return self.dates(month_first)
        if field in REFERENCE_FIELDS:
            return self.references()
        return []


def _ranked(spots):
    seen = {}
    for spot in reversed(spots):
        spot.rank = seen.get(spot.label, 0)
        seen[spot.label] = spot.rank + 1
    return spots


def same_value(field, spot_content, value):
    if field in AMOUNT_FIELDS:
        try:
            return abs(float(spot_content) - float(value)) <= 0.005
        except (TypeError, ValueError):
            return False
    if field in DATE_FIELDS:
        return str(spot_content)[:10] == str(value)[:10]
    return compact(spot_content) == compact(value) and bool(compact(value))


def inside(spot, coords, page):
    """Whether ``spot`` stands in the box ``coords`` [cx, cy, w, h, angle] on ``page`` (a box the user picked)."""
    if page is not None and spot.page != page:
        return False
    cx, cy, width, height = coords[:4]
    x = sum(w.cx for w in spot.words) / len(spot.words)
    y = sum(w.cy for w in spot.words) / len(spot.words)
    return abs(x - cx) <= width / 2 + 0.005 and abs(y - cy) <= height / 2 + 0.005
