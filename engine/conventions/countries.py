"""Which country a document comes from, as its own page tells it: VAT and IBAN prefixes, telephone calling
codes, legal forms of companies, country names, currency symbols and codes, and the language of its words.

The evidence decides what a page leaves ambiguous: the order of day and month in 03/07/2014, and which dollar
("$") or crown ("kr") its amounts are in. Each piece of evidence is (country, weight, start, end) in one line's
text, so that a caller can point at the words that told.
"""
import re
from collections import Counter

from .text import fold

# countries that write numeric dates month first (03/07/2014 is the 7th of March)
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "FM", "MH", "PW"})
# countries where both orders are common: their evidence does not settle the order
MIXED_ORDER_COUNTRIES = frozenset({"CA"})
EURO_AREA = "EU"  # a pseudo-country: "€" or "EUR" says Europe, not which country of it

_VAT = re.compile(r"(?<![A-Za-z0-9])(ATU|DE|FR|IT|NL|BE|ES|PT|LU|IE|GB|PL|CZ|DK|SE|FI|EL|SK|SI|HU|RO|BG|HR|EE|LV|"
                  r"LT|CY|MT)\s?((?:[0-9A-Z]\s?){8,12})(?![0-9A-Za-z.,])")  # no dots: "GB 15.00 15.00" is a row
_IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2})\d{2}\s?(?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4}(?![A-Za-z0-9])")
_IBAN_COUNTRIES = frozenset("AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IT LI LT LU LV MC MT NL NO PL PT RO "
                            "SE SI SK SM TR AE SA".split())
# +49 …, (+60) …: the calling codes of the countries whose documents the engine meets most
_CALLING_CODES = {"1": "US", "7": "RU", "20": "EG", "27": "ZA", "30": "GR", "31": "NL", "32": "BE", "33": "FR",
                  "34": "ES", "36": "HU", "39": "IT", "40": "RO", "41": "CH", "43": "AT", "44": "GB", "45": "DK",
                  "46": "SE", "47": "NO", "48": "PL", "49": "DE", "52": "MX", "55": "BR", "60": "MY", "61": "AU",
                  "62": "ID", "63": "PH", "64": "NZ", "65": "SG", "66": "TH", "81": "JP", "82": "KR", "84": "VN",
                  "86": "CN", "90": "TR", "91": "IN", "212": "MA", "216": "TN", "351": "PT", "352": "LU",
                  "353": "IE", "358": "FI", "420": "CZ", "421": "SK", "852": "HK", "971": "AE"}
_PHONE = re.compile(r"(?<![\w+])(?:\(\s?)?\+\s?(" + "|".join(sorted(_CALLING_CODES, key=len, reverse=True)) +
                    r")(?=[\s().-]*\d)")
# legal forms that only one country (or one date convention) uses
_LEGAL_FORMS = [(re.compile(pattern, re.I), country) for pattern, country in (
    (r"\bsdn\.?\s?bhd\b|\bbhd\.?$|\bberhad\b|(?<=\w)\ss/b\b", "MY"),  # "S/B": Sdn Bhd
    (r"\bpte\.?\s?ltd\b", "SG"),
    (r"\bgmbh\b|\bmbh\b|\bgbr\b|\bohg\b|\be\.\s?k\.(?!\w)", "DE"),
    (r"\bs\.?a\.?r\.?l\.?(?!\w)|\bs\.a\.s\.?(?!\w)|\beurl\b|\bsasu\b", "FR"),
    (r"\bb\.v\.(?!\w)|\bv\.o\.f\.(?!\w)", "NL"),
    (r"\bs\.r\.l\.(?!\w)|\bs\.p\.a\.(?!\w)", "IT"),
    (r"\bs\.l\.u?\.(?!\w)", "ES"),
    (r"\bl\.?l\.?c\.?(?!\w)", "US"),
    (r"\bpty\.?\s?ltd\b", "AU"),
)]
_COUNTRY_NAMES = {"malaysia": "MY", "singapore": "SG", "deutschland": "DE", "germany": "DE", "france": "FR",
                  "belgique": "BE", "belgie": "BE", "belgium": "BE", "nederland": "NL", "netherlands": "NL",
                  "osterreich": "AT", "austria": "AT", "schweiz": "CH", "suisse": "CH", "switzerland": "CH",
                  "italia": "IT", "italy": "IT", "espana": "ES", "spain": "ES", "portugal": "PT",
                  "united kingdom": "GB", "england": "GB", "usa": "US", "u.s.a.": "US", "united states": "US",
                  "australia": "AU", "new zealand": "NZ", "india": "IN", "hong kong": "HK", "japan": "JP",
                  "indonesia": "ID", "thailand": "TH", "philippines": "PH", "polska": "PL", "poland": "PL",
                  "danmark": "DK", "denmark": "DK", "sverige": "SE", "sweden": "SE", "norge": "NO", "norway": "NO",
                  "luxembourg": "LU", "ireland": "IE", "turkiye": "TR", "turkey": "TR", "brasil": "BR",
                  "brazil": "BR", "canada": "CA"}
_COUNTRY_NAME = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(_COUNTRY_NAMES, key=len,
                                                                                  reverse=True)) + r")(?![\w])")
