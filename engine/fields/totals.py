"""Total, subtotal and tax amount: scored one by one from labels and layout, then chosen together so that
subtotal + tax = total whenever the document allows it."""
import itertools
import re

from ..conventions.keywords import has_negative, label_weight
from .candidates import Candidate
from .weights import IMPLIED

ROLES = ("total", "subtotal", "tax")
# a label that ends with the word for a rate: the number after it is a percentage, not an amount
# ("VAT 20% 110.00": a "%" after a number is the rate printed in the label, and the amount is the tax)
_RATE_LABEL = re.compile(r"(?:(?<![a-z])(?:rate|taux|tasa|aliquota|tarief|tarif|percentage|prozent|pourcentage)|satz"
                         r"|(?<![\d\s])\s?\(?%\)?)[\s:.)]*$")
_BASE = re.compile(r"basis|base|bemessung|taxable|imponible|imponibile|grondslag|grundlage|netto|net amount")


def score_amount(token, role):
    """How much ``token`` looks like the document's ``role`` amount, about 0..1."""
    weight, where = token.label(role)
    score = 0.1 + (0.55 if where == "left" else 0.45) * weight
    left = token.left[-60:]
    if role == "total":
        if has_negative(left, "total", folded=True) and label_weight(left, "total", folded=True) < 1.0:
            score -= 0.45
        elif has_negative(left, "total", folded=True):
            score -= 0.2
    elif role == "subtotal" and label_weight(left, "total", folded=True) >= 1.0 and weight < 1.0:
        score -= 0.3
    elif role == "tax":
        if "%" in token.lt.text:
            score += 0.05
        if _BASE.search(left):
            if re.search(r"\d[.,]\d{2}\s*$", left.strip()) and weight:
                score += 0.3  # "Steuerbasis 7 %  275,00  19,25": the amount after the base is the tax
            else:
                score -= 0.35  # "Steuerbasisbetrag", "base imponible": the amount the tax is computed on
        if label_weight(left, "total", folded=True) >= 1.0 and weight < 1.0:
            score -= 0.3
    if _RATE_LABEL.search(left) and 0 < abs(token.value) <= 30:
        score -= 0.6  # "VAT rate 20.00", "Tax (%) 20.00": the rate, not the tax
    if token.has_decimals:
        score += 0.1
    else:  # "Steuerbetrag: 70" happens; an unlabelled integer is more often a quantity or a code
        score -= 0.05 if (where == "left" and weight >= 1.0) else 0.25
    if not token.has_decimals and 1900 <= abs(token.value) <= 2100:
        score -= 0.3
    # totals sit low on the last page, to the right
    last_page = token.page == token.page_count - 1
    score += 0.08 * token.y * (1 if last_page else 0.5) + 0.05 * token.x
    # the amount is the last thing on its line (labels come first)
    if token.end >= len(token.lt.text.rstrip(" €$£%")) - 4:
        score += 0.05
    return score


def _top(tokens, role, limit=8, adjust=None):
    scored = [(score_amount(t, role) + (adjust(t, role) if adjust else 0.0), t) for t in tokens]
    scored.sort(key=lambda pair: -pair[0])
    return scored[:limit]


def choose_totals(tokens, want=ROLES, adjust=None, largest_bonus=0.1, roundings=()):
    """{role: (selected Candidate or None, [Candidates])} for the roles in ``want``.

    ``adjust(token, role)`` adds a document-type specific term to the scores (receipts use it);
    ``largest_bonus`` favours the largest consistent total (invoices' tax tables list partial totals first);
    ``roundings`` are cash-rounding adjustments printed on the document (the total may differ by one of them).
    """
    tokens = [t for t in tokens if abs(t.value) < 1e9]
    adjust = _before_the_totals(tokens, adjust)
    ranked = {role: _top(tokens, role, limit=40, adjust=adjust) for role in want}
    candidates = {
        role: [Candidate(float(round(t.value, 2)), max(s, 0.0), t.words, t.page) for s, t in ranked[role]]
        for role in want
    }
    chosen = {role: (candidates[role][0] if candidates[role] else None) for role in want}
    if {"total", "subtotal", "tax"} <= set(want) and candidates["total"]:
        rate_rows = _rate_rows(tokens)
        table = _table_sums(tokens, rate_rows, lambda t, role: score_amount(t, role) + adjust(t, role),
                            largest_bonus)
        # with two rates or more, a row's gross amount is no total
        row_totals = {id(row[2]) for row in rate_rows} if len(rate_rows) >= 2 else set()
        best = _solve(ranked, largest_bonus, roundings, table, row_totals, rates=_printed_rates(tokens))
        if best:
            for role, token_score in best.items():
                score, token = token_score
                if token is None:
                    zero = Candidate(0.0, IMPLIED, [], candidates["total"][0].page)
                    candidates[role].append(zero)
                    chosen[role] = zero
                elif isinstance(token, _Sum):
                    total_tax = Candidate(float(round(token.value, 2)), min(score, 1.0), token.words, token.page)
                    candidates[role].append(total_tax)
                    chosen[role] = total_tax
                else:
                    chosen[role] = next((c for c in candidates[role] if c.words is token.words), None)
                    if chosen[role] is None:  # the total standing in for the subtotal
                        chosen[role] = Candidate(float(round(token.value, 2)), score, token.words, token.page)
                        candidates[role].insert(0, chosen[role])
    return {role: (chosen[role], candidates[role]) for role in want}


