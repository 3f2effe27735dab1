"""The time budget of one document: ``Limits.max_seconds``, checked between pages and inside OCR loops.

:func:`started` opens a budget for the reading of one document (a context variable: each thread, and each
document read in it, has its own); :func:`check` raises ``DocumentError('timeout')`` once it is spent. Code
outside a budget (the OCR backends used on their own, the tests) is never stopped.
"""
import contextlib
import contextvars
import time

from ..errors import DocumentError

_deadline = contextvars.ContextVar("digitize_deadline", default=None)


@contextlib.contextmanager
def started(seconds):
    """A budget of ``seconds`` (None or <= 0: none) for what runs inside the ``with`` block. A budget already
    running (a document read inside another's reading) is not extended."""
    outer = _deadline.get()
    deadline = time.monotonic() + seconds if seconds and seconds > 0 else None
    if outer is not None and (deadline is None or outer[0] < deadline):
        deadline, seconds = outer
    token = _deadline.set(None if deadline is None else (deadline, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check(where="reading the document"):
    """Raise ``DocumentError('timeout')`` if the current document's budget is spent."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise DocumentError("timeout", f"The document took longer than the {current[1]:g} s time budget "
                                       f"({where}).")


def remaining():
    """Seconds left in the current budget, or None without one."""
    current = _deadline.get()
    return None if current is None else current[0] - time.monotonic()
