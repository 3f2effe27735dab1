"""IBAN, BIC/SWIFT, ABA routing numbers and VAT numbers: pattern, label and checksum."""
import importlib
import json
import re

from stdnum import iban as stdnum_iban
from stdnum.eu import vat as eu_vat

from ..conventions.keywords import NATIONAL_TAX_ID_COUNTRIES, label_spans, label_weight
from ..conventions.text import compact_code, unaccent
from .candidates import Candidate, label_context

IBAN_RE = re.compile(r"(?<![A-Z0-9])([A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{1,4}){2,8})(?![A-Z0-9])")
BIC_RE = re.compile(r"(?<![A-Z0-9])([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?![A-Z0-9])")
_THEIRS = re.compile(r"(?<![a-z])(ihre|your|votre|uw|client|customer|kunde|kunden|kaufer|buyer|cliente)(?![a-z])")
_CURRENCY_AMOUNT = re.compile(r"(?:GBP|CHF|DKK|SEK|NOK|PLN|CZK|HUF|RON|BGN|HRK|EUR)\s?[\d.,' ]+")
ABA_RE = re.compile(r"(?<!\d)(\d{9})(?!\d)")
VAT_RE = re.compile(
    r"(?<![A-Z0-9])((?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|GB|XI|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|CH|NO)"
    r"[ \u00a0.-]?(?:U)?[0-9A-Z][0-9A-Z .\u00a0-]{6,16}[0-9A-Z](?:[ ]?(?:MWST|TVA|IVA))?)(?![A-Z0-9])")


# Tax numbers outside the EU that Odoo keeps as a partner's VAT, by their stdnum checks: India's GSTIN,
# Australia's ABN, New Zealand's IRD, Canada's BN, the US EIN, Brazil's CNPJ, Mexico's RFC, Singapore's UEN,
# China's unified social credit code, Turkey's VKN.
# (module, country code), the country read once from the module's package ("in_" is India)
_NATIONAL_TAX_IDS = tuple((importlib.import_module(f"stdnum.{name}"), name.split(".")[0].rstrip("_").upper())
                          for name in ("in_.gstin", "au.abn", "nz.ird", "ca.bn", "us.ein", "br.cnpj", "mx.rfc",
                                       "sg.uen", "cn.uscc", "tr.vkn"))
# what may stand between such a label and its number: "GSTIN : 24…", "ABN# 51 …", "GST No. - 24…"
# (and a second name after a slash: "GSTIN/UIN: 29AAKCM7069E1Z1")
_AFTER_TAX_ID_LABEL = re.compile(r"[\s:#.\-–]*(?:/\s*[a-z]{2,4}\b[\s:#.\-–]*)?"
                                 r"(?:(?:no|nr|number|num)\b\.?[\s:#.\-–]*)?", re.I)
_MOST_TAX_ID_GROUPS = 5  # "51 824 753 556", "12.345.678/0001-95": a number printed in groups

# The most characters OCR is taken to have dropped from one run of a repeated character.
MOST_COLLAPSED = 4
# An IBAN whose country letters OCR read as digits ("0E02 1203 …" for "DE02 1203 …"), on OCR pages only, and
# the letters each of those digits is taken for.
_MISREAD_COUNTRY_IBAN_RE = re.compile(
    r"(?<![A-Z0-9])((?=[A-Z]?\d)[A-Z0-9]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{1,4}){2,8})(?![A-Z0-9])")
_LETTERS_READ_AS = {"0": "DO", "1": "IL", "2": "Z", "5": "S", "6": "G", "8": "B"}


def iban_candidates(lts, ocr_pages=()):
    """IBANs; on OCR pages (``ocr_pages``: their indexes) one a character short gets it back when that makes it
    valid."""
    found = []
    for index, lt in enumerate(lts):
        upper = unaccent(lt.text).upper()
        for seg_start, seg_end in _iban_spans(lt, upper):
            for match in IBAN_RE.finditer(upper[seg_start:seg_end]):
                start = seg_start + match.start()
                raw = match.group(1)
                value, valid = _longest_valid_iban(raw)
                words = lt.words_in(start, start + len(value))
                if not valid:
                    continued = _continued_below(lts, index, words, raw)
                    if continued:
                        value, words, valid = continued[0], words + continued[1], True
                restored = not valid and lt.line.page in ocr_pages and restore_collapsed_run(
                    compact_code(value), stdnum_iban.is_valid)
                if restored:
                    value, valid = restored, True
                weight = _iban_label_weight(lt, start, start + len(raw))
                if not valid and not weight:
                    continue
                score = 0.2 + 0.5 * weight + (0.35 if valid else 0.0)
                found.append(Candidate(value, score, words, lt.line.page))
        if lt.line.page in ocr_pages:
            found.extend(_with_country_restored(lt, upper))
    return found


