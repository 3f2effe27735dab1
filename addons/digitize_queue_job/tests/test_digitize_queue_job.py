# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf, scanned_pdf
from odoo.addons.digitize.models.server.digitize_document_queue import LEASE_SPACE
from odoo.addons.digitize.tests.test_server_limits import one_page_per_unit
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
            with patch.object(self.env.cr, "commit", self.env.cr.postcommit.run):  # the job commits its claim
                trap.perform_enqueued_jobs()
        self.assertEqual((first | second).mapped("state"), ["done", "done"])
        self.assertEqual(first.result["invoice_id"]["selected_value"]["content"], "JOB-1")

    def test_a_document_is_read_once_whoever_claims_it(self):
        with trap_jobs():
            document = self.parse()
        with patch.object(self.env.cr, "commit", self.env.cr.postcommit.run):  # the job commits its claim
            self.assertEqual(document._process_job(), "processed 1 document(s)")
            # the same job run again (a retry, a duplicate) or the safety-net cron finds nothing to do
            self.assertEqual(document._process_job(), "already claimed by another worker, or done")
        self.assertEqual(self.env["digitize.document"]._process_queue_now(), [])
        self.assertEqual((document.state, document.attempts), ("done", 1))

    def test_the_channel_and_the_job_function_exist(self):
        function = self.env["queue.job.function"].search([("name", "=", "<digitize.document>._process_job")])
        self.assertEqual(function.channel, "root.digitize")

    def leases_held(self, document):
        """Connections (any, pooled ones too) holding ``document``'s lease."""
        self.env.cr.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
                            "AND objid = %s AND granted", (LEASE_SPACE, document.id))
        return self.env.cr.fetchone()[0]

    def test_a_long_scan_is_a_chain_of_jobs_each_one_unit_of_work(self):
        document = self.env["digitize.document"].create({"data": base64.b64encode(scanned_pdf(3))})
        self.env.flush_all()
        jobs = 0
        # a commit ends the job's transaction: what waits for it (the lease's release) runs
        with one_page_per_unit(), patch.object(self.env.cr, "commit", self.env.cr.postcommit.run), \
                trap_jobs() as trap:
            document._schedule_processing()
            while trap.enqueued_jobs and jobs < 6:
                trap.assert_jobs_count(1)
                trap.assert_enqueued_job(document._process_job, properties={"channel": "root.digitize"})
                trap.perform_enqueued_jobs()
                self.env.cr.postcommit.run()  # (queue_job commits once the job is done)
                jobs += 1
        # three pages, one per job, then a job that reads the fields from the kept pages
        self.assertEqual((jobs, document.state, document.units, document.attempts), (4, "done", 4, 1))
        self.assertFalse(self.leases_held(document), "every job released its lease when it ended")
        self.assertIn("Gutschrift", document.result["full_text_annotation"])

    def test_a_job_that_fails_before_reading_leaves_no_lease_behind(self):
        with trap_jobs():
            document = self.parse()

        def commit_fails():
            # the lease is held by now: the claim's commit failing (a lost connection, a serialization failure)
            self.assertEqual(self.leases_held(document), 1)
            raise ConnectionError("the database went away")
        with patch.object(self.env.cr, "commit", commit_fails), self.assertRaises(ConnectionError):
            document._process_job()
        self.assertFalse(self.leases_held(document), "the lease's connection was given back, its lock dropped")

    def test_the_cron_reads_nothing_and_makes_jobs_of_jobless_documents(self):
        with trap_jobs():
            document = self.parse()
        self.env.cr.execute("UPDATE digitize_document SET write_date = now() at time zone 'UTC' - interval '1 hour' "
                            "WHERE id = %s", (document.id,))
        with trap_jobs() as trap:
            self.assertEqual(self.env["digitize.document"]._cron_process_queue(), 0)
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(document._process_job, properties={"channel": "root.digitize"})
        self.assertEqual(document.state, "queued", "the channel's capacity holds: the cron reads nothing")
