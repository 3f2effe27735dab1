"""Where a memory keeps what it learned. Three stores share one small interface: :class:`DictStore` (the
embedded default, in the process only), :class:`SqliteStore` (one file, used by the command line and the bench)
and, in Odoo, a store over PostgreSQL (models/server/digitize_memory.py).

A supplier record is {"docs": n, "name": canonical name, "last": ISO time, "seq": n, "facts": {fact: {value:
[weight, seq]}}}; the evidence index maps a key to the suppliers whose documents printed it, with how many; a
lesson is what one validated document taught, kept so that it can be taken back."""
import json
import os
import sqlite3


class DictStore:
    """In-process memory, lost with the process."""

    def __init__(self):
        self.suppliers, self.evidence, self.lessons, self._next = {}, {}, {}, 1

    def key_frequencies(self, keys):
        return {key: len(self.evidence[key]) for key in keys if self.evidence.get(key)}

    def key_holders(self, keys):
        return {key: dict(self.evidence[key]) for key in keys if self.evidence.get(key)}

    def supplier_heads(self, sids):
        return {sid: (self.suppliers[sid]["docs"], self.suppliers[sid].get("name")) for sid in sids
                if sid in self.suppliers}

    def load(self, sid):
        record = self.suppliers.get(sid)
        return json.loads(json.dumps(record)) if record else None

    def create_supplier(self):
        sid, self._next = self._next, self._next + 1
        self.suppliers[sid] = {"docs": 0, "facts": {}, "seq": 0}
        return sid

    def save_supplier(self, sid, record):
        self.suppliers[sid] = json.loads(json.dumps(record))

    def delete_supplier(self, sid):
        self.suppliers.pop(sid, None)
        for key in list(self.evidence):
            self.evidence[key].pop(sid, None)
            if not self.evidence[key]:
                del self.evidence[key]
        for ref in [ref for ref, (owner, _lesson) in self.lessons.items() if owner == sid]:
            del self.lessons[ref]

    def bump_keys(self, sid, deltas):
        for key, delta in deltas.items():
            holders = self.evidence.setdefault(key, {})
            holders[sid] = holders.get(sid, 0) + delta
            if holders[sid] <= 0:
                del holders[sid]
            if not holders:
                del self.evidence[key]

    def get_lesson(self, ref):
        return self.lessons.get(ref)

    def put_lesson(self, ref, sid, lesson):
        self.lessons[ref] = (sid, lesson)

    def drop_lesson(self, ref):
        self.lessons.pop(ref, None)

    def commit(self):
        pass


_SCHEMA = """
CREATE TABLE IF NOT EXISTS supplier (id INTEGER PRIMARY KEY, docs INTEGER NOT NULL, name TEXT, last TEXT,
                                     data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (key TEXT NOT NULL, supplier INTEGER NOT NULL, count INTEGER NOT NULL,
                                     PRIMARY KEY (key, supplier)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS evidence_supplier ON evidence (supplier);
CREATE TABLE IF NOT EXISTS lesson (ref TEXT PRIMARY KEY, supplier INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lesson_supplier ON lesson (supplier);
"""


class SqliteStore:
    """One SQLite file. ``readonly``: opened read-only, and a missing file is an empty memory, never created."""

    def __init__(self, path, readonly=False):
        self.path, self.readonly = path, readonly
        if readonly and not os.path.exists(path):
            self.db = None
            return
        if readonly:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            self.db = sqlite3.connect(path)
            self.db.executescript(_SCHEMA)

    def _rows(self, query, keys):
        if self.db is None or not keys:
            return []
        keys = list(keys)
        rows = []
        for start in range(0, len(keys), 500):  # SQLite's limit on bound parameters
            chunk = keys[start:start + 500]
            rows += self.db.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def key_frequencies(self, keys):
        return dict(self._rows("SELECT key, COUNT(*) FROM evidence WHERE key IN ({}) GROUP BY key", keys))

    def key_holders(self, keys):
        holders = {}
        for key, sid, count in self._rows("SELECT key, supplier, count FROM evidence WHERE key IN ({})", keys):
            holders.setdefault(key, {})[sid] = count
        return holders

    def supplier_heads(self, sids):
        return {sid: (docs, name) for sid, docs, name in
                self._rows("SELECT id, docs, name FROM supplier WHERE id IN ({})", sids)}

    def load(self, sid):
        if self.db is None:
            return None
        row = self.db.execute("SELECT data FROM supplier WHERE id = ?", (sid,)).fetchone()
        record = _decoded(row[0], f"supplier {sid}") if row else None
        if record is not None and not (isinstance(record, dict) and isinstance(record.get("facts"), dict)):
            raise sqlite3.DatabaseError(f"supplier {sid}: not a supplier record")
        return record

    def create_supplier(self):
        cursor = self.db.execute("INSERT INTO supplier (docs, data) VALUES (0, ?)",
                                 (json.dumps({"docs": 0, "facts": {}, "seq": 0}),))
        return cursor.lastrowid

    def save_supplier(self, sid, record):
        self.db.execute("UPDATE supplier SET docs = ?, name = ?, last = ?, data = ? WHERE id = ?",
                        (record["docs"], record.get("name"), record.get("last"),
                         json.dumps(record, separators=(",", ":"), ensure_ascii=False), sid))

    def delete_supplier(self, sid):
        for table, column in (("supplier", "id"), ("evidence", "supplier"), ("lesson", "supplier")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (sid,))  # noqa: S608 (fixed names)

    def bump_keys(self, sid, deltas):
        for key, delta in deltas.items():
            self.db.execute("INSERT INTO evidence (key, supplier, count) VALUES (?, ?, ?) "
                            "ON CONFLICT (key, supplier) DO UPDATE SET count = count + excluded.count",
                            (key, sid, delta))
        self.db.execute("DELETE FROM evidence WHERE supplier = ? AND count <= 0", (sid,))

    def get_lesson(self, ref):
        if self.db is None:
            return None
        row = self.db.execute("SELECT supplier, data FROM lesson WHERE ref = ?", (ref,)).fetchone()
        if not row:
            return None
        lesson = _decoded(row[1], f"lesson {ref}")
        if not (isinstance(lesson, dict) and isinstance(lesson.get("facts"), list)
                and isinstance(lesson.get("keys"), list)):
            raise sqlite3.DatabaseError(f"lesson {ref}: not a lesson")
        return row[0], lesson

    def put_lesson(self, ref, sid, lesson):
        self.db.execute("INSERT OR REPLACE INTO lesson (ref, supplier, data) VALUES (?, ?, ?)",
                        (ref, sid, json.dumps(lesson, separators=(",", ":"), ensure_ascii=False)))

    def drop_lesson(self, ref):
        self.db.execute("DELETE FROM lesson WHERE ref = ?", (ref,))

    def commit(self):
        if self.db is not None and not self.readonly:
            self.db.commit()

    def close(self):
        if self.db is not None:
            self.commit()
            self.db.close()
            self.db = None


def _decoded(text, what):
    """The JSON of one stored row; a damaged one is the file's fault, reported as such (sqlite3.DatabaseError,
    as for a file that is no database at all)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise sqlite3.DatabaseError(f"{what}: damaged ({exc})") from None
