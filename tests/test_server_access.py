# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Nobody but the account that created a document reads or validates it, on every route and API version; this
database's own documents are never reachable over HTTP."""
import base64
import inspect
import json

from odoo import fields
from odoo.tests import tagged

from odoo.addons.digitize.models.client.digitize_service import DigitizeService
from odoo.addons.digitize.models.server.digitize_server_api import DigitizeServer
from odoo.addons.digitize.protocol import extract_api

from .common import DigitizeHttpCase

RESULT = {"total": {"selected_value": {"content": 99.0, "coords": [0.5, 0.5, 0.1, 0.1, 0]}, "candidates": []}}
# (route, doc type, version, how the route names its documents)
READ_ROUTES = [
    ("/api/extract/invoice/1/get_result", "invoice", 122, "one"),
    ("/api/extract/invoice/1/get_result_batch", "invoice", 122, "batch"),
    ("/api/extract/invoice/1/get_results", "invoice", 122, "batch"),
    ("/api/extract/invoice/2/get_result", "invoice", 123, "one"),
    ("/api/extract/invoice/2/get_result_batch", "invoice", 123, "batch"),
    ("/api/extract/invoice/1/get_result", "invoice", 120, "one"),  # an older version on the current route
    ("/api/extract/expense/1/get_result", "expense", 132, "one"),
    ("/api/extract/expense/2/get_result_batch", "expense", 133, "batch"),
    ("/api/extract/expense/1/get_result", "expense", 120, "one"),
    ("/api/extract/applicant/1/get_result", "applicant", 102, "one"),
    ("/api/extract/applicant/2/get_result_batch", "applicant", 102, "batch"),
    ("/iap/invoice_extract/get_results", "invoice", 120, "batch"),
    ("/iap/invoice_extract/get_result", "invoice", 120, "one"),
    ("/iap/expense_extract/get_result", "expense", 120, "one"),
    ("/iap/expense_extract/get_results", "expense", 120, "batch"),
]
VALIDATE_ROUTES = [
    ("/api/extract/invoice/1/validate", "invoice", 122, "one"),
    ("/api/extract/invoice/2/validate_batch", "invoice", 123, "batch"),
    ("/api/extract/expense/1/validate", "expense", 120, "one"),
    ("/api/extract/applicant/2/validate_batch", "applicant", 102, "batch"),
    ("/iap/invoice_extract/validate", "invoice", 120, "one"),
    ("/iap/expense_extract/validate", "expense", 120, "one"),
]
VALUES = {"invoice": {"total": {"content": 1.0}}, "expense": {"total": {"content": 1.0}},
          "applicant": {"name": {"content": "X"}}}


