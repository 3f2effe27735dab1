"""Applicant features (Extract API applicant 102): name, email, phone and mobile from a CV."""
import re

from ..text import collapse, fold
from .candidates import Candidate, feature_result
from .contact import EMAIL_RE

FEATURES = ("name", "email", "phone", "mobile")

_HEADINGS = re.compile(
    r"(curriculum|vitae|resume|résumé|lebenslauf|cv\b|profile|profil|contact|kontakt|experience|education|skills|"
    r"summary|objective|about|address|adresse|phone|email|e-mail|mobile|linkedin|github|page|seite|personal|"
    r"persönlich|datos|dati|formation|competences|compétences|langues|languages|references|work|projects)", re.I)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
_MOBILE_LABEL = re.compile(r"(mobile|mobil|portable|cell|gsm|handy|movil|móvil|cellulare|telemovel|telemóvel|mob\.?)",
                           re.I)
_PHONE_LABEL = re.compile(r"(phone|tel|telefon|téléphone|telephone|teléfono|telefono|telefone|fon|ph\.)", re.I)
_PHONE_RE = re.compile(r"(?<![\w+])(\+?\(?\d[\d\s().\-/]{6,18}\d)(?![\w])")


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
            found.append(Candidate(match.group(1).strip("."), 0.9 - 0.002 * rank - 0.1 * line.page, words, line.page))
    return found


def _names(lines, emails):
    first_page = [line for line in lines if line.page == 0]
    if not first_page:
        return []
    heights = sorted(line.height for line in first_page)
    median = heights[len(heights) // 2] or 0.01
    local = fold(emails[0].content.split("@")[0]) if emails else ""
    found = []
    for rank, line in enumerate(first_page[:40]):
        for seg in line.segments:
            text = collapse(seg.text).strip(" ,|")
            words = text.split()
            if not 2 <= len(words) <= 4 or _HEADINGS.search(text) or any(c.isdigit() for c in text):
                continue
            if not all(_NAME_WORD.match(w) for w in words):
                continue
            score = 0.4 + 0.15 * min(line.height / median - 1, 2) - 0.01 * rank - 0.2 * line.cy
            parts = [fold(w) for w in words]
            if local and sum(1 for p in parts if len(p) > 1 and p.strip(".") in local) >= 1:
                score += 0.3
            found.append(Candidate(text, score, seg.words, line.page))
    return found


def _phones(lines, region):
    try:
        import phonenumbers
    except ImportError:
        phonenumbers = None
    phones, mobiles = [], []
    for rank, line in enumerate(lines):
        for match in _PHONE_RE.finditer(line.text):
            raw = match.group(1).strip()
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
            before = line.text[:match.start()][-25:]
            labelled_mobile = bool(_MOBILE_LABEL.search(before))
            labelled_phone = bool(_PHONE_LABEL.search(before))
            if not (valid or labelled_mobile or labelled_phone):
                continue
            score = 0.5 + (0.2 if valid else 0.0) - 0.003 * rank
            words = [w for w in line.words if w.text in raw or raw in w.text] or line.words
            candidate = Candidate(raw, score + (0.2 if labelled_phone else 0.0), words, line.page)
            phones.append(candidate)
            if labelled_mobile or (is_mobile and not labelled_phone):
                mobiles.append(Candidate(raw, score + (0.3 if labelled_mobile else 0.0), words, line.page))
    return phones, mobiles
