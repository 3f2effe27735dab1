"""A memory of validated documents: it recognises a supplier it was taught from what its documents print, and
for that supplier re-ranks the candidates the field extractors found and gives the supplier's validated name.

It only ever selects a value printed on the page (an amount, a date, a reference standing where this supplier's
documents print it, after the label that introduces it there), except the supplier's name as validated. Every
fact counts the validations that support it (a weight and the order of the last one): a wrong validation is
outweighed by the following ones, and any validation can be taken back."""
import datetime
import re
from difflib import SequenceMatcher

from ..conventions.text import fold
from .digest import digest_of, pages_of
from .evidence import compact, document_keys, name_key
from .places import AMOUNT_FIELDS, DATE_FIELDS, REFERENCE_FIELDS, Reading, inside, same_value
from .store import DictStore

PLACED_FIELDS = AMOUNT_FIELDS + DATE_FIELDS + REFERENCE_FIELDS
NAMES_COMPARED = 8
COMMON_KEY = 50  # a key printed by more suppliers than this names none of them
WORDS_ENOUGH = 0.6  # share of the head's words (weighted by rarity) that recognises a supplier...
NAME_NEAR = 0.35  # ...printing a name at least this near the one validated for it
WORDS_WITH_ID = 0.4  # the same share, with a tax number, IBAN or phone number of that supplier printed
NAME_ALIKE = 0.8  # a name this near the one validated recognises a supplier with a few of its head's words
SUPPORT = 0.5  # share of a supplier's validations a place needs, over this, to select its value
KEEP = 0.75  # the extractors' choice stays where its own place has this share of the best place's support
LABEL_ALIKE = 0.8  # a printed label this near a learned one is that label misread
ROUNDING = 0.05  # the largest cash rounding (0.05 steps)
LABEL_ONLY = 0.6  # a learned label standing at another rank among the values it introduces: likely, not sure
PRINTED_ALIKE = 0.9  # a validated name this much of which a line or two print was copied from the page
SPELLING_NEAR = 0.5  # a supplier reading this near a validated spelling is that spelling, OCR-garbled
REGISTRATIONS = ("tax:", "iban:")  # keys no two companies share
PICKED, CONFIRMED, PLAIN = 3.0, 2.0, 1.0


