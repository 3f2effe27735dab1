# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import threading
import uuid
from contextlib import closing
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

from odoo import fields
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf
from odoo.addons.digitize.models.server.digitize_document_queue import LEASE_SPACE, claim, hold_lease, requeue_stale


class _Receiver(BaseHTTPRequestHandler):
    hits = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.hits.append((self.path, self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestServerQueue(TransactionCase):
    def new_document(self, **values):
        values.setdefault("integration", True)
        return self.env["digitize.document"].create(values)

    def test_two_workers_never_claim_the_same_document(self):
        dbname = self.env.cr.dbname
        setup = db_connect(dbname).cursor()
        uuids = [uuid.uuid4().hex for _ in range(2)]
        try:
            for value in uuids:
                setup.execute("""INSERT INTO digitize_document (uuid, doc_type, source, company_id, state, status,
                                   attempts, webhook_state, integration, create_date, write_date)
                                 VALUES (%s, 'invoice', 'extract', %s, 'queued', 'processing', 0, 'none', true,
                                         now() at time zone 'UTC', now() at time zone 'UTC')""",
                              (value, self.env.company.id))
            setup.commit()
            worker_a, worker_b = db_connect(dbname).cursor(), db_connect(dbname).cursor()
            try:
                # the other queued rows of the database (none in a fresh test db) must not disturb: filter ours
                claimed_a = claim(worker_a, 1)
                claimed_b = claim(worker_b, 1)
                self.assertEqual(len(claimed_a), 1)
                self.assertEqual(len(claimed_b), 1)
                self.assertNotEqual(claimed_a, claimed_b, "SKIP LOCKED gives each worker its own document")
            finally:
                worker_a.rollback()
                worker_b.rollback()
                worker_a.close()
                worker_b.close()
        finally:
            setup.execute("DELETE FROM digitize_document WHERE uuid IN %s", (tuple(uuids),))
            setup.commit()
            setup.close()

    def test_documents_of_a_dead_worker_are_requeued_and_those_being_read_are_not(self):
        now = fields.Datetime.now()
        orphan = self.new_document(state="processing", attempts=1, processing_started=now)  # its worker died
        being_read = self.new_document(state="processing", attempts=1,
                                       processing_started=now - timedelta(minutes=30))  # a long read, alive
        dead = self.new_document(state="processing", attempts=3, processing_started=now)
        queued = self.new_document(state="queued")
        self.env.flush_all()
        with closing(db_connect(self.env.cr.dbname).cursor()) as worker:
            hold_lease(worker, being_read.ids)  # the live worker's connection holds the lease
            self.assertEqual(requeue_stale(self.env.cr), sorted((orphan | dead).ids))
            # every lease tried was released: none stays with this transaction (a worker's lease taken later
            # on its own connection would wait for it)
            self.env.cr.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s "
                                "AND pid = pg_backend_pid()", (LEASE_SPACE,))
            self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.invalidate_all()
        self.assertEqual(queued.state, "queued")
        self.assertEqual(orphan.state, "queued", "requeued at once, not after a guessed delay")
        self.assertEqual(being_read.state, "processing", "a document whose worker lives is left to it")
        self.assertEqual((dead.state, dead.status), ("error", "error_internal"))

    def test_processing_runs_the_engine(self):
        spec = InvoiceSpec()
        document = self.new_document(integration=False, data=base64.b64encode(invoice_pdf(spec)))
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.assertEqual((document.state, document.status), ("done", "success"))
        self.assertAlmostEqual(document.result["total"]["selected_value"]["content"], spec.total, places=2)
        self.assertGreater(document.duration, 0)
        self.assertEqual(document.attempts, 1)

    def test_webhook_is_an_empty_post_to_a_local_receiver(self):
        server = HTTPServer(("127.0.0.1", 0), _Receiver)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        _Receiver.hits = []
        try:
            url = f"http://127.0.0.1:{server.server_port}/hook"
            document = self.new_document(webhook_url=url)
            self.env.flush_all()
            self.env["digitize.document"]._process_queue_now()
            self.assertEqual(document.webhook_state, "pending")
            # loopback is refused unless the administrator allows private targets
            self.env["digitize.document"]._cron_send_webhooks()
            self.assertEqual(document.webhook_state, "failed")
            self.assertIn("non-public address", document.webhook_error, "the refusal is shown on the document")
            self.assertEqual(_Receiver.hits, [])
            self.env["ir.config_parameter"].sudo().set_param("digitize.webhook_allow_private", "1")
            document.write({"webhook_state": "pending", "webhook_attempts": 0})
            self.env["digitize.document"]._cron_send_webhooks()
            self.assertEqual(document.webhook_state, "sent")
            self.assertFalse(document.webhook_error)
            self.assertEqual(_Receiver.hits, [(f"/hook/{document.uuid}", b"")], "no data travels in the ping")
        finally:
            server.shutdown()
            server.server_close()

    def test_webhook_retries_with_back_off(self):
        self.env["ir.config_parameter"].sudo().set_param("digitize.webhook_allow_private", "1")
        document = self.new_document(webhook_url="http://127.0.0.1:9/closed", state="done",
                                     webhook_state="pending", webhook_next_try=fields.Datetime.now())
        self.env["digitize.document"]._cron_send_webhooks()
        self.assertEqual((document.webhook_state, document.webhook_attempts), ("pending", 1))
        self.assertGreater(document.webhook_next_try, fields.Datetime.now())
        self.env["digitize.document"]._cron_send_webhooks()
        self.assertEqual(document.webhook_attempts, 1, "not retried before its time")

    def test_retention(self):
        self.env["ir.config_parameter"].sudo().set_param("digitize.retention_days", "10")
        old = self.new_document(data=base64.b64encode(b"%PDF-1.4"))
        old_validated = self.new_document(data=base64.b64encode(b"%PDF-1.4"), validation={"total": {"content": 1}},
                                          validated_at=fields.Datetime.now())
        recent = self.new_document()
        self.env.flush_all()
        self.env.cr.execute("UPDATE digitize_document SET create_date = %s WHERE id IN %s",
                            (fields.Datetime.now() - timedelta(days=11), (old.id, old_validated.id)))
        self.env.invalidate_all()
        self.env["digitize.document"]._cron_purge()
        self.assertFalse(old.exists())
        self.assertTrue(old_validated.exists() and old_validated.validation and not old_validated.data)
        self.assertTrue(recent.exists())

    def test_tokens_are_hashed_and_checked(self):
        account = self.env["digitize.account"].create({"name": "A"})
        token = account._set_new_token()
        self.assertNotIn(token, (account.sudo().token_hash, account.token_hint))
        self.assertEqual(self.env["digitize.account"]._find_by_token(token), account)
        self.assertFalse(self.env["digitize.account"]._find_by_token(token[:-1] + "0" if token[-1] != "0" else "1"))
        self.assertFalse(self.env["digitize.account"]._find_by_token(None))
        account.active = False
        self.assertFalse(self.env["digitize.account"]._find_by_token(token))

    def test_credits_are_spent_atomically(self):
        account = self.env["digitize.account"].create({"name": "A", "credits": 1})
        self.assertTrue(account._consume_credit())
        self.assertFalse(account._consume_credit())
        self.assertEqual(account.credits, 0)

    def test_record_rules_per_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        mine = self.new_document()
        theirs = self.new_document(company_id=other.id)
        user = self.env["res.users"].create({
            "name": "Admin of one company", "login": "digitize_admin_one",
            "groups_id": [(6, 0, [self.env.ref("base.group_system").id])],
            "company_id": self.env.company.id, "company_ids": [(6, 0, [self.env.company.id])]})
        visible = self.env["digitize.document"].with_user(user).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)

    def test_the_result_and_validation_read_as_indented_json(self):
        document = self.new_document(result={"total": {"selected_value": {"content": 12.5}}},
                                     validation={"total": {"content": 12.5}})
        self.assertIn('\n  "total": {\n', document.result_text)
        self.assertIn('"content": 12.5', document.validation_text)
        self.assertFalse(self.new_document().result_text, "nothing read, nothing shown")
        form = self.env["digitize.document"].get_view(view_type="form")["arch"]
        self.assertIn('name="result_text"', form)
