"""Supplier and client names: label blocks, legal forms, the sender line, font size and position."""
import re
from difflib import SequenceMatcher

from ..conventions.keywords import LEGAL_FORMS, label_weight, repair_legal_form
from ..conventions.text import aligned, collapse, fold
from .candidates import Candidate
from .weights import (
    CLIENT_HEADING,
    KIND_SENDER_LINE,
    KIND_SIGNATURE,
    KIND_SIGNED_LETTERHEAD,
    LATER_PAGE,
    OWN_NAME,
    SENDER_LINE,
    SIGNATURE,
    SIGNATURE_HEADING_THE_PAGE,
    SUPPLIER_HEADING,
    SURE_PARTY,
)

SUPPLIER_HEADINGS = re.compile(
    r"^(verkaufer|lieferant|rechnungssteller|seller|supplier|vendor|from|issuer|fournisseur|vendeur|emetteur|"
    r"leverancier|verkoper|proveedor|vendedor|emisor|fornitore|venditore|cedente|fornecedor|"
    r"service provider|sold by|verkauft von|vendu par|vendido por|venduto da|verkocht door)\b")
CLIENT_HEADINGS = re.compile(
    r"^(kaufer|kaeufer|kunde|rechnungsempfanger|leistungsempfanger|rechnungsadresse|buyer|customer|client|"
    r"bill to|billed to|invoice to|sold to|ship to|acheteur|facture a|facturer a|adresse de facturation|klant|"
    r"koper|factuuradres|cliente|comprador|destinatario|cessionario|fatturare a|facturar a|facturado a|"
    r"datos del cliente|spett\.?\s?le|spettabile|exmo\(s\)\.?\s*sr\(s\)\.?|exmos?\.?\s*sr[as]?\.?|exmo|exmos|"
    r"destinatario|adquirente|"
    r"invoice address|billing address|customer details|client details|lieferanschrift|leveringsadres|"
    r"adresse du client|adresse client|customer address|client address|kundenadresse|kundenanschrift|"
    r"an(?=\s*:))(?![a-z0-9])")
# the heading of a delivery address block: no name, and not the client's heading either
_DELIVERY_HEADING = re.compile(
    r"^(adresse de livraison|livraison|delivery address|shipping address|deliver to|ship to|lieferadresse|"
    r"lieferanschrift|warenempfanger|leveringsadres|afleveradres|direccion de entrega|indirizzo di consegna|"
    r"morada de entrega|endereco de entrega|consignee)\b")


def addressee_heading(folded):
    """Whether a folded cell heads the client's block or the address the goods go to (the client's too)."""
    return bool(CLIENT_HEADINGS.match(folded) or _DELIVERY_HEADING.match(folded))


def _party_heading(folded):
    """Whether a folded cell heads the client's or the supplier's block."""
    return bool(CLIENT_HEADINGS.match(folded) or SUPPLIER_HEADINGS.match(folded))


# the name of a field printed over its value: "Nom de l'abonné", "Name of the account holder", "Adresse :"
_FIELD_NAME = re.compile(r"^(?:(?:nom|name|naam|nombre|nome)\s+(?:de|du|des|of|van|del|di|do|da|der)\b|"
                         r"(?:nom|name|naam|nombre|nome|adresse|address|anschrift|adres)\s*:?$)")
_NAME_LABEL = re.compile(r"^((?:guest|customer|client|buyer|kunden?)\s?name|kundenname|nom du client|"
                         r"name|firma|company|nom|raison sociale|naam|nombre|razon social|nome|ragione sociale|"
                         r"attn|attention|z\.\s?hd\.?|t\.a\.v\.)(?![a-z])\s*:?\s*")
_ADDRESS_HINT = re.compile(
    r"\d{4,5}|strasse|straße|str\.|weg\b|platz\b|allee\b|street|road|\bst\.|avenue|\brue\b|chemin|laan\b|straat|"
    r"\bcalle\b|\bvia\b|\brua\b|\bjalan\b|\blot\b|\bno\.|postfach|p\.o\. box|\btel\b|\bfax\b|phone|www\.|@|"
    r"\biban\b|\bbic\b|http")