class Memory:
    """``Memory()`` keeps to the process; ``Memory(SqliteStore(path))`` to a file (see store.py)."""

    def __init__(self, store=None, own_ids=()):
        self.store = store if store is not None else DictStore()
        self.own_ids = {compact(value) for value in own_ids if value}  # the reader's own company: names no supplier
        self.digest = None
        self.supplier = None

    # -- recognising a supplier -------------------------------------------------------------------------------
    def identify(self, keys, names=()):
        """(supplier id, score) of the supplier ``keys`` (document_keys) and ``names`` (the names the page prints,
        or the one validated) point at, or (None, 0.0).

        The words of a head alone may be a template every supplier's documents share (an e-invoice viewer, a
        till's paper): they recognise a supplier only with a name near the one validated for it; a tax number,
        IBAN or phone number that no other supplier printed asks for less of both."""
        keys = {key: kind for key, kind in keys.items() if key.split(":", 1)[-1] not in self.own_ids}
        frequencies = self.store.key_frequencies(list(keys))
        telling = [key for key in keys if 0 < frequencies.get(key, 0) <= COMMON_KEY]
        holders = self.store.key_holders(telling)
        heads = self.store.supplier_heads({sid for found in holders.values() for sid in found})
        words = [key for key, kind in keys.items() if kind != "id"]
        total = sum(1.0 / max(1, frequencies.get(key, 0)) for key in words) or 1.0
        printed = [compact(name) for name in names if name and len(compact(name)) >= 3]
        covered, numbered = dict.fromkeys(heads, 0.0), set()
        for key in holders:
            for sid, found in holders[key].items():
                if sid not in heads or not heads[sid][0]:
                    continue
                if keys[key] != "id":
                    covered[sid] += min(1.0, found / heads[sid][0]) / frequencies[key]
                elif frequencies[key] == 1:
                    numbered.add(sid)  # a number or a validated name no other supplier printed
        # the few suppliers the page's words and numbers point at most are the ones its names are compared with
        likely = sorted((sid for sid in covered if covered[sid] >= 0.2 * total or sid in numbered),
                        key=lambda sid: (sid in numbered, covered[sid]), reverse=True)[:NAMES_COMPARED]
        known = []
        for sid in likely:
            count, canonical = heads[sid]
            coverage = covered[sid] / total
            by_number = any(keys[key] == "id" and not key.startswith("name:") and frequencies[key] == 1
                            and sid in holders[key] for key in holders)
            likeness = max((_likeness(name, compact(canonical or "")) for name in printed), default=0.0)
            if names and not by_number and _another_company(names[0], canonical):
                continue
            if likeness >= NAME_ALIKE:
                recognised = coverage >= 0.2 or by_number
            elif by_number:
                # a page whose name the reading did not find (a till receipt read as a bill) cannot disagree
                recognised = coverage >= WORDS_WITH_ID and (likeness >= NAME_NEAR or not printed)
            else:
                recognised = coverage >= WORDS_ENOUGH and likeness >= NAME_NEAR
            if recognised:
                known.append((coverage + likeness + (0.5 if by_number else 0.0), count, sid))
        for score, _count, sid in sorted(known, reverse=True):
            if self._same_numbers(sid, keys):
                return sid, score
        return None, 0.0

    def _same_numbers(self, sid, keys):
        """Whether the page's tax numbers and IBANs are the supplier ``sid``'s: one it printed before (or that
        with one character misread), or it never printed any. A chain's shops share a letterhead, not a tax
        number."""
        numbers = (self.store.load(sid) or {}).get("facts", {}).get("id", {})
        printed = {key for key in keys if key.startswith(REGISTRATIONS)}
        known = {key for key in numbers if key.startswith(REGISTRATIONS)}
        if not printed or not known or printed & known:
            return True
        return any(_one_character_apart(ours, theirs) for ours in printed for theirs in known)  # OCR misread

    # -- reading with the memory ----------------------------------------------------------------------------------
    def recall(self, result, pages, doc_type=None, user_infos=None):
        """Re-rank ``result`` (the field extractors' features for ``pages``) in place with what the memory knows
        of the document's supplier. Keeps the pages' digest (``self.digest``) for a later lesson. Returns the
        supplier id recognised, or None."""
        self.digest = digest_of(pages)
        names = [c["content"] for c in (result.get("supplier") or {}).get("candidates", [])[:3]]
        sid, _score = self.identify(document_keys(pages, names), names)
        self.supplier = sid
        record = sid is not None and self.store.load(sid)
        if not record or not record.get("docs"):
            return None
        _recall_name(result, record, pages)
        reading = Reading(pages)
        order = _best(record["facts"].get("date.order", {}))
        for field in PLACED_FIELDS:
            if isinstance(result.get(field), dict) and "selected_values" not in result[field]:
                _recall_place(result, field, record, reading, month_first=order == "mdy")
        if order:
            _reread_date(result, reading, order == "mdy")
        _recall_currency(result, record)
        return sid

    # -- learning -------------------------------------------------------------------------------------------------
    def learn_pages(self, pages, values, ref, doc_type=None, when=None):
        """Teach one validated document: ``values`` maps Extract API features to validated contents, or to
        {"content", "coords", "page", "picked", "confirmed"}. ``ref`` names the document: teaching it again
        replaces its lesson. Returns the supplier id."""
        values = {field: _as_value(value) for field, value in (values or {}).items()}
        values = {field: value for field, value in values.items() if value.get("content") not in (None, "")}
        name = values.get("supplier", {}).get("content")
        name = str(name).strip() if name else None
        keys = document_keys(pages, [name] if name else [])
        self.forget_document(ref)
        sid = self.identify(keys, [name] if name else [])[0]
        if sid is not None and name:
            canonical = (self.store.supplier_heads([sid]).get(sid) or (0, None))[1]
            if canonical and _likeness(compact(name), compact(canonical)) < NAME_ALIKE \
                    and _prints(pages, name) and not _prints(pages, canonical):
                sid = None  # the page prints another supplier's name on the same paper (an e-invoice viewer)
        if sid is None and name:
            holders = self.store.key_holders([name_key(name)])
            named = holders.get(name_key(name), {})
            sid = max(named, key=named.get) if named else None
        facts = _facts(pages, values, name)
        facts += [("id", key, PLAIN) for key in sorted(keys) if key.startswith(REGISTRATIONS)]
        if not facts and not name:
            return None  # nothing this document could teach
        if sid is None:
            sid = self.store.create_supplier()
        lesson = {"keys": sorted(keys), "facts": facts}
        record = self.store.load(sid) or {"docs": 0, "facts": {}, "seq": 0}
        record["seq"] = record.get("seq", 0) + 1
        record["docs"] += 1
        for fact, value, weight in facts:
            entry = record["facts"].setdefault(fact, {}).setdefault(value, [0.0, 0])
            entry[0] += weight
            entry[1] = record["seq"]
        record["name"] = _best(record["facts"].get("name", {}))
        record["last"] = (when or datetime.datetime.now(datetime.timezone.utc)).isoformat(timespec="seconds")
        self.store.save_supplier(sid, record)
        self.store.bump_keys(sid, {key: 1 for key in keys})
        self.store.put_lesson(ref, sid, lesson)
        self.store.commit()
        return sid

    def learn_digest(self, digest, values, ref, doc_type=None, when=None):
        return self.learn_pages(pages_of(digest), values, ref, doc_type, when)

    def forget_document(self, ref):
        """Take back the lesson of the document ``ref``; whether there was one."""
        found = self.store.get_lesson(ref)
        if not found:
            return False
        sid, lesson = found
        record = self.store.load(sid)
        self.store.drop_lesson(ref)
        if record:
            record["docs"] -= 1
            if record["docs"] <= 0:
                self.store.delete_supplier(sid)
                self.store.commit()
                return True
            for fact, value, weight in lesson["facts"]:
                entry = record["facts"].get(fact, {}).get(value)
                if entry:
                    entry[0] -= weight
                    if entry[0] <= 1e-9:
                        del record["facts"][fact][value]
            record["name"] = _best(record["facts"].get("name", {}))
            self.store.save_supplier(sid, record)
            self.store.bump_keys(sid, {key: -1 for key in lesson["keys"]})
        self.store.commit()
        return True

    def forget_supplier(self, sid):
        self.store.delete_supplier(sid)
        self.store.commit()


