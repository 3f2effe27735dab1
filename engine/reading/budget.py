"""The time budget of one document: ``Limits.max_seconds`` (wall clock) and ``Limits.max_cpu_seconds`` (CPU
time of the whole process, all threads: what a server's CPU limit counts), checked between pages and inside OCR
loops.

:func:`started` opens a budget for the reading of one document (a context variable: each thread, and each
document read in it, has its own); :func:`check` raises ``DocumentError('timeout')`` once it is spent. Code
outside a budget (the OCR backends used on their own, the tests) is never stopped.
"""
import contextlib
import contextvars
import time

from ..errors import DocumentError

_deadline = contextvars.ContextVar("digitize_deadline", default=None)


_cpu_deadline = contextvars.ContextVar("digitize_cpu_deadline", default=None)


def _tighter(outer, seconds, clock):
    """(deadline, seconds) of a budget of ``seconds`` (None: none) on ``clock`` within the ``outer`` one, or
    None."""
    deadline = None if seconds is None else clock() + seconds
    if outer is not None and (deadline is None or outer[0] < deadline):
        return outer
    return None if deadline is None else (deadline, seconds)


@contextlib.contextmanager
def started(seconds, cpu_seconds=None):
    """A budget of ``seconds`` of wall clock and ``cpu_seconds`` of the process's CPU time (None or <= 0: none)
    for what runs inside the ``with`` block. A budget already running (a document read inside another's
    reading) is not extended."""
    token = _deadline.set(_tighter(_deadline.get(), seconds if seconds and seconds > 0 else None, time.monotonic))
    cpu_token = _cpu_deadline.set(_tighter(_cpu_deadline.get(), cpu_seconds if cpu_seconds and cpu_seconds > 0
                                                              else None, time.process_time))
    try:
        yield
    finally:
        _cpu_deadline.reset(cpu_token)
        _deadline.reset(token)


def check(where="reading the document"):
    """Raise ``DocumentError('timeout')`` if the current document's budget is spent."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise DocumentError("timeout", f"The document took longer than the {current[1]:g} s time budget "
                                       f"({where}).")
    cpu = _cpu_deadline.get()
    if cpu is not None and time.process_time() > cpu[0]:
        raise DocumentError("timeout", f"The document took more than the {cpu[1]:g} s of CPU time it may use "
                                       f"({where}).")


def remaining():
    """Wall-clock seconds left in the current budget, or None without one."""
    current = _deadline.get()
    return None if current is None else current[0] - time.monotonic()