_SENDER_SPLIT = re.compile(r"\s*(?:[·•|●∙▪◦]|\s-\s|,\s)\s*")


def has_legal_form(folded):
    """A legal form in folded text, not a possessive: "Company’s PAN", "company's bank details" are labels."""
    return any(folded[m.end():m.end() + 2] not in ("'s", "’s") for m in LEGAL_FORMS.finditer(folded))


def name_likeness(text):
    """How much a line reads like a company or person name, about 0..1."""
    text = collapse(text)
    if len(text) < 3:
        return 0.0
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    score = letters / len(text) - 0.8 * digits / len(text)
    folded = fold(text)
    if _ADDRESS_HINT.search(folded):
        score -= 0.5
    if has_legal_form(folded):
        score += 0.4
    if text.endswith(":"):
        score -= 0.6
    return max(score, 0.0)


def similar(a, b):
    return SequenceMatcher(None, fold(collapse(a)), fold(collapse(b))).ratio()


def _after_heading(lts, index, heading_re):
    """[(words, name)] under each heading such as 'Verkäufer' / 'Bill to' (or on its right: 'Seller: ACME Ltd').

    A heading is a cell of its line: other cells may be other labels ("Cliente: | Nº factura | Fecha") or
    other headings ("Bill To: | Ship To:").
    """
    lt = lts[index]
    hits = [_under_heading_cell(lts, index, position, heading_seg, heading_re)
            for position, heading_seg in enumerate(lt.line.segments)]
    return [hit for hit in hits if hit and hit[0]]


def _under_heading_cell(lts, index, position, heading_seg, heading_re):
    lt = lts[index]
    first = fold(heading_seg.text).strip()
    match = heading_re.match(first)
    if not match:
        return None
    rest = first[match.end():]
    if rest.lstrip().startswith(":") and rest.strip(" :"):
        # inline: "Seller: ACME Ltd"
        label, _, value = heading_seg.text.partition(":")
        value = collapse(value).strip(" :,")
        if name_likeness(value) > 0.6:
            return heading_seg.words[len((label + ":").split()):], value
        return None
    # "Kunde / Client", "Buyer (Bill to)", "Bill to Address:"
    aside = rest.startswith("/") or re.fullmatch(r"\s*\([^)]*\)\s*:?|\s*(?:address|adresse|details)\s*:?", rest)
    if rest.strip(" :") and not (aside and len(rest) < 30):
        return None  # the word starts a sentence or a name ("Lieferant GmbH"), it is not a heading
    beside = _name_beside(lts, index, position) if rest.strip() == ":" else None
    if beside:
        return beside
    x0 = heading_seg.x0 - 0.03
    next_segments = lt.line.segments[position + 1:]
    x1 = next_segments[0].x0 - 0.01 if next_segments else 1.0
    header_row = len(lt.line.segments) >= 3 and index + 1 < len(lts) and \
        len(lts[index + 1].line.segments) >= len(lt.line.segments)  # a table: a row of labels, a row of values
    for other_index, other in enumerate(lts[index + 1:index + 5], start=index + 1):
        if other.line.page != lt.line.page or other.line.y0 - lt.line.y1 > 0.08:
            break
        segs = [s for s in other.line.segments if s.x0 >= x0 - 0.02 and s.x0 < x1]
        if not segs:
            continue
        # the cells of the line ("Name: | Lieferant GmbH"), else a labelled name cell under the heading alone when
        # the line runs on into other columns ("ATTN: iViveLabs Limited | TOTAL AMOUNT DUE … | $4.11")
        # (a label with its name in one cell: "ATTN: iViveLabs Limited", not a bare "Name:")
        labelled_cell = len(segs) > 1 and _NAME_LABEL.match(fold(segs[0].text)) and segs[0].text.count(" ") >= 1
        for cells in (segs, segs[:1]) if labelled_cell else (segs,):
            words, text = _cells_name(cells)
            if re.match(r"^(anschrift|adresse|address|street|strasse|rue|contact|kontakt|tel|e-mail|email)\b",
                        fold(text)):
                break
            if _SALUTATION.match(text.strip()) or text.lstrip().startswith("("):
                break  # "Herrn", "Exmo(s). Sr(s).": the name follows; "(Not to be used for payment)": a remark
            if cells[0].text.rstrip().endswith(":") and not _NAME_LABEL.match(fold(cells[0].text)):
                break  # another label and its value ("Payment Terms: | Net 30 days")
            if name_likeness(text) > 0.5:
                words, text = _name_continued(lts, other_index, words, text)
                return words, repair_legal_form(collapse(text))
        if header_row:
            return None  # a row of column labels over a row of values: "Klant" heads the customer number
    return None


