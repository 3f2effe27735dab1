# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a record's amounts agree with those read on its document, and the likely reason when they do not.
Pure functions: the models give the amounts, the rates without a tax and the currencies."""
from collections import namedtuple

# amounts as read on the document or carried by the record; None where not known
Amounts = namedtuple("Amounts", "total untaxed tax")
Mismatch = namedtuple("Mismatch", "amount read booked reason details")

# a global discount is a round share of the lines (2 %, 3 %, 2.5 %): within this many points of one
DISCOUNT_STEP = 0.5
DISCOUNT_SLACK = 0.05
MAX_DISCOUNT = 50.0


def _differs(read, booked, tolerance):
    return read is not None and booked is not None and abs(read - booked) > tolerance


def _discount_share(lines, document):
    """The share (percent) the document takes off the lines, when it is a round one; else None."""
    if not lines or document is None or lines <= document:
        return None
    share = 100.0 * (lines - document) / lines
    nearest = round(share / DISCOUNT_STEP) * DISCOUNT_STEP
    if 0 < nearest <= MAX_DISCOUNT and abs(share - nearest) <= DISCOUNT_SLACK:
        return nearest
    return None


def find_mismatch(read, booked, tolerance, read_currency=None, booked_currency=None, missing_rates=()):
    """The first of total, untaxed and tax that differs beyond ``tolerance`` between ``read`` (the document) and
    ``booked`` (the record), with its likely reason, or None when they agree.

    Reasons, most telling first: ``currency`` (the document is in another currency than the record), ``discount``
    (the lines add up to a round share more than the document's untaxed amount: its discount is not on the
    record), ``lines`` (the lines do not add up to the document's untaxed amount), ``missing_tax`` (no purchase
    tax of a rate read on the document: ``details["rate"]``), ``taxes`` (the lines' taxes differ from the
    document's), None (no reason found)."""
    differing = [name for name in Amounts._fields
                 if _differs(getattr(read, name), getattr(booked, name), tolerance)]
    if not differing:
        return None
    amount = differing[0]
    details = {}
    if read_currency and booked_currency and read_currency != booked_currency:
        reason = "currency"
        details = {"read": read_currency, "booked": booked_currency}
    elif "untaxed" in differing:
        share = _discount_share(booked.untaxed, read.untaxed)
        reason = "discount" if share else "lines"
        details = {"lines": booked.untaxed, "document": read.untaxed, "percent": share}
    elif missing_rates:
        reason = "missing_tax"
        details = {"rate": missing_rates[0]}
    elif "tax" in differing:
        reason = "taxes"
        details = {"lines": booked.tax, "document": read.tax}
    else:
        reason = None
    return Mismatch(amount, getattr(read, amount), getattr(booked, amount), reason, details)