def _adds_up(subtotal, tax, total, roundings):
    difference = abs(subtotal + tax - total)
    return difference <= 0.011 or any(abs(difference - r) <= 0.002 for r in roundings)


def _before_the_totals(tokens, adjust):
    """``adjust`` plus a penalty for unlabelled amounts printed before the first labelled total: item prices.

    The total follows the items it sums; a number above the first "Total" line with no label of its own is
    a line of the bill, however well it adds up with the tax summary printed below.
    """
    labelled = [(t.page, t.y) for t in tokens if _left_total_label(t) >= 0.8]
    first = min(labelled, default=None)

    def adjusted(token, role):
        extra = adjust(token, role) if adjust else 0.0
        if role == "total" and first is not None and (token.page, token.y) < first and not token.label("total")[0]:
            extra -= 0.4
        return extra

    return adjusted


def _left_total_label(token):
    weight, where = token.label("total")
    return weight if where == "left" else 0.0


_PERCENT = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%")


def _printed_rates(tokens):
    """The tax rates printed: "20 %", "VAT rate 20.00", "Tax (%) 7.00" (percent values up to 30)."""
    rates = {round(t.value, 2) for t in tokens if _RATE_LABEL.search(t.left[-60:]) and 0 < t.value <= 30}
    for line_list in {id(t.lt.line_list): t.lt.line_list for t in tokens}.values():
        for line in line_list:
            for match in _PERCENT.finditer(line.text):
                value = float(match.group(1).replace(",", "."))
                if 0 < value <= 30:
                    rates.add(value)
    return rates