# how far right of "Bill To :" the name may stand in a cell of its own, in page widths
_NAME_BESIDE_GAP = 0.2
_OTHER_LABELS = ("invoice_id", "date", "due_date", "total", "vat", "iban")


def _name_beside(lts, index, position):
    """(words, name) of the cell right beside a heading that ends with a colon ("Bill To : | Odoo SA", its
    address under the name, not under the heading), or None: another heading or label is no name."""
    segments = lts[index].line.segments
    if position + 1 >= len(segments):
        return None
    heading, cell = segments[position], segments[position + 1]
    text = collapse(cell.text)
    folded = fold(text)
    if (cell.x0 - heading.x1 > _NAME_BESIDE_GAP or ":" in text or _party_heading(folded)
            or name_likeness(text) <= 0.6 or any(label_weight(folded, field, folded=True) for field in _OTHER_LABELS)):
        return None
    words, text = _name_continued(lts, index, cell.words, text)
    return words, repair_legal_form(collapse(text))


def _cells_name(cells):
    """(words, text) of cells, without a label such as "Name:" or "ATTN:" before the name."""
    text = " ".join(s.text for s in cells)
    words = [w for s in cells for w in s.words]
    label = _NAME_LABEL.match(aligned(fold(text), text))
    if label:
        return words[len(label.group(0).split()):], text[label.end():].strip()
    return words, text


def _name_continued(lts, index, words, text):
    """A name on two lines of its cell, the legal form on the second: "MVM Musterhafter" /
    "Versicherungsverein Musterstadt a.G."."""
    if LEGAL_FORMS.search(fold(text)) or index + 1 >= len(lts) or not words:
        return words, text
    x0 = min(w.x0 for w in words)
    below = lts[index + 1]
    height = max(w.y1 - w.y0 for w in words)
    for seg in below.line.segments:
        if abs(seg.x0 - x0) < 0.02 and seg.y0 - max(w.y1 for w in words) < 1.5 * height:
            more = seg.text
            if LEGAL_FORMS.search(fold(more)) and name_likeness(more) > 0.5:
                return words + seg.words, text + " " + more
    return words, text


def _sender_line(lt):
    """'ACME GmbH · Hauptstr. 1 · 12345 Berlin': the return address printed above the window."""
    if not re.search(r"[·•|●∙▪◦]|\s-\s|,\s", lt.text) or not _ADDRESS_HINT.search(lt.folded):
        return None
    if not re.search(r"\b\d{4,5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", lt.text):
        return None  # a return address ends with a postcode
    parts = _SENDER_SPLIT.split(lt.text.strip())
    first = parts[0]
    if name_likeness(first) < 0.6 or ":" in first or len(parts) < 3 or len(first.split()) > 6:
        return None  # (a sentence is no name: "This invoice is for the billing period July 1 - July 31, 2014")
    if not any(re.search(r"[^\W\d_]", part) and re.search(r"\d", part) for part in parts[1:]):
        return None  # no street nor postcode with its town: the last line of an address ("Yuen Long, N.T., 0000, HK")
    return lt.words_in(0, len(first)), first


