"""Label keywords per field in EN/FR/DE/NL/ES/IT/PT (plus Malay for receipts), folded (lower, no accents).

Each label carries a weight: how surely text after (or under) it is that field.
"""
import functools
import re

from .text import fold

# The labels that name one country's tax number, and that country: a nine-digit number passes several
# countries' checks, and its country gives the currency ("$" on a Canadian bill is CAD).
NATIONAL_TAX_ID_COUNTRIES = {
    "gstin": "IN", "gst in": "IN", "abn": "AU", "a.b.n.": "AU", "ird": "NZ", "ird no": "NZ", "gst/hst": "CA",
    "gst/hst no": "CA", "hst no": "CA", "business number": "CA", "ein": "US", "fein": "US", "federal tax id": "US",
    "cnpj": "BR", "rfc": "MX", "uen": "SG", "vergi no": "TR", "vkn": "TR",
    "统一社会信用代码": "CN", "纳税人识别号": "CN",
}

LABELS = {
    "total": {
        1.0: "grand total|total amount due|amount due|amount to be paid|to be paid|amount to pay|amount payable|"
             "balance due|total due|total to pay|total payable|"
             "total ttc|montant ttc|net a payer|total a payer|montant total ttc|"
             "gesamtbetrag|rechnungsbetrag|bruttobetrag|zahlbetrag|endbetrag|endsumme|gesamtsumme|rechnungssumme|"
             "zu zahlen|"
             "zu zahlender betrag|bruttosumme|summe brutto|gesamt brutto|total brutto|"
             "totaal te betalen|te betalen|totaal incl|totaal|total a pagar|importe total|total factura|"
             "totale fattura|totale da pagare|totale documento|valor total|total a pagar|"
             "total incl|total inc|total (incl|total including|total amount|invoice total|total eur|"
             "total sales|total rm|jumlah|nett total|net total|total payable|rounded total|total inclusive|"
             "total after adj|after adj|after adjustment|after rounding|total rounded",
        0.8: "total|summe|gesamt|totale|amount|montant|betrag|importe|totl|tota|totaal|jumlah|due",
    },
    "subtotal": {
        1.0: "positionssumme|summe positionen|sous-total|sous total|rechnungssumme ohne|summe ohne|ohne ust|ohne mwst|"
             "ohne umsatzsteuer|"
             "subtotal|sub total|sub-total|total ht|montant ht|total hors taxe|total excl|total excluding|"
             "total before tax|total net|net total|net amount|nettobetrag|summe netto|gesamt netto|netto summe|"
             "nettosumme|"
             "zwischensumme|warenwert|rechnungsbetrag netto|total netto|netto|subtotaal|totaal excl|"
             "base imponible|imponibile|totale imponibile|subtotale|total sin iva|valor liquido|total sem iva|"
             "amount excl|excl. vat|excl vat|total (excl|total exclusive|total before gst|total excl gst|"
             "excluding gst|excluding vat|excluding tax|exclusive of gst|exclusive of vat|excl. gst|excl gst|"
             "excl. tax|excl tax|exkl. mwst|exkl mwst|exkl. ust|hors tva|hors taxes|taxable amount|taxable value|"
             "amount before tax|montant imposable|steuerpflichtiger betrag|exclusief btw|excl. btw|excl btw|"
             "totaal exclusief|bedrag exclusief",
        0.8: "grondslag|btw grondslag|maatstaf van heffing|bemessungsgrundlage|base ht|base tva",
        0.6: "net|ht|hors taxes|summe positionen|gesamt",
    },
    "tax": {
        1.0: "mwst-betrag|ust-betrag|mwst.-betrag|steuer-betrag|total tva|montant tva|total vat|vat amount|tax amount|"
             "total tax|mwst betrag|mwst.-betrag|"
             "umsatzsteuerbetrag|steuerbetrag|ust betrag|summe mwst|summe ust|btw bedrag|totaal btw|"
             "importe iva|total iva|imposta|totale iva|valor iva|gst amount|total gst|sst amount|total sst|"
             "tax total|umsatzsteuer|mehrwertsteuer",
        # India's central, state, integrated and union-territory halves of the GST
        0.8: "tva|vat|mwst|ust|btw|iva|tax|taxes|gst|sst|steuer|cgst|sgst|igst|utgst",
    },
    "invoice_id": {
        1.0: "invoice number|invoice no|invoice nr|invoice #|invoice n|inv no|inv #|inv. no|"
             "rechnungsnummer|rechnungs-nr|rechnung nr|rechnungsnr|rechnung-nr|re-nr|beleg-nr|belegnummer|"
             "gutschriftsnummer|gutschrift nr|gutschrift-nr|numero de facture|facture n|facture no|n de facture|"
             "no de facture|factuurnummer|factuur nr|factuurnr|numero de factura|factura n|factura no|"
             "numero fattura|fattura n|numero da fatura|fatura n|credit note no|credit note number|"
             "document no|document number|bill no|receipt no|receipt #|no factura|n factura|no. factura|"
             "n. factura|no de factura|no fattura|n. fattura|no. fattura|no fatura|no da fatura|no facture|"
             "factuur no|factuur nummer|invoice no.|faktura nr|rechnungs nr|rg-nr|rg. nr|rg.-nr",
        0.7: "rechnung|invoice|facture|factuur|factura|fattura|fatura|nummer|number|numero|no|nr|"
             # a credit note's title before its number: "Avoir AV-2017-0005"
             "avoir|gutschrift|credit note|creditnota|nota de credito|nota di credito",
        # where no invoice number is printed (a hotel's payment receipt), the booking's is the reference
        0.5: "booking id|booking no|booking number|booking reference|reservation number|reservation no|"
             "confirmation number|buchungsnummer|reservierungsnummer|numero de reservation|reserveringsnummer",
    },
    "currency": {
        1.0: "rechnungswahrung|invoice currency|currency of invoice|devise de facturation|devise de la facture|"
             "factuurvaluta|valuta fattura|moneda de la factura|moeda da fatura",
        0.8: "wahrung|currency|devise|valuta|moneda|moeda|divisa",
    },
    "date": {
        1.0: "invoice date|date of invoice|date of issue|issue date|rechnungsdatum|belegdatum|ausstellungsdatum|"
             "date de facture|date facture|date d'emission|factuurdatum|fecha de factura|fecha factura|"
             "fecha de emision|data fattura|data documento|data da fatura|data de emissao|datum faktury",
        0.7: "date|datum|fecha|data|dated|tarikh",
    },
    "due_date": {
        1.0: "due date|payment due|due by|pay by|payable by|faelligkeitsdatum|falligkeitsdatum|faellig am|"
             "fallig am|faellig|fallig|zahlbar bis|zahlungsziel|zahlbar am|bitte zahlen sie bis|"
             "date d'echeance|echeance|a payer avant|payable avant|vervaldatum|vervaldag|te betalen voor|"
             "fecha de vencimiento|vencimiento|data di scadenza|scadenza|data de vencimento|vencimento|"
             "zahlung bis|due|falligkeit|faelligkeit|falligkeitstermin|zahlungstermin|date limite de paiement|"
             "payment date|betaaldatum|uiterste betaaldatum|uberweisen sie bis|bitte uberweisen|zahlen sie bis|"
             "bitte zahlen|please pay by|please pay before|a regler avant|a payer avant le|remit by|remit until|"
             "pay until|payable until|pay before|pagar antes de|pagare entro il|pagare entro|pagamento entro il|"
             "pagamento entro|betalen voor",
        # "Payment Terms : 09/30/2018": the date the terms come to
        0.7: "zahlbar|payable|a regler|te voldoen|pagadero|pagabile|payment terms|terms of payment|payment term|"
             "zahlungsbedingungen|zahlungsbedingung|conditions de paiement|conditions de reglement|"
             "betalingsvoorwaarden|betalingstermijn|condiciones de pago|termini di pagamento|condicoes de pagamento",
    },
    "vat": {
        1.0: "ust.-ld.-nr|ust.-ld|ust-ld|ust-ldnr|ust.-identnr|ust-identnr|ust.-ident-nr|ust-ident-nr|identnr|"
             "ust.-idnr|vat number|vat no|vat reg|vat id|vat registration|ust-idnr|ust-id|ust.-id|ust id|ustid|"
             "ust-ident|"
             "umsatzsteuer-id|umsatzsteuer-identifikationsnummer|ust-nr|n tva|no tva|tva intracommunautaire|"
             "numero de tva|tva|btw-nr|btw nr|btw nummer|btw-nummer|btw|cif|nif|nif/cif|partita iva|p.iva|p. iva|"
             "piva|nipc|tax id|vat|gst reg|gst id|sst id|sst reg|uid|mwst-nr|mwst nr|che|contribuinte|"
             "n. contribuinte|no contribuinte|codice fiscale|c.f.|ondernemingsnummer|tva intracom",
    },
    # tax numbers outside the EU, which are mostly plain digits: only read right after one of these (the
    # labels that name one country's number, then those every country uses)
    "national_tax_id": {
        1.0: "|".join(NATIONAL_TAX_ID_COUNTRIES) + "|gst no|gst number|gst reg no|gst registration no|"
             "gst registration number|tax id|tax no|tax registration|tax registration no|tax registration number|"
             "tax reg no",
    },
    "iban": {1.0: "iban"},
    "bic": {1.0: "bic|swift|bic/swift|swift/bic|swift code"},
    "client": {
        1.0: "bill to|billed to|invoice to|invoiced to|sold to|customer|client|kunde|rechnungsempfanger|"
             "rechnungsadresse|empfanger|facture a|facturer a|adresse de facturation|klant|factuuradres|"
             "cliente|destinatario|fatturare a|faturar a",
    },
    "payment_ref": {
        1.0: "payment reference|reference de paiement|communication structuree|communication|zahlungsreferenz|"
             "verwendungszweck|betalingskenmerk|referencia de pago|riferimento pagamento|referencia de pagamento|"
             "structured reference|payment ref",
    },
}

