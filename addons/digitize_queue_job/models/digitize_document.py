# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each queued document is a job on the ``root.digitize`` channel: queue_job's runner spreads the jobs over every
Odoo worker and node that shares the database, as many at once as the channel's capacity. A job is one unit of
work within the limits of the HTTP worker that runs it: a long scan not read to the end queues its next job. The
processing cron stays as a safety net: it requeues what dead workers left and makes jobs of queued documents
that have none (jobs lost with a database restore); it reads nothing itself, the channel's capacity holds."""
from datetime import timedelta

from odoo import api, fields, models
from odoo.sql_db import db_connect

from odoo.addons.digitize.models.server.digitize_document_queue import claim, drop_lease, hold_lease
from odoo.addons.digitize.models.server.work_limits import WorkBudget
from odoo.addons.queue_job.job import identity_exact

CHANNEL = "root.digitize"
# a queued document untouched this long has lost its job: the safety-net cron makes it a new one
JOBLESS_AFTER = timedelta(minutes=2)


class DigitizeDocument(models.Model):
    _inherit = "digitize.document"

    def _schedule_processing(self):
        for document in self:
            document.with_delay(channel=CHANNEL, identity_key=identity_exact,
                                description=f"Digitize {document.doc_type} {document.uuid}")._process_job()

    def _process_job(self):
        """The job: claim the document as the cron does (a document is never read twice, whoever claims it
        first) and read it within this worker's limits, holding its lease. The claim is committed at once, as
        the cron does: a worker killed in the middle leaves the document 'processing' with its lease free, and
        the next run of the processing cron requeues it, an attempt counted (a document that kills every worker
        ends in error instead of being retried for ever)."""
        self.env.flush_all()
        lease = db_connect(self.env.cr.dbname).cursor()
        try:
            ids = claim(self.env.cr, len(self), ids=self.ids)
            if not ids:
                drop_lease(lease)
                return "already claimed by another worker, or done"
            hold_lease(lease, ids)
            self.env.cr.commit()  # pylint: disable=invalid-commit
        except BaseException:
            # before the hooks below drop it: the lease's connection (and any lock on it) is not left open
            drop_lease(lease)
            raise
        # the lease is kept until the job's transaction ends (queue_job commits it after this method returns):
        # a document seen 'processing' with its lease free is a dead worker's
        self.env.cr.postcommit.add(lambda: drop_lease(lease))
        self.env.cr.postrollback.add(lambda: drop_lease(lease))
        self.invalidate_model()
        put_back = self.browse(ids)._process(WorkBudget.for_request())
        put_back._schedule_processing()
        if put_back:
            return f"read {len(put_back)} document(s) in part; the next unit of work is a new job"
        return f"processed {len(ids)} document(s)"

    @api.model
    def _cron_process_queue(self):
        """The safety net: what dead workers left goes back to the queue, and queued documents left without a
        job for JOBLESS_AFTER get one; the jobs do the reading."""
        self._requeue_stale()
        jobless = self.search([("state", "=", "queued"),
                               ("write_date", "<", fields.Datetime.now() - JOBLESS_AFTER)])
        # identity_exact: a document whose job is still pending gets no second one
        jobless._schedule_processing()
        return 0