_ZIP_CITY = re.compile(r"^(?:[A-Z]{1,3}[- ])?\d{4,5}(?:\s+\S|[A-ZÄÖÜ][a-zäöüß]{2})"
                       r"|^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}$")
_SALUTATION = re.compile(r"^(herrn?|frau|firma|fa\.|mr\.?|mrs\.?|ms\.?|mme\.?|m\.|monsieur|madame|dhr\.?|mevr\.?|"
                         r"sr\.?|sra\.?|sig\.?|z\.\s?hd\.?.*|attn\.?.*|exmos?\.?(\(s\))?\.?\s*sr[a]?s?\.?(\(s\))?\.?|"
                         r"exmo\(s\)\.?\s*sr\(s\)\.?|spett\.?\s?le|spettabile|an)$", re.I)


def address_blocks(lts):
    """(first name line, segment) of each postal address block: lines in one column ending with a postcode line."""
    blocks = []
    for index, lt in enumerate(lts):
        if lt.line.page != 0 or lt.line.cy > 0.5:
            continue
        for seg in lt.line.segments:
            if not _ZIP_CITY.search(seg.text.strip()):
                continue
            column, bottom = [seg], seg
            for above in reversed(lts[max(0, index - 8):index]):
                same = [s for s in above.line.segments if abs(s.x0 - seg.x0) < 0.02]
                if not same:
                    continue  # a line of another column
                if _sender_line(above):
                    break  # the return address over the window ("Bei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen")
                if bottom.y0 - same[0].y1 > 4 * (bottom.y1 - bottom.y0):
                    break
                column.insert(0, same[0])
                bottom = same[0]
            name = _block_name(column[:-1])
            if name is not None:
                blocks.append(name)
    return blocks


# the document's title printed above the address window: "FACTUUR.", "Tax Invoice", "OYO PAYMENT RECEIPT"
_DOCUMENT_TITLE = re.compile(r"^(?:\S+\s+){0,3}(?:invoice|rechnung|facture|factuur|factura|fattura|fatura|credit note|"
                             r"gutschrift|avoir|creditnota|receipt|quittung|recu|bon)\W*$")  # "OYO PAYMENT RECEIPT"


# the letterhead: the first thing printed at the top of the first page, in larger type than the text
_LETTERHEAD_TOP = 0.15
_LETTERHEAD_HEIGHT = 1.2


def _letterhead(lts, median_height):
    """[Candidate] of the name a bill is headed with when nothing else names its issuer (no legal form, no
    "From:", no signature): the first cell of the first page, in its top part and in larger type than the
    text, that reads as a name of two to six words ("Prerna Tax Financial Services", "Die Vordefinierte
    Firma") — not the document's title, a label or an address."""
    for lt in lts:
        if lt.line.page != 0 or lt.line.y0 > _LETTERHEAD_TOP:
            break
        seg = lt.line.segments[0]
        text = collapse(seg.text)
        folded = fold(text)
        if (not 2 <= len(text.split()) <= 6 or ":" in text or name_likeness(text) < 0.8 or _sentence(text)
                or _DOCUMENT_TITLE.match(folded) or _party_heading(folded)
                or max(w.height for w in seg.words) < _LETTERHEAD_HEIGHT * median_height):
            continue
        return [Candidate(text, 0.35, seg.words, 0)]
    return []


def _sentence(text):
    """A sentence, not a name: four words or more ending with a full stop ("Dat betaal ik zelf wel.")."""
    return text.endswith(".") and len(text.split()) >= 4 and not has_legal_form(fold(text))


def _block_name(column):
    """The name of an address block read upwards from its postcode line: past the street lines, the topmost
    name line before anything else ("Page 1 / 1", a date) that stands in the same column above the block."""
    name = None
    for seg in reversed(column):
        text = seg.text.strip()
        if _SALUTATION.match(text):
            continue
        folded = fold(text)
        if _party_heading(folded) or _DELIVERY_HEADING.match(folded) \
                or _FIELD_NAME.match(folded) or _DOCUMENT_TITLE.match(folded) or _sentence(text):
            break  # the block's heading ("Adresse de livraison", "Nom de l'abonné"), the page's title or slogan
        if name_likeness(text) > 0.5:
            name = seg
        elif name is not None:
            break  # above the name: not part of the block
    return name