# The document an invoice refers to (the invoice a credit note corrects, an original), named before the number
# or the date it gives: "Date de facture associée", "Original invoice no.", "Ursprungsrechnung vom 3.5.2024".
# The German ones are compounds, whose kind follows in the same word ("Bezugsbeleg-Nr.").
RELATED_DOCUMENT_WORDS = "associee|liee|associated|related|original|referenced|corrected|previous"
RELATED_DOCUMENT_COMPOUNDS = ("ursprungs", "ursprung", "bezugs")

# Words near an amount or a date that make it something else than what a label around it says.
NEGATIVE = {
    "total": "subtotal|sub total|sub-total|total ht|total excl|ohne|excl|exkl|hors|sans|zonder|sin iva|senza|"
             "before tax|before gst|zuschlag|zuschlage|abschlag|abschlage|allowance|charges|anzahlung|anzahlungen|"
             "prepaid|deposit|acompte|netto|net amount|total net|total qty|total quantity|"
             "qty|quantity|items|item count|no of items|change|cash|tendered|paid|bezahlt|rendu|rounding|"
             "round adj|discount|rabatt|remise|savings|tax|vat|gst|sst|mwst|tva|iva|btw|credit card|visa|"
             "mastercard|points|balance|saldo|taxable|imposable|"
             # a total of one kind of line among several ("Total Standard Rated Supplies", "Total Returns"),
             # what was handed over ("Tender")
             "supplies|zero rated|standard rated|exempt|returns|returned|refund|tender",
    "date": "due|faellig|fallig|zahlbar|echeance|delivery|lieferdatum|lieferung|leistungsdatum|livraison|order date|"
            "bestelldatum|commande|period|zeitraum|vervaldatum|vencimiento|scadenza|valid until|gueltig|"
            "geburtsdatum|birth|expiry|exp|version|stylesheet|gedruckt|printed on|ursprungsrechnung|ursprungsbeleg|"
            + RELATED_DOCUMENT_WORDS,
}

