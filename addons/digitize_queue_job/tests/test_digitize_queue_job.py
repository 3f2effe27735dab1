# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf
from odoo.addons.queue_job.tests.common import trap_jobs


@tagged("post_install", "-at_install")
class TestDigitizeQueueJob(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls.env["digitize.account"].create({"name": "Remote client", "unlimited": True})
        cls.token = cls.account._set_new_token()
        cls.spec = InvoiceSpec(number="JOB-1")
        cls.pdf_b64 = base64.b64encode(invoice_pdf(cls.spec)).decode()

    def parse(self):
        answer = self.env["digitize.server"]._extract_call(
            "invoice", "parse", {"account_token": self.token, "documents": [self.pdf_b64]}, route_version=2)
        self.assertEqual(answer["status"], "success")
        return self.env["digitize.document"].search([("uuid", "=", answer["document_token"])])

    def test_a_parsed_document_is_a_job_on_the_digitize_channel_and_completes(self):
        with trap_jobs() as trap:
            first, second = self.parse(), self.parse()
            trap.assert_jobs_count(2)
            for document in (first, second):
                trap.assert_enqueued_job(document._process_job, properties={"channel": "root.digitize"})
            self.assertEqual((first | second).mapped("state"), ["queued", "queued"])
            trap.perform_enqueued_jobs()
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertEqual(first.result["invoice_id"]["selected_value"]["content"], "JOB-1")

    def test_a_document_is_read_once_whoever_claims_it(self):
        with trap_jobs():
            document = self.parse()
        self.assertEqual(document._process_job(), "processed 1 document(s)")
        # the same job run again (a retry, a duplicate) or the safety-net cron finds nothing to do
        self.assertEqual(document._process_job(), "already claimed by another worker, or done")
        self.assertEqual(self.env["digitize.document"]._process_queue_now(), [])
        self.assertEqual((document.state, document.attempts), ("done", 1))

    def test_the_channel_and_the_job_function_exist(self):
        function = self.env["queue.job.function"].search([("name", "=", "<digitize.document>._process_job")])
        self.assertEqual(function.channel, "root.digitize")