# the closing words of a letter, after which the sender signs
_VALEDICTION = re.compile(
    r"^(?:many thanks|thanks|thank you|kind regards|best regards|warm regards|regards|sincerely|"
    r"yours (?:faithfully|sincerely|truly)|(?:mit )?freundlichen? gru(?:ss|ß)en?|viele gru(?:ss|ß)e|"
    r"(?:bien )?cordialement|salutations distinguees|met vriendelijke groet(?:en)?|atentamente|saludos|"
    r"cordiali saluti|distinti saluti|atenciosamente|cumprimentos)\W*$")


def _signatures(lts):
    """The name signed under "Many thanks," / "Mit freundlichen Grüßen": the sender, all the more when the
    same name heads the page (a letterhead with no legal form: "Azure Interior")."""
    found = []
    for index, lt in enumerate(lts[:-1]):
        if not _VALEDICTION.match(fold(collapse(lt.text))):
            continue
        signed = lts[index + 1]
        text = collapse(signed.text)
        if (signed.line.page != lt.line.page or signed.line.y0 - lt.line.y1 > 3 * lt.line.height
                or name_likeness(text) < 0.8 or len(text) > 60 or text.endswith((",", "."))):
            continue
        heads_the_page = _printed_as_a_line(text, [other for other in lts
                                                   if other.line.page == 0 and other.line.cy < 0.25])
        if heads_the_page:
            found.append(Candidate(text, SIGNATURE_HEADING_THE_PAGE, list(signed.words), signed.line.page,
                                   kind=KIND_SIGNED_LETTERHEAD))
        else:
            found.append(Candidate(text, SIGNATURE, list(signed.words), signed.line.page, kind=KIND_SIGNATURE))
    return found


def _printed_as_a_line(name, lts):
    """Whether ``name`` is the whole of one of these lines (a letterhead, a footer)."""
    folded = fold(name)
    return any(fold(collapse(lt.text)) == folded for lt in lts)


# the holder of the account the bill asks to be paid into: the supplier ("Empfänger" is left out: in
# "Rechnungsempfänger" it names the client)
_ACCOUNT_HOLDER = re.compile(
    r"(?<![a-z])(?:titulaire du compte|titulaire|kontoinhaber(?:in)?|account holder|account name|beneficiary|"
    r"begunstigde|rekeninghouder|tenaamstelling|titular de la cuenta|titular|intestatario|intestato a)\s*:\s*")
_HOLDER_END = re.compile(r"\s+(?:[-–—|]\s|iban\b|bic\b|swift\b)|,\s|;", re.I)


def _account_holders(lts):
    """"Titulaire du compte : NETPRESSE": the payee is the supplier, more surely when the name is printed
    again on a line of its own (a letterhead or a footer)."""
    found = []
    for lt in lts:
        match = _ACCOUNT_HOLDER.search(lt.folded)
        if not match:
            continue
        rest = lt.text[match.end():]
        end = _HOLDER_END.search(rest)
        text = collapse(rest[:end.start()] if end else rest).strip(" .")
        if not text or len(text) > 60 or name_likeness(text) < 0.6:
            continue
        alone = _printed_as_a_line(text, [other for other in lts if other is not lt])
        start = match.end() + (len(rest) - len(rest.lstrip()))
        # alone, below a letterhead with a legal form: the holder may be the owner in person ("Max Mustermann")
        found.append(Candidate(text, 0.65 if alone else 0.35, lt.words_in(start, start + len(text)), lt.line.page))
    return found