@tagged("post_install", "-at_install")
class TestDocumentAccess(DigitizeHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["digitize.account"].create({"name": "Another client", "credits": 5})
        cls.other_token = cls.other._set_new_token()
        Document = cls.env["digitize.document"]
        cls.mine, cls.theirs, cls.local = Document, Document, Document
        for doc_type in ("invoice", "expense", "applicant"):
            common = {"doc_type": doc_type, "state": "done", "status": "success", "result": RESULT,
                      "data": base64.b64encode(b"%PDF-1.4 secret")}
            cls.mine |= Document.create(dict(common, account_id=cls.account.id))
            cls.theirs |= Document.create(dict(common, account_id=cls.other.id))
            # this database's own documents: the client role's local provider (no account)
            cls.local |= Document.create(dict(common, local=True))
        cls.integration = Document.create({"doc_type": "invoice", "integration": True, "state": "done",
                                           "status": "success", "result": RESULT})
        cls.all_ids = list(range(1, max(Document.search([]).ids) + 3))

    def ask(self, route, version, shape, keys, token=None, method_values=None):
        """The result of one call naming ``keys`` (uuids or integer ids) with ``token`` (None: no token)."""
        params = {"version": version}
        if token is not None:
            params["account_token"] = token
        if method_values is not None:  # a validation
            if shape == "batch":
                params["documents"] = {str(k): method_values for k in keys}
            else:
                params.update(document_uuid=keys[0], document_token=keys[0], document_id=keys[0],
                              values=method_values)
        elif shape == "batch":
            params.update(documents_uuids=keys, documents_ids=keys)
        else:
            params.update(document_uuid=keys[0], document_token=keys[0], document_id=keys[0])
        return self.result(route, params)

    def assert_nothing_leaks(self, answer, *secrets):
        text = json.dumps(answer)
        self.assertNotIn('"results"', text)
        for secret in secrets:
            self.assertNotIn(secret, text)

    def keys_of(self, documents, version):
        keys = documents.mapped("uuid")
        if version == 120:
            keys += documents.ids
        return keys

    def entry(self, answer, shape):
        if shape == "batch":
            self.assertEqual(len(answer), 1, answer)
            return next(iter(answer.values()))
        return answer

    def test_reads_need_the_owners_token_on_every_route_and_version(self):
        accounts = ((self.token, self.mine), (self.other_token, self.theirs))
        for route, doc_type, version, shape in READ_ROUTES:
            legacy = extract_api.is_legacy(version, doc_type)
            with self.subTest(route=route, version=version):
                # no token, an unknown token: refused before any document is looked up
                for token in (None, "", "0" * 64, self.token[:-1] + ("0" if self.token[-1] != "0" else "1"), 7):
                    answer = self.ask(route, version, shape, self.keys_of(self.mine, version)[:1], token)
                    self.assertEqual(answer["status_code"], 13, (token, answer))
                    self.assert_nothing_leaks(answer)
                for token, owned in accounts:
                    own = owned.filtered(lambda d, doc_type=doc_type: d.doc_type == doc_type)
                    # every id counted up and every uuid that is not this account's: nothing is found
                    foreign = (self.mine | self.theirs | self.local | self.integration) - own
                    keys = [i for i in self.all_ids if i not in own.ids] if legacy else []
                    for key in keys + foreign.mapped("uuid"):
                        entry = self.entry(self.ask(route, version, shape, [key], token), shape)
                        self.assertEqual(entry["status_code"], 4, (key, entry))
                        self.assert_nothing_leaks(entry)
                    # the owner reads its own, by uuid and (legacy) by id
                    for key in self.keys_of(own, version):
                        entry = self.entry(self.ask(route, version, shape, [key], token), shape)
                        self.assertEqual(entry["status_code"], 0, (key, entry))

    def test_this_databases_own_documents_are_never_reachable_over_http(self):
        keys = self.local.mapped("uuid") + self.local.ids
        for route, _doc_type, version, shape in READ_ROUTES:
            for token in (self.token, self.other_token, "integration_token"):
                for key in keys:
                    entry = self.entry(self.ask(route, version, shape, [key], token), shape)
                    self.assertEqual(entry["status_code"], 4, (route, token, key, entry))
        for route, doc_type, version, shape in VALIDATE_ROUTES:
            for key in keys:
                self.ask(route, version, shape, [key], "integration_token", VALUES[doc_type])
        self.assertFalse(any(self.local.mapped("validated_at")), "nobody validated them from outside")

    def test_validations_need_the_owners_token(self):
        for route, doc_type, version, shape in VALIDATE_ROUTES:
            legacy = extract_api.is_legacy(version, doc_type)
            mine = self.mine.filtered(lambda d, doc_type=doc_type: d.doc_type == doc_type)
            keys = mine.mapped("uuid") + (mine.ids if legacy else [])
            with self.subTest(route=route):
                for key in keys:
                    answer = self.ask(route, version, shape, [key], None, VALUES[doc_type])
                    self.assertEqual(answer["status_code"], 13, answer)
                    answer = self.ask(route, version, shape, [key], self.other_token, VALUES[doc_type])
                    self.assertNotEqual(answer["status_code"], 0, answer)
                self.assertFalse(mine.validated_at, "a stranger cannot spend the one validation")
        owner = self.ask("/api/extract/invoice/1/validate", 122, "one", [self.mine[0].uuid], self.token,
                         VALUES["invoice"])
        self.assertEqual(owner["status"], "success")
        self.assertTrue(self.mine[0].validated_at)

    def test_integration_documents_answer_the_integration_token_only(self):
        answer = self.ask("/api/extract/invoice/1/get_result", 122, "one", [self.integration.uuid],
                          "integration_token")
        self.assertEqual(answer["status"], "success")
        for token in (self.token, None):
            answer = self.ask("/api/extract/invoice/1/get_result", 122, "one", [self.integration.uuid], token)
            self.assertIn(answer["status"], ("error_document_not_found", "error_invalid_account_token"))
        # and the integration token reaches no real account's document
        for document in self.mine | self.theirs:
            answer = self.ask("/iap/invoice_extract/get_result", 120, "one", [document.id], "integration_token")
            self.assertEqual(answer["status_code"], 4)

    def test_the_server_role_has_no_method_callable_over_rpc(self):
        # Odoo's RPC calls any public method with a context the caller chooses (digitize_local among them)
        for model_class in (DigitizeServer, DigitizeService):
            public = [name for name, member in inspect.getmembers(model_class, inspect.isfunction)
                      if not name.startswith("_") and member.__module__ == model_class.__module__]
            self.assertEqual(public, [], model_class)
        self.authenticate("admin", "admin")
        response = self.url_open("/web/dataset/call_kw/digitize.server/_extract_call", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": "digitize.server", "method": "_extract_call",
                "args": ["invoice", "get_result", {"document_uuid": self.local[0].uuid}],
                "kwargs": {"context": {"digitize_local": True}}}}),
            headers={"Content-Type": "application/json"})
        self.assertIn("error", response.json())
        self.assertNotIn('"results"', response.text)