LEGAL_FORMS = ("SDN", "BHD", "BERHAD", "S/B", "GMBH", "LTD", "LIMITED", "INC", "LLC", "SARL", "SAS", "SA", "BV",
               "NV", "AG", "KG", "PLC", "CORP", "SRL", "SPA", "OY", "AB")
_LEGAL_FORM = re.compile(r"\b({})\b".format("|".join(re.escape(form) for form in LEGAL_FORMS)))
_LEGAL_WORDS = frozenset(compact(form) for form in LEGAL_FORMS)


def _another_company(printed, canonical):
    """Whether ``printed``, the name the page's letterhead gives, names a company other than ``canonical``: it
    has a legal form, and each name has a word the other has nothing near to (MR D.I.Y. (M) SDN BHD is not
    MR D.I.Y. (JOHOR) SDN BHD; SANYUSTATIONERYSHOP is SANYU STATIONERY SHOP). Legal forms, and words a letter
    or two from one (SIN BHD, SDN DHD: misread), do not tell companies apart; nor do words OCR ran together."""
    if not printed or not canonical or compact(printed) == compact(canonical):
        return False
    if not _LEGAL_FORM.search(fold(str(printed)).upper()):
        return False
    ours, theirs = _words(printed), _words(canonical)
    return bool(_lone_words(ours, theirs)) and bool(_lone_words(theirs, ours))


