"""Learning from validation: a memory of the suppliers whose documents were validated (see memory.py).

    from engine.memory import open_memory, learn
    memory = open_memory("memory.sqlite")                 # created on first lesson
    learn(data, "invoice", {"supplier": "ACME", "total": 12.5}, memory)
    extract(data, "invoice", memory=open_memory("memory.sqlite", readonly=True))
"""
import hashlib

from .digest import digest_of, pages_of
from .memory import Memory
from .store import DictStore, SqliteStore


def open_memory(path=None, readonly=False, own_ids=()):
    """A memory kept in the SQLite file ``path`` (None: in the process only). ``readonly`` never writes: a
    missing file is an empty memory."""
    return Memory(SqliteStore(path, readonly=readonly) if path else DictStore(), own_ids=own_ids)


def document_ref(data, doc_type):
    """The name a lesson is kept under when the caller has none: the document's bytes and type."""
    return hashlib.sha1(doc_type.encode() + b"\0" + data).hexdigest()


def learn(data, doc_type, values, memory, ref=None, ocr="rapidocr", user_infos=None):
    """Read the document ``data`` and teach ``memory`` its validated ``values``; the supplier id taught."""
    from ..extractor import extract

    reader = _Reader()
    extract(data, doc_type, user_infos, ocr=ocr, memory=reader)
    return memory.learn_pages(reader.pages, values, ref or document_ref(data, doc_type), doc_type)


class _Reader:
    """A memory that remembers nothing: it keeps the pages an extraction read."""

    pages = ()

    def recall(self, result, pages, doc_type=None, user_infos=None):
        self.pages = pages


__all__ = ["DictStore", "Memory", "SqliteStore", "digest_of", "document_ref", "learn", "open_memory", "pages_of"]