_compiled = {}

# "TOTAL" as OCR misreads it, any one letter off ("tofal", "t.tal", "totai"; not the word "tonal"), and "tolai":
# read as the word it is (same length, offsets stay valid)
_TOTAL_MISREADS = re.compile(r"(?<![a-z])(?!tonal(?![a-z]))(?:[a-z0-9.]otal|t[a-z0-9.]tal|to[a-z0-9.]al|"
                             r"tot[a-z0-9.]l|tota[a-z0-9.]|tolai)(?![a-z])")
# An l that OCR read as "!" or "|" at the end of a word or inside one ("Tota!", "Subtota|", "Ba!ance")
_L_MISREAD = re.compile(r"(?<=[a-z])[!|](?=[a-z]|[\s:.]|$)")


@functools.lru_cache(maxsize=16384)  # called for every line around every candidate
def fold_labels(text):
    """Folded text (see ``fold``) with OCR misreads of label words set right, for label matching."""
    folded = fold(text)
    if len(folded) == len(text):
        # a number sign glued to the label word after it ("N°TVA:", "Nº Factura" read "NºFactura") parts from
        # it; not from the number itself ("Fattura N°R-0435/24": "n°" stays the label "no")
        folded = "".join(" " if ch in "°º" and _glued_word(text, i + 1) else f for i, (ch, f) in
                         enumerate(zip(text, folded)))
    return _TOTAL_MISREADS.sub("total", _L_MISREAD.sub("l", folded))


def _glued_word(text, start):
    """Whether ``text`` holds a word from ``start`` on: letters that end where a word ends ("TVA:", "Factura"),
    not the start of a code ("R-0435/24", "INV2024")."""
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return end > start and not re.match(r"[\d/_-]", text[end:end + 1])


