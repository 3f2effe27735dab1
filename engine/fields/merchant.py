"""The business name on a receipt: which header line it is, and the OCR and printing noise around it."""
import re

from ..conventions.keywords import ACCOUNTING_STAMPS, LEGAL_FORMS, repair_legal_form
from ..conventions.text import collapse, fold, unaccent
from .candidates import Candidate
from .spelling import Vocabulary

_NOT_A_NAME = re.compile(
    r"(?<![a-z])(tel|fax|phone|h/p|gst|reg|invoice|receipt|tax|welcome|thank|thanks|address|cashier|cashler|cash|"
    r"kasir|date|time|"
    r"www|http|goods sold|returnable|refund|refundable|exchange|exchangeable|shopping|tq|selangor|johor|"
    r"kuala lumpur|company no|co\.? no|roc|business|tarikh|jalan|jln|jl|lot|table|order|member|"
    r"simplified|official|copy|original|of purchase|kassenbon|rechnung|facture|ticket|quittung|beleg|bon)(?![a-z])|"
    r"no\s*:|@|\b\d{5}\b|^pt\s?\d|^\W*(malaysia|singapore)\W*$|!\W*$|"
    # a street and its number ("Pohlweg 110", "Husener Str. 121", "12 rue Neuve"), a currency alone ("EUR")
    r"(?:stra(?:ss|ß)e|str\.|weg|platz|allee|gasse|damm|ufer|straat|laan|plein)\s*\d|"
    r"(?<![a-z])(?:rue|avenue|boulevard|via|viale|calle|avenida|street|road|lane)(?![a-z]).*\d|\d.*(?<![a-z])"
    r"(?:rue|avenue|boulevard|via|viale|calle|avenida|street|road|lane)(?![a-z])|"
    r"^\W*(?:eur|euro|usd|gbp|chf|myr|sgd)\W*$|"
    r"\d[.,]\d{2}\s*[a-z]?\s*$", re.I)  # an item and its price ("Ricola Kräuter 1,75")
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
_COMPANY_FORM = re.compile(r"(?<![a-z])(sdn\.?\s*bhd|bhd|berhad|s/b|gmbh|ltd|limited|inc|sarl|s\.a\.r\.l|plc|llc|"
                           r"enterprise|trading|b\.v|s\.l|s\.r\.l|s\.p\.a)(?![a-z])")
# a line that names a kind of business, not a business: "BISTRO & CAFE" under "THREE STOOGES"
_DESCRIPTOR = re.compile(r"(?:(?:bistro|cafe|coffee|restaurant|restoran|bar|grill|kitchen|bakery|pub|shop|store|"
                         r"mart|mini ?market|supermarket|pharmacy|hardware|stationery|food|foods|tea|&|and|n)\s*)+")
# a name line that cannot end there: "… &", "… AND", "ENTERPRISE (SETIA"
_OPEN_ENDED = re.compile(r"(?:&|\band|\([^)]*)\s*$", re.I)
_UNCLOSED_BRACKET = re.compile(r"\([^)]*$")
# the legal owner behind a shop's sign: "Dimiliki: banh mi cafe sdn bhd" (Malay), "owned by …"
_OWNER_PREFIX = re.compile(r"^(?:dimiliki(?: oleh)?|owned by|operated by|milik)\s*:?\s*", re.I)


def receipt_merchants(lts, lang):
    """Merchant candidates, best first after scoring; OCR accents dropped where they can only be noise."""
    merchants = merchant_candidates(lts)
    noisy_accents = _accents_are_noise(lts, lang)
    for cand in merchants:
        if noisy_accents:
            cand.content = unaccent(cand.content)
        cand.content = restore_word_spaces(trade_word_spelling(cand.content))
    return merchants