def _solve(ranked, largest_bonus, roundings, table=None, row_totals=frozenset(), rates=frozenset()):
    """The (total, subtotal, tax) triple with the best summed score, with a bonus when it adds up.

    With several VAT rates the total tax is often not printed, only one amount per rate: the tax may then
    be the sum of two or three tax candidates, or the total that of the rows of a tax table (``table``, the
    solution and score of ``_table_sums``); ``row_totals`` are the ids of the gross amounts of its rows.
    """
    # a total read with no label of its own (a CASH line) may rank low
    totals = [(st, t) for st, t in ranked["total"] if id(t) not in row_totals][:16]
    subtotals = ranked["subtotal"][:10]
    # with no tax, the subtotal is the total printed again ("Charges $4.11" over "Total $4.11"), however
    # low an unlabelled amount ranks among the item prices
    for _score, total in totals[:3]:
        same = [(ss, s) for ss, s in ranked["subtotal"] if s is not total and abs(s.value - total.value) < 0.005]
        if same and all(s is not same[0][1] for _, s in subtotals):
            subtotals.append(same[0])
    taxes = ranked["tax"][:12] + [(0.2, None)]  # no tax printed: tax 0
    best, best_score = None, None
    triples = []
    for (st, t), (ss, s), (sx, x) in itertools.product(totals, subtotals, taxes):
        if s is t or x is t or (x is not None and x is s) or abs(s.value) < 0.005:
            continue  # (a zero subtotal is a blank row: "0.01 = 0.00 + 0.00" adds up within a rounding cent)
        tax_value = x.value if x is not None else 0.0
        if tax_value * t.value < 0 or abs(tax_value) > 0.35 * abs(s.value):
            continue  # a discount is no tax; VAT rates stay below 35 %
        adds_up = _adds_up(s.value, tax_value, t.value, roundings)
        if x is None and not adds_up:
            continue
        triples.append((st, t, ss, s, sx, x, adds_up))
    # the grand total is at least as large as any partial total that adds up (per-rate rows of a tax table);
    # a lone large number (a rate column, a quantity) says nothing
    largest = max((abs(t.value) for st, t, _, _, _, _, adds_up in triples if adds_up and st > 0.5), default=None)
    for st, t, ss, s, sx, x, adds_up in triples:
        # agreement only says much when the subtotal or the tax is labelled: item amounts add up by chance
        agreement = 0.9 if (ss >= 0.5 or (x is not None and sx >= 0.5)) else 0.3
        zero_tax_printed = x is not None and sx >= 0.5 and ss >= 0.5  # "Net total 2,076.76 | Tax Total 0.00"
        if (x is None or abs(x.value) < 0.005) and abs(s.value - t.value) <= 0.011 and not zero_tax_printed:
            # any amount "adds up" with itself and no tax: that proves nothing about which amount is the total
            agreement = min(agreement, 0.3)
        score = st + ss + sx + (agreement if adds_up else 0.0) + (largest_bonus if abs(t.value) == largest else 0.0)
        if adds_up and abs(t.value) < 0.005:
            score -= 1.0
        if best_score is None or score > best_score:
            best, best_score = {"total": (st, t), "subtotal": (ss, s), "tax": (sx, x)}, score
    if table and (best_score is None or table[1] > best_score):
        best, best_score = table
    for (st, t), (ss, s) in itertools.product(totals[:5], subtotals[:5]):
        if s is t or st + ss + 0.9 + 0.3 <= (best_score or 0):
            continue
        wanted = t.value - s.value
        if wanted * t.value <= 0 or abs(wanted) > 0.35 * abs(s.value):
            continue
        parts = _tax_parts(ranked["tax"][:12], wanted, exclude=(s, t))
        if parts:
            score = st + ss + max(p[0] for p in parts) + 0.9
            if best_score is None or score > best_score:
                merged = _Sum(t.value - s.value, [w for _, p in parts for w in p.words], parts[0][1])
                best, best_score = {"total": (st, t), "subtotal": (ss, s), "tax": (score, merged)}, score
    # no tax amount printed, only its rate ("VAT rate 20.00"): the tax is what the rate makes of the subtotal
    for (st, t), (ss, s) in itertools.product(totals[:5], subtotals[:5]):
        wanted = t.value - s.value
        if s is t or not 0 < wanted <= 0.35 * s.value or not ss >= 0.5 or st + ss + 1.2 <= (best_score or 0):
            continue
        if any(abs(s.value * rate / 100 - wanted) <= 0.011 for rate in rates):
            score = st + ss + 0.3 + 0.9
            if best_score is None or score > best_score:
                best, best_score = {"total": (st, t), "subtotal": (ss, s), "tax": (0.3, _Sum(wanted, [], s))}, score
    included = _tax_included(ranked, totals)
    if included and (best_score is None or included[1] > best_score or not _solution_adds_up(best, roundings)):
        return included[0]
    if best is None or not _solution_adds_up(best, roundings):
        return _net_parts(ranked, roundings) or _untaxed(ranked)
    return best


def _solution_adds_up(solution, roundings):
    tax = solution["tax"][1]
    return _adds_up(solution["subtotal"][1].value, tax.value if tax else 0.0, solution["total"][1].value, roundings)


# Prices that include the tax: "enthaltene MwSt. 19 %", "VAT 20 % included", "Sub Total (Tax Inclusive)"
_INCLUDED = re.compile(r"(?<![a-z])(?:inkl|incl|included|inclusive|inclus|incluse|enthalten|enthaltene|enthaltener|"
                       r"darin|davon|incluido|incluida|incluso|inclusa|inbegrepen|inclusief)(?![a-z])")