def _pattern(phrases):
    alternatives = sorted(phrases.split("|"), key=len, reverse=True)
    # (an identifier is no label: "account_invoice_import")
    return re.compile(r"(?<![a-z0-9_])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![a-z0-9_])")


def _label_patterns(field):
    """[(weight, compiled pattern)] of ``field``'s labels, strongest first (compiled once)."""
    key = ("labels", field)
    if key not in _compiled:
        _compiled[key] = [(weight, _pattern(phrases)) for weight, phrases in
                          sorted(LABELS[field].items(), reverse=True)]
    return _compiled[key]


# "Ohne MwSt.", "excl. VAT", "hors TVA": the amount without the tax, whose name the phrase still holds
_UNTAXED = re.compile(r"(?<![a-z])(?:ohne|exkl\.?|excl\.?|exclusief|excluding|exclusive of|without|w/o|hors|zonder|sin|"
                      r"senza|sem|before|vor)\s*(?:mwst|ust|vat|tax|taxes|tva|taxe|btw|iva|gst|steuer)\.?(?![a-z])")


# a rate glued to the tax's name ("CGST2.5 (2.5%)", "GST6%"): read as the name alone (offsets kept)
_RATE_GLUED = re.compile(r"(?<=gst)\d[\d.,]*%?")


def _searchable(text, field, folded):
    """``text`` folded for label search; for the tax, without the phrases that deny it (offsets kept)."""
    text = text if folded else fold_labels(text)
    if field == "tax":
        text = _UNTAXED.sub(lambda match: " " * len(match.group(0)), text)
        text = _RATE_GLUED.sub(lambda match: " " * len(match.group(0)), text)
    return text


def label_weight(text, field, folded=False):
    """The strongest weight of ``field``'s labels found in ``text`` (0 if none)."""
    text = _searchable(text, field, folded)
    for weight, pattern in _label_patterns(field):
        if pattern.search(text):
            return weight
    return 0.0


def spaced_label_weight(text, field):
    """Weight of a label printed letter-spaced or split by kerning ("T O T A L", "Br uttosumme").

    Only a whole cell counts, compared without its spaces: inside running text that would find words everywhere.
    """
    compact = re.sub(r"[\s:.]+", "", fold(text))
    if not compact or " " not in text.strip():
        return 0.0
    for weight, pattern in _label_patterns(field):
        if pattern.fullmatch(compact):
            return weight
    return 0.0


def label_match(text, field, folded=False):
    """The (start, end) of the first strongest label of ``field`` in ``text``, or None."""
    text = _searchable(text, field, folded)
    for _, pattern in _label_patterns(field):
        match = pattern.search(text)
        if match:
            return match.span()
    return None


def label_spans(text, field, folded=False):
    """Every (start, end, weight) where a label of ``field`` stands in ``text``, strongest label first."""
    text = _searchable(text, field, folded)
    spans, taken = [], []
    for weight, pattern in _label_patterns(field):
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                spans.append((match.start(), match.end(), weight))
                taken.append(match.span())
    return spans


def has_negative(text, field, folded=False):
    key = ("negative", field)
    if key not in _compiled:
        _compiled[key] = _pattern(NEGATIVE[field])
    return bool(_compiled[key].search(text if folded else fold_labels(text)))


# words of the stamps accounts departments put on paper receipts: "POSTED", "PAID 13 MAR 2018"
ACCOUNTING_STAMPS = frozenset({"posted", "paid", "received", "entered", "duplicate", "reprint", "reprinted",
                               "cancelled", "canceled", "void"})

LEGAL_FORMS = re.compile(
    r"(?<![a-z0-9])(?:gmbh|ag|kg|ohg|ug|e\.k\.|e\.v\.|mbh|se|sarl|s\.a\.r\.l\.|sas|sasu|sa|s\.a\.|eurl|sci|scs|"
    r"ltd|limited|plc|llp|llc|inc|corp|corporation|co\.|company|bv|b\.v\.|nv|n\.v\.|vof|bvba|sprl|srl|s\.r\.l\.|"
    r"spa|s\.p\.a\.|snc|sl|s\.l\.|slu|lda|s\.a|oy|ab|as|a/s|aps|sdn\.? bhd|bhd|berhad|enterprise|enterprises|"
    r"trading|holdings|group|restaurant|cafe|store|stores|mart|supermarket|hardware|bakery|pharmacy|"
    r"a\.g\.|g\.m\.b\.h\.|kgaa|gbr|partg|verein|versicherungsverein)(?![a-z0-9])")