# Words of business names, spelled right, that OCR misreads one letter of ("HARDWAKE", "99 SPEED NART S/B").
_TRADE_WORDS = Vocabulary("""
    bakery bakeries beverage book books bookstore cafe centre center clinic company confectionery corporation
    electrical enterprise enterprises farmasi fashion food foods furniture handicraft hardware holdings hotel
    hypermarket industries international kedai kitchen marketing market mart medical minimarket motor parking
    pasaraya petrol pharmacy printing restaurant restaurants restoran services station stationery store supermarket
    tailoring trading travel shop
""".split())
# words a run of capitals without spaces may end with ("SANYUSTATIONERYSHOP"): the trade words and legal forms
_SPLITTABLE = sorted(_TRADE_WORDS.words | {"sdn", "bhd", "berhad", "enterprise", "gmbh", "limited"}, key=len,
                     reverse=True)
_RUN = re.compile(r"(?<![\w.&'-])[A-Z]{9,}(?![\w.&'-])")


def restore_word_spaces(text):
    """Word spaces OCR dropped from a business name, found from the trade words and legal forms it ends with:
    'SANYUSTATIONERYSHOP' → 'SANYU STATIONERY SHOP'. Only a run of nine capitals or more that is no word itself
    is split, where what is left before the word keeps three letters or more, and what is left is split again
    only while it is such a run itself ('SEAFOODRESTAURANT' → 'SEAFOOD RESTAURANT'); the left-over part (a name)
    is kept as it is. A run of trade words only is a compound printed so ('BOOKCENTRE') and is left whole."""
    def split(match):
        run = match.group(0)
        words = []
        rest = run.lower()
        while rest not in _TRADE_WORDS.words and (not words or len(rest) >= 9):
            word = next((w for w in _SPLITTABLE if rest.endswith(w) and len(rest) - len(w) >= 3), None)
            if word is None:
                break
            words.insert(0, word)
            rest = rest[:-len(word)]
        if not words or rest in _TRADE_WORDS.words:
            return run  # no word in it, or trade words only: a compound as printed ("BOOKCENTRE")
        return " ".join([rest.upper()] + [w.upper() for w in words])

    return _RUN.sub(split, text)


def trade_word_spelling(text):
    """A word of a business name one confusable letter away from exactly one trade word is that word:
    'HARDWAKE' → 'HARDWARE', 'NART' → 'MART'; names, and words near no trade word, are left alone."""
    return _TRADE_WORDS.respell_words(text)


_ACCENTED = re.compile(r"[À-ÖØ-öø-ÿ]")


def _accents_are_noise(lts, lang):
    """An accent or two on an English or Malay receipt is OCR noise ("HARDWÀRE"); in French or German it is
    spelling, and a receipt in those languages has more than two."""
    if lang and lang[:2].lower() not in ("en", "ms", "id", "zh"):
        return False
    return sum(len(_ACCENTED.findall(lt.text)) for lt in lts) <= 2


def _printed_spacing(text):
    """The spaces OCR drops around brackets, '&' and legal forms: 'CO.(M) SDN BHD' → 'CO. (M) SDN BHD',
    '&BOOKS' → '& BOOKS', 'RestaurantsSdn Bhd' → 'Restaurants Sdn Bhd', 'INTERNATIONAL-SDN' → 'INTERNATIONAL SDN'."""
    text = _OWNER_PREFIX.sub("", text)
    text = re.sub(r"(?<=[a-z])(?=Sdn\.?\s?Bhd\b)|(?<=[A-Z]{3})(?=(?:SDN\.?\s?BHD|PLT)\b)|(?<=\w)-(?=(?:SDN|Sdn)\b)",
                  " ", text).replace("  ", " ")
    text = re.sub(r"\(([^(){}]*)\}", r"(\1)", text)  # "(SP}": a bracket misread as a brace
    text = re.sub(r"\(\s+(?=[^)]*\))", "(", re.sub(r"(?<=\()([^()]*?)\s+\)", r"\1)", text))  # "( SUNGAI RENGIT )"
    text = re.sub(r"(?<=\w)\((?=\s)(?![^(]*\))", "", text)  # "SDN( BHD": a speck read as a bracket no one closes
    text = re.sub(r"(?<=\b[A-Z]\.)1(?=\.)", "I", text)  # "MR. D.1.Y.": initials, not digits
    text = re.sub(r"(?<=\b[A-Z]\.)(?=[A-Z]{3,})", " ", text)  # "S.H.H.MOTOR": a word after initials
    text = re.sub(r"\b(cash)\s?(carry)\b", r"\1 & \2", text, flags=re.I)  # the trade is "cash & carry"
    text = re.sub(r"(?<=[\w.])\((?=[^)]*\))", " (", text)
    text = re.sub(r"\)(?=\w)", ") ", text)
    text = re.sub(r"(?<=\w)&(?=\s|$)|(?<=\s)&(?=\w)|(?<=\w)&(?=\w{3})", lambda m: " & ", text)
    return collapse(repair_legal_form(text))


