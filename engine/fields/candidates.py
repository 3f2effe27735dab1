"""Candidates, their context on the page, and the Extract API ``feature_result`` they turn into."""
import re
from dataclasses import dataclass, field

from ..conventions.keywords import fold_labels, label_match, label_spans, label_weight, spaced_label_weight
from ..conventions.numbers import find_amounts
from ..conventions.text import aligned
from ..reading.layout import box_coords
from .weights import LIKELY

MAX_CANDIDATES = 10


@dataclass
class Candidate:
    content: object
    score: float
    words: list = field(default_factory=list)
    page: int = 0
    country: str = None  # of a VAT or tax number, where its content does not start with it
    # what the candidate is, where a rule asks (weights.KIND_*): not part of the result nor of equality
    kind: str = field(default=None, compare=False)

    def as_json(self):
        coords = box_coords(self.words) if self.words else [0.0, 0.0, 0.0, 0.0, 0.0]
        return {"content": self.content, "coords": coords, "page": self.page, "score": round(self.score, 4)}


def feature_result(candidates, multi=False, selected=None):
    """``{"selected_value": …, "candidates": […]}``, best first, one candidate per distinct content.

    ``selected`` forces the chosen candidate (a joint decision such as subtotal + tax = total).
    ``multi`` gives ``selected_values`` (purchase orders) instead.
    """
    best = {}
    for cand in candidates:
        key = _key(cand.content)
        if key not in best or cand.score > best[key].score:
            best[key] = cand
    ordered = sorted(best.values(), key=lambda c: -c.score)
    if selected is not None:
        key = _key(selected.content)
        ordered = [best.get(key, selected)] + [c for c in ordered if _key(c.content) != key]
    ordered = ordered[:MAX_CANDIDATES]
    result = {"candidates": [c.as_json() for c in ordered]}
    if ordered:
        if multi:
            result["selected_values"] = [c.as_json() for c in ordered if c.score >= LIKELY] or [ordered[0].as_json()]
        else:
            result["selected_value"] = ordered[0].as_json()
    elif multi:
        result["selected_values"] = []
    return result


def _key(content):
    if isinstance(content, float):
        return round(content, 2)
    return content.strip().upper() if isinstance(content, str) else content


def selected(result, default=None):
    """The content a feature result selected (helper for consistency checks and tests)."""
    value = result.get("selected_value")
    return value["content"] if value else default


class LineText:
    """A line's text with the offsets of its words, so regex matches map back onto word boxes."""

    def __init__(self, line, line_list=()):
        self.line = line
        self.line_list = list(line_list)  # every line of the page, for labels printed above a value
        self.words = line.words
        parts, offsets, pos = [], [], 0
        for word in self.words:
            offsets.append((pos, pos + len(word.text)))
            parts.append(word.text)
            pos += len(word.text) + 1
        self.text = " ".join(parts)
        self.offsets = offsets
        # character span of each segment (cell) of the line
        self.segment_spans = []
        index = 0
        for seg in line.segments or [None]:
            count = len(seg.words) if seg is not None else len(self.words)
            first, last = offsets[index], offsets[index + count - 1]
            self.segment_spans.append((first[0], last[1]))
            index += count
        self.folded = aligned(fold_labels(self.text), self.text)

    def lines_above(self, count):
        """The ``count`` lines above this one on its page, nearest first."""
        index = self.line.index
        return list(reversed(self.line_list[max(0, index - count):index]))

    def amounts(self, decimal_hint=None):
        """[(value, start, end, has_decimals)] per cell: a number never spans two columns ("1 | 120.50")."""
        found = []
        for seg_start, seg_end in self.segment_spans:
            for value, start, end, decimals in find_amounts(self.text[seg_start:seg_end], decimal_hint):
                found.append((value, seg_start + start, seg_start + end, decimals))
        return found

    def words_in(self, start, end):
        return [w for w, (s, e) in zip(self.words, self.offsets) if s < end and e > start]

    def before(self, start):
        """Folded text of the line left of ``start``."""
        return self.folded[:start]


