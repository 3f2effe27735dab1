"""Expense features (Extract API expense 132): receipts and tickets."""
import re

from ..keywords import LEGAL_FORMS, has_negative, label_weight, repair_legal_form
from ..numbers import decimal_separator, document_decimal_separator
from ..text import collapse, fold, unaccent
from .candidates import Candidate, feature_result
from .contact import currency_candidates
from .dating import choose_dates, month_first_for
from .references import labelled_tokens
from .tokens import amount_tokens, date_tokens, line_texts
from .totals import choose_totals

FEATURES = ("description", "country", "date", "total", "currency", "bill_reference", "supplier")

_NOT_A_NAME = re.compile(
    r"(?<![a-z])(tel|fax|phone|h/p|gst|reg|invoice|receipt|tax|welcome|thank|thanks|address|cashier|cashler|cash|"
    r"kasir|date|time|"
    r"www|http|goods sold|returnable|refund|refundable|exchange|exchangeable|shopping|tq|selangor|johor|"
    r"kuala lumpur|company no|co\.? no|roc|business|tarikh|jalan|jln|jl|lot|table|order|member|"
    r"simplified|official|copy|original|of purchase|kassenbon|rechnung|facture|ticket|quittung|beleg|bon)(?![a-z])|"
    r"no\s*:|@|\b\d{5}\b|^pt\s?\d|^\W*(malaysia|singapore)\W*$|!\W*$", re.I)
_REG_SUFFIX = re.compile(
    r"\s*[\(\[]?\s*(?:co\.?\s*(?:reg\.?|no\.?)\s*:?)?\s*(?:[A-Z]{1,3})?\d[\dA-Z-]{3,}\s*[-A-Z]?\s*[\)\]]?\s*$", re.I)
# a company registration number alone on its line, printed right under the name: "(1365663-P)", "Co. Reg 12345-A"
_REG_LINE = re.compile(r"^[\(\[]?\s*(?:(?:co(?:mpany)?\.?\s*(?:reg(?:istration)?\.?|no\.?)\s*(?:no\.?)?\s*[:.]?)\s*)?"
                       r"[A-Z]{0,3}\d{4,}[\dA-Z]*(?:\s*-\s*[A-Z0-9]{1,3})?\s*[\)\]]?$", re.I)
# Legal forms sure enough to make a line a business name even if it also says "company no" or "tel".
_STRONG_LEGAL = re.compile(r"(?<![a-z])(sdn\.?\s*bhd|bhd|berhad|s/b|gmbh|ltd|limited|inc|sarl|s\.a\.r\.l|plc|llc|"
                           r"enterprise|trading|b\.v|s\.l|s\.r\.l|s\.p\.a|restaurant|cafe|mart|store|"
                           r"hardware|bakery|pharmacy|supermarket|stationery|hotel|cash\s?&?\s?carry|minimarket|"
                           r"mini market|bookstores?|plt)(?![a-z])")
_TENDER = re.compile(r"(cash|tunai|tendered|paid|bayar|received|visa|master|card|kad|debit|credit|bar\b|especes|"
                     r"contant|change|baki)", re.I)
_CHANGE = re.compile(r"(change|baki|kembali|ruckgeld|rendu|wisselgeld)", re.I)
_CASH = re.compile(r"(cash|tunai|tendered|bayar|received|\bpay\W*$)")
_ROUNDING = re.compile(r"round|bundar")
_SUMMARY = re.compile(r"(summary|zusammenfassung|recapitulatif|ringkasan|tax code|gst code)", re.I)
_COMPANY_FORM = re.compile(r"(?<![a-z])(sdn\.?\s*bhd|bhd|berhad|s/b|gmbh|ltd|limited|inc|sarl|s\.a\.r\.l|plc|llc|"
                           r"enterprise|trading|b\.v|s\.l|s\.r\.l|s\.p\.a)(?![a-z])")
# a line that names a kind of business, not a business: "BISTRO & CAFE" under "THREE STOOGES"
_DESCRIPTOR = re.compile(r"(?:(?:bistro|cafe|coffee|restaurant|restoran|bar|grill|kitchen|bakery|pub|shop|store|"
                         r"mart|mini ?market|supermarket|pharmacy|hardware|stationery|food|foods|tea|&|and|n)\s*)+")