def party_candidates(lts, user_name=None, perspective="client"):
    """(supplier candidates, client candidates). With perspective ``client`` the user is the client."""
    suppliers, clients = [], []
    addressed = set()  # ids of the words of names under "Bill to", "Ship to", "Delivery address"
    heights = sorted(lt.line.height for lt in lts) or [0.01]
    median_height = heights[len(heights) // 2] or 0.01
    for index, lt in enumerate(lts):
        if lt.line.page > 1:
            continue
        page_bonus = 0.0 if lt.line.page == 0 else LATER_PAGE
        for words, name in _after_heading(lts, index, SUPPLIER_HEADINGS):
            suppliers.append(Candidate(name, SUPPLIER_HEADING + page_bonus, words, lt.line.page))
        for order, (words, name) in enumerate(_after_heading(lts, index, CLIENT_HEADINGS)):
            # "Bill To: | Ship To:": the first names the client, the next ones its other addresses
            clients.append(Candidate(name, CLIENT_HEADING - 0.1 * min(order, 1) + page_bonus, words, lt.line.page))
            addressed.update(id(w) for w in words)
        for words, _name in _after_heading(lts, index, _DELIVERY_HEADING):
            addressed.update(id(w) for w in words)
        sender = _sender_line(lt)
        if sender and sender[0] and lt.line.y0 < 0.4:
            suppliers.append(Candidate(collapse(sender[1]), SENDER_LINE + page_bonus, sender[0], lt.line.page,
                                       kind=KIND_SENDER_LINE))
        for seg in lt.line.segments:
            # "Mystikoe Web Services Pvt Ltd(2023-24)": the books' financial year printed after the name
            text = re.sub(r"\s*\(\d{4}(?:\s*[-/]\s*\d{2,4})?\)$", "", repair_legal_form(collapse(seg.text)))
            likeness = name_likeness(text)
            folded = fold(text)
            if likeness < 0.7 or not has_legal_form(folded) or len(text) > 60:
                continue
            size = min(lt.line.height / median_height, 2.5)
            y = lt.line.cy
            position = 0.15 if y < 0.2 else (0.1 if y > 0.85 else 0.0)
            score = 0.3 + 0.1 * (size - 1) + position + page_bonus
            suppliers.append(Candidate(text, score, seg.words, lt.line.page))
    # a name printed under an addressee's heading is where the bill or the goods go, never who issued it
    suppliers = [cand for cand in suppliers if not any(id(w) in addressed for w in cand.words)]
    suppliers.extend(_signatures(lts))
    suppliers.extend(_account_holders(lts))
    if not suppliers:
        suppliers.extend(_letterhead(lts, median_height))
    # a short sender name ("Alphabet, Lilienthalallee 26, …") stands for the full legal name printed elsewhere
    # (the senders: a sender line of the first page, a signed name that heads the page)
    senders = [c for c in suppliers if (c.kind == KIND_SENDER_LINE and c.page == 0)
               or c.kind == KIND_SIGNED_LETTERHEAD]
    standing_for = set()
    for sender in senders:
        prefix = fold(sender.content)
        for cand in suppliers:
            if cand is not sender and fold(cand.content).startswith(prefix) and len(cand.content) > len(prefix):
                cand.score = max(cand.score, sender.score + 0.05)
                standing_for.add(id(cand))
    # the client's address is printed under a sender (not under one whose name lengthens another sender's)
    sender_columns = [(c.words[0].x0, c.words[0].y1) for c in senders if id(c) not in standing_for]
    for seg in address_blocks(lts):
        under_sender = any(abs(x - seg.x0) < 0.1 and 0 < seg.y0 - y < 0.06 for x, y in sender_columns)
        score = 0.45 + (0.1 if seg.x0 < 0.5 else 0.0) + (0.2 if under_sender else 0.0) + (
            0.05 if 0.1 < seg.y0 < 0.35 else -0.1)
        clients.append(Candidate(collapse(seg.text), score, seg.words, 0))
    # "ATTN: iViveLabs Limited": the name without its label, before names are compared
    for cand in clients + suppliers:
        label = re.match(r"^[\w.-]+ ?:\s*", cand.content) or _NAME_LABEL.match(aligned(fold(cand.content),
                                                                                          cand.content))
        if label and name_likeness(cand.content[label.end():]) > 0.6:
            cand.content = cand.content[label.end():]
    if user_name:
        own, other = (clients, suppliers) if perspective == "client" else (suppliers, clients)
        for cand in list(other):
            if similar(cand.content, user_name) > 0.8:
                cand.score -= 0.6
                own.append(Candidate(cand.content, OWN_NAME, cand.words, cand.page))
    # the same name cannot be both: the stronger side keeps it
    if clients and suppliers:
        top_client = max(clients, key=lambda c: c.score)
        top_supplier = max(suppliers, key=lambda c: c.score)
        loser = clients if top_supplier.score >= top_client.score else suppliers
        winner = top_supplier if loser is clients else top_client
        # (nor any name the winning side is sure of: "Taylor's Store" under "Ship To:" is no supplier)
        sure = [c for c in (suppliers if loser is clients else clients) if c.score >= min(SURE_PARTY, winner.score)]
        for cand in loser:
            if any(similar(cand.content, other.content) > 0.85 for other in sure):
                cand.score -= 0.4
    return suppliers, clients


def favour_own_domain(lts, suppliers, addresses):
    """The issuer prints its own e-mail and website: a name whose first words spell the domain is the supplier's.

    "CRONUS DE" and "info@cronus.com" against "Adatum Corporation" in the address window.
    """
    domains = {_domain_name(address) for address in addresses}
    domains = {d for d in domains if len(d) >= 4}
    if not domains:
        return

    def spells_domain(text):
        """The first words spell a domain, or most of it: "Cronus DE", "Acme Tools"; not "Rooms" for
        oyorooms.com nor "MUSTER-KUNDE" for musterlieferant.de."""
        words = re.findall(r"[a-z0-9]+", fold(text))
        runs = ["".join(words[:count]) for count in (1, 2, 3) if len(words) >= count]
        return any(len(run) >= 4 and domain.replace("-", "").startswith(run) and len(run) >= 0.6 * len(domain)
                   for run in runs for domain in domains)

    for cand in suppliers:
        if spells_domain(cand.content):
            cand.score += 0.25
    known = {fold(c.content) for c in suppliers}
    for lt in lts:
        if lt.line.page != 0 or lt.line.cy > 0.3:
            continue
        for seg in lt.line.segments:
            if spells_domain(seg.text) and name_likeness(seg.text) > 0.6 \
                    and fold(seg.text) not in known:
                # (surer than an address block, which the issuer's own letterhead also is)
                suppliers.append(Candidate(collapse(seg.text), 0.65, seg.words, 0))
                known.add(fold(seg.text))
    for words, name in _spelled_domains(lts, domains):
        if fold(name) not in known:  # a logo for a letterhead: the name is only in the text and the domain
            suppliers.append(Candidate(name, 0.5, words, words[0].page))
            known.add(fold(name))


def _spelled_domains(lts, domains):
    """[(words, name)] of capitalised words anywhere whose letters are a domain: "Bouygues Telecom" for
    bouyguestelecom.fr."""
    compact = {d.replace("-", "") for d in domains}
    found = []
    for lt in lts:
        words = lt.words
        for start in range(len(words)):
            for end in range(start + 1, min(start + 3, len(words)) + 1):
                run = words[start:end]
                if not all(w.text[:1].isupper() and w.text.isalpha() for w in run):
                    break
                if fold("".join(w.text for w in run)) in compact:
                    found.append((run, " ".join(w.text for w in run)))
    return found


def _domain_name(address):
    """'info@cronus.com' → 'cronus', 'https://www.acme-tools.de/x' → 'acme-tools'."""
    address = address.lower().split("@")[-1]
    address = re.sub(r"^(https?://)?(www\.)?", "", address)
    return address.split("/")[0].split(".")[0]
