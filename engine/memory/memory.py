"""A memory of validated documents: it recognises a supplier it was taught from what its documents print, and
for that supplier re-ranks the candidates the field extractors found and gives the supplier's validated name.

It only ever selects a value printed on the page (an amount, a date, a reference standing where this supplier's
documents print it, after the label that introduces it there), except the supplier's name as validated. Every
fact counts the validations that support it (a weight and the order of the last one): a wrong validation is
outweighed by the following ones, and any validation can be taken back."""
import datetime
from difflib import SequenceMatcher

from .digest import digest_of, pages_of
from .evidence import compact, document_keys, name_key
from .places import AMOUNT_FIELDS, DATE_FIELDS, REFERENCE_FIELDS, Reading, inside, same_value
from .store import DictStore

PLACED_FIELDS = AMOUNT_FIELDS + DATE_FIELDS + REFERENCE_FIELDS
COMMON_KEY = 50  # a key printed by more suppliers than this names none of them
WORDS_ENOUGH = 0.6  # share of the head's words (weighted by rarity) that recognises a supplier...
NAME_NEAR = 0.35  # ...printing a name at least this near the one validated for it
WORDS_WITH_ID = 0.4  # the same share, with a tax number, IBAN or phone number of that supplier printed
NAME_ALIKE = 0.8  # a name this near the one validated recognises a supplier with a few of its head's words
SUPPORT = 0.5  # share of a supplier's validations a place needs to select its value
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
        known = []
        for sid, (count, canonical) in heads.items():
            if not count:
                continue
            covered = sum(min(1.0, holders[key].get(sid, 0) / count) / frequencies[key]
                          for key in words if key in holders)
            coverage = covered / total
            numbered = any(keys[key] == "id" and not key.startswith("name:") and frequencies[key] == 1
                           and sid in holders[key] for key in holders)
            likeness = max((_likeness(name, compact(canonical or "")) for name in printed), default=0.0)
            if likeness >= NAME_ALIKE:
                recognised = coverage >= 0.2 or numbered
            elif numbered:
                recognised = coverage >= WORDS_WITH_ID and likeness >= NAME_NEAR
            else:
                recognised = coverage >= WORDS_ENOUGH and likeness >= NAME_NEAR
            if recognised:
                known.append((coverage + likeness + (0.5 if numbered else 0.0), count, sid))
        printed_ids = {key for key in keys if key.startswith(REGISTRATIONS)}
        for score, _count, sid in sorted(known, reverse=True):
            if printed_ids and not self._same_registration(sid, printed_ids):
                continue  # the page prints tax numbers or an IBAN, none of them this supplier's
            return sid, score
        return None, 0.0

    def _same_registration(self, sid, printed_ids):
        """Whether the supplier ``sid`` printed one of ``printed_ids`` before, or never printed any: a chain's
        shops share a letterhead, not a tax number."""
        registered = (self.store.load(sid) or {}).get("facts", {}).get("id", {})
        return not registered or bool(printed_ids & set(registered))

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
        _recall_name(result, record)
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
            if canonical and _likeness(compact(name), compact(canonical)) < NAME_ALIKE:
                sid = None  # another supplier on the same paper, or a name mistyped: kept apart, outweighed
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


def _likeness(first, second):
    """How near two compact names are, 0..1; names of lengths far apart are far (MUSTERLIEFERANT, LIEFERANT)."""
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    ratio = SequenceMatcher(None, first, second, autojunk=False).ratio()
    return ratio * min(1.0, 1.25 * min(len(first), len(second)) / max(len(first), len(second)))


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
    reading = Reading(pages)
    for field in PLACED_FIELDS:
        value = values.get(field)
        if not value:
            continue
        weight = PICKED if value.get("picked") else CONFIRMED if value.get("confirmed") else PLAIN
        month_first = False
        if field in DATE_FIELDS:
            first = [s for s in reading.dates(True) if same_value(field, s.content, value["content"])]
            later = [s for s in reading.dates(False) if same_value(field, s.content, value["content"])]
            if first and not later:
                month_first = True
                facts.append(("date.order", "mdy", weight))
            elif later and not first:
                facts.append(("date.order", "dmy", weight))
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


def _recall_name(result, record):
    """The supplier's name as validated; of the spellings validated for it, the one the page prints if any."""
    name = record.get("name")
    if not name or "supplier" not in result:
        return
    candidates = result["supplier"].get("candidates") or []
    spellings = {_spelling(variant): variant for variant in record["facts"].get("name", {})}
    printed = next((c for c in candidates[:3] if _spelling(c.get("content")) in spellings), None)
    if printed:
        name = spellings[_spelling(printed["content"])]
    else:
        printed = next((c for c in candidates if compact(c.get("content")) == compact(name)), None)
    _select(result, "supplier", _candidate(name, printed or (candidates[0] if candidates else None)))


def _spelling(text):
    return " ".join(str(text or "").split()).upper()


def _support(record, field, spot):
    facts = record["facts"]
    at = facts.get(f"{field}.at", {}).get(spot.place)
    label = facts.get(f"{field}.label", {}).get(spot.label) if spot.label else None
    weight = max(at[0] if at else 0.0, 0.8 * label[0] if label else 0.0)
    seq = max(at[1] if at else 0, label[1] if label else 0)
    return weight / max(1, record["docs"]), seq


def _recall_place(result, field, record, reading, month_first=False):
    if f"{field}.at" not in record["facts"] and f"{field}.label" not in record["facts"]:
        return
    scored = [(_support(record, field, spot), spot) for spot in reading.spots(field, month_first) if spot.label]
    scored = [(support, spot) for support, spot in scored if support[0] >= SUPPORT]
    if not scored:
        return
    best = max(support for support, _spot in scored)
    values = {_key(spot.content) for support, spot in scored if support == best}
    if len(values) != 1:
        return  # two values stand where this supplier prints it: the extractors' choice stays
    spot = next(spot for support, spot in scored if support == best)
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
