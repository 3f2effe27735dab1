"""Every amount and every date of a document, with where it stands and what labels surround it."""
from dataclasses import dataclass, field

from ..conventions.dates import find_dates, find_loose_dates
from .candidates import LineText, label_context


@dataclass
class Token:
    value: object
    words: list
    page: int
    lt: LineText
    start: int
    end: int
    has_decimals: bool = True
    page_count: int = 1
    # label_context per field: scoring, the solver and the receipt rules ask for the same labels again
    _labels: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def y(self):
        return sum(w.cy for w in self.words) / len(self.words)

    @property
    def x(self):
        return max(w.x1 for w in self.words)

    @property
    def left(self):
        return self.lt.before(self.start)

    def label(self, fieldname):
        if fieldname not in self._labels:
            self._labels[fieldname] = label_context(self.lt, self.start, self.end, fieldname, self.lines_above)
        return self._labels[fieldname]

    @property
    def lines_above(self):
        return self.lt.lines_above(5)


def line_texts(pages):
    """LineText for every line of every page, each knowing its page's lines (for labels above)."""
    result = []
    for page in pages:
        for line in page.lines:
            result.append(LineText(line, page.lines))
    return result


def amount_tokens(lts, decimal_hint=None, page_count=1):
    tokens = []
    for lt in lts:
        for value, start, end, decimals in lt.amounts(decimal_hint):
            words = lt.words_in(start, end)
            if not words:
                continue
            tokens.append(Token(value, words, lt.line.page, lt, start, end, decimals, page_count))
    return tokens


def date_tokens(lts, month_first=False):
    tokens = _date_tokens(lts, find_dates, month_first)
    return tokens or _date_tokens(lts, find_loose_dates, month_first)


def _date_tokens(lts, finder, month_first):
    tokens = []
    for lt in lts:
        for value, start, end in finder(lt.text, month_first=month_first):
            words = lt.words_in(start, end)
            if words:
                tokens.append(Token(value, words, lt.line.page, lt, start, end))
    return tokens
