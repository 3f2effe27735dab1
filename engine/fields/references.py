"""Invoice number, payment reference and purchase orders: the token a label points at."""
import re

from ..conventions.dates import find_dates
from ..conventions.keywords import RELATED_DOCUMENT_COMPOUNDS, RELATED_DOCUMENT_WORDS, label_match, label_spans
from ..conventions.numbers import parse_amount
from .candidates import Candidate

_TOKEN_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")
_FILLER = {"nr", "nr.", "no", "no.", "n°", "n", "#", ":", "number", "nummer", "numero", "num", "num.", "-", "º", "n.",
           "no:", "nr:", "vom", "du", "of", "de", "del", "van", "ref", "ref.", "nº", "n.º",
           # the document's kind between the number word and the number: "Nº factura: F-12"
           "invoice", "factura", "facture", "fattura", "fatura", "factuur", "rechnung", "faktura"}
# A document-kind word followed by a number word: "Handelsrechnung (380) Nr. 471102", "Facture n° F-12".
# (or glued to it, as OCR reads a title it printed no spaces in: "HandelsrechnungNr.47110815vom31.10.2018")
KIND_NUMBER = re.compile(
    r"(rechnung|invoice|facture|factuur|factura|fattura|fatura|gutschrift|credit note|avoir|beleg|receipt|bill)"
    r"(?:[^:]{0,40}?(?<![a-z]))?(nr|no|n°|nº|number|nummer|numero|#)\.?\s*:?\s*")
# the word and date that follow a number, glued to it: "47110815vom31.10.2018", "12du01/02/2020"
_GLUED_DATE = re.compile(r"(?<=\d)(?:vom|du|of|dated|del|van|from)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$", re.I)


def _clean(word):
    # "#BLR_WFLD2015": a number sign OCR glued to the number
    return _GLUED_DATE.sub("", word.strip(":;,()[]").lstrip("—–_|~=»«#"))


def _looks_like_reference(text):
    if not 2 <= len(text) <= 30 or not _TOKEN_OK.match(text):
        return False
    if not any(ch.isdigit() for ch in text):
        return False
    return True


def _token_after(lt, pos, max_skip=3):
    """The first reference-looking word at or after character ``pos`` of the line, past filler words."""
    skipped = 0
    prefix = None
    for word, (start, end) in zip(lt.words, lt.offsets):
        if end <= pos:
            continue  # the label's own words
        text = _clean(word.text if start >= pos else word.text[pos - start:])  # "N°2024-599": glued to its label
        if _looks_like_reference(text) and not word.text.startswith("("):
            if prefix is not None and prefix.x1 + 1.5 * prefix.height > word.x0:
                return [prefix, word], f"{prefix.text} {text}"  # a series prefix: "FT 2024/123"
            return word, text
        prefix = word if re.fullmatch(r"[A-Z]{2,4}", text) and text.lower() not in _FILLER else None
        filler = not text or text.lower() in _FILLER or word.text.startswith("(") or (
            len(text) <= 3 and not any(c.isdigit() for c in text))
        skipped += 1
        if not filler or skipped > max_skip:
            return None
    return None


_HOUSE_NUMBER = re.compile(r"\s*#\s*\d+[a-z]?\s*,")


def invoice_id_candidates(lts):
    found = []
    for index, lt in enumerate(lts):
        spans = []
        match = KIND_NUMBER.search(lt.folded)
        if match:
            spans.append((match.start(), match.end(), 1.0))
        spans += label_spans(lt.folded, "invoice_id", folded=True)
        hash_first = re.match(r"\s*#\s*", lt.folded)
        # (not a house number: "#273, 4th Floor, 15th Cross", as Indian addresses are written)
        if hash_first and lt.line.page == 0 and lt.line.cy < 0.25 and not _HOUSE_NUMBER.match(lt.folded):
            spans.append((hash_first.start(), hash_first.end(), 0.8))  # "INVOICE" / "# INV 1025" in the header
        # "Date de facture", "Invoice date": the label of the date, not of a number (read where a label stands)
        date_spans = label_spans(lt.folded, "date", folded=True) if spans else []
        for start, pos, weight in spans:
            if weight < 1.0 and _OTHER_NUMBER.search(lt.folded[max(start - 14, 0):start]):
                continue  # "Uw BTW nummer", "Kundennummer": the number of something else
            if _RELATED_DOCUMENT.search(lt.folded[max(start - 14, 0):start]):
                continue
            if any(d_start <= start and pos <= d_end for d_start, d_end, _weight in date_spans):
                continue
            hit = _token_after(lt, pos)
            if hit:
                words, text = hit
                words = words if isinstance(words, list) else [words]
                found.append(Candidate(text, _score(text, 0.35 + 0.55 * weight, words[-1]), words, lt.line.page))
            elif weight >= 1.0 or _alone_in_cell(lt, start, pos):
                # label alone in its cell: the value is printed under it (a row of labels over a row of values)
                below = _value_below(lt, lts, index, lt.words_in(start, pos))
                if below:
                    word, text = below
                    found.append(Candidate(text, _score(text, 0.3 + 0.45 * weight, word), [word], lt.line.page))
    return found