# a name line that cannot end there: "… &", "… AND", "ENTERPRISE (SETIA"
_OPEN_ENDED = re.compile(r"(?:&|\band|\([^)]*)\s*$", re.I)
_RECEIPT_REF = re.compile(r"(receipt|invoice|bill|doc|document|transaction|trans|slip|check|cheque|order|inv|rcpt|"
                          r"bon|beleg|ticket|facture|kassenbon)\s*(no|nr|number|#|num)", re.I)


def extract_expense(pages, user_infos, structured=None):
    user_infos = user_infos or {}
    lang = user_infos.get("user_lang") or ""
    lts = line_texts(pages)
    hint = decimal_separator(lang) or document_decimal_separator(lt.text for lt in lts)
    result = {}
    result["total"] = feature_result(_total_candidates(amount_tokens(lts, hint, len(pages))))
    month_first = month_first_for(lang, lts)
    dates = choose_dates(date_tokens(lts, month_first), want_due=False)
    result["date"] = feature_result(dates["date"][1], selected=dates["date"][0])
    merchants = merchant_candidates(lts)
    if _accents_are_noise(lts, lang):
        for cand in merchants:
            cand.content = unaccent(cand.content)
    result["supplier"] = feature_result(merchants)
    result["description"] = feature_result([Candidate(c.content, c.score * 0.9, c.words, c.page) for c in merchants])
    hints = [user_infos["user_company_country_code"].upper()] if user_infos.get("user_company_country_code") else []
    result["currency"] = feature_result(currency_candidates(lts, hints))
    result["country"] = {"candidates": []}
    result["bill_reference"] = feature_result(_bill_references(lts))
    if structured:
        structured.apply(result)
    return {name: result[name] for name in FEATURES}


_ACCENTED = re.compile(r"[À-ÖØ-öø-ÿ]")


def _accents_are_noise(lts, lang):
    """An accent or two on an English or Malay receipt is OCR noise ("HARDWÀRE"); in French or German it is
    spelling, and a receipt in those languages has more than two."""
    if lang and lang[:2].lower() not in ("en", "ms", "id", "zh"):
        return False
    return sum(len(_ACCENTED.findall(lt.text)) for lt in lts) <= 2


def _receipt_adjustment(tokens, rounding_tokens):
    """Receipt evidence for the total: cash − change, the tender lines right below it, no tax summary table."""
    cash = [t for t in tokens if _TENDER.search(t.left[-30:]) or re.search(r"\bpay\W*$", t.left)]
    change = _labelled(tokens, _CHANGE)
    paid = {round(c.value - ch.value, 2) for c in cash for ch in change if c.value >= ch.value}
    paid |= {round(c.value, 2) for c in cash}
    decimals = [t for t in tokens if t.has_decimals and t.value > 0]
    largest = max((t.value for t in decimals), default=None)
    # cash rounding (to 0.05): the rounded amount is what was paid
    rounding = bool(rounding_tokens)
    labelled = [t.value for t in tokens if label_weight(t.left[-45:], "total", folded=True)]
    # "Total 42.33 / Rounding Adjustment 0.02 / Rounding 42.35": the adjusted amount is what was paid
    adjustments = _rounding_amounts(rounding_tokens)
    adjusted = {round(v + sign * r, 2) for v in labelled for r in adjustments for sign in (1, -1)}
    # (page, line index) of the tender lines and of the tax summary lines, read once for every token
    tender_lines, summary_lines = set(), set()
    for line_list in {id(t.lt.line_list): t.lt.line_list for t in tokens}.values():
        for line in line_list:
            folded = fold(line.text)
            if _TENDER.search(folded):
                tender_lines.add((line.page, line.index))
            if _SUMMARY.search(folded):
                summary_lines.add((line.page, line.index))

    def adjust(token, role):
        if role != "total":
            # what was handed over, given back or rounded off is never the net amount or the tax
            return -0.5 if (token in cash or token in change or token in rounding_tokens) else 0.0
        left = token.left[-45:]
        extra = 0.0
        if label_weight(left, "total", folded=True) and re.search(r"(round|nett|incl|inclusive|amount|grand|payable)",
                                                                  left):
            extra += 0.15
        if round(token.value, 2) in paid:
            extra += 0.2
        if token.value == largest and not has_negative(left, "total", folded=True):
            extra += 0.1
        if token in cash or token in change:
            extra -= 0.3
        on_the_cent = abs(token.value * 20 - round(token.value * 20)) < 1e-6
        if round(token.value, 2) in adjusted and on_the_cent:
            extra += 0.3
        if rounding and on_the_cent and any(0 < abs(token.value - other) < 0.05 for other in labelled):
            extra += 0.2
        if on_the_cent and re.search(r"(?<![a-z])rounding\W*(rm|\$|eur)?\W*$", left) and abs(token.value) >= 1:
            extra += 0.3  # "Rounding   RM 72.75": the amount after rounding, not the adjustment
        page, index = token.lt.line.page, token.lt.line.index
        if any((page, i) in tender_lines for i in (index + 1, index + 2)):
            extra += 0.15
        if any((page, i) in summary_lines for i in range(max(0, index - 4), index + 1)):
            extra -= 0.3
        return extra

    return adjust


