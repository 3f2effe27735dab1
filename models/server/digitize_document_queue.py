# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The processing queue: claimed with SELECT … FOR UPDATE SKIP LOCKED so that any number of cron workers, on
any number of nodes, share it without doing a document twice; one commit per unit of work (a document, or the
pages of a long scan that fit the worker's limits). While a worker reads a
document it holds the document's lease (an advisory lock of its database connection): a document left
'processing' with no lease held was left by a dead worker, and the next queue run (each minute) requeues it."""
import logging
from contextlib import closing

from odoo import api, models
from odoo.sql_db import db_connect

from .work_limits import WorkBudget

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
LEASE_SPACE = 0x44474954  # the advisory-lock namespace of the documents being read ('DGIT')


def claim(cr, limit=1, ids=None):
    """Mark up to ``limit`` queued documents (of ``ids`` only, when given) 'processing' for this transaction's
    worker; return their ids."""
    # the picked rows are a CTE, evaluated once: a sub-select under IN may be run again by the plan, and with
    # SKIP LOCKED a second run picks other rows (two claimed for a limit of one)
    cr.execute("""
        WITH picked AS MATERIALIZED (
            SELECT id FROM digitize_document WHERE state = 'queued' AND (%s OR id = ANY(%s))
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED)
        UPDATE digitize_document AS document
           SET state = 'processing', processing_started = (now() at time zone 'UTC'),
               attempts = document.attempts + 1
          FROM picked
         WHERE document.id = picked.id
        RETURNING document.id
    """, (ids is None, list(ids or []), limit))
    return sorted(row[0] for row in cr.fetchall())


def hold_lease(cr, ids):
    """Take the lease of ``ids`` on ``cr``'s connection (a session lock): while that connection lives, the
    documents are being read; a worker that dies (killed by a limit, a crash) closes it and drops the lease."""
    cr.execute("SELECT pg_advisory_lock(%s, id) FROM unnest(%s::int[]) AS id", (LEASE_SPACE, list(ids)))


def drop_lease(lease):
    """Release every lease held on the cursor ``lease`` and give it back: closing an Odoo cursor returns its
    connection to the pool, open, and a session lock would outlive it."""
    try:
        lease.execute("SELECT pg_advisory_unlock_all()")
    finally:
        lease.close()


def requeue_stale(cr, max_attempts=MAX_ATTEMPTS):
    """Give back to the queue the documents left 'processing' whose lease nobody holds (their worker died);
    after ``max_attempts`` it is an error. No time is guessed: the next run of the queue cron finds them. The
    lease is only tried, not kept: a live worker takes it before its claim is committed and keeps it until its
    result is, so a free lease on a document seen 'processing' is a dead worker's (and the state is checked
    again on the row once this update has it)."""
    cr.execute("SELECT id FROM digitize_document WHERE state = 'processing'")
    processing = [row[0] for row in cr.fetchall()]
    if not processing:
        return []
    # each lease is tried, and released at once, on the 'processing' rows only (a lock left on another row
    # would stay with this transaction's connection); CASE, not AND, fixes the order: release what was taken
    cr.execute("""
        SELECT id FROM unnest(%s::int[]) AS id
         WHERE CASE WHEN pg_try_advisory_lock(%s, id) THEN pg_advisory_unlock(%s, id) ELSE false END
    """, (processing, LEASE_SPACE, LEASE_SPACE))
    free = [row[0] for row in cr.fetchall()]
    if not free:
        return []
    cr.execute("""
        UPDATE digitize_document
           SET state = CASE WHEN attempts >= %s THEN 'error' ELSE 'queued' END,
               status = CASE WHEN attempts >= %s THEN 'error_internal' ELSE status END,
               error_message = CASE WHEN attempts >= %s THEN 'processing was interrupted too many times'
                                    ELSE error_message END
         WHERE id = ANY(%s) AND state = 'processing'
        RETURNING id
    """, (max_attempts, max_attempts, max_attempts, free))
    return sorted(row[0] for row in cr.fetchall())


class DigitizeDocumentQueue(models.Model):
    _inherit = "digitize.document"

    def _schedule_processing(self):
        """Have the queued documents read: the processing cron, now (digitize_queue_job makes each a job)."""
        self.env.ref("digitize.ir_cron_digitize_process")._trigger()

    @api.model
    def _requeue_stale(self):
        """Requeue what dead workers left 'processing'; those out of attempts end in error and give their credit
        back."""
        requeued = requeue_stale(self.env.cr)
        if requeued:
            _logger.warning("Digitize: requeued %s document(s) left processing by a dead worker", len(requeued))
            self.invalidate_model()
            self.browse(requeued).filtered(lambda d: d.state == "error")._refund_credit()
        return requeued

    @api.model
    def _cron_process_queue(self, time_budget=None):
        """Work the queue within what the cron worker's limits leave (see work_limits), and ``time_budget``
        seconds at most, one unit of work at a time, committing after each: a long scan is read over several
        units, and runs if need be."""
        cr = self.env.cr
        budget = WorkBudget.for_cron(time_budget)
        self._requeue_stale()
        # the queue runner commits on purpose: the requeue first, then each claim and each unit of work
        cr.commit()  # pylint: disable=invalid-commit
        done = 0
        # the lease of the document being read lives on a connection of its own, which does nothing else
        with closing(db_connect(cr.dbname).cursor()) as lease:
            while budget.room_for_a_unit():
                ids = claim(cr)
                if ids:
                    hold_lease(lease, ids)
                # the claim is visible to the other workers before the long part starts
                cr.commit()  # pylint: disable=invalid-commit
                if not ids:
                    break
                self.invalidate_model()  # (claimed in SQL: state and attempts changed under the cache)
                try:
                    put_back = self.browse(ids)._process(budget)
                    self.env.flush_all()  # (the next claim reads the table: a document put back is queued)
                    # once per unit, on purpose: a later failure does not undo this one
                    cr.commit()  # pylint: disable=invalid-commit
                finally:
                    lease.execute("SELECT pg_advisory_unlock_all()")
                done += len(ids) - len(put_back)
        # Odoo runs a cron again in the same worker run while it reports documents remaining, and renews
        # neither the CPU nor the wall-clock limit in between: report none, and have the next run of a cron
        # worker (fresh limits) take the rest at once
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        if self.search_count([("state", "=", "queued")], limit=1):
            self.env.ref("digitize.ir_cron_digitize_process")._trigger()
        return done

    @api.model
    def _process_queue_now(self, limit=None, budget=None):
        """Process queued documents in the current transaction, in one go, or one unit of work each within
        ``budget``: for tests and for processing inside a transaction that must see the results before it
        ends; the queue (cron or jobs) commits instead, and the local provider goes through it too."""
        self.env.flush_all()
        ids = claim(self.env.cr, limit or 1000)
        self.invalidate_model()
        self.browse(ids)._process(budget)
        return ids