def _tax_included(ranked, totals):
    """(solution, score) when the prices include the tax and the untaxed amount is printed nowhere: the tax
    line says so ("darin enthaltene MwSt. 19 % 19,00") or the total's amount does where it is printed again
    ("Sub Total (Tax Inclusive) 135.01" over "CGST 3.21", "SGST 3.21"). The tax is then every labelled tax
    line (one amount each), the untaxed amount the total less it. None otherwise; a printed untaxed amount
    that adds up scores higher (it has a label of its own)."""
    if not totals:
        return None
    taxes = {}
    for score, token in ranked["tax"][:12]:
        # a tax line labelled on its left; not a tax column of the items (its header above each amount)
        if score >= 0.5 and token.value and id(token.lt) not in taxes and token.label("tax")[1] == "left":
            taxes[id(token.lt)] = (score, token)  # (ranked: the line's best-scored amount comes first)
    # (the best total only, and no total's own line: "Total Incl. GST@6% RM 53.30" is the total, not its tax)
    st, total = totals[0]
    said_on_gross = any(abs(s.value - total.value) < 0.005 and _INCLUDED.search(s.left)
                        and label_weight(s.left, "tax", folded=True)
                        for role in ("subtotal", "tax", "total") for _score, s in ranked[role][:10])
    parts = [(sx, x) for sx, x in taxes.values() if x is not total and abs(x.value - total.value) >= 0.005
             and label_weight(x.left, "total", folded=True) < 1.0
             and (said_on_gross or _INCLUDED.search(x.left))]
    if not parts or len({_tax_part_key(x) for _, x in parts}) < len(parts):
        return None
    tax = sum(x.value for _, x in parts)
    net = total.value - tax
    if tax * total.value <= 0 or abs(tax) > 0.35 * abs(net):
        return None
    tax_score = min(sx for sx, _ in parts)
    untaxed = _Sum(net, [w for _, x in parts for w in x.words], parts[0][1])
    taxed = _Sum(tax, [w for _, x in parts for w in x.words], parts[0][1]) if len(parts) > 1 else parts[0][1]
    return ({"total": (st, total), "subtotal": (tax_score, untaxed), "tax": (tax_score, taxed)},
            st + tax_score + 0.9)


def _rate_rows(tokens):
    """(net, tax, gross) of each row of a tax table: three amounts of one line, two of which add up to the
    third, the smaller a tax rate's share of the other ("C 7,00% 17,33 1,21 18,54", "V 19,0% 1,44 7,55 8,99",
    "D 19% -0,21 -0,04 -0,25" for returned bottles). One per line."""
    by_line = {}
    for token in tokens:
        by_line.setdefault(id(token.lt), []).append(token)
    rows = []
    for line_tokens in by_line.values():
        amounts = [t for t in line_tokens if t.has_decimals]  # not the rate's number ("1=19,00%")
        found = [row for trio in itertools.combinations(amounts, 3) for row in itertools.permutations(trio)
                 if _is_rate_row(*row)]
        if found:  # the closest sum: "0,85 0,14" make 0,99, not a misread 1,00
            rows.append(min(found, key=lambda row: abs(row[0].value + row[1].value - row[2].value)))
    return [row for row in rows if not _sums_the_others(row, rows)]


def _sums_the_others(row, rows):
    """Whether ``row`` is the table's line of totals ("-7,67 -1,12 -8,79" under its two rates)."""
    others = [other for other in rows if other is not row]
    return len(others) >= 2 and abs(sum(other[2].value for other in others) - row[2].value) <= 0.011 * len(others)


def _is_rate_row(net, tax, gross):
    return (net.value * tax.value > 0 and abs(tax.value) <= 0.35 * abs(net.value)
            and abs(net.value + tax.value - gross.value) <= 0.011)


def _table_sums(tokens, rate_rows, scored, largest_bonus):
    """(solution, score) where a total is the sum of a tax table's rows, one per VAT rate, and neither the
    untaxed amount nor the tax is printed in full ("ZU ZAHLEN 24,23" over "C 7% 17,33 1,21 18,54" and
    "D 19% 4,78 0,91 5,69"); None without such a table. The total is the best scored amount of that sum,
    wherever it stands (a card payment line when OCR misread the total's own line)."""
    if len(rate_rows) < 2:
        return None
    gross = sum(row[2].value for row in rate_rows)
    in_rows = {id(token) for row in rate_rows for token in row}
    totals = [(scored(t, "total"), t) for t in tokens
              if id(t) not in in_rows and abs(t.value - gross) <= 0.011 * len(rate_rows)]
    if not totals:
        return None
    st, total = max(totals, key=lambda pair: pair[0])
    net = _Sum(sum(row[0].value for row in rate_rows), [w for row in rate_rows for w in row[0].words],
               rate_rows[0][0])
    tax = _Sum(sum(row[1].value for row in rate_rows), [w for row in rate_rows for w in row[1].words],
               rate_rows[0][1])
    # the rows add up each and together: surer than any one row, which adds up as well
    ss = max(scored(row[0], "subtotal") for row in rate_rows)
    sx = max(scored(row[1], "tax") for row in rate_rows)
    score = st + ss + sx + 0.9 + largest_bonus + 0.2
    return {"total": (st, total), "subtotal": (ss + 0.05, net), "tax": (sx + 0.05, tax)}, score