def _total_candidates(tokens):
    zero_change = [t for t in tokens if t.value == 0 and t.has_decimals and _CHANGE.search(t.left[-30:])]
    tokens = [t for t in tokens if 0 < abs(t.value) < 1e7]
    if not tokens:
        return []
    rounding_tokens = _labelled(tokens, _ROUNDING)
    roundings = _rounding_amounts(rounding_tokens)
    if not roundings and any(_ROUNDING.search(fold(line.text)) for line in tokens[0].lt.line_list):
        roundings = {0.01, 0.02, 0.03, 0.04}  # "Rounding Adj -J.02": a rounding line whose amount OCR lost
    totals = choose_totals(tokens, adjust=_receipt_adjustment(tokens, rounding_tokens), roundings=roundings)
    chosen, candidates = totals["total"]
    if chosen is not None:
        chosen.score = max(chosen.score, max(c.score for c in candidates) + 0.01)
    paid = _cash_minus_change(tokens)
    if paid is not None and not any(abs(c.content - paid.content) < 0.005 for c in candidates if c.score > 0.5):
        candidates.append(paid)  # the total itself was misread, but what was paid adds up
    if chosen is not None:
        _trust_what_was_paid(chosen, candidates, tokens, zero_change, rounding_tokens)
    return candidates


def _rounding_amounts(rounding_tokens):
    """The cash-rounding adjustments printed ("Rounding Adj -0.02"), as positive amounts."""
    return {abs(round(t.value, 2)) for t in rounding_tokens if 0 < abs(t.value) < 0.05}


def _labelled(tokens, pattern):
    """The amounts whose nearby label (left on their line) matches ``pattern``."""
    return [t for t in tokens if pattern.search(t.left[-30:])]


def _cash_and_change(tokens, zero_change=()):
    """The one cash amount and the one change amount printed, if that is what the receipt shows."""
    # stricter than _TENDER: a card payment has no change to subtract
    change = _labelled(tokens, _CHANGE) + list(zero_change)
    cash = [t for t in _labelled(tokens, _CASH) if t not in change]  # "CHANGE CASH 10.05" is change
    if len(cash) != 1 or len(change) != 1 or cash[0].value < change[0].value:
        return None
    return cash[0], change[0]


def _cash_minus_change(tokens):
    pair = _cash_and_change(tokens)
    if pair is None or not pair[1].value > 0:
        return None
    cash, change = pair
    return Candidate(round(cash.value - change.value, 2), 0.6, cash.words + change.words, cash.page)


def _trust_what_was_paid(chosen, candidates, tokens, zero_change, rounding_tokens):
    """Cash − change settles the total: it wins over the total read when the two differ by the printed cash
    rounding (what was paid is the rounded total: "Total 41.43 / Rounding 0.02 / Cash 51.50 / Change 10.05"),
    or by one digit (an OCR misread: "758.70" printed, "753.70" read).

    With no rounding amount printed, a difference of a few cents may be a rounding or a misread: left alone.
    """
    pair = _cash_and_change(tokens, zero_change)
    if pair is None:
        return
    paid = round(pair[0].value - pair[1].value, 2)
    difference = round(abs(chosen.content - paid), 2)
    if difference < 0.005:
        return
    printed_roundings = _rounding_amounts(rounding_tokens)
    if difference < 0.05 and not printed_roundings:
        return
    if difference in printed_roundings:
        if abs(paid * 20 - round(paid * 20)) > 1e-6:
            return  # not a rounded amount: cash or change was misread
    elif not _one_digit_apart(chosen.content, paid):
        return
    printed = [t for t in tokens if abs(t.value - paid) < 0.005]
    if not printed:
        return  # cash or change was misread instead: nothing printed says so
    best = next((c for c in candidates if abs(c.content - paid) < 0.005), None)
    if best is None:
        best = Candidate(paid, 0.0, printed[0].words, printed[0].page)
        candidates.append(best)
    best.score = chosen.score + 0.01
    candidates.sort(key=lambda c: -c.score)