def _lone_words(words, others):
    """The words of a name that nothing in the ``others`` name comes near: not a legal form (nor, among its last
    two words, one misread by a letter), not words of one name OCR ran together in the other, not a word alike."""
    together = {index for first in range(len(words)) for last in range(first + 2, min(first + 3, len(words)) + 1)
                if "".join(words[first:last]) in others for index in range(first, last)}
    joined_others = {"".join(others[first:last]) for first in range(len(others))
                     for last in range(first + 2, min(first + 3, len(others)) + 1)}
    tail = len(words) - 2
    return [word for index, word in enumerate(words)
            if word not in _LEGAL_WORDS and word not in joined_others and index not in together
            and not (index >= tail and any(_one_character_apart(word, form) for form in _LEGAL_WORDS
                                           if len(form) >= 3))
            and not any(SequenceMatcher(None, word, other, autojunk=False).ratio() >= 0.75 for other in others)]


def _words(name):
    return [compact(word) for word in re.split(r"[\s()]+", fold(str(name)).upper()) if compact(word)]


def _prints(pages, name):
    """Whether a line of ``pages`` prints ``name`` (spaces and punctuation aside)."""
    wanted = compact(name)
    return len(wanted) >= 5 and any(wanted in compact(line.text) for page in pages for line in page.lines)


def _prints_nearly(pages, name):
    """Whether ``pages`` print ``name`` on a line or two, give or take a letter OCR misread or a word the label
    shortened: a name copied from the page, not one the users gave (an Odoo partner's)."""
    wanted = compact(name)
    if len(wanted) < 5:
        return False
    for page in pages:
        texts = [compact(line.text) for line in page.lines]
        for text in texts + [first + second for first, second in zip(texts, texts[1:])]:
            if len(text) > 2 * len(wanted) + 8:
                continue
            blocks = SequenceMatcher(None, wanted, text, autojunk=False).get_matching_blocks()
            if sum(block.size for block in blocks) >= PRINTED_ALIKE * len(wanted):
                return True
    return False


def _one_character_apart(first, second):
    return len(first) == len(second) and sum(a != b for a, b in zip(first, second)) <= 1


def _likeness(first, second):
    """How near two compact names are, 0..1; names of lengths far apart are far (MUSTERLIEFERANT, LIEFERANT)."""
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    ratio = SequenceMatcher(None, first, second, autojunk=False).ratio()
    return ratio * min(1.0, 1.25 * min(len(first), len(second)) / max(len(first), len(second)))


def _same_as_the_total(field, value, values):
    """Whether ``value``, an untaxed or tax amount, was validated equal to the total: it stands wherever the total
    does, and says nothing of its own place (a bill posted without its tax lines validates untaxed = total)."""
    total = (values.get("total") or {}).get("content")
    return field in ("subtotal", "total_tax_amount") and total is not None and same_value(
        "total", value.get("content"), total)


def _as_value(value):
    if isinstance(value, dict):
        return dict(value)
    return {"content": value}


def _best(counted):
    """The value of the most weight, the latest validated breaking ties."""
    if not counted:
        return None
    return max(counted.items(), key=lambda item: (item[1][0], item[1][1]))[0]


def _facts(pages, values, name):
    facts = []
    if name:
        facts.append(("name", name, PLAIN))
        if _prints_nearly(pages, name):
            facts.append(("name.printed", name, PLAIN))
    reading = Reading(pages)
    for field in PLACED_FIELDS:
        value = values.get(field)
        if not value or _same_as_the_total(field, value, values):
            continue
        weight = PICKED if value.get("picked") else CONFIRMED if value.get("confirmed") else PLAIN
        month_first = False
        if field in DATE_FIELDS:
            orders = {_date_order(spot, value["content"]) for spot in reading.dates(False) + reading.dates(True)
                      if same_value(field, spot.content, value["content"])} - {None}
            if len(orders) == 1:
                month_first = orders == {"mdy"}
                facts.append(("date.order", orders.pop(), weight))
        spots = [s for s in reading.spots(field, month_first) if same_value(field, s.content, value["content"])]
        coords = value.get("coords")
        if value.get("picked") and isinstance(coords, (list, tuple)) and len(coords) >= 4 and pages \
                and not any(page.turn for page in pages):
            spots = [s for s in spots if inside(s, coords, value.get("page"))] or spots
        spots = [s for s in spots if s.label]  # a value with no label left of it: its place says little
        places = {s.place for s in spots}
        labels = {s.label for s in spots}
        if len(places) > 6:
            continue  # a value printed all over the page (1.00) says nothing of where this one stands
        facts += [(f"{field}.at", place, weight) for place in sorted(places)]
        facts += [(f"{field}.label", label, weight) for label in sorted(labels)]
    currency = values.get("currency", {}).get("content")
    if currency:
        facts.append(("currency", str(currency).upper(), PLAIN))
    return facts