def _with_country_restored(lt, upper):
    """Candidates of the labelled IBANs of an OCR line whose country letters were read as digits, when exactly
    one reading of those digits as letters makes the IBAN valid."""
    found = []
    for seg_start, seg_end in _iban_spans(lt, upper):
        for match in _MISREAD_COUNTRY_IBAN_RE.finditer(upper[seg_start:seg_end]):
            start = seg_start + match.start()
            weight = _iban_label_weight(lt, start, start + len(match.group(1)))
            restored = weight and restore_country_letters(compact_code(match.group(1)), stdnum_iban.is_valid)
            if restored:
                found.append(Candidate(restored, 0.55 + 0.5 * weight, lt.words_in(start, match.end() + seg_start),
                                       lt.line.page))
    return found


def _iban_label_weight(lt, start, end):
    """How strongly an IBAN label names the token at ``start``–``end`` of the line: before it, or above it."""
    return max(label_weight(lt.folded[:start][-25:], "iban", folded=True), _label_above(lt, start, end, "iban"))


def restore_country_letters(code, is_valid):
    """``code`` with the digits OCR read for its two country letters read as letters, when exactly one such
    reading is valid; None otherwise (or when it has no such digit)."""
    choices = [ch if ch.isalpha() else _LETTERS_READ_AS.get(ch, "") for ch in code[:2]]
    valid = {first + second + code[2:] for first in choices[0] for second in choices[1]
             if is_valid(first + second + code[2:])}
    return valid.pop() if len(valid) == 1 and code[:2] != next(iter(valid))[:2] else None


_IBAN_GROUPS = re.compile(r"[A-Z0-9]{1,4}(?: [A-Z0-9]{1,4})*")


def _iban_spans(lt, upper):
    """The line's columns, where an IBAN never spans two, except that groups printed far apart
    ("DE12   1234   5678") are one column: a column made only of short groups with a digit ("BIC" is a label)
    joins the one before it."""
    spans = []
    for start, end in lt.segment_spans:
        column = upper[start:end]
        if (spans and _IBAN_GROUPS.fullmatch(column) and re.search(r"\d", column)
                and re.search(r"[A-Z0-9]{2,4}$", upper[:spans[-1][1]])):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def restore_collapsed_run(code, is_valid, most=MOST_COLLAPSED):
    """``code`` as OCR read it with one run of a repeated character one to ``most`` characters short, when
    exactly one such reading is valid (the fewest characters added first).

    A CTC recogniser writes a repeated character once unless it sees a gap between the two: "0000000" comes
    out one zero short, and on a small or photographed page several ("DE91 1000 0000 0123 4567 89" read
    "DE91100000123456789"), and the check digits fail. Only runs are lengthened, all the missing characters in
    one run, so a misread character is not "repaired" into another valid number by chance.
    """
    if is_valid(code):
        return None
    runs = [i for i in range(1, len(code)) if code[i] == code[i - 1] and (i == 1 or code[i - 1] != code[i - 2])]
    for extra in range(1, most + 1):
        valid = sorted({variant for variant in (code[:i] + code[i] * extra + code[i:] for i in runs)
                        if is_valid(variant)})
        if valid:
            return valid[0] if len(valid) == 1 else None
    return None


def _continued_below(lts, index, words, raw):
    """An IBAN wrapped onto the next line of its column: 'DE67 1004 8392 7221' / '8882 72'."""
    if index + 1 >= len(lts) or not words:
        return None
    below = lts[index + 1]
    x0 = min(w.x0 for w in words)
    for seg, (start, end) in zip(below.line.segments, below.segment_spans):
        if abs(seg.x0 - x0) < 0.03 and re.fullmatch(r"[A-Z0-9 ]{2,20}", below.text[start:end].upper()):
            value = raw + " " + below.text[start:end].upper()
            if stdnum_iban.is_valid(value):
                return value, seg.words
    return None


