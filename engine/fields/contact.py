"""Emails, websites, currency and country."""
import re
from collections import Counter

from ..conventions.countries import country_evidence
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

# symbols that name one currency; "$", "kr", "¥" and "Fr." are settled by the country evidence (_AMBIGUOUS)
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "₹": "INR", "CHF": "CHF", "RM": "MYR", "S$": "SGD", "SG$": "SGD",
                    "HK$": "HKD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "R$": "BRL",
                    "US$": "USD", "zł": "PLN", "Kč": "CZK", "Rs": "INR", "Rs.": "INR", "円": "JPY", "₩": "KRW",
                    "฿": "THB", "₱": "PHP", "Rp": "IDR", "Rp.": "IDR", "₺": "TRY", "Ft": "HUF", "lei": "RON",
                    "₫": "VND", "₪": "ILS", "₦": "NGN"}
# a symbol several countries print: the country evidence picks one, else the first is the reading
_AMBIGUOUS = {"$": ("USD", {"US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD",
                            "MX": "MXN", "BR": "BRL"}),
              "kr": (None, {"SE": "SEK", "NO": "NOK", "DK": "DKK"}),
              "¥": ("JPY", {"JP": "JPY", "CN": "CNY"}),
              "Fr.": ("CHF", {"CH": "CHF", "FR": None, "BE": None, "LU": None})}
CURRENCY_CODES = ("EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
                  "RON", "BGN", "INR", "CNY", "RMB", "MYR", "SGD", "HKD", "ZAR", "MXN", "BRL", "MAD", "TND", "XOF",
                  "AED", "KRW", "THB", "IDR", "VND", "ILS", "SAR")
_CODE_ALIASES = {"RMB": "CNY"}
_CODE_RE = re.compile(r"(?<![A-Z])(" + "|".join(CURRENCY_CODES) + r")(?![A-Z])|"
                      r"(?<![A-Za-z])(PHP|TRY)(?=\s?\d)")  # "PHP", "TRY" as words are no currency
_SYMBOL_RE = re.compile(
    r"((?<![A-Za-z])(?:US|SG|HK|AU|CA|NZ|[SACR])\$|\$|€|£|¥|円|₹|₩|฿|₱|₺|₫|₪|₦|zł|Kč|\bCHF\b|"
    r"(?<![A-Za-z])RM(?=\s?\d)|\(RM\)|(?<![-–/])\bFr\.(?=\s?\d)|\bRs\.?(?=\s?-?\d)|"  # "Mo.-Fr. 08.30": no franc
    r"(?<![A-Za-z])Rp\.?(?=\s?\d)|\d\s?(?:kr|Ft|lei)\b|(?<![A-Za-z])(?:kr|Ft)\.?(?=\s?\d))")  # "120 kr", "kr 120"
# what may stand between a currency label and its code: "Währung: EUR", "DEVISE : EURO (EUR)" — not other words
# ("Währung der Umsatzsteuerbuchung: EUR" is the currency of the tax booking, not of the invoice)
_LABEL_TO_CODE = re.compile(r"[\s:.=-]*(?:[A-Za-z]+\s*\()?")
LABELLED_CURRENCY_COUNT = 3.0  # a labelled code outweighs codes and symbols counted elsewhere on the page
COUNTRY_CURRENCY = {"DE": "EUR", "FR": "EUR", "BE": "EUR", "NL": "EUR", "LU": "EUR", "AT": "EUR", "IT": "EUR",
                    "ES": "EUR", "PT": "EUR", "IE": "EUR", "FI": "EUR", "GR": "EUR", "EL": "EUR", "SK": "EUR",
                    "SI": "EUR", "EE": "EUR", "LV": "EUR", "LT": "EUR", "HR": "EUR", "CY": "EUR", "MT": "EUR",
                    "GB": "GBP", "CH": "CHF", "US": "USD", "CA": "CAD", "AU": "AUD", "MY": "MYR", "SG": "SGD",
                    "IN": "INR", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "NZ": "NZD",
                    "HK": "HKD", "JP": "JPY", "CN": "CNY", "KR": "KRW", "TH": "THB", "PH": "PHP", "ID": "IDR",
                    "TR": "TRY", "BR": "BRL", "MX": "MXN", "HU": "HUF", "RO": "RON", "BG": "BGN", "ZA": "ZAR",
                    "AE": "AED", "MA": "MAD", "TN": "TND", "VN": "VND", "LI": "CHF", "MC": "EUR"}