def _without_stamp(text):
    """The name without a stamp word beside it, when what remains is a company name (it has a legal form):
    "POSTED BEMED (SP) SDN. BHD.", "YONG CEN ENTERPRISE POSTED"."""
    words = text.split()
    if len(words) >= 3 and words[0].lower() in ACCOUNTING_STAMPS:
        words = words[1:]
    if len(words) >= 3 and words[-1].lower() in ACCOUNTING_STAMPS:
        words = words[:-1]
    rest = " ".join(words)
    return rest if rest != text and LEGAL_FORMS.search(fold(rest)) else text


def _ocr_letters(text):
    """Letters OCR confuses inside a name: 'WorId' → 'World' (capital I for l inside a lower-case word),
    'BOOK TA _K' → 'BOOK TA .K' (a dot read low as an underscore; names have no underscores), and specks it
    reads as a second bracket or a middle dot."""
    text = re.sub(r"(?<=[a-z])I(?=[a-z]|\b)", "l", text)
    if text.count("(") > text.count(")"):
        text = text.replace("((", "(")  # one bracket read twice: "MOTOR ((SUNGAI RENGIT)"
    # a speck between two words read as a middle dot ("INTERNATIONAL·SDN BHD"); not the Catalan l·l ("COL·LEGI")
    text = re.sub(r"(?<=[^\WlL_])·(?=[^\W_])|(?<=[A-Za-z])·(?=[^\WlL_])", " ", text)
    return re.sub(r"(?<![\w@])_(?=[A-Za-z])|(?<=[A-Za-z])_(?=\s|$)", ".", text)


