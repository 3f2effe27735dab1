"""Invoice features (Extract API invoice 122)."""
from ..conventions.numbers import decimal_separator, document_decimal_separator
from ..conventions.text import fold
from .banking import aba_candidates, bic_candidates, iban_candidates, tax_id_country, vat_candidates
from .candidates import Candidate, feature_result
from .contact import country_candidates, currency_candidates, email_candidates, website_candidates
from .dating import choose_dates, month_first_for
from .lines import extract_lines, receipt_items
from .parties import addressee_heading, favour_own_domain, party_candidates, similar
from .ranker import rerank_fields
from .receipt_totals import printed_cash_roundings
from .references import invoice_id_candidates, labelled_tokens, purchase_order_candidates
from .tokens import amount_tokens, date_tokens, line_texts
from .totals import choose_totals
from .weights import IMPLIED, LIKELY

FEATURES = ("SWIFT_code", "iban", "aba", "VAT_Number", "qr-bill", "payment_ref", "purchase_order", "country",
            "currency", "date", "due_date", "total_tax_amount", "invoice_id", "subtotal", "total", "supplier",
            "client", "email", "website", "invoice_lines")


def extract_invoice(pages, user_infos, structured=None):
    user_infos = user_infos or {}
    lang = user_infos.get("user_lang") or ""
    perspective = user_infos.get("perspective") or "client"
    lts = line_texts(pages)
    hint = document_decimal_separator(lt.text for lt in lts) or decimal_separator(lang)  # the page first
    page_count = len(pages)
    result = {}

    tokens = amount_tokens(lts, hint, page_count)
    # a till receipt uploaded as a bill: the total may be rounded for cash by an adjustment it prints
    roundings = printed_cash_roundings(tokens)
    totals = _after_rounding(choose_totals(tokens, largest_bonus=0.2, roundings=roundings), roundings)
    result["total"] = feature_result(totals["total"][1], selected=totals["total"][0])
    result["subtotal"] = feature_result(totals["subtotal"][1], selected=totals["subtotal"][0])
    result["total_tax_amount"] = feature_result(totals["tax"][1], selected=totals["tax"][0])

    month_first = month_first_for(lang, lts)
    dates = choose_dates(date_tokens(lts, month_first))
    result["date"] = feature_result(dates["date"][1], selected=dates["date"][0])
    result["due_date"] = feature_result(dates["due_date"][1], selected=dates["due_date"][0])

    result["invoice_id"] = feature_result(invoice_id_candidates(lts))

    client_zone = _client_zone(lts)
    ocr_pages = {page.index for page in pages if page.source == "ocr"}
    vats = vat_candidates(lts, user_infos.get("user_company_vat"), perspective, client_zone, ocr_pages)
    result["VAT_Number"] = feature_result(vats)
    ibans = iban_candidates(lts, ocr_pages)
    result["iban"] = feature_result(ibans)
    result["SWIFT_code"] = feature_result(bic_candidates(lts, ibans))
    result["aba"] = feature_result(aba_candidates(lts))

    suppliers, clients = party_candidates(lts, user_infos.get("user_company_name"), perspective)
    emails = email_candidates(lts, user_infos.get("user_email"))
    websites = website_candidates(lts, user_infos.get("user_email"))
    favour_own_domain(lts, suppliers, [c.content for c in emails + websites if c.score >= LIKELY])
    result["supplier"] = feature_result(_other_than(suppliers, clients))
    result["client"] = feature_result(_other_than(clients, suppliers))

    countries = [(c.score, tax_id_country(c), c) for c in vats] + [(c.score, c.content[:2], c) for c in ibans]
    read = [(country, c.words, c.page) for _score, country, c in sorted(countries, key=lambda item: -item[0])[:2]
            if country and c.score >= LIKELY]
    hints = [user_infos["user_company_country_code"].upper()] if user_infos.get("user_company_country_code") else []
    result["currency"] = feature_result(currency_candidates(lts, hints, read))
    result["country"] = feature_result(country_candidates(sorted(vats, key=lambda c: -c.score),
                                                          sorted(ibans, key=lambda c: -c.score)))
    result["email"] = feature_result(emails)
    result["website"] = feature_result(websites)
    result["payment_ref"] = feature_result(labelled_tokens(lts, "payment_ref"))
    result["purchase_order"] = feature_result(
        purchase_order_candidates(lts, user_infos.get("purchase_order_regex")), multi=True)
    result["qr-bill"] = {"candidates": []}
    lines = extract_lines(lts, hint)
    untaxed = _untaxed_by_lines(totals, lines)
    if untaxed:
        result["subtotal"] = feature_result(totals["subtotal"][1] + [untaxed[0]], selected=untaxed[0])
        result["total_tax_amount"] = feature_result(totals["tax"][1] + [untaxed[1]], selected=untaxed[1])
    if not lines:  # a till receipt uploaded as a bill: its item rows, if they add up
        lines = (receipt_items(lts, totals["subtotal"][0], hint) or receipt_items(lts, totals["total"][0], hint))
    result["invoice_lines"] = lines or _summary_line(totals)
    rerank_fields("invoice", result)  # a learned choice where it beat the hand scores (ranker.json)
    if structured:
        structured.apply(result)
    return {name: result[name] for name in FEATURES}