_COUNTRY_WEIGHT = 1.5  # evidence that names a country (not its money): VAT, IBAN, calling code, legal form, name


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


def currency_candidates(lts, hints=(), read=()):
    """Codes and symbols counted over the document. A symbol several countries print ("$", "kr", "¥") is read
    as the currency of the country the evidence points at: ``read`` first ((country, words, page) of the VAT
    and IBAN numbers read), then the page's own (calling code, legal form, country name, …), then ``hints``.
    That evidence alone, with no amount marked, still tells a currency, pointing at the words that tell it.
    ``hints`` (the user's company country) only break ties between currencies the page prints: a hint never
    adds a currency of its own, which would be a default dressed as a reading."""
    counts, where = Counter(), {}
    countries, evidence = Counter(), {}
    for country, words, page in read:
        countries[country] += _COUNTRY_WEIGHT * 2
        evidence.setdefault(country, (words, page))
    for lt in lts:
        for country, weight, start, end in country_evidence(lt.text):
            countries[country] += weight
            if weight >= _COUNTRY_WEIGHT and country not in evidence:
                evidence[country] = (lt.words_in(start, end), lt.line.page)
    ranked = [country for country, _words, _page in read] + [c for c, _count in countries.most_common()] + list(hints)
    for lt in lts:
        for match in _CODE_RE.finditer(lt.text):
            code = _CODE_ALIASES.get(match.group(0), match.group(0))
            counts[code] += 1.0
            where.setdefault(code, (lt.words_in(match.start(), match.end()), lt.line.page))
        for match in _SYMBOL_RE.finditer(lt.text):
            code = _symbol_code(match.group(1), ranked)
            if code:
                counts[code] += 0.8
                where.setdefault(code, (lt.words_in(match.start(), match.end()), lt.line.page))
    for code, words, page, weight in _labelled_codes(lts):
        counts[code] += LABELLED_CURRENCY_COUNT * weight
        where[code] = (words, page)
    for country, (words, page) in evidence.items():  # what the supplier's country pays in, where it is printed
        code = COUNTRY_CURRENCY.get(country)
        if code and words:
            counts[code] += 0.2 * min(countries[country], 6.0) / 3.0
            where.setdefault(code, (words, page))
    for hint in hints:
        code = COUNTRY_CURRENCY.get(hint)
        if code in counts:
            counts[code] += 0.3
    total = sum(counts.values()) or 1.0
    found = []
    for code, count in counts.items():
        words, page = where[code]
        found.append(Candidate(code, 0.3 + 0.7 * count / total, words, page))
    return found


def _symbol_code(symbol, countries):
    """The currency of a printed symbol: "RM" is MYR; "$" the dollar of the first of ``countries`` that has one."""
    symbol = symbol.strip("()0123456789 ")
    if symbol not in _AMBIGUOUS and symbol not in CURRENCY_SYMBOLS:
        symbol = symbol.rstrip(".")  # "kr.", "Ft."
    if symbol in _AMBIGUOUS:
        default, by_country = _AMBIGUOUS[symbol]
        for country in countries:
            if country in by_country:
                return by_country[country]
        return default
    return CURRENCY_SYMBOLS.get(symbol)


def _labelled_codes(lts):
    """(code, words, page, label weight) of each currency code printed right after a currency label."""
    found = []
    for lt in lts:
        for _start, end, weight in label_spans(lt.folded, "currency", folded=True):
            match = _CODE_RE.search(lt.text, end)
            if match and _LABEL_TO_CODE.fullmatch(lt.text[end:match.start()]):
                code = _CODE_ALIASES.get(match.group(0), match.group(0))
                found.append((code, lt.words_in(match.start(), match.end()), lt.line.page, weight))
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
