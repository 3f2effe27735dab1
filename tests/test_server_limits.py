# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents read within Odoo's per-request limits: a scan longer than one unit of work is read over several
units (each within the worker's CPU and wall-clock limits), the cron never runs on past its worker's limits,
and a document whose worker died is read on from the pages already kept."""
import base64
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.documents import SCAN_WORDS, scanned_pdf
from odoo.addons.digitize.models.server import work_limits
from odoo.addons.digitize.models.server.digitize_document_queue import requeue_stale


def one_page_per_unit():
    """Limits so tight for the document that each unit of work reads a single new page before it stops."""
    return patch.object(work_limits, "UNIT_SHARE", 0.0)


@tagged("post_install", "-at_install")
class TestServerLimits(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pdf = scanned_pdf(4)

    def new_document(self):
        document = self.env["digitize.document"].create({"data": base64.b64encode(self.pdf)})
        self.env.flush_all()
        return document

    def run_cron(self):
        Document = self.env["digitize.document"]
        with patch.object(self.env.cr, "commit", lambda: None):  # the queue commits after each unit
            return Document._cron_process_queue()

    def test_a_scan_longer_than_a_unit_of_work_is_read_over_several_units(self):
        document = self.new_document()
        with one_page_per_unit():
            self.assertEqual(self.run_cron(), 1)
        self.assertEqual((document.state, document.status), ("done", "success"), document.error_message)
        # four pages, one per unit, then the fields from the kept pages; the continuations were no new attempt
        self.assertEqual((document.units, document.attempts), (5, 1))
        text = document.result["full_text_annotation"]
        for word in SCAN_WORDS:
            self.assertIn(word, text)
        self.assertFalse(document.page_reads, "the kept pages are dropped once the document is read")

    def test_a_unit_keeps_its_pages_and_gives_the_document_back_to_the_queue(self):
        document = self.new_document()
        with one_page_per_unit():
            self.env["digitize.document"]._process_queue_now(budget=work_limits.WorkBudget.for_request())
        self.assertEqual((document.state, document.status, document.units), ("queued", "processing", 1))
        self.assertEqual(len(document.page_reads), 1)
        self.assertEqual(document.attempts, 0, "a unit that ends in time is no failed attempt")

    def test_the_cron_stops_within_its_limits_and_has_the_rest_read_in_a_fresh_run(self):
        document = self.new_document()
        cron = self.env.ref("digitize.ir_cron_digitize_process")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        room = iter([True])  # the limits leave room for one unit of work only
        with one_page_per_unit(), patch.object(work_limits.WorkBudget, "room_for_a_unit",
                                               lambda self: next(room, False)):
            self.assertEqual(self.run_cron(), 0)
        self.assertEqual((document.state, document.units), ("queued", 1))
        # not run again in this worker run, whose CPU and wall-clock limits Odoo does not renew: triggered
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1)

    def test_a_document_whose_worker_died_is_read_on_from_the_kept_pages(self):
        document = self.new_document()
        with one_page_per_unit():
            self.env["digitize.document"]._process_queue_now(limit=1, budget=work_limits.WorkBudget.for_request())
            self.env["digitize.document"]._process_queue_now(limit=1, budget=work_limits.WorkBudget.for_request())
        self.assertEqual((document.units, len(document.page_reads)), (2, 2))
        # the third unit's worker is killed (limit_time_cpu, out of memory) once it claimed the document: the
        # claim was committed, its lease died with its connection
        self.env.flush_all()
        self.env.cr.execute("UPDATE digitize_document SET state = 'processing', attempts = attempts + 1 "
                            "WHERE id = %s", (document.id,))
        self.assertEqual(requeue_stale(self.env.cr), document.ids, "requeued by the next queue run")
        self.env.invalidate_all()
        self.assertEqual(self.run_cron(), 1)
        self.assertEqual(document.state, "done")
        self.assertEqual(document.units, 3, "read on in one more unit")
        self.assertEqual(document.attempts, 2, "the interrupted unit counted as an attempt")
        for word in SCAN_WORDS:
            self.assertIn(word, document.result["full_text_annotation"])

    def worker_limits(self, cpu_limit, cpu_left=None):
        """A threaded server's limits (no RLIMIT_CPU) of ``cpu_limit`` CPU seconds per request, of which
        ``cpu_left`` are left (all by default)."""
        unlimited = (work_limits.resource.RLIM_INFINITY,) * 2
        limits = patch.dict(work_limits.config.options, {"limit_time_real": 120, "limit_time_cpu": cpu_limit})
        rlimit = patch.object(work_limits.resource, "getrlimit", lambda _which: unlimited)
        left = patch.object(work_limits, "cpu_seconds_left", lambda: cpu_left if cpu_left is not None else cpu_limit)
        return limits, rlimit, left

    def test_a_unit_that_cannot_read_one_page_with_a_full_budget_ends_in_a_timeout(self):
        document = self.new_document()
        # a worker whose whole CPU limit is too short for one page: no other worker would read it either
        limits, rlimit, left = self.worker_limits(1e-6)
        with limits, rlimit, left:
            budget = work_limits.WorkBudget.for_request()
            self.assertTrue(budget.is_fresh())
            self.env["digitize.document"]._process_queue_now(budget=budget)
        self.assertEqual((document.state, document.status), ("error", "error_unsupported_size"), document.error_message)
        self.assertIn("CPU", document.error_message)

    def test_a_unit_started_with_little_time_left_gives_the_document_back_to_the_queue(self):
        document = self.new_document()
        # a cron run that reached this document with a few microseconds of its 60 s of CPU left: the next run
        # (fresh limits) reads it
        limits, rlimit, left = self.worker_limits(60, cpu_left=1e-6)
        with limits, rlimit, left:
            budget = work_limits.WorkBudget.for_request()
            self.assertFalse(budget.is_fresh())
            self.env["digitize.document"]._process_queue_now(budget=budget)
        self.assertEqual((document.state, document.status, document.units), ("queued", "processing", 1),
                         document.error_message)
        self.assertEqual(document.attempts, 0, "no attempt counted: the worker lacked the time, not the document")
        self.assertFalse(document.page_reads, "no page read")
        # the next unit, with a fresh worker's budget, reads it
        limits, rlimit, left = self.worker_limits(60)
        with limits, rlimit, left:
            self.env["digitize.document"]._process_queue_now(budget=work_limits.WorkBudget.for_request())
        self.assertEqual((document.state, document.status), ("done", "success"), document.error_message)
        self.assertEqual(document.attempts, 1)

    def test_the_budget_follows_odoo_limits(self):
        unlimited = (work_limits.resource.RLIM_INFINITY,) * 2  # a threaded server: no RLIMIT_CPU, the setting
        with patch.dict(work_limits.config.options, {"limit_time_real": 120, "limit_time_real_cron": -1,
                                                     "limit_time_cpu": 60}), \
                patch.object(work_limits.resource, "getrlimit", lambda _which: unlimited):
            self.assertEqual(work_limits.real_seconds_limit(cron=True), 120)
            self.assertEqual(work_limits.cpu_seconds_left(), 60)
            unit_seconds, unit_cpu, hard_seconds, hard_cpu = work_limits.WorkBudget.for_cron().unit()
            self.assertLessEqual(hard_seconds, 60, "half of the cron worker's wall-clock limit")
            self.assertLessEqual(hard_cpu, 0.8 * 60 * 0.75 + 1e-6)
            self.assertLess(unit_cpu, hard_cpu)
            self.assertLess(unit_seconds, hard_seconds)
        with patch.dict(work_limits.config.options, {"limit_time_real_cron": 0}):
            self.assertIsNone(work_limits.real_seconds_limit(cron=True), "0: no limit for crons")