def clean_merchant(text):
    """The business name without its company registration number: 'ACME SDN BHD (123456-X)' → 'ACME SDN BHD'."""
    text = _without_stamp(_ocr_letters(collapse(text)))
    text = re.sub(r"^[#*]+\d*\s+", "", _printed_spacing(text))  # "#000002 BAIFU": a counter printed first
    stripped = _REG_SUFFIX.sub("", text)
    # a number with its check letter ("JH0032980-Y") is a registration number even after a name with no legal form
    if stripped != text and (LEGAL_FORMS.search(fold(stripped))
                             or re.search(r"\d{4,}\s*-\s*[A-Z]\b", text[len(stripped):])):
        text = stripped
    # whatever follows the legal form is a registration number or noise: "S/B 273500-U (KSB)", "SDN BHD 2.1"
    lowered = text.lower()
    ends = [m.end() for m in _STRONG_LEGAL.finditer(lowered)]
    if ends:
        tail = text[ends[-1]:]
        # … but a number of two or three digits is no registration number: "TRIPLE SIX POINT ENTERPRISE 666"
        number_in_name = re.fullmatch(r"\s+\d{2,3}", tail)
        stray_quote = re.fullmatch(r"\s*['\"`‘’]+", tail)  # "AEON CO. (M) BHD'(126926-H)": OCR saw a speck
        if tail.strip(" .") and not number_in_name and (stray_quote or
                any(c.isdigit() for c in tail) or re.fullmatch(r"[^()\[\]]{0,6}[()\[\]].{0,6}", tail)):
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
        owner = bool(_OWNER_PREFIX.match(collapse(lt.text)))
        text = clean_merchant(_without_logo(lt))
        letters = sum(c.isalpha() for c in text)
        if letters < 3 or letters < 0.5 * len(text):
            continue
        folded = fold(text)
        legal = bool(_STRONG_LEGAL.search(folded))
        if _NOT_A_NAME.search(text) and not legal:
            continue
        # "SDN BHD" makes a company name; "CAFE" may be the line under the name ("THREE STOOGES / BISTRO & CAFE")
        kind = 0.35 if _COMPANY_FORM.search(folded) else (0.15 if legal else 0.0)
        if rank and _DESCRIPTOR.fullmatch(folded) and _name_line(first[rank - 1]):
            kind = -0.25  # only says what kind of place the name above it is
        score = 0.5 - 0.05 * rank + kind + 0.1 * min(lt.line.height / median - 1, 1.5)
        if owner and _COMPANY_FORM.search(folded):
            # the legal owner behind the sign ("Dimiliki: banh mi cafe sdn bhd"): the company the receipt is from
            text, score = text.upper() if text == text.lower() else text, score + 0.2
        elif text == text.lower():
            score -= 0.3  # handwriting or a scribbled note, not a printed header
            found.append(Candidate(text, score, list(lt.words), lt.line.page))
            continue
        if text.startswith("&"):
            score -= 0.3  # the second half of a name broken over two lines
        words = list(lt.words)
        printed = collapse(lt.text)  # the name's lines as printed: cleaning drops a bracket left open
        last = rank  # the last line the name takes
        # a name broken over two lines: "BOOK TA .K (TAMAN DAYA)" / "SDN BHD", "POPULAR BOOK" / "CO. (M) SDN BHD"
        following = first[rank + 1] if rank + 1 < len(first) else None
        if following is not None and fold(collapse(following.text)).startswith(fold(text) + " "):
            following = None  # "PREMIO" / "PREMIO STATIONERY SDN BHD": a logo over the name it starts
        if following is not None and _other_lettering(text, following.text):
            following = None  # "Sarang Hae Yo" / "TRENDYMAX (M) SDN. BHD.": a brand over the company's own name
        if following is not None and not _COMPANY_FORM.search(fold(text)) and _continues_name(following.text):
            text = clean_merchant(text + " " + following.text)
            printed += " " + collapse(following.text)
            words += following.words
            score += 0.4
            last += 1
        # "HOME MASTER HARDWARE &" / "ELECTRICAL", "THE COFFEE BEAN" / "& TEA LEAF (M) SDN. BHD."
        # "AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" / "ALAM) SDN BHD": a bracket the next line closes
        for extra in first[last + 1:last + 3]:
            closes_bracket = bool(_UNCLOSED_BRACKET.search(printed)) and ")" in extra.text
            if (not (_OPEN_ENDED.search(text) or closes_bracket or extra.text.lstrip().startswith("&"))
                    or _NOT_A_NAME.search(extra.text)):
                break
            text = clean_merchant((printed if closes_bracket else text) + " " + extra.text)
            printed += " " + collapse(extra.text)
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


def _without_logo(lt):
    """The line's text without a logo that spells the start of the name beside it: "real | real GmbH",
    "dm | dm-drogerie markt"."""
    segments = lt.line.segments
    if len(segments) >= 2:
        logo, name = fold(segments[0].text).strip(), fold(segments[1].text)
        if logo and name.startswith(logo) and len(name) > len(logo) and not name[len(logo)].isalpha():
            return " ".join(segment.text for segment in segments[1:])
    return lt.text


def _name_line(lt):
    text = clean_merchant(lt.text)
    return (sum(c.isalpha() for c in text) >= 3 and not any(c.isdigit() for c in text) and text != text.lower()
            and not _NOT_A_NAME.search(text))


def _other_lettering(text, following):
    """Whether ``following`` names a business of its own in other lettering than ``text`` — one in capitals,
    the other not: a name broken over two lines is printed in one style, a brand and its company often are not.
    A bare legal form ("Sdn Bhd" under "Book Ta.K") names nothing of its own."""
    following = clean_merchant(following)
    match = _COMPANY_FORM.search(fold(following))
    own_words = re.sub(r"\([^)]*\)", " ", fold(following)[:match.start()] if match else fold(following)).split()
    if not own_words:
        return False
    capitals = [t.upper() == t for t in (text, following) if any(c.isalpha() for c in t)]
    return len(capitals) == 2 and capitals[0] != capitals[1]


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