def _one_digit_apart(first, second):
    a, b = f"{abs(first):.2f}", f"{abs(second):.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _printed_spacing(text):
    """The spaces OCR drops around brackets, '&' and legal forms: 'CO.(M) SDN BHD' → 'CO. (M) SDN BHD',
    '&BOOKS' → '& BOOKS', 'RestaurantsSdn Bhd' → 'Restaurants Sdn Bhd', 'INTERNATIONAL-SDN' → 'INTERNATIONAL SDN'."""
    text = re.sub(r"^(?:dimiliki(?: oleh)?|owned by|milik)\s*:?\s*", "", text, flags=re.I)
    text = re.sub(r"(?<=[a-z])(?=Sdn\.?\s?Bhd\b)|(?<=[A-Z]{3})(?=(?:SDN\.?\s?BHD|PLT)\b)|(?<=\w)-(?=(?:SDN|Sdn)\b)",
                  " ", text).replace("  ", " ")
    text = re.sub(r"\(([^(){}]*)\}", r"(\1)", text)  # "(SP}": a bracket misread as a brace
    text = re.sub(r"(?<=\b[A-Z]\.)1(?=\.)", "I", text)  # "MR. D.1.Y.": initials, not digits
    text = re.sub(r"(?<=\b[A-Z]\.)(?=[A-Z]{3,})", " ", text)  # "S.H.H.MOTOR": a word after initials
    text = re.sub(r"\b(cash)\s?(carry)\b", r"\1 & \2", text, flags=re.I)  # the trade is "cash & carry"
    text = re.sub(r"(?<=[\w.])\((?=[^)]*\))", " (", text)
    text = re.sub(r"\)(?=\w)", ") ", text)
    text = re.sub(r"(?<=\w)&(?=\s|$)|(?<=\s)&(?=\w)|(?<=\w)&(?=\w{3})", lambda m: " & ", text)
    return collapse(repair_legal_form(text))


# accounting stamps over the header: "POSTED" / "BEMED (SP) SDN. BHD.", "YONG CEN ENTERPRISE POSTED"
_STAMPS = {"posted", "paid", "duplicate", "reprint", "reprinted", "cancelled", "canceled", "void"}


def _without_stamp(text):
    """The name without a stamp word beside it, when what remains is a company name (it has a legal form)."""
    words = text.split()
    if len(words) >= 3 and words[0].lower() in _STAMPS:
        words = words[1:]
    if len(words) >= 3 and words[-1].lower() in _STAMPS:
        words = words[:-1]
    rest = " ".join(words)
    return rest if rest != text and LEGAL_FORMS.search(fold(rest)) else text


def _ocr_letters(text):
    """Letters OCR confuses inside a name: 'WorId' → 'World' (capital I for l inside a lower-case word),
    'BOOK TA _K' → 'BOOK TA .K' (a dot read low as an underscore; names have no underscores)."""
    text = re.sub(r"(?<=[a-z])I(?=[a-z]|\b)", "l", text)
    return re.sub(r"(?<![\w@])_(?=[A-Za-z])|(?<=[A-Za-z])_(?=\s|$)", ".", text)


def clean_merchant(text):
    """The business name without its company registration number: 'ACME SDN BHD (123456-X)' → 'ACME SDN BHD'."""
    text = _without_stamp(_ocr_letters(collapse(text)))
    text = re.sub(r"^[#*]+\d*\s+", "", _printed_spacing(text))  # "#000002 BAIFU": a counter printed first
    stripped = _REG_SUFFIX.sub("", text)
    # a number with its check letter ("JH0032980-Y") is a registration number even after a name with no legal form
    if stripped != text and (LEGAL_FORMS.search(fold(stripped)) or re.search(r"\d{4,}\s*-\s*[A-Z]\b", text[len(stripped):])):
        text = stripped
    # whatever follows the legal form is a registration number or noise: "S/B 273500-U (KSB)", "SDN BHD 2.1"
    lowered = text.lower()
    ends = [m.end() for m in _STRONG_LEGAL.finditer(lowered)]
    if ends:
        tail = text[ends[-1]:]
        if tail.strip(" .") and (any(c.isdigit() for c in tail) or re.fullmatch(r"[^()\[\]]{0,6}[()\[\]].{0,6}", tail)):
            text = text[:ends[-1]] + ("." if tail.startswith(".") else "")
    return text.strip(" ,:;-*_")


