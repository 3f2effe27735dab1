# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Concurrent API calls on real, separate database connections, through the functions the routes call: every
call gets its proper answer, never an internal error."""
import base64
import json
import threading
import uuid
from contextlib import closing
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.controllers.routing import call_retrying
from odoo.addons.digitize.controllers.smartscan import call, counted
from odoo.addons.digitize.engine.tests.documents import invoice_pdf
from odoo.addons.digitize.protocol.smartscan import SmartscanError


@tagged("post_install", "-at_install")
class TestServerConcurrency(TransactionCase):
    def committed(self, func):
        """``func(env)`` in a connection of its own, committed (the test's transaction is not seen by others)."""
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            result = func(api.Environment(cr, SUPERUSER_ID, {}))
            cr.commit()
            return result

    def run_at_once(self, calls):
        """Each ``call(env)`` in its own thread and connection, started together, as the routes run them; the
        answers (or the exceptions raised) in order."""
        dbname, registry = self.env.cr.dbname, self.registry
        start = threading.Barrier(len(calls))
        answers = [None] * len(calls)

        def work(index, call):
            try:
                with closing(db_connect(dbname).cursor()) as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    start.wait(timeout=60)
                    answers[index] = call_retrying(env, call)
            except Exception as exc:  # noqa: BLE001 (the test reports it)
                answers[index] = exc

        threads = [threading.Thread(target=work, args=(i, call)) for i, call in enumerate(calls)]
        # the test runner holds the registries' lock, which a thread's environment (and a retry) takes to look
        # the registry up: the threads get the test's registry directly
        with patch("odoo.api.Registry", lambda db_name: registry):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(180)
        return answers

    def new_account(self, credits):
        def create(env):
            account = env["digitize.account"].create({"name": "Concurrent client", "credits": credits})
            return account.id, account._set_new_token()
        account_id, token = self.committed(create)
        self.addCleanup(self.committed, lambda env: self.forget(env, account_id))
        return account_id, token

    def forget(self, env, account_id):
        env["digitize.document"].search([("account_id", "=", account_id)]).unlink()
        env["digitize.rate.event"].search([]).unlink()
        env["digitize.account"].browse(account_id).unlink()

    def parse_twice(self, token):
        params = {"account_token": token, "version": 122,
                  "documents": [base64.b64encode(invoice_pdf()).decode()]}

        def call(env):
            server = env["digitize.server"]
            return [server._extract_call("invoice", "parse", dict(params))["status"]]
        # two parses per client, each in its own transaction, as two HTTP requests would be
        return [call, call]

    def check_parses(self, credits, clients):
        account_id, token = self.new_account(credits)
        calls = [call for _ in range(clients) for call in self.parse_twice(token)]
        answers = self.run_at_once(calls)
        statuses = [answer[0] if isinstance(answer, list) else repr(answer) for answer in answers]
        self.assertEqual(statuses.count("success"), credits, statuses)
        self.assertEqual(statuses.count("error_no_credit"), len(calls) - credits, statuses)

        def state(env):
            account = env["digitize.account"].browse(account_id)
            return account.credits, env["digitize.document"].search_count([("account_id", "=", account_id)])
        self.assertEqual(self.committed(state), (0, credits), "one document per credit spent, none lost")

    def test_concurrent_parses_spend_exactly_the_credits_there_are(self):
        self.check_parses(credits=12, clients=8)

    def test_concurrent_parses_on_two_credits_answer_no_credit_to_the_others(self):
        self.check_parses(credits=2, clients=8)

    def test_concurrent_feedback_is_recorded_once(self):
        account_id, token = self.new_account(5)

        def annotated(env):
            return env["digitize.document"].create({
                "doc_type": "invoice", "source": "smartscan", "account_id": account_id, "state": "done",
                "status": "success", "result": {}}).uuid
        feedback_id = self.committed(annotated)
        raw = json.dumps({"id": feedback_id, "true_values": {"total_incl_vat": 12.5}}).encode()

        def feedback(env):
            # as the route does: counted once, then the call, run again after a serialization failure
            try:
                auth, _headers = counted(env, f"Bearer {token}")
                call_retrying(env, lambda env: call(env, "_smartscan_feedback_create", auth, lambda: raw))
                return 200
            except SmartscanError as exc:
                return exc.http_status
        answers = self.run_at_once([feedback] * 4)
        self.assertEqual(answers.count(200), 1, answers)
        self.assertTrue(all(a in (200, 404, 409) for a in answers), answers)

        def validation(env):
            return env["digitize.document"].search([("uuid", "=", feedback_id)]).validation
        self.assertEqual(self.committed(validation), {"total": {"content": 12.5}})

    def test_concurrent_requests_get_distinct_rate_limit_counts(self):
        key = f"test:{uuid.uuid4().hex}"
        answers = self.run_at_once([lambda env: env["digitize.rate.event"]._hit(key, 5)] * 8)
        allowed = [answer for answer in answers if answer[0]]
        self.assertEqual(len(allowed), 5, answers)
        self.assertEqual(sorted(answer[2] for answer in allowed), [0, 1, 2, 3, 4], "each its own remaining count")

    def test_no_rate_limit_lock_is_held_while_a_request_goes_on(self):
        key = f"test:{uuid.uuid4().hex}"
        with closing(db_connect(self.env.cr.dbname).cursor()) as first:
            # a request counted, then busy (reading its document) with its transaction still open
            first.execute("SELECT pg_backend_pid()")
            pid = first.fetchone()[0]
            self.assertTrue(api.Environment(first, SUPERUSER_ID, {})["digitize.rate.event"]._hit(key, 10)[0])
            first.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = %s", (pid,))
            self.assertEqual(first.fetchone()[0], 0, "the request holds no rate-limit lock while it goes on")
            answers = self.run_at_once([lambda env: env["digitize.rate.event"]._hit(key, 10)])
            self.assertEqual(answers[0][:3], (True, 10, 8))
            first.rollback()

