# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each queued document is a job on the ``root.digitize`` channel: queue_job's runner spreads the jobs over every
Odoo worker and node that shares the database, as many at once as the channel's capacity. The processing cron
stays as a safety net (documents requeued after a dead worker, jobs lost with a database restore)."""
from odoo import models

from odoo.addons.digitize.models.server.digitize_document_queue import claim
from odoo.addons.queue_job.job import identity_exact

CHANNEL = "root.digitize"


class DigitizeDocument(models.Model):
    _inherit = "digitize.document"

    def _schedule_processing(self):
        for document in self:
            document.with_delay(channel=CHANNEL, identity_key=identity_exact,
                                description=f"Digitize {document.doc_type} {document.uuid}")._process_job()

    def _process_job(self):
        """The job: claim the document as the cron does (a document is never read twice, whoever claims it
        first), read it; queue_job commits when the job ends, or rolls back and the document stays queued."""
        ids = claim(self.env.cr, len(self), ids=self.ids)
        if not ids:
            return "already claimed by another worker, or done"
        self.invalidate_model()
        self.browse(ids)._process()
        return f"processed {len(ids)} document(s)"