def _untaxed_by_lines(totals, lines):
    """(subtotal, tax) candidates of a bill whose item lines add up to its total while the subtotal and tax
    chosen do not: it bears no tax ("MwSt." over a column of amounts is no tax). None otherwise."""
    total, subtotal, tax = (totals[name][0] for name in ("total", "subtotal", "tax"))
    if not lines or total is None or not total.content:
        return None
    amounts = sum(line["subtotal"]["selected_value"]["content"] for line in lines)
    chosen = (subtotal.content if subtotal else 0.0) + (tax.content if tax else 0.0)
    if abs(amounts - total.content) > 0.005 or abs(chosen - total.content) <= 0.011:
        return None
    return (Candidate(total.content, total.score, total.words, total.page),
            Candidate(0.0, IMPLIED, [], total.page))


def _after_rounding(totals, roundings):
    """The total printed under the chosen one that differs from it by a printed cash rounding ("TOTAL 33.92",
    "ROUNDING ADJ -0.02", "TOTAL ROUNDED 33.90") is what was paid: it becomes the total, the other a candidate."""
    chosen, candidates = totals["total"]
    if not roundings or chosen is None or not chosen.words:
        return totals
    below = [c for c in candidates if c.words and c.page == chosen.page and c.score >= 0.5
             and c.words[0].y0 > chosen.words[0].y1
             and any(abs(abs(c.content - chosen.content) - r) < 0.002 for r in roundings)]
    if below:
        best = max(below, key=lambda c: c.score)
        best.score = max(best.score, chosen.score + 0.01)
        totals = dict(totals, total=(best, candidates))
    return totals


def _summary_line(totals):
    """No table found: one line for the untaxed amount, as a user would enter such a bill."""
    subtotal = totals["subtotal"][0]
    if subtotal is None or not subtotal.content:
        return []
    line = Candidate(subtotal.content, IMPLIED, subtotal.words, subtotal.page)
    one = Candidate(1.0, IMPLIED, [], subtotal.page)
    return [{"quantity": feature_result([one]), "unit_price": feature_result([line]),
             "subtotal": feature_result([line]), "total": feature_result([line])}]


def _client_zone(lts):
    """A predicate telling whether a line belongs to the block under a client heading ('Käufer', 'Bill to').

    The block starts at the heading's own cell: a heading may share its line with other labels.
    """
    zones = []
    for lt in lts:
        for seg in lt.line.segments:
            if addressee_heading(fold(seg.text).strip()):
                zones.append((lt.line.page, lt.line.y0, lt.line.y0 + 0.12, seg.x0 - 0.03, seg.x0 + 0.45))

    def in_zone(line, x=None):
        """Whether ``line`` is in a client block; given ``x``, whether what stands there on it is (a line may
        run across the client's block and the supplier's bank details beside it)."""
        return any(page == line.page and y0 <= line.y0 <= y1
                   and (x0 <= x <= x1 if x is not None else any(x0 <= s.x0 <= x1 for s in line.segments))
                   for page, y0, y1, x0, x1 in zones)

    return in_zone


def _other_than(own, other):
    """One side's party candidates without the other side's best name, where that side is surer of it: with
    no other name printed, no client is better than the supplier's name twice (and no supplier better than
    the client's)."""
    if not other:
        return own
    best = max(other, key=lambda c: c.score)
    return [c for c in own if c.score > best.score or similar(c.content, best.content) <= 0.85]
