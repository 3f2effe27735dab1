"""A receipt's total: the shared total/subtotal/tax choice plus what receipts add — cash and change, cash
rounding, tender lines under the total, tax summary tables."""
import re

from ..conventions.keywords import has_negative, label_weight
from ..conventions.text import fold
from .candidates import Candidate
from .totals import choose_totals

_TENDER = re.compile(r"(cash|tunai|tendered|paid|bayar|received|visa|master|card|kad|debit|credit|bar\b|especes|"
                     r"contant|change|baki|bargeld|gegeben|zuruck)", re.I)
_CHANGE = re.compile(r"(change|baki|kembali|ruckgeld|zuruck|wechselgeld|rendu|wisselgeld)", re.I)
_CASH = re.compile(r"(cash|tunai|tendered|bayar|received|\bpay\W*$|bargeld|gegeben|\bbar\b)")
_ROUNDING = re.compile(r"round|bundar")
_SUMMARY = re.compile(r"(summary|zusammenfassung|recapitulatif|ringkasan|tax code|gst code)", re.I)


def _receipt_adjustment(tokens, rounding_tokens, adjustments):
    """Receipt evidence for the total: cash − change, the tender lines right below it, no tax summary table.
    ``adjustments`` are the cash roundings printed (``printed_cash_roundings``)."""
    cash = [t for t in tokens if _TENDER.search(t.left[-30:]) or re.search(r"\bpay\W*$", t.left)]
    change = _labelled(tokens, _CHANGE)
    paid = {round(c.value - ch.value, 2) for c in cash for ch in change if c.value >= ch.value}
    paid |= {round(c.value, 2) for c in cash}
    decimals = [t for t in tokens if t.has_decimals and t.value > 0]
    largest = max((t.value for t in decimals), default=None)
    # cash rounding (to 0.05): the rounded amount is what was paid
    rounding = bool(rounding_tokens)
    labelled = [t.value for t in tokens if label_weight(t.left[-45:], "total", folded=True)]
    # a delivery and returns note totals each kind of line, one of them negative, before what is payable: the
    # payable total is what they net to
    netted = {round(p + n, 2) for p in labelled if p > 0 for n in labelled if n < 0 and p + n > 0}
    # "Total 42.33 / Rounding Adjustment 0.02 / Rounding 42.35": the adjusted amount is what was paid
    adjusted = {round(v + sign * r, 2) for v in labelled for r in adjustments for sign in (1, -1)}
    # (page, line index) of the tender lines and of the tax summary lines, read once for every token
    tender_lines, summary_lines = set(), set()
    for line_list in {id(t.lt.line_list): t.lt.line_list for t in tokens}.values():
        for line in line_list:
            folded = fold(line.text)
            if _TENDER.search(folded):
                tender_lines.add((line.page, line.index))
            if _SUMMARY.search(folded):
                summary_lines.add((line.page, line.index))

    def adjust(token, role):
        if role != "total":
            # what was handed over, given back or rounded off is never the net amount or the tax
            return -0.5 if (token in cash or token in change or token in rounding_tokens) else 0.0
        left = token.left[-45:]
        extra = 0.0
        if label_weight(left, "total", folded=True) and re.search(r"(round|nett|incl|inclusive|amount|grand|payable)",
                                                                  left):
            extra += 0.15
        if round(token.value, 2) in paid:
            extra += 0.2
        if token.value == largest and not has_negative(left, "total", folded=True):
            extra += 0.1
        if token in cash or token in change:
            extra -= 0.3
        if token.value < 0 and any(v > 0 for v in labelled):
            extra -= 0.6  # returns, a discount: what is paid is positive
        if round(token.value, 2) in netted and label_weight(left, "total", folded=True):
            extra += 0.3
        on_the_cent = _on_rounding_grid(token.value)
        if round(token.value, 2) in adjusted and on_the_cent:
            extra += 0.3
        if rounding and on_the_cent and any(0 < abs(token.value - other) < 0.05 for other in labelled):
            extra += 0.2
        if on_the_cent and re.search(r"(?<![a-z])rounding\W*(rm|\$|eur)?\W*$", left) and abs(token.value) >= 1:
            extra += 0.3  # "Rounding   RM 72.75": the amount after rounding, not the adjustment
        page, index = token.lt.line.page, token.lt.line.index
        if any((page, i) in tender_lines for i in (index + 1, index + 2)):
            extra += 0.15
        if any((page, i) in summary_lines for i in range(max(0, index - 4), index + 1)):
            extra -= 0.3
        return extra

    return adjust


