"""Applicant features (Extract API applicant 102): name, email, phone and mobile from a CV."""
import re

from ..conventions.text import ascii_dashes, collapse, fold
from .candidates import Candidate, feature_result
from .contact import EMAIL_RE, mail_service_spelling

FEATURES = ("name", "email", "phone", "mobile")

_HEADINGS = re.compile(
    r"(curriculum|vitae|resume|résumé|lebenslauf|cv\b|profile|profil|contact|kontakt|experience|education|skills|"
    r"summary|objective|about|address|adresse|phone|email|e-mail|mobile|linkedin|github|page|seite|personal|"
    r"persönlich|datos|dati|formation|competences|compétences|langues|languages|references|work|projects|"
    r"expérience|experiência|experiencia|esperienz|ervaring|erfahrung|ausbildung|bildung|opleiding|formação|"
    r"formación|istruzione|competenz|habilidades|idiomas|lingue|sprachen|talen|kenntnisse|vaardigheden|"
    r"hobbies|interests|intérêts|interessen|certifications|publications|awards|qualifications|employment|"
    r"history|career|werdegang|parcours|carrière|carriera|trayectoria|achievements|volunteer|"
    # Chinese headings: résumé, education, experience, skills, projects, contact, personal, information, …
    r"简历|履历|教育|经验|经历|技能|项目|联系|个人|信息|背景|语言|证书|奖项|评价|意向|论文|爱好)", re.I)
# lower-case particles inside a name: "Pieter van den Berg", "Ana dos Santos", "Ludwig von Mises"
_PARTICLE = re.compile(r"^(van|von|der|den|de|del|della|di|da|das|do|dos|du|la|le|ten|ter|zu|y|e|bin|binti|al)$")
# "Name: Thomas Müller", "Naam : Pieter van den Berg"
_NAME_LABEL = re.compile(
    r"^\s*(name|full name|nom|nom complet|naam|nombre|nome|nome completo|vorname und name)\s*:?\s*$", re.I)
_MOBILE_LABEL = re.compile(r"(mobile|mobil|portable|cell|gsm|handy|movil|móvil|cellulare|telemovel|telemóvel|mob\.?)",
                           re.I)
_PHONE_LABEL = re.compile(r"(phone|tel|telefon|téléphone|telephone|teléfono|telefono|telefone|telefoon|fon|ph\.|home|"
                          r"festnetz|fixe|domicile)", re.I)
_MOBILE_AFTER = re.compile(r"^\s*\(\s*(mobile|mobil|cell|cellular|portable|gsm|handy|m)\s*\)", re.I)  # "… (cell)"
_PHONE_RE = re.compile(r"(?<![\w+(])(\(?\+?\(?\d[\d\s().\-/]{5,18}\d)(?![\w])")
# what may follow a name on its line without being part of it: "JAN KÜSTER RESUME", "Jane Roe, PhD", and on
# scans "JAN KÜSTERIRESUME" or "JAN KÜSTER IRESUME" (the bar of "JAN KÜSTER | RESUME" read as an I)
_AFTER_NAME = re.compile(r"(?:(?:,?\s+[-–—|I]?\s*|(?<=[A-ZÀ-Þ])[I|])"
                         r"(?i:resume|résumé|cv|curriculum vitae|lebenslauf|"
                         r"ph\.?\s?d\.?|m\.?\s?sc\.?|b\.?\s?sc\.?|m\.?\s?eng\.?|mba|dipl\.?-ing\.?))+\s*$")
# a section heading printed before the name in the same box of a scan: "PERSONAL INFORMATION Betty Smith"
_HEADING_BEFORE = re.compile(r"^(?:[A-ZÀ-Þ]{2,}\s+)+(?=[A-ZÀ-Þ][a-zß-ÿ])")
# "John Doe | Resumé title", "Ohen Rizome - Developer PHP", "Cécile Donth, Developer Python"
_SEPARATORS = re.compile(r"\s+[|•·–—-]\s+|,\s+")


def extract_applicant(pages, user_infos=None):
    user_infos = user_infos or {}
    lines = [line for page in pages for line in page.lines]
    region = (user_infos.get("user_company_country_code") or (user_infos.get("user_lang") or "en_US")[-2:]).upper()
    emails = _emails(lines)
    result = {
        "email": feature_result(emails),
        "name": feature_result(_names(lines, emails)),
    }
    phones, mobiles = _phones(lines, region)
    result["phone"] = feature_result(phones)
    result["mobile"] = feature_result(mobiles)
    return {name: result[name] for name in FEATURES}


def _emails(lines):
    found = []
    for rank, line in enumerate(lines):
        for match in EMAIL_RE.finditer(line.text):
            words = [w for w in line.words if match.group(1) in w.text or w.text in match.group(1)]
            email = mail_service_spelling(match.group(1).strip("."))
            found.append(Candidate(email, 0.9 - 0.002 * rank - 0.1 * line.page, words, line.page))
    return found