@tagged("post_install", "-at_install")
class TestSmartscanAccess(DigitizeHttpCase):
    def call(self, path, body, token):
        return self.url_open(path, data=json.dumps(body), headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})

    def test_feedback_and_deletion_reach_the_callers_documents_only(self):
        other = self.env["digitize.account"].create({"name": "Another client", "credits": 5})
        other_token = other._set_new_token()
        Document = self.env["digitize.document"]
        mine = Document.create({"doc_type": "invoice", "source": "smartscan", "account_id": self.account.id,
                                "state": "done", "status": "success", "result": RESULT,
                                "feedback_tags": ["shared-tag"]})
        demo = Document.create({"doc_type": "invoice", "source": "smartscan", "state": "done",
                                "status": "success", "result": RESULT, "feedback_tags": ["shared-tag"]})
        local = Document.create({"doc_type": "invoice", "local": True, "state": "done", "status": "success",
                                 "result": RESULT})
        self.env.flush_all()
        body = {"id": mine.uuid, "true_values": {"total_incl_vat": 1.0}}
        valet = self.call("/v1/access/valetkey", {"sub": "u1"}, other_token).json()["token"]
        for token in (other_token, valet, "demo", "nope", ""):
            response = self.call("/v1/feedback:create", body, token)
            self.assertIn(response.status_code, (401, 404), token)
        for document in (demo, local):
            response = self.call("/v1/feedback:create", dict(body, id=document.uuid), other_token)
            self.assertEqual(response.status_code, 404)
        self.assertFalse(mine.validated_at or demo.validated_at or local.validated_at)
        self.assertEqual(self.call("/v1/feedback:delete", {"tags": ["shared-tag"]}, other_token).status_code, 200)
        self.assertFalse(any((mine | demo).mapped("feedback_delete_requested")), "another account deletes nothing")
        self.assertEqual(self.call("/v1/feedback:create", body, self.token).status_code, 200)
        mine.invalidate_recordset()
        self.assertTrue(mine.validated_at)

    def test_an_expired_or_unknown_valet_key_reads_nothing(self):
        issued = self.call("/v1/access/valetkey", {}, self.token).json()
        key = self.env["digitize.valet.key"].search([("key_id", "=", issued["id"])])
        key.expires_at = fields.Datetime.now()
        response = self.call("/v1/feedback:create", {"id": "x", "true_values": {"currency": "EUR"}},
                             issued["token"])
        self.assertEqual(response.status_code, 401)
        response = self.call("/v1/access/valetkey", {}, issued["token"])
        self.assertEqual(response.status_code, 401)