def _label_above(lt, start, end, fieldname):
    """A column header naming the field above the token ("VAT Registration No." over "DE777777777")."""
    return label_context(lt, start, end, fieldname, lt.lines_above(2))[0]


def _longest_valid_iban(raw):
    """The longest prefix of ``raw`` (cut at a group boundary) that is a valid IBAN, else ``raw`` itself."""
    groups = raw.split()
    for count in range(len(groups), 0, -1):
        candidate = " ".join(groups[:count])
        if stdnum_iban.is_valid(candidate):
            return candidate, True
        glued = re.sub(r"(?<=\d)[A-Z]{2,}$", "", candidate)  # "… 55BIC": the next label read without a space
        if glued != candidate and stdnum_iban.is_valid(glued):
            return glued, True
    return raw, False


def bic_candidates(lts, ibans=()):
    try:
        from schwifty import BIC
    except ImportError:  # schwifty is optional: the BIC is then not verified
        BIC = None
    iban_countries = {compact_code(c.content)[:2] for c in ibans}
    found = []
    for lt in lts:
        for match in BIC_RE.finditer(lt.text):
            code = match.group(1)
            weight = label_weight(lt.folded[:match.start()][-25:], "bic", folded=True)
            info = {"bic": code, "country_code": code[4:6], "verified_bic": False}
            if BIC is not None:
                try:
                    bic = BIC(code)
                    if bic.exists:
                        info["verified_bic"] = True
                        if bic.bank_names:
                            info["name"] = bic.bank_names[0]
                except Exception:  # invalid structure or unknown country: not a BIC
                    if not weight:
                        continue
            if not weight and not info["verified_bic"]:
                continue
            score = 0.2 + 0.5 * weight + (0.3 if info["verified_bic"] else 0.0)
            if code[4:6] in iban_countries:
                score += 0.1
            found.append(Candidate(json.dumps(info), score, lt.words_in(match.start(), match.end()), lt.line.page))
    return found


def aba_candidates(lts):
    found = []
    for lt in lts:
        if not re.search(r"\b(aba|routing|rtn)\b", lt.folded):
            continue
        for match in ABA_RE.finditer(lt.text):
            digits = match.group(1)
            if _aba_valid(digits):
                found.append(Candidate(digits, 0.8, lt.words_in(match.start(), match.end()), lt.line.page))
    return found


def _aba_valid(digits):
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(digits, weights)) % 10 == 0


def vat_candidates(lts, user_vat=None, perspective="client", client_zone=None, ocr_pages=()):
    """VAT numbers; with perspective ``client`` (the user receives the bill) the supplier's is preferred. On OCR
    pages (``ocr_pages``) a number a character short gets it back when that makes it valid."""
    user = compact_code(user_vat or "")
    found = []
    for lt in lts:
        upper = lt.text.upper()
        for match in _overlapping(VAT_RE, upper):
            if _CURRENCY_AMOUNT.match(upper, match.start()):
                continue  # "GBP 1137.88", "CHF 12.50": an amount, not a number
            raw = _trim_vat(match.group(1))
            code = compact_code(raw)
            if len(code) < 8 or not any(ch.isdigit() for ch in code[2:]) or sum(ch.isdigit() for ch in code) < 6:
                continue
            if stdnum_iban.is_valid(code):
                continue
            weight = max(label_weight(lt.folded[:match.start()][-30:], "vat", folded=True),
                         _label_above(lt, match.start(), match.end(), "vat"))
            valid = _vat_valid(code)
            restored = not valid and lt.line.page in ocr_pages and restore_collapsed_run(code, _vat_valid)
            if restored:
                code, valid = restored, True
            if not weight and not valid:
                continue
            score = 0.25 + 0.4 * weight + (0.25 if valid else 0.0)
            found.append(_whose_vat(lt, code, match.start(), match.start() + len(raw), score, user, perspective,
                                    client_zone))
        for start, end, code, country in _national_tax_ids(lt):
            candidate = _whose_vat(lt, code, start, end, 0.9, user, perspective, client_zone)
            candidate.country = country
            found.append(candidate)
    return found