_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*\d{2,4}")


def _date_order(spot, value):
    """"dmy" or "mdy": how ``spot``, read as the validated ISO date ``value``, prints day and month; None for a
    date printed year first or with the month in words."""
    match = _NUMERIC_DATE.search(" ".join(word.text for word in spot.words))
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    try:
        day = int(str(value)[8:10])
    except ValueError:
        return None
    if first == second:
        return None
    return "dmy" if first == day else "mdy" if second == day else None


def _candidate(content, spot_or_candidate, score=1.0):
    from ..reading.layout import box_coords

    if hasattr(spot_or_candidate, "words"):
        coords, page = box_coords(spot_or_candidate.words), spot_or_candidate.page
    else:
        coords = (spot_or_candidate or {}).get("coords") or [0.0, 0.0, 0.0, 0.0, 0.0]
        page = (spot_or_candidate or {}).get("page", 0)
    return {"content": content, "coords": list(coords), "page": page, "score": score}


def _select(result, field, chosen):
    feature = result.setdefault(field, {"candidates": []})
    key = _key(chosen["content"])
    others = [c for c in feature.get("candidates") or [] if _key(c.get("content")) != key]
    feature["candidates"] = [chosen] + others[:9]
    feature["selected_value"] = dict(chosen)


def _key(content):
    if isinstance(content, float):
        return round(content, 2)
    return compact(content) if isinstance(content, str) else content


def _recall_name(result, record, pages):
    """The supplier's name as validated: of the spellings validated for it, the one nearest to what the page
    prints. A page printing the letters and digits of a validated name with another punctuation keeps its own
    spelling; a page printing another clean company name, and none of the validated ones, keeps that name (the
    company was renamed, or another company shares the paper). These rules hold for names copied from the pages;
    a name its pages never printed is the users' own (an Odoo partner's): that one, as validated."""
    spellings = record["facts"].get("name", {})
    if not spellings or "supplier" not in result:
        return
    candidates = result["supplier"].get("candidates") or []
    validated = {compact(variant) for variant in spellings}
    printed = next((c for c in candidates[:3] if compact(c.get("content")) in validated), None) or (
        candidates[0] if candidates else None)
    reading = str((printed or {}).get("content") or "")
    if _best(spellings) not in record["facts"].get("name.printed", {}):
        name = next((variant for variant in spellings if compact(variant) == compact(reading)), _best(spellings))
        _select(result, "supplier", _candidate(name, printed))
        return
    if _renamed(reading, list(spellings)) and not any(_prints(pages, variant) for variant in spellings):
        return
    _select(result, "supplier", _candidate(_nearest_spelling(reading, spellings), printed))


def _nearest_spelling(reading, spellings):
    """Of the validated ``spellings`` ({name: [weight, order]}), the one ``reading`` (what the page prints) spells,
    spaces aside; else ``reading`` itself where it prints a validated name's letters and digits with a
    punctuation none was validated with (MR. D.I.Y. against MR D.I.Y.); else the nearest to it (an OCR-garbled
    letterhead); the most validated where none is near."""
    for key in (_spelling, _unspaced):  # as printed, then with the spaces OCR may add or lose
        same = [variant for variant in spellings if key(variant) == key(reading)]
        if same:
            return max(same, key=lambda variant: spellings[variant])
    alike = [variant for variant in spellings if compact(variant) == compact(reading)]
    if alike:
        variant = max(alike, key=lambda variant: spellings[variant])
        return " ".join(reading.split()).upper() if variant == variant.upper() else " ".join(reading.split())

    def nearness(variant):
        return SequenceMatcher(None, _spelling(reading), _spelling(variant), autojunk=False).ratio()
    nearest = max(spellings, key=lambda variant: (nearness(variant),) + tuple(spellings[variant]))
    return nearest if nearness(nearest) >= SPELLING_NEAR else _best(spellings)


