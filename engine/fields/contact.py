"""Emails, websites, currency and country."""
import re
from collections import Counter

from ..conventions.keywords import label_spans
from ..conventions.text import compact_code
from .banking import tax_id_country
from .candidates import Candidate
from .spelling import Vocabulary

EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})(?![\w-])")
WEBSITE_RE = re.compile(r"(?<![\w@.])((?:https?://)?(?:www\.)[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?|"
                        r"https?://[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?)", re.I)
# a domain printed bare ("rendez-vous sur bouyguestelecom.fr"): lower case, a common top-level domain
BARE_DOMAIN_RE = re.compile(r"(?<![\w@./-])([a-z][a-z0-9-]{2,}\.(?:com|net|org|eu|fr|de|nl|be|lu|ch|at|es|it|pt|"
                            r"co\.uk|uk|ie|io))(?![\w@-])")

CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₹": "INR", "CHF": "CHF", "Fr.": "CHF",
                    "RM": "MYR", "S$": "SGD", "A$": "AUD", "C$": "CAD", "zł": "PLN", "Kč": "CZK", "kr": "SEK",
                    "Rs": "INR", "Rs.": "INR"}
CURRENCY_CODES = ("EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
                  "RON", "BGN", "INR", "CNY", "MYR", "SGD", "HKD", "ZAR", "MXN", "BRL", "MAD", "TND", "XOF", "AED")
_CODE_RE = re.compile(r"(?<![A-Z])(" + "|".join(CURRENCY_CODES) + r")(?![A-Z])")
_SYMBOL_RE = re.compile(r"(€|£|\$|¥|₹|\bRM(?=\s?\d)|\bCHF\b|(?<![-–/])\bFr\.(?=\s?\d)|S\$|A\$|C\$|zł|Kč|"
                        r"\bRs\.?(?=\s?-?\d))")  # "Rs 1939", "Rs. 250": rupees; "Mo.-Fr. 08.30" is no franc
# what may stand between a currency label and its code: "Währung: EUR", "DEVISE : EURO (EUR)" — not other words
# ("Währung der Umsatzsteuerbuchung: EUR" is the currency of the tax booking, not of the invoice)
_LABEL_TO_CODE = re.compile(r"[\s:.=-]*(?:[A-Za-z]+\s*\()?")
LABELLED_CURRENCY_COUNT = 3.0  # a labelled code outweighs codes and symbols counted elsewhere on the page
COUNTRY_CURRENCY = {"DE": "EUR", "FR": "EUR", "BE": "EUR", "NL": "EUR", "LU": "EUR", "AT": "EUR", "IT": "EUR",
                    "ES": "EUR", "PT": "EUR", "IE": "EUR", "FI": "EUR", "GR": "EUR", "EL": "EUR", "SK": "EUR",
                    "SI": "EUR", "EE": "EUR", "LV": "EUR", "LT": "EUR", "HR": "EUR", "CY": "EUR", "MT": "EUR",
                    "GB": "GBP", "CH": "CHF", "US": "USD", "CA": "CAD", "AU": "AUD", "MY": "MYR", "SG": "SGD",
                    "IN": "INR", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK"}


# the big mail services, whose names OCR misreads a letter of: "gmall.com"
_MAIL_SERVICES = Vocabulary("""gmail googlemail hotmail yahoo outlook icloud ymail orange libero laposte wanadoo
                               posteo protonmail btinternet comcast verizon""".split())


def mail_service_spelling(email):
    """The address with its mail service spelled right: 'jane@gmall.com' → 'jane@gmail.com'."""
    local, at, domain = email.partition("@")
    service, dot, rest = domain.partition(".")
    return local + at + _MAIL_SERVICES.respell(service) + dot + rest if at and dot else email


def email_candidates(lts, user_email=None):
    user_domain = (user_email or "").split("@")[-1].lower()
    found = []
    for lt in lts:
        for match in EMAIL_RE.finditer(lt.text):
            email = mail_service_spelling(match.group(1).strip("."))
            score = 0.8 - (0.5 if user_domain and email.lower().endswith("@" + user_domain) else 0.0)
            score -= 0.05 * lt.line.page
            found.append(Candidate(email, score, lt.words_in(match.start(), match.end()), lt.line.page))
    return found


def website_candidates(lts, user_email=None):
    user_domain = (user_email or "").split("@")[-1].lower()
    found = []
    for lt in lts:
        # an address spelled out ("www.", "https://") is surer than a bare domain; the user's own ranks last
        for pattern, base_score in ((WEBSITE_RE, 0.8), (BARE_DOMAIN_RE, 0.6)):
            for match in pattern.finditer(lt.text):
                site = match.group(1).rstrip("./")
                score = base_score - (0.5 if user_domain and user_domain in site.lower() else 0.0)
                found.append(Candidate(site, score, lt.words_in(match.start(), match.end()), lt.line.page))
    return found


def currency_candidates(lts, hints=()):
    """Codes and symbols counted over the document; country hints (VAT, IBAN, user) break ties."""
    counts, where = Counter(), {}
    for lt in lts:
        for match in _CODE_RE.finditer(lt.text):
            code = match.group(1)
            counts[code] += 1.0
            where.setdefault(code, (lt.words_in(match.start(), match.end()), lt.line.page))
        for match in _SYMBOL_RE.finditer(lt.text):
            code = CURRENCY_SYMBOLS.get(match.group(1).strip(), None)
            if code == "USD" and any(COUNTRY_CURRENCY.get(h) in ("CAD", "AUD", "SGD") for h in hints):
                code = next(COUNTRY_CURRENCY[h] for h in hints if COUNTRY_CURRENCY.get(h) in ("CAD", "AUD", "SGD"))
            if code:
                counts[code] += 0.8
                where.setdefault(code, (lt.words_in(match.start(), match.end()), lt.line.page))
    for code, words, page, weight in _labelled_codes(lts):
        counts[code] += LABELLED_CURRENCY_COUNT * weight
        where[code] = (words, page)
    for hint in hints:
        code = COUNTRY_CURRENCY.get(hint)
        if code:
            counts[code] += 0.3
    total = sum(counts.values()) or 1.0
    found = []
    for code, count in counts.items():
        words, page = where.get(code, ([], 0))
        found.append(Candidate(code, 0.3 + 0.7 * count / total, words, page))
    return found


def _labelled_codes(lts):
    """(code, words, page, label weight) of each currency code printed right after a currency label."""
    found = []
    for lt in lts:
        for _start, end, weight in label_spans(lt.folded, "currency", folded=True):
            match = _CODE_RE.search(lt.text, end)
            if match and _LABEL_TO_CODE.fullmatch(lt.text[end:match.start()]):
                found.append((match.group(1), lt.words_in(match.start(), match.end()), lt.line.page, weight))
    return found


def country_candidates(vat_candidates, iban_candidates, user_country=None):
    found = []
    for cand in vat_candidates[:3]:
        code = tax_id_country(cand)
        if code:
            found.append(Candidate(code, 0.5 + 0.4 * cand.score, cand.words, cand.page))
    for cand in iban_candidates[:2]:
        found.append(Candidate(compact_code(cand.content)[:2], 0.4 + 0.3 * cand.score, cand.words, cand.page))
    return found