def _whose_vat(lt, code, start, end, score, user, perspective, client_zone):
    """The VAT candidate ``code`` at ``lt.text[start:end]``, its score moved by whose number it is: with
    perspective ``client`` the supplier's is wanted, with ``supplier`` the client's."""
    is_user = bool(user) and (code == user or code[2:] == user[2:] and code[:2] == user[:2])
    words = lt.words_in(start, end)
    in_client_zone = client_zone is not None and client_zone(lt.line, words[0].x0 if words else None)
    # "Ihre USt-IdNr", "your VAT number", "N° TVA client": the addressee's number
    in_client_zone = in_client_zone or bool(_THEIRS.search(lt.folded[:start][-35:]))
    if perspective == "supplier":
        score += 0.4 if is_user is False and in_client_zone else 0.0
        score -= 0.6 if is_user else 0.0
    else:
        score -= 0.6 if is_user else 0.0
        score -= 0.35 if in_client_zone else 0.0  # the block says whose it is; a checksum does not
    return Candidate(code, score, words, lt.line.page)


def _national_tax_ids(lt):
    """[(start, end, code, country)]: the tax numbers outside the EU printed right after their label on ``lt``
    ("GSTIN: 24ABHPT7057L1Z3", "ABN 51 824 753 556"), each the longest run of groups a check accepts."""
    found = []
    for label_start, label_end, _weight in label_spans(lt.folded, "national_tax_id", folded=True):
        # a label that names one country's number tries that country's check only ("Tax ID": every one)
        country = NATIONAL_TAX_ID_COUNTRIES.get(lt.folded[label_start:label_end])
        after = _AFTER_TAX_ID_LABEL.match(lt.text, label_end).end()
        groups = list(re.finditer(r"\S+", lt.text[after:]))[:_MOST_TAX_ID_GROUPS]
        for count in range(len(groups), 0, -1):
            raw = lt.text[after:after + groups[count - 1].end()].rstrip(".,;")
            code, its_country = _national_tax_id(raw, country)
            if code:
                found.append((after, after + len(raw), code, its_country))
                break
    return found


def tax_id_country(candidate):
    """The country code of a VAT or tax number candidate ("EL" is Greece), or None."""
    code = compact_code(candidate.content)
    return candidate.country or (code[:2].replace("EL", "GR") if re.match(r"[A-Z]{2}", code) else None)


def _national_tax_id(raw, country=None):
    """(``raw`` as a tax number in compact form, its country) if the check of ``country`` (of every country
    in turn when None) accepts it; else ("", None)."""
    if sum(ch.isdigit() for ch in raw) < 6:
        return "", None
    for module, its_country in _NATIONAL_TAX_IDS:
        if country not in (None, its_country):
            continue
        try:
            if module.is_valid(raw):
                return module.compact(raw), its_country
        except Exception:  # a check that cannot read the text at all: not that country's number
            continue
    return "", None


def _overlapping(pattern, text):
    """Matches of ``pattern``, each starting at every place a match can start: the ".DE" of a web address
    starts a match that swallows the VAT number after it ("QUALITYHOSTING.DE USTID DE 232 446 240")."""
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def _trim_vat(raw):
    """Keep the country code and the groups that carry digits: 'GB123456789 INVOICE' → 'GB123456789'."""
    raw = re.sub(r"\s*(MWST|TVA|IVA)$", "", raw)
    tokens = raw.split()
    kept = tokens[:1]
    for token in tokens[1:]:
        if not any(ch.isdigit() for ch in token) and not (len(kept) == 1 and len(kept[0]) == 2):
            break
        kept.append(token)
    # "DE777777777 999 / 9 99": the number ends where a valid VAT number ends, else after its first word
    for count in range(len(kept), 0, -1):
        if _vat_valid(compact_code(" ".join(kept[:count]))):
            return " ".join(kept[:count])
    if len(kept) > 1 and len(compact_code(kept[0])) >= 9:
        return kept[0]
    return " ".join(kept)


def _vat_valid(code):
    try:
        return eu_vat.is_valid(code)
    except Exception:
        return False