def receipt_total_candidates(tokens):
    zero_change = [t for t in _labelled(tokens, _CHANGE) if t.value == 0 and t.has_decimals]
    tokens = [t for t in tokens if 0 < abs(t.value) < 1e7]
    if not tokens:
        return []
    rounding_tokens = _labelled(tokens, _ROUNDING)
    printed_roundings = printed_cash_roundings(tokens)
    roundings = printed_roundings
    if not roundings and any(_ROUNDING.search(fold(line.text)) for line in tokens[0].lt.line_list):
        roundings = {0.01, 0.02, 0.03, 0.04}  # "Rounding Adj -J.02": a rounding line whose amount OCR lost
    adjust = _receipt_adjustment(tokens, rounding_tokens, printed_roundings)
    totals = choose_totals(tokens, adjust=adjust, roundings=roundings)
    chosen, candidates = totals["total"]
    if chosen is not None:
        chosen.score = max(chosen.score, max(c.score for c in candidates) + 0.01)
    paid = _cash_minus_change(tokens)
    if paid is not None and not any(abs(c.content - paid.content) < 0.005 for c in candidates if c.score > 0.5):
        candidates.append(paid)  # the total itself was misread, but what was paid adds up
    if chosen is not None:
        _trust_what_was_paid(chosen, candidates, tokens, zero_change, printed_roundings)
    return candidates


def printed_cash_roundings(tokens):
    """The cash-rounding adjustments printed ("Rounding Adj -0.02"), as positive amounts."""
    return {abs(round(t.value, 2)) for t in _labelled(tokens, _ROUNDING) if 0 < abs(t.value) < 0.05}


def _labelled(tokens, pattern):
    """The amounts whose nearby label (left on their line) matches ``pattern``."""
    return [t for t in tokens if pattern.search(t.left[-30:])]


def _cash_and_change(tokens, zero_change=()):
    """The one cash amount and the one change amount printed, if that is what the receipt shows."""
    # stricter than _TENDER: a card payment has no change to subtract
    change = _labelled(tokens, _CHANGE) + list(zero_change)
    cash = [t for t in _labelled(tokens, _CASH) if t not in change]  # "CHANGE CASH 10.05" is change
    if len(cash) != 1 or len(change) != 1 or cash[0].value < change[0].value:
        return None
    return cash[0], change[0]


def _cash_minus_change(tokens):
    pair = _cash_and_change(tokens)
    if pair is None or not pair[1].value > 0:
        return None
    cash, change = pair
    return Candidate(round(cash.value - change.value, 2), 0.6, cash.words + change.words, cash.page)


def _trust_what_was_paid(chosen, candidates, tokens, zero_change, printed_roundings):
    """Cash − change settles the total: it wins over the total read when the two differ by the printed cash
    rounding (what was paid is the rounded total: "Total 41.43 / Rounding 0.02 / Cash 51.50 / Change 10.05"),
    or by one digit (an OCR misread: "758.70" printed, "753.70" read).

    With no rounding amount printed, a difference of a few cents may be a rounding or a misread: left alone.
    """
    pair = _cash_and_change(tokens, zero_change)
    if pair is None:
        return
    paid = round(pair[0].value - pair[1].value, 2)
    difference = round(abs(chosen.content - paid), 2)
    if difference < 0.005:
        return
    if difference < 0.05 and not printed_roundings:
        return
    if difference in printed_roundings:
        if not _on_rounding_grid(paid):
            return  # not a rounded amount: cash or change was misread
    elif not _one_digit_apart(chosen.content, paid):
        return
    printed = [t for t in tokens if abs(t.value - paid) < 0.005]
    if not printed:
        return  # cash or change was misread instead: nothing printed says so
    best = next((c for c in candidates if abs(c.content - paid) < 0.005), None)
    if best is None:
        best = Candidate(paid, 0.0, printed[0].words, printed[0].page)
        candidates.append(best)
    best.score = chosen.score + 0.01
    candidates.sort(key=lambda c: -c.score)


def _on_rounding_grid(value):
    """A multiple of 0.05, what cash rounding leaves."""
    return abs(value * 20 - round(value * 20)) < 1e-6


def _one_digit_apart(first, second):
    a, b = f"{abs(first):.2f}", f"{abs(second):.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
