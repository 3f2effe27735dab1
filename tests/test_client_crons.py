# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 24: the poll and process crons report their progress with Odoo 18's cron progress API."""
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestDigitizeCronProgress(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "manual_send"})

    def cron_progress(self, xmlid):
        cron = self.env.ref(xmlid)
        return self.env["ir.cron.progress"].create({"cron_id": cron.id, "done": 0, "remaining": 0})

    def test_poll_cron_reports_its_progress(self):
        documents = self.env["digitize.document"].create([{
            "doc_type": "invoice", "local": True, "state": "error", "status": "error_unsupported_format",
            "error_message": "corrupt: broken"} for _i in range(2)])
        bills = self.env["account.move"].create([{
            "move_type": "in_invoice", "digitize_state": "waiting_extraction", "digitize_document_uuid": d.uuid}
            for d in documents])
        progress = self.cron_progress("digitize.ir_cron_digitize_client_poll")
        done = self.env["digitize.service"].with_context(ir_cron_progress_id=progress.id)._cron_poll()
        self.assertEqual(done, 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(set(bills.mapped("digitize_state")), {"error_status"})

    def test_process_cron_reports_its_progress(self):
        self.env["digitize.document"].create([{"doc_type": "invoice", "integration": True} for _i in range(2)])
        progress = self.cron_progress("digitize.ir_cron_digitize_process")
        Document = self.env["digitize.document"].with_context(ir_cron_progress_id=progress.id)
        with patch.object(self.env.cr, "commit", lambda: None):  # the queue commits after each document
            done = Document._cron_process_queue(time_budget=30)
        self.assertGreaterEqual(done, 2)
        self.assertEqual((progress.done, progress.remaining), (done, 0))
