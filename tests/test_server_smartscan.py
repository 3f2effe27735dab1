# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import time
import uuid
from contextlib import closing
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.digitize.models.server import digitize_server_api as server_api
from odoo.addons.digitize.protocol import smartscan
from odoo.addons.digitize.protocol.smartscan import SmartscanError

from .common import DigitizeHttpCase

RATE_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after")


@tagged("post_install", "-at_install")
class TestSmartscanApi(DigitizeHttpCase):
    def call(self, path, body, token=None, raw=None):
        headers = {"Content-Type": "application/json"}
        if token is not False:
            headers["Authorization"] = f"Bearer {token or self.token}"
        response = self.url_open(path, data=raw if raw is not None else json.dumps(body), headers=headers)
        for header in RATE_HEADERS:
            self.assertIn(header, response.headers, f"{header} on every answer ({response.status_code})")
        return response

    def annotate(self, features=None, token=None):
        body = {"document": {"content": self.pdf_b64}}
        if features is not None:
            body["features"] = features
        return self.call("/v1/document:annotate", body, token)

    def test_annotate_default_features(self):
        response = self.annotate()
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["retry-after"], "-1")
        answer = response.json()
        total = answer["totalInclVat"][0]
        self.assertEqual(total["value"], f"{self.spec.total:.2f}")
        self.assertIn(total["confidence"]["level"], ("HIGH", "VERY_HIGH"))
        self.assertEqual(len(total["boundingBox"]["normalizedVertices"]), 4)
        self.assertEqual(len(total["boundingBox"]["vertices"]), 4)
        self.assertEqual(answer["invoiceNumber"][0]["value"], "RE-4711")
        self.assertEqual(answer["documentType"][0]["value"], "Invoice")
        self.assertNotIn("text", answer, "TEXT is not part of DEFAULT")
        self.assertTrue(self.env["digitize.document"].search([("uuid", "=", answer["feedbackId"])]))

    def test_feature_settings(self):
        answer = self.annotate([{"type": "TEXT"}, {"type": "CURRENCY", "maxResults": 2, "minConfidence": "VERY_LOW"},
                                {"type": "PREVIEW"}]).json()
        self.assertIn("RE-4711", answer["text"])
        self.assertEqual(answer["currency"][0]["value"], "EUR")
        self.assertLessEqual(len(answer["currency"]), 2)
        self.assertTrue(base64.b64decode(answer["preview"]).startswith(b"\x89PNG"))
        self.assertNotIn("totalInclVat", answer)
        bad = self.annotate([{"type": "NOT_A_FEATURE"}])
        self.assertEqual(bad.status_code, 400)

    def test_mime_base64_and_bad_bodies(self):
        mime = base64.encodebytes(base64.b64decode(self.pdf_b64)).decode()
        response = self.call("/v1/document:annotate", {"document": {"content": mime}})
        self.assertEqual(response.status_code, 400)
        self.assertIn("MIME", response.json()["message"])
        self.assertEqual(self.call("/v1/document:annotate", None, raw="{oops").status_code, 400)
        self.assertEqual(self.call("/v1/document:annotate", {"nothing": 1}).status_code, 400)
        junk = base64.b64encode(b"PK\x03\x04 zip").decode()
        self.assertEqual(self.call("/v1/document:annotate", {"document": {"content": junk}}).status_code, 400)

    def test_http_uri_is_off_by_default(self):
        response = self.call("/v1/document:annotate", {"document": {"source": {"httpUri": "http://127.0.0.1/x.pdf"}}})
        self.assertEqual(response.status_code, 400)
        self.assertIn("disabled", response.json()["message"])
        self.env["ir.config_parameter"].sudo().set_param("digitize.smartscan_allow_http_uri", "1")
        response = self.call("/v1/document:annotate", {"document": {"source": {"httpUri": "http://127.0.0.1/x.pdf"}}})
        self.assertEqual(response.status_code, 400)
        self.assertIn("non-public", response.json()["message"])

    def test_authentication(self):
        self.assertEqual(self.annotate(token="wrong").status_code, 401)
        self.assertEqual(self.annotate(token=False).status_code, 401)

    def test_oversized_request_is_413(self):
        big = "A" * (smartscan.MAX_REQUEST_BYTES + 10)
        response = self.call("/v1/document:annotate", None, raw=json.dumps({"document": {"content": big}}))
        self.assertEqual(response.status_code, 413)

    def test_demo_token_is_rate_limited(self):
        # rate events are committed on a connection of their own: forget the demo calls of earlier tests
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            cr.execute("DELETE FROM digitize_rate_event WHERE key = 'demo'")
            cr.commit()
        statuses = []
        for _ in range(smartscan.DEMO_RATE_LIMIT + 1):
            response = self.call("/v1/feedback:delete", {"tags": ["nobody"]}, token="demo")
            statuses.append(response.status_code)
        self.assertEqual(statuses[:-1], [200] * smartscan.DEMO_RATE_LIMIT)
        self.assertEqual(statuses[-1], 429)
        self.assertEqual(response.headers["x-ratelimit-remaining"], "0")
        self.assertEqual(response.headers["x-ratelimit-limit"], str(smartscan.DEMO_RATE_LIMIT))
        self.assertGreater(int(response.headers["retry-after"]), 0)
        # another token has its own window
        self.assertEqual(self.call("/v1/feedback:delete", {"tags": ["nobody"]}).status_code, 200)

    def test_rate_window_is_rolling(self):
        Rate = self.env["digitize.rate.event"]
        key = uuid.uuid4().hex  # committed outside the test's transaction: a key of its own
        with freeze_time("2026-01-01 10:00:00"):
            for _ in range(3):
                self.assertTrue(Rate._hit(key, 3)[0])
            allowed, limit, remaining, reset, retry = Rate._hit(key, 3)
            self.assertFalse(allowed)
            self.assertEqual((limit, remaining), (3, 0))
        with freeze_time("2026-01-01 10:01:01"):
            self.assertTrue(Rate._hit(key, 3)[0])

    def test_a_document_too_large_for_a_synchronous_request_is_413_with_a_way_out(self):
        # too many pages, too long, or too much CPU time for what the worker's limit_time_cpu leaves
        for patched in ({"SYNC_MAX_PAGES": 0}, {"SYNC_SECONDS": 1e-9}, {"cpu_seconds_left": lambda: 1e-6}):
            with patch.multiple(server_api, **patched):
                response = self.annotate()
            self.assertEqual(response.status_code, 413, (patched, response.text))
            self.assertIn("/api/extract/invoice/2/parse", response.json()["message"])
        self.assertEqual(self.annotate().status_code, 200, "within the limits it is read")

    def test_valet_key(self):
        response = self.call("/v1/access/valetkey", {"sub": "customer-42"})
        self.assertEqual(response.status_code, 200, response.text)
        issued = response.json()
        self.assertEqual(set(issued), {"id", "token"})
        self.assertEqual(self.annotate(token=issued["token"]).status_code, 200)
        # a valet key cannot issue valet keys, and exp is limited to 48 h
        self.assertEqual(self.call("/v1/access/valetkey", {"sub": "x"}, token=issued["token"]).status_code, 403)
        too_far = int(time.time()) + 49 * 3600
        self.assertEqual(self.call("/v1/access/valetkey", {"exp": too_far}).status_code, 400)
        key = self.env["digitize.valet.key"].search([("key_id", "=", issued["id"])])
        self.assertEqual(key.subject, "customer-42")
        Valet = self.env["digitize.valet.key"]
        with freeze_time(fields.Datetime.now() + timedelta(hours=7, minutes=59)):
            self.assertEqual(Valet._find_valid(issued["token"]), key)
        with freeze_time(fields.Datetime.now() + timedelta(hours=8, minutes=1)):
            self.assertFalse(Valet._find_valid(issued["token"]), "default expiry is 8 hours")

    def test_feedback_window_and_once_only(self):
        feedback_id = self.annotate().json()["feedbackId"]
        body = {"id": feedback_id, "tags": ["customer-7"], "true_values": {
            "total_incl_vat": 300.0, "order_date": {"day": 1, "month": 2, "year": 2019}}}
        self.assertEqual(self.call("/v1/feedback:create", body).status_code, 200)
        document = self.env["digitize.document"].search([("uuid", "=", feedback_id)])
        self.assertEqual(document.validation, {"total": {"content": 300.0}, "date": {"content": "2019-02-01"}})
        self.assertEqual(self.call("/v1/feedback:create", body).status_code, 404, "feedback is given once")
        late_id = self.annotate().json()["feedbackId"]
        server = self.env["digitize.server"]
        auth = server._smartscan_auth(f"Bearer {self.token}")
        with freeze_time(fields.Datetime.now() + timedelta(hours=25)):
            with self.assertRaises(SmartscanError) as caught:
                server._smartscan_feedback_create(auth, dict(body, id=late_id))
            self.assertEqual(caught.exception.http_status, 404)
        self.assertEqual(self.call("/v1/feedback:create", {"id": "x", "true_values": {"nope": 1}}).status_code, 400)

    def test_feedback_conflict_when_another_call_holds_the_document(self):
        dbname = self.env.cr.dbname
        other = db_connect(dbname).cursor()
        value = uuid.uuid4().hex
        try:
            # committed by another connection, so that it can lock the row (the demo token: no account)
            other.execute("""INSERT INTO digitize_document (uuid, doc_type, source, company_id, state,
                               status, attempts, webhook_state, create_date, write_date)
                             VALUES (%s, 'invoice', 'smartscan', %s, 'done', 'success', 0, 'none',
                                     now() at time zone 'UTC', now() at time zone 'UTC') RETURNING id""",
                          (value, self.account.company_id.id))
            other.commit()
            other.execute("SELECT id FROM digitize_document WHERE uuid = %s FOR UPDATE", (value,))
            # a second, real connection plays the concurrent call (the test transaction cannot see the row)
            with db_connect(dbname).cursor() as concurrent:
                server = api.Environment(concurrent, SUPERUSER_ID, {})["digitize.server"]
                auth = server._smartscan_auth("Bearer demo")
                with self.assertRaises(SmartscanError) as caught:
                    server._smartscan_feedback_create(auth, {"id": value, "true_values": {"currency": "EUR"}})
                self.assertEqual(caught.exception.http_status, 409)
                concurrent.rollback()
        finally:
            other.rollback()
            other.execute("DELETE FROM digitize_document WHERE uuid = %s", (value,))
            other.commit()
            other.close()

    def test_feedback_delete_by_any_tag(self):
        ids = [self.annotate().json()["feedbackId"] for _ in range(3)]
        for feedback_id, tags in zip(ids, (["a"], ["b", "c"], ["d"])):
            self.call("/v1/feedback:create", {"id": feedback_id, "tags": tags, "true_values": {"currency": "EUR"}})
        self.assertEqual(self.call("/v1/feedback:delete", {"tags": ["a", "c"]}).status_code, 200)
        documents = self.env["digitize.document"].search([("uuid", "in", ids)])
        flagged = documents.filtered("feedback_delete_requested").mapped("uuid")
        self.assertEqual(sorted(flagged), sorted(ids[:2]))
        self.env["digitize.document"]._cron_purge()
        self.assertEqual(self.env["digitize.document"].search([("uuid", "in", ids)]).mapped("uuid"), [ids[2]])
        self.assertEqual(self.call("/v1/feedback:delete", {"tags": []}).status_code, 400)

    def test_a_call_run_again_after_a_serialization_failure_is_counted_once(self):
        Server = type(self.env["digitize.server"])
        original = Server._smartscan_feedback_delete
        runs = []

        def conflicting_once(server, auth, body):
            runs.append(1)
            if len(runs) == 1:  # a concurrent transaction wrote the same rows: Odoo runs the call again
                server.env.cr.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$")
            return original(server, auth, body)
        before = int(self.call("/v1/feedback:delete", {"tags": ["nobody"]}).headers["x-ratelimit-remaining"])
        with patch.object(Server, "_smartscan_feedback_delete", conflicting_once), mute_logger("odoo.sql_db"):
            response = self.call("/v1/feedback:delete", {"tags": ["nobody"]})
        self.assertEqual((response.status_code, len(runs)), (200, 2), response.text)
        self.assertEqual(int(response.headers["x-ratelimit-remaining"]), before - 1, "one request, counted once")