# money: symbols and codes that belong to one country (the euro to its area); "$" and "kr" need other evidence
_MONEY = [(re.compile(pattern), country) for pattern, country in (
    (r"(?<![A-Za-z])RM\s?\d|\bMYR\b", "MY"), (r"S\$|\bSGD\b", "SG"), (r"HK\$|\bHKD\b", "HK"),
    (r"(?<![A-Z])A\$|\bAUD\b", "AU"), (r"(?<![A-Z])C\$|\bCAD\b", "CA"), (r"NZ\$|\bNZD\b", "NZ"),
    (r"R\$|\bBRL\b", "BR"), (r"US\$|\bUSD\b", "US"), (r"£|\bGBP\b", "GB"), (r"€|\bEUR\b", EURO_AREA),
    (r"zł|\bPLN\b", "PL"), (r"Kč|\bCZK\b", "CZ"), (r"₹|\bINR\b", "IN"), (r"₩|\bKRW\b", "KR"), (r"฿|\bTHB\b", "TH"),
    (r"₱|\bPHP\b", "PH"), (r"₺|\bTRY\b", "TR"), (r"\bCHF\b", "CH"), (r"\bSEK\b", "SE"), (r"\bNOK\b", "NO"),
    (r"\bDKK\b", "DK"), (r"円|\bJPY\b", "JP"), (r"(?<![A-Za-z])Rp\.?\s?\d|\bIDR\b", "ID"),
)]
# the words of street names (and their usual abbreviations), by the country whose language they are in
# (Malay "jalan" is also Indonesian): weak evidence, enough for a date order, too weak to tell a currency
_STREET_WORDS = {"jalan": "MY", "jln": "MY", "lorong": "MY", "lrg": "MY", "taman": "MY", "tmn": "MY",
                 "strasse": "DE", "str": "DE", "weg": "DE", "gasse": "AT", "rue": "FR", "boulevard": "FR",
                 "chemin": "FR", "calle": "ES", "avenida": "ES", "straat": "NL", "laan": "NL", "gracht": "NL",
                 "gatan": "SE", "vagen": "SE", "gade": "DK", "vej": "DK", "gata": "NO", "ulica": "PL", "rua": "PT",
                 "piazza": "IT", "viale": "IT"}
_STREET = re.compile(r"(?<![\w])(" + "|".join(_STREET_WORDS) + r")(?![\w])|[a-z](strasse|straße|str\.|weg|straat|laan|"
                     r"gatan|vagen|vej|gade)(?![\w])")
_WEIGHTS = {"vat": 3.0, "iban": 3.0, "phone": 2.0, "legal_form": 2.0, "country_name": 1.5, "money": 1.0,
            "street": 1.0}

# the commonest words of each language, folded: a page's words say its language ("rechnung", "facture")
_LANGUAGE_WORDS = {
    "de": "und der die das mit fur von rechnung datum betrag summe gesamt steuer mwst ust zahlbar bitte kunde "
          "lieferung menge preis netto brutto bank konto vielen dank",
    "fr": "le la les des du une pour avec facture montant total ht ttc tva date echeance client paiement "
          "quantite prix merci",
    "nl": "het een van voor met factuur bedrag totaal btw datum betaling klant aantal prijs bedankt",
    "es": "el los las del una para con factura importe fecha cliente pago cantidad precio gracias iva",
    "it": "il gli della per con fattura importo totale data cliente pagamento quantita prezzo grazie iva",
    "pt": "os das para com fatura valor data cliente pagamento quantidade preco obrigado",
    "en": "the and for with invoice amount total date customer payment quantity price thank you tax due bill to",
}
_LANGUAGE_SETS = {lang: frozenset(words.split()) for lang, words in _LANGUAGE_WORDS.items()}
_WORD = re.compile(r"[a-z]+")


def country_evidence(text):
    """[(country, weight, start, end)] of what ``text`` (one line) says about the country it comes from."""
    found = []
    for match in _VAT.finditer(text):
        if sum(ch.isdigit() for ch in match.group(2)) >= 8:
            prefix = match.group(1)
            found.append(({"ATU": "AT", "EL": "GR"}.get(prefix, prefix), _WEIGHTS["vat"], match.start(), match.end()))
    for match in _IBAN.finditer(text):
        if match.group(1) in _IBAN_COUNTRIES:
            found.append((match.group(1), _WEIGHTS["iban"], match.start(), match.end()))
    for match in _PHONE.finditer(text):
        found.append((_CALLING_CODES[match.group(1)], _WEIGHTS["phone"], match.start(), match.end()))
    for pattern, country in _LEGAL_FORMS:
        for match in pattern.finditer(text):
            found.append((country, _WEIGHTS["legal_form"], match.start(), match.end()))
    folded = fold(text)
    if len(folded) == len(text):  # offsets in the folded text are offsets in the text
        for match in _COUNTRY_NAME.finditer(folded):
            found.append((_COUNTRY_NAMES[match.group(1)], _WEIGHTS["country_name"], match.start(), match.end()))
        for match in _STREET.finditer(folded):
            word = (match.group(1) or match.group(2)).replace("ß", "ss").rstrip(".")
            found.append((_STREET_WORDS.get(word, "DE"), _WEIGHTS["street"], match.start(), match.end()))
    for pattern, country in _MONEY:
        for match in pattern.finditer(text):
            found.append((country, _WEIGHTS["money"], match.start(), match.end()))
    return found


def document_countries(texts):
    """Counter of country → weight of evidence over every line of a document."""
    counts = Counter()
    for text in texts:
        for country, weight, _start, _end in country_evidence(text):
            counts[country] += weight
    return counts


def page_language(texts, least=4):
    """The language most of a page's common words belong to ("de", "fr", …, "en"), or None when fewer than
    ``least`` of them say so."""
    counts = Counter()
    for text in texts:
        for word in _WORD.findall(fold(text).lower()):
            for lang, words in _LANGUAGE_SETS.items():
                if word in words:
                    counts[lang] += 1
    if not counts:
        return None
    lang, count = counts.most_common(1)[0]
    return lang if count >= least else None