def merchant_candidates(lts):
    """The business name: among the first lines of the first page, a name-looking line, legal forms first."""
    first = [lt for lt in lts if lt.line.page == 0][:10]
    if not first:
        return []
    heights = sorted(lt.line.height for lt in first)
    median = heights[len(heights) // 2] or 0.01
    found = []
    for rank, lt in enumerate(first):
        text = clean_merchant(lt.text)
        letters = sum(c.isalpha() for c in text)
        if letters < 3 or letters < 0.5 * len(text):
            continue
        legal = bool(_STRONG_LEGAL.search(fold(text)))
        if _NOT_A_NAME.search(text) and not legal:
            continue
        # "SDN BHD" makes a company name; "CAFE" may be the line under the name ("THREE STOOGES / BISTRO & CAFE")
        kind = 0.35 if _COMPANY_FORM.search(fold(text)) else (0.15 if legal else 0.0)
        if rank and _DESCRIPTOR.fullmatch(fold(text)) and _name_line(first[rank - 1]):
            kind = -0.25  # only says what kind of place the name above it is
        score = 0.5 - 0.05 * rank + kind + 0.1 * min(lt.line.height / median - 1, 1.5)
        if text == text.lower():
            score -= 0.3  # handwriting or a scribbled note, not a printed header
            found.append(Candidate(text, score, list(lt.words), lt.line.page))
            continue
        if text.startswith("&"):
            score -= 0.3  # the second half of a name broken over two lines
        words = list(lt.words)
        last = rank  # the last line the name takes
        # a name broken over two lines: "BOOK TA .K (TAMAN DAYA)" / "SDN BHD", "POPULAR BOOK" / "CO. (M) SDN BHD"
        following = first[rank + 1] if rank + 1 < len(first) else None
        if following is not None and fold(collapse(following.text)).startswith(fold(text) + " "):
            following = None  # "PREMIO" / "PREMIO STATIONERY SDN BHD": a logo over the name it starts
        if following is not None and not _COMPANY_FORM.search(fold(text)) and _continues_name(following.text):
            text = clean_merchant(text + " " + following.text)
            words += following.words
            score += 0.4
            last += 1
        # "HOME MASTER HARDWARE &" / "ELECTRICAL", "THE COFFEE BEAN" / "& TEA LEAF (M) SDN. BHD."
        for extra in first[last + 1:last + 3]:
            if not (_OPEN_ENDED.search(text) or extra.text.lstrip().startswith("&")) or _NOT_A_NAME.search(extra.text):
                break
            text = clean_merchant(text + " " + extra.text)
            words += extra.words
            score += 0.3
            last += 1
        if (last + 2 < len(first) and _REG_LINE.match(collapse(first[last + 2].text))
                and _name_line(first[last + 1]) and not _COMPANY_FORM.search(fold(text))
                and abs(first[last + 1].line.height - lt.line.height) < 0.25 * lt.line.height):
            # "RESTAURANT JIAWEI" / "JIAWEI HOUSE" / "002693074-K": both lines above the number are the name
            text = clean_merchant(text + " " + first[last + 1].text)
            words += first[last + 1].words
            last += 1
        if last + 1 < len(first) and _REG_LINE.match(collapse(first[last + 1].text)):
            score += 0.2  # the registration number printed right under the name
        found.append(Candidate(text, score, words, lt.line.page))
    return found


def _name_line(lt):
    text = clean_merchant(lt.text)
    return (sum(c.isalpha() for c in text) >= 3 and not any(c.isdigit() for c in text) and text != text.lower()
            and not _NOT_A_NAME.search(text))


def _continues_name(text):
    """A line that only finishes a name: 'SDN BHD', '(M) SDN BHD', 'CO. (M) SDN BHD' — not a whole name itself."""
    text = clean_merchant(text)
    if any(c.isdigit() for c in text) or _NOT_A_NAME.search(text):
        return False
    folded = fold(text)
    match = _COMPANY_FORM.search(folded)
    if not match:
        return False
    before = re.sub(r"\([^)]*\)", " ", folded[:match.start()]).split()
    return len([w for w in before if not _COMPANY_FORM.fullmatch(w)]) <= 1


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