def _unspaced(text):
    return "".join(fold(str(text or "")).upper().split())


def _renamed(reading, spellings):
    """Whether the page's own supplier reading is a clean company name (it has a legal form) other than every
    validated spelling: the company was renamed, or another company shares the paper."""
    return bool(spellings) and all(_another_company(reading, variant) for variant in spellings)


def _support(record, field, spot, near):
    """(share of the supplier's validations that put ``field`` where ``spot`` stands, order of the last one).
    A label OCR misread by a letter or two ("TOTAK") counts for the label it is near, in proportion."""
    facts = record["facts"]
    places, labels = facts.get(f"{field}.at", {}), facts.get(f"{field}.label", {})
    label, likeness = spot.label, 1.0
    if label not in labels:
        label, likeness = near(spot.label, labels)
        if label is None:
            return 0.0, 0
    at = places.get(f"{label}#{spot.rank}")
    named = labels.get(label)
    weight = max(at[0] if at else 0.0, LABEL_ONLY * named[0] if named else 0.0) * likeness
    seq = max(at[1] if at else 0, named[1] if named else 0)
    return weight / max(1, record["docs"]), seq


def _near_label():
    """A cached lookup: the learned label nearest to a printed one and how near, or (None, 0)."""
    cache = {}

    def near(label, learned):
        if label not in cache:
            best = (None, 0.0)
            for candidate in learned:
                if abs(len(candidate) - len(label)) > max(2, len(label) // 4):
                    continue
                matcher = SequenceMatcher(None, label, candidate, autojunk=False)
                if matcher.quick_ratio() >= LABEL_ALIKE and matcher.ratio() >= max(LABEL_ALIKE, best[1]):
                    best = (candidate, matcher.ratio())
            cache[label] = best
        return cache[label]
    return near


def _recall_place(result, field, record, reading, month_first=False):
    if f"{field}.at" not in record["facts"] and f"{field}.label" not in record["facts"]:
        return
    near = _near_label()
    scored = [(_support(record, field, spot, near), spot) for spot in reading.spots(field, month_first)
              if spot.label]
    chosen = (result.get(field) or {}).get("selected_value")
    held = max((support[0] for support, spot in scored
                if chosen and _key(spot.content) == _key(chosen.get("content"))), default=0.0)
    scored = [(support, spot) for support, spot in scored if support[0] > SUPPORT]
    if not scored:
        return
    best = max(support for support, _spot in scored)
    if held >= best[0] * KEEP:
        return  # where the extractors' choice stands is about as usual for this supplier: it stays
    values = {_key(spot.content) for support, spot in scored if support == best}
    if len(values) != 1:
        return  # two values stand where this supplier prints it: the extractors' choice stays
    spot = next(spot for support, spot in scored if support == best)
    if field in AMOUNT_FIELDS and chosen and isinstance(chosen.get("content"), (int, float)) \
            and 0 < abs(spot.content - chosen["content"]) <= ROUNDING:
        return  # a cash rounding apart: the extractors read rounding lines, which this supplier may print or not
    _select(result, field, _candidate(spot.content, spot))


def _reread_date(result, reading, month_first):
    """A date printed ambiguously (03/04/2018) read in the order this supplier writes dates."""
    chosen = (result.get("date") or {}).get("selected_value")
    if not chosen:
        return
    learned = {tuple(id(w) for w in spot.words): spot for spot in reading.dates(month_first)}
    for other in reading.dates(not month_first):
        spot = learned.get(tuple(id(w) for w in other.words))
        if other.content == str(chosen["content"])[:10] and spot and spot.content != other.content:
            _select(result, "date", _candidate(spot.content, spot))
            return


def _recall_currency(result, record):
    currency = _best(record["facts"].get("currency", {}))
    feature = result.get("currency")
    if not currency or not isinstance(feature, dict):
        return
    for candidate in feature.get("candidates") or []:
        if str(candidate.get("content")).upper() == currency:
            _select(result, "currency", dict(candidate))
            return


def _spelling(text):
    return " ".join(fold(str(text or "")).upper().split())