# OCR misreads of legal forms: "5/B" for "S/B", "SON BHD" for "SDN BHD", "S.r.I." for "S.r.l."
_FORM_MISREADS = (
    (re.compile(r"(?<=[A-Za-z] )(?:5/[B8DE]|S/[8DE])(?![\w/])"), "S/B"),  # "5/B", "S/D": Sendirian Berhad
    (re.compile(r"\bS(?:ON|0N|DH|N)(?=\.?\s?BHD\b)", re.I), lambda m: "Sdn" if m.group(0)[-1].islower() else "SDN"),
    (re.compile(r"\b(SDN\.?\s?)8HD\b", re.I), r"\1BHD"),
    (re.compile(r"\b(S\.\s?A\.\s?R\.\s?)[I1|](?=\.|\b)"), r"\1L"),  # "S.A.R.I." is S.A.R.L.
    (re.compile(r"\b[Ss]\.\s?[Rr]\.\s?[I1|]\.?(?![\w.])"),
     lambda m: "S.R.L." if m.group(0)[2] == "R" else m.group(0)[0] + ".r.l."),
    # the last dot of a dotted form, lost at the end of the line: "S.A" → "S.A.", "S.p.A" → "S.p.A."
    (re.compile(r"(?<![\w.])((?:[A-Za-z]\.){1,3}[A-Za-z])$"), r"\1."),
)


# two-word legal forms: OCR misreads any one letter of either word ("SIN BHD", "SDN DHD", "SDN 8HD"); the other
# word, read right, says which form it is
_FORM_PAIRS = (("SDN", "BHD"),)
_WORD_RE = re.compile(r"[A-Za-z0-9]+")
# one-word legal forms a name ends with, and the letters OCR takes for one of theirs: "LTO" is LTD, "BHO" BHD
# (not SARL: "SARI" ends many a Malay name)
_FORM_WORDS = ("GMBH", "LTD", "BHD", "BERHAD", "LIMITED")
_FORM_CONFUSED = frozenset(frozenset(pair) for pair in ("do", "d0", "il", "i1", "l1", "b8", "hn", "o0", "ec", "s5"))
_LAST_WORD = re.compile(r"(?<![\w.])([A-Za-z0-9]{3,7})(\.?\W*)$")


def _as_form(word, form, any_letter):
    """``form`` in the case of ``word`` if ``word`` is ``form`` with at most one letter misread (any letter when
    ``any_letter``, else one of the pairs OCR confuses), else None."""
    upper = word.upper()
    if len(upper) != len(form):
        return None
    differences = [(a, b) for a, b in zip(upper.lower(), form.lower()) if a != b]
    if len(differences) > 1 or (differences and not any_letter and frozenset(differences[0]) not in _FORM_CONFUSED):
        return None
    if not differences:
        return word
    if word.isupper() or not any(c.isalpha() and c.islower() for c in word):
        return form
    if word.islower():
        return form.lower()
    return form[0] + form[1:].lower() if form != "GMBH" else "GmbH"


def _repair_pairs(text):
    """Two-word legal forms with one letter misread, after a name (a form alone is left as it is)."""
    words = list(_WORD_RE.finditer(text))
    for _before, first, second in reversed(list(zip(words, words[1:], words[2:]))):
        gap = text[first.end():second.start()]
        if not re.fullmatch(r"\.?\s?", gap) or (second.end() < len(text) and text[second.end()] in "/-'"):
            continue
        for one, two in _FORM_PAIRS:
            fixed_one, fixed_two = _as_form(first.group(), one, True), _as_form(second.group(), two, True)
            exact = (first.group().upper() == one) + (second.group().upper() == two)
            if fixed_one and fixed_two and exact >= 1:
                fixed = fixed_one + gap + fixed_two  # spaced as printed: "SDN.BHD" and "SDN. BHD" both are
                text = text[:first.start()] + fixed + text[second.end():]
                break
    return text


def _repair_last_word(match):
    word, tail = match.groups()
    if word.upper() in _FORM_WORDS or sum(c.isalpha() for c in word) < 3:
        return match.group(0)
    for form in _FORM_WORDS:
        fixed = _as_form(word, form, False)
        if fixed:
            return fixed + tail
    return match.group(0)


def repair_legal_form(text):
    """A name with its legal form as printed, where OCR misread one of its letters."""
    for pattern, replacement in _FORM_MISREADS:
        text = pattern.sub(replacement, text)
    text = _repair_pairs(text)
    return _LAST_WORD.sub(_repair_last_word, text)