def _names(lines, emails):
    first_page = [line for line in lines if line.page == 0]
    if not first_page:
        return []
    heights = sorted(line.height for line in first_page)
    median = heights[len(heights) // 2] or 0.01
    local = fold(emails[0].content.split("@")[0]) if emails else ""
    own_domains = _own_domains(first_page, local)
    found = []
    lines = first_page[:40]
    for rank, line in enumerate(lines):
        segments = line.segments
        for index, seg in enumerate(segments):
            text = _AFTER_NAME.sub("", collapse(_SEPARATORS.split(seg.text)[0])).strip(" ,|:")
            words_of = seg.words
            labelled = index > 0 and _NAME_LABEL.match(segments[index - 1].text)
            if ":" in seg.text and _NAME_LABEL.match(seg.text.split(":")[0]):
                text, labelled = collapse(seg.text.split(":", 1)[1]).strip(" ,|"), True
            below = _stacked_below(seg, lines[rank + 1:rank + 5])
            if len(text.split()) == 1 and below is not None:
                # "ANNA" / "ROSSI": first and last name printed on two lines of the same large type
                text, words_of = text + " " + collapse(below.text), seg.words + below.words
            if not _looks_like_name(text) and _HEADINGS.search(text):
                text = _HEADING_BEFORE.sub("", text)
            height = max(w.height for w in words_of)
            if not _looks_like_name(text):
                text = (_han_name(text) or _name_spelled_in(text, own_domains)
                        or _one_word_name(text, height / median, own_domains))
            if not text:
                continue
            score = 0.4 + 0.15 * min(height / median - 1, 2) - 0.01 * rank - 0.2 * line.cy
            if labelled:
                score += 0.4
            parts = [fold(w) for w in text.split()]
            if local and sum(1 for p in parts if len(p) > 1 and p.strip(".") in local) >= 1:
                score += 0.3
            if _spells_own_domain(text, own_domains):
                score += 0.3  # "Jan Küster" and jankuester.com: the CV's own address, over an OCR-garbled heading
            found.append(Candidate(text, score, words_of, line.page))
    return found


_MAIL_PROVIDERS = {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "gmx", "web", "aol",
                   "protonmail", "proton", "orange", "free", "libero", "mail", "email", "example",
                   # profile sites: their name is in the address, the person's is after the slash
                   "github", "gitlab", "linkedin", "twitter", "facebook", "instagram", "stackoverflow", "medium"}


_DOMAIN = re.compile(r"(?:@|www\.|https?://|\b)([\w-]{6,})\.(?:com|net|org|me|io|dev|info|[a-z]{2})\b")


def _own_domains(lines, local):
    """The e-mail local part and the personal web or mail domains on the page ("debarghyadas.com")."""
    found = {local} if local else set()
    for line in lines[:15]:
        for match in _DOMAIN.finditer(fold(line.text)):
            if match.group(1) not in _MAIL_PROVIDERS:
                found.add(match.group(1))
    return found


def _name_spelled_in(text, own_domains):
    """The first two or three words of a line when they spell the CV's own e-mail or web address: a name
    that OCR read in one box with what stands beside it ("Debarghya Das Last Updated on …", debarghyadas.com)."""
    words = text.split()
    for size in (3, 2):
        head = " ".join(words[:size])
        spelled = "".join(fold(w) for w in words[:size])
        if len(words) > size and _looks_like_name(head) and any(spelled in domain for domain in own_domains):
            return head
    return ""


# a name printed as one word is in type this many times the page's usual height (a banner's "Jose")
_ONE_WORD_NAME_HEIGHT = 1.5


def _one_word_name(text, relative_height, own_domains):
    """A name printed as one word ("Jose", over "IT INTERN") in the page's large type, when the CV's own
    e-mail or web address spells it (the.jose@…); "" for anything else: a one-word line is mostly a heading."""
    if (len(text.split()) != 1 or len(text) < 3 or not _name_word(text) or _HEADINGS.search(text)
            or relative_height < _ONE_WORD_NAME_HEIGHT):
        return ""
    folded = fold(text)
    return text if any(folded in domain for domain in own_domains) else ""


_TRANSLITERATED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def _spells_own_domain(name, own_domains):
    """Whether the name's words, run together, are the CV's own web or mail domain: "Jan Küster" is
    jankuester.com or jankuster.com."""
    words = name.split()
    if not own_domains or len(words) < 2:
        return False
    spellings = {"".join(fold(w) for w in words), "".join(fold(w.lower().translate(_TRANSLITERATED)) for w in words)}
    return any(len(spelled) >= 5 and spelled in domain for spelled in spellings for domain in own_domains)


_HAN_NAME = re.compile(r"^([\u4e00-\u9fff]{1,3})(?: ([\u4e00-\u9fff]{1,3}))?$")


def _han_name(text):
    """A Chinese name, family name first and unspaced as it is written: "李小龙", also from "小龙 李" (a
    Western template printing the given name first) or "李 小龙"; "" for anything else."""
    match = _HAN_NAME.match(text)
    if not match or _HEADINGS.search(text):
        return ""
    first, second = match.group(1), match.group(2) or ""
    if not 2 <= len(first) + len(second) <= 4:
        return ""
    if len(second) == 1 and len(first) > 1:
        return second + first  # a one-character family name printed last
    if len(first) == 1 or not second:
        return first + second
    return f"{first} {second}"  # two names of two characters: which is the family name is not told


def _looks_like_name(text):
    words = text.split()
    if not 2 <= len(words) <= 5 or _HEADINGS.search(text) or any(c.isdigit() for c in text):
        return False
    if not (_name_word(words[0]) and _name_word(words[-1])):
        return False
    return all(_name_word(w) or _PARTICLE.match(w) for w in words)


def _name_word(word):
    """A capitalised word of letters in any script: "Müller", "O'Neil", "Γεώργιος"."""
    return bool(word) and word[0].isupper() and all(c.isalpha() or c in "'’.-" for c in word)


def _stacked_below(seg, following):
    """The one-word segment right under ``seg`` in the same type, if any (other columns may come between)."""
    height = seg.y1 - seg.y0
    for other in (other for line in following for other in line.segments):
        if (len(other.words) == 1 and abs(other.x0 - seg.x0) < 0.02
                and abs((other.y1 - other.y0) - height) < 0.15 * height and other.y0 - seg.y1 < height):
            return other
    return None


def _phones(lines, region):
    try:
        import phonenumbers
    except ImportError:
        phonenumbers = None
    phones, mobiles = [], []
    for rank, line in enumerate(lines):
        for match in _PHONE_RE.finditer(ascii_dashes(line.text)):
            raw = _balanced(match.group(1).strip())
            digits = re.sub(r"\D", "", raw)
            if not 7 <= len(digits) <= 15 or re.fullmatch(r"(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}", raw):
                continue
            is_mobile, valid = False, False
            if phonenumbers is not None:
                try:
                    parsed = phonenumbers.parse(raw, region if len(region) == 2 else "US")
                    valid = phonenumbers.is_valid_number(parsed)
                    is_mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
                except phonenumbers.NumberParseException:
                    pass
            words = [w for w in line.words if ascii_dashes(w.text) in raw or raw in ascii_dashes(w.text)] or line.words
            labelled_phone, labelled_mobile = _phone_labels(lines, rank, match, words)
            sure = valid or labelled_mobile or labelled_phone
            if not (sure or _phone_shaped(raw, digits, lines, rank)):
                continue
            score = (0.5 if sure else 0.35) + (0.2 if valid else 0.0) - 0.003 * rank
            # "phone" is the fixed line when a CV gives both (Europass: "+44 7123456789  +44 2012345679")
            mobile_only = (labelled_mobile or is_mobile) and not labelled_phone
            candidate = Candidate(raw, score + (0.2 if labelled_phone else 0.0) - (0.1 if mobile_only else 0.0),
                                  words, line.page)
            phones.append(candidate)
            if labelled_mobile or (is_mobile and not labelled_phone):
                mobiles.append(Candidate(raw, score + (0.3 if labelled_mobile else 0.0), words, line.page))
    return phones, mobiles


def _phone_labels(lines, rank, match, words):
    """(labelled as a phone, labelled as a mobile): the label before the number, "(cell)" after it, or the
    label on the line above it in its column ("Phone" / "9988774455")."""
    line = lines[rank]
    before = line.text[:match.start()][-25:]
    above = _label_above(lines, rank, words)
    mobile = bool(_MOBILE_LABEL.search(before) or _MOBILE_AFTER.match(line.text[match.end():])
                  or _MOBILE_LABEL.fullmatch(above))
    return bool(_PHONE_LABEL.search(before) or _PHONE_LABEL.fullmatch(above)), mobile


def _phone_shaped(raw, digits, lines, rank):
    """A number the number plan does not know is still a phone number with an international prefix ("+1 (234)
    567 890": templates, new ranges) or on the contact line, beside the e-mail address ("California, United
    States, 98765411, c@mail.com") or right above or under it."""
    if raw.lstrip("(").startswith("+") and len(digits) >= 8:
        return True
    page = lines[rank].page
    return any(EMAIL_RE.search(other.text) for other in lines[max(0, rank - 1):rank + 2] if other.page == page)


def _label_above(lines, rank, words):
    """The text of the line right above ``words`` in their column ("Phone" / "9988774455"), or ""."""
    if rank == 0 or not words:
        return ""
    previous, line = lines[rank - 1], lines[rank]
    if previous.page != line.page or line.cy - previous.cy > 2.5 * line.height:
        return ""
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    for seg in previous.segments:
        if seg.x0 < x1 and seg.x1 > x0:
            return seg.text.strip(" :‘'’\"\t")
    return ""


def _balanced(raw):
    """The number with its brackets paired: "(+82) 10-9030-1843" keeps both, "1843)" loses the stray one."""
    if raw.startswith("(") and raw.count("(") > raw.count(")"):
        raw = raw[1:]
    if raw.endswith(")") and raw.count(")") > raw.count("("):
        raw = raw[:-1]
    return raw.strip()
