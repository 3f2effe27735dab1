"""Pages read once, kept: the reading of a long scan split into units of work that each fit a server's limits.

Inside :func:`kept_reads`, every page the OCR reads is stored in ``store`` (a dict of JSON values the caller
keeps, in a database for instance), keyed by the page's pixels; a page found there is not read again. Once a
new page has been read past the unit's time (``unit_seconds`` of wall clock, ``unit_cpu_seconds`` of the
process's CPU), the reading stops with ``DocumentError('timeout')``: the caller keeps ``store`` and reads the
document again in a later unit, which starts where this one stopped. The unit's time never stops the reading
before one new page is read (the document's own limits, ``Limits.max_seconds`` and ``max_cpu_seconds``, do).
"""
import contextlib
import contextvars
import hashlib
import time

from ..errors import DocumentError
from .layout import Word

_unit = contextvars.ContextVar("digitize_kept_reads", default=None)


class _Unit:
    def __init__(self, store, unit_seconds, unit_cpu_seconds):
        self.store = store
        self.wall_end = None if unit_seconds is None else time.monotonic() + unit_seconds
        self.cpu_end = None if unit_cpu_seconds is None else time.process_time() + unit_cpu_seconds
        self.new_reads = 0

    def spent(self):
        return ((self.wall_end is not None and time.monotonic() >= self.wall_end)
                or (self.cpu_end is not None and time.process_time() >= self.cpu_end))


@contextlib.contextmanager
def kept_reads(store, unit_seconds=None, unit_cpu_seconds=None):
    """Keep the pages read inside the ``with`` block in ``store`` and reuse those already there; stop once a
    new page is read past ``unit_seconds`` / ``unit_cpu_seconds`` (None: no unit, read to the end)."""
    unit = _Unit(store, unit_seconds, unit_cpu_seconds)
    token = _unit.set(unit)
    try:
        yield unit
    finally:
        _unit.reset(token)


def page_key(image, page_index, lang, backend):
    """What identifies one read: the page's pixels, its index, the language and the OCR backend's settings."""
    digest = hashlib.sha1(image.tobytes())
    digest.update(f"|{image.mode}|{image.size}|{page_index}|{lang}|{backend.name}|{backend.signature}".encode())
    return digest.hexdigest()


def remembered(image, page_index, lang, backend, read):
    """``read()`` (a backend's ``read_page`` result) for this page image, or what a previous unit stored."""
    unit = _unit.get()
    if unit is None:
        return read()
    key = page_key(image, page_index, lang, backend)
    kept = unit.store.get(key)
    if kept is not None:
        words = [Word(text, x0, y0, x1, y1, page, conf) for text, x0, y0, x1, y1, page, conf in kept["words"]]
        projection = tuple(tuple(row) for row in kept["projection"]) if kept["projection"] else None
        return words, tuple(kept["size"]), kept["turns"], projection
    words, size, turns, projection = read()
    unit.store[key] = {
        "words": [[w.text, float(w.x0), float(w.y0), float(w.x1), float(w.y1), int(w.page), float(w.conf)]
                  for w in words],
        "size": [int(size[0]), int(size[1])], "turns": int(turns),
        "projection": [[float(v) for v in row] for row in projection] if projection else None,
    }
    unit.new_reads += 1
    if unit.spent():
        raise DocumentError("timeout", "This unit of work is spent; the pages read are kept for the next one.")
    return words, size, turns, projection