# a document the invoice refers to, named in a compound or before its kind: "Ursprungsbeleg-Nr", "Original invoice"
_RELATED_DOCUMENT = re.compile(r"(?:{}|{})[\W_]*$".format("|".join(RELATED_DOCUMENT_COMPOUNDS), RELATED_DOCUMENT_WORDS))

# words before a number word that make it another number than the invoice's
_OTHER_NUMBER = re.compile(r"(?<![a-z])(?:btw|vat|tva|iva|ust|mwst|tax|steuer|klant|kunden|customer|client|order|"
                           r"bestell|auftrags?|commande|pedido|ordine|kvk|handelsregister|registration|company|"
                           r"po|p\.o\.|purchase)[\W_]*$")


def _alone_in_cell(lt, start, end):
    """Whether the label is the whole of its cell: a header over the value ("Factuur" over "VF1005193039")."""
    label = lt.folded[start:end].strip(" :#.")
    return any(lt.folded[seg_start:seg_end].strip(" :#.") == label
               for seg_start, seg_end in lt.segment_spans if seg_start <= start and end <= seg_end)


def _score(text, score, word):
    if find_dates(text):
        score -= 0.5
    if parse_amount(text) is not None and re.search(r"[.,]\d{2}$", text):
        score -= 0.3
    if len(text) < 3:
        score -= 0.2
    score -= 0.1 * word.cy  # the number is printed in the header
    score -= 0.1 * min(word.page, 2)  # of the first page: later pages name other documents ("Ursprungsbeleg")
    return score


def _value_below(lt, lts, index, label_words):
    """The reference printed under the label's own column, on one of the next two lines."""
    if not label_words:
        return None
    x0 = min(w.x0 for w in label_words)
    x1 = max(w.x1 for w in label_words)
    for other in lts[index + 1:index + 3]:
        if other.line.page != lt.line.page:
            break
        # the value starts under its label, or is centred under it and wider ("Factuur" over "VF1005193039")
        under = [w for w in other.words if x0 - 0.03 <= w.x0 <= x1 + 0.03] or \
            [w for w in other.words if w.x0 < x0 and w.x1 > x1]
        if under:
            text = _clean(under[0].text)
            if _looks_like_reference(text):
                return under[0], text
    return None


def labelled_tokens(lts, fieldname, base=0.4):
    """Tokens right after a ``fieldname`` label (payment references)."""
    found = []
    for lt in lts:
        span = label_match(lt.folded, fieldname, folded=True)
        if span:
            rest = lt.text[span[1]:].strip(" :#")
            structured = re.search(r"\+{3}\s*\d{3}/\d{4}/\d{5}\s*\+{3}", rest)
            if structured:
                start = span[1] + lt.text[span[1]:].find(structured.group(0))
                found.append(Candidate(structured.group(0), base + 0.5,
                                       lt.words_in(start, start + len(structured.group(0))), lt.line.page))
                continue
            hit = _token_after(lt, span[1])
            if hit:
                words = hit[0] if isinstance(hit[0], list) else [hit[0]]
                found.append(Candidate(hit[1], base + 0.3, words, lt.line.page))
    return found


def purchase_order_candidates(lts, regex=None):
    pattern = re.compile(regex or r"\bP\d{5,}\b")
    found = []
    for lt in lts:
        for match in pattern.finditer(lt.text):
            found.append(Candidate(match.group(0), 0.8, lt.words_in(match.start(), match.end()), lt.line.page))
    return found
