"""Expense features (Extract API expense 132): receipts and tickets."""
import re

from ..conventions.numbers import decimal_separator, document_decimal_separator
from .candidates import Candidate, feature_result
from .contact import currency_candidates
from .dating import choose_dates, month_first_for
from .merchant import receipt_merchants
from .ranker import rerank_fields
from .receipt_totals import receipt_total_candidates
from .references import labelled_tokens
from .tokens import amount_tokens, date_tokens, line_texts

FEATURES = ("description", "country", "date", "total", "currency", "bill_reference", "supplier")

_RECEIPT_REF = re.compile(r"(receipt|invoice|bill|doc|document|transaction|trans|slip|check|cheque|order|inv|rcpt|"
                          r"bon|beleg|ticket|facture|kassenbon)\s*(no|nr|number|#|num)", re.I)


def extract_expense(pages, user_infos, structured=None):
    user_infos = user_infos or {}
    lang = user_infos.get("user_lang") or ""
    lts = line_texts(pages)
    hint = document_decimal_separator(lt.text for lt in lts) or decimal_separator(lang)  # the page first
    result = {}
    result["total"] = feature_result(receipt_total_candidates(amount_tokens(lts, hint, len(pages))))
    month_first = month_first_for(lang, lts)
    dates = choose_dates(date_tokens(lts, month_first), want_due=False)
    result["date"] = feature_result(dates["date"][1], selected=dates["date"][0])
    merchants = receipt_merchants(lts, lang)
    result["supplier"] = feature_result(merchants)
    result["description"] = feature_result([Candidate(c.content, c.score * 0.9, c.words, c.page) for c in merchants])
    hints = [user_infos["user_company_country_code"].upper()] if user_infos.get("user_company_country_code") else []
    result["currency"] = feature_result(currency_candidates(lts, hints))
    result["country"] = {"candidates": []}
    result["bill_reference"] = feature_result(_bill_references(lts))
    rerank_fields("expense", result)  # a learned choice where it beat the hand scores (ranker.json)
    if structured:
        structured.apply(result)
    return {name: result[name] for name in FEATURES}


def _bill_references(lts):
    found = labelled_tokens(lts, "invoice_id", base=0.3)
    for lt in lts:
        match = _RECEIPT_REF.search(lt.text)
        if match:
            rest = lt.text[match.end():]
            token = re.search(r"[:#.\s]*([A-Z0-9][A-Z0-9/_-]*\d[A-Z0-9/_-]*)", rest, re.I)
            if token:
                start = match.end() + token.start(1)
                end = match.end() + token.end(1)
                found.append(Candidate(token.group(1), 0.75, lt.words_in(start, end), lt.line.page))
    return found