def label_context(lt, start, end, fieldname, lines_above=None):
    """How strongly a label of ``fieldname`` points at the token ``lt.text[start:end]``.

    Left on the same line counts fully; a label in the same column on one of the lines just above
    (a table header or a label printed above its value) counts a little less.
    """
    left = lt.before(start)
    # only the nearest stretch on the left: labels further away belong to other values
    near = left[-60:]
    weight = label_weight(near, fieldname, folded=True)
    above = _label_above(lt, start, end, fieldname, lines_above)
    if above[0] and len(lt.amounts()) >= 3:
        return above  # a table row: the column header names the value, not the row's first cell
    if weight:
        span = label_match(near, fieldname, folded=True)
        between = near[span[1]:] if span else ""
        if not re.search(r"\d[.,]?\d*\s*$", between) and not re.search(r"\d{2,}[.,]\d", between):
            return weight, "left"
        # another value stands between the label and this token: the label is that value's
        weight *= 0.3
    if not weight:
        weight = spaced_label_weight(cell_before(lt, start), fieldname)
    if above[0] > weight:
        return above
    return (weight, "left") if weight else (0.0, None)


def cell_before(lt, start):
    """Text of the cell left of ``start`` (or of its own cell, up to ``start``)."""
    previous = ""
    for seg_start, seg_end in lt.segment_spans:
        if seg_start <= start < seg_end:
            own = lt.text[seg_start:start]
            return own if own.strip() else previous
        previous = lt.text[seg_start:seg_end]
    return previous


def _wrapped_header_weight(text, line_above, seg, fieldname):
    """The label's weight read together with the header words wrapped onto the line above it, in the same
    column: "Ohne" over "MwSt." says the amounts below are without tax."""
    for above in line_above:
        for upper in above.segments:
            if upper.x1 >= seg.x0 and upper.x0 <= seg.x1 and not any(c.isdigit() for c in upper.text):
                return label_weight(upper.text + " " + text, fieldname)
    return 1.0


def _words_over_weight(seg, x0, x1, fieldname):
    """The label weight of the words of ``seg`` over the value, read with the word before them, which may
    finish their label ("BTW" of "BTW bedrag" over a right-aligned amount) or deny it ("Ohne MwSt."), but not
    be a label of its own ("fattura" of "Numero fattura" over the date beside it)."""
    over = [i for i, w in enumerate(seg.words) if w.x1 >= x0 - 0.01 and w.x0 <= x1 + 0.01]
    if not over:
        return 0.0
    before = seg.words[over[0] - 1].text + " " if over[0] else ""
    text = " ".join(seg.words[i].text for i in over)
    start = len(fold_labels(before))
    return max((weight for _s, end, weight in label_spans(before + text, fieldname) if end > start), default=0.0)


_AMOUNT_FIELDS = ("total", "subtotal", "tax")


def _names_another_amount(text, fieldname):
    return fieldname in _AMOUNT_FIELDS and any(
        label_weight(text, other) for other in _AMOUNT_FIELDS if other != fieldname)


def _label_above(lt, start, end, fieldname, lines_above):
    token_words = lt.words_in(start, end)
    if lines_above and token_words:
        x0 = min(w.x0 for w in token_words)
        x1 = max(w.x1 for w in token_words)
        for distance, above in enumerate(lines_above):
            for seg in above.segments:
                if seg.x1 >= x0 - 0.02 and seg.x0 <= x1 + 0.02:
                    if seg.x1 - seg.x0 > 2.5 * (x1 - x0):
                        # labels of several columns read as one cell ("Numero fattura Data documento Scadenza"):
                        # only the words over this value name it
                        w = _words_over_weight(seg, x0, x1, fieldname)
                    else:
                        w = label_weight(seg.text, fieldname)
                        if w:
                            w = min(w, _wrapped_header_weight(seg.text, lines_above[distance + 1:distance + 2], seg,
                                                              fieldname))
                    if not w and not any(c.isdigit() for c in seg.text) and _names_another_amount(seg.text, fieldname):
                        return 0.0, None  # the column's own header names another amount ("Grondslag" over a base)
                    if w:
                        return w * (0.85 - 0.05 * distance), "above"
    return 0.0, None