def _net_parts(ranked, roundings):
    """Nothing adds up with one untaxed amount: the untaxed amount printed in parts, each labelled ("Positionen
    netto 804,35", "Versandkosten netto 4,99"), that add up to the total with the tax (or the taxes, one per
    part). None if no such parts are printed."""
    parts = [(score, s) for score, s in ranked["subtotal"][:10] if score >= 0.5]
    taxes = [(score, x) for score, x in ranked["tax"][:12] if score > 0.2]
    best, best_score = None, None
    for (st, t), size in itertools.product(ranked["total"][:5], (2, 3)):
        for combo in itertools.combinations(parts, size):
            members = [s for _, s in combo]
            member_ids = {id(s) for s in members}
            if id(t) in member_ids or len({id(s.lt) for s in members}) < size or \
                    len({round(s.value, 2) for s in members}) < size:
                continue
            net = sum(s.value for s in members)
            wanted = t.value - net
            if wanted * t.value <= 0 or abs(wanted) > 0.35 * abs(net):
                continue
            single = [(sx, x) for sx, x in taxes if id(x) not in member_ids and abs(x.value - wanted) <= 0.011]
            tax_parts = single[:1] or _tax_parts(taxes, wanted, exclude=tuple(members) + (t,))
            if not tax_parts or not _adds_up(net, sum(x.value for _, x in tax_parts), t.value, roundings):
                continue
            score = st + min(ss for ss, _ in combo) + max(sx for sx, _ in tax_parts) + 0.9
            if best_score is None or score > best_score:
                subtotal = _Sum(net, [w for s in members for w in s.words], members[0])
                tax = _Sum(wanted, [w for _, x in tax_parts for w in x.words], tax_parts[0][1])
                # the sum is surer than any of its parts: it adds up
                best = {"total": (st, t), "subtotal": (max(ss for ss, _ in combo) + 0.05, subtotal),
                        "tax": (max(sx for sx, _ in tax_parts) + 0.05, tax)}
                best_score = score
    return best


def _untaxed(ranked):
    """Nothing adds up and no tax is printed (a small business, an export): the labelled total is also the
    untaxed amount — not one of the item amounts a column header calls net. None otherwise (then the roles
    keep their own best candidates)."""
    totals = ranked["total"]
    if not totals or totals[0][0] < 0.5 or any(score >= 0.5 for score, _ in ranked["tax"]):
        return None
    score, total = totals[0]
    return {"total": (score, total), "subtotal": (score / 2, total), "tax": (0.2, None)}


class _Sum:
    """An amount that is the sum of several printed ones: the tax of each VAT rate, the untaxed amount of
    each part of a bill."""

    def __init__(self, value, words, like):
        self.value = value
        self.words = words
        self.page = like.page


def _tax_parts(taxes, wanted, exclude):
    candidates = [(score, t) for score, t in taxes if t not in exclude and score > 0.2 and t.value != 0]
    for size in (2, 3):
        for combo in itertools.combinations(candidates, size):
            if len({id(t.lt) for _, t in combo}) < size:
                continue  # one amount per rate, each on its own row: a row's base and tax are not two taxes
            values = [t.value for _, t in combo]
            if abs(sum(values) - wanted) <= 0.011 and len({_tax_part_key(t) for _, t in combo}) == size:
                return list(combo)
    return None


def _tax_part_key(token):
    """What two parts of the tax may not share: the same amount under the same label is one tax printed twice
    (a summary and a table); under two labels it is two taxes ("CGST 9 % 90.00", "SGST 9 % 90.00": India's
    central and state halves)."""
    return round(token.value, 2), re.sub(r"[\d\s.,:%@()]+", "", token.left)
