# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.digitize.controllers import extract_api as extract_api_routes
from odoo.addons.digitize.protocol import extract_api

from .common import DigitizeHttpCase


@tagged("post_install", "-at_install")
class TestExtractApi(DigitizeHttpCase):
    def parse(self, doc_type="invoice", route="1", **params):
        params.setdefault("account_token", self.token)
        params.setdefault("documents", [self.pdf_b64])
        return self.result(f"/api/extract/{doc_type}/{route}/parse", params)

    def test_full_flow_v12x(self):
        parsed = self.parse(user_infos={"user_lang": "de_DE", "perspective": "client"}, version=122)
        self.assertEqual(parsed["status"], "success")
        self.assertEqual(parsed["status_code"], 0)
        self.assertEqual(parsed["status_msg"], "Success")
        uuid = parsed["document_uuid"]
        document = self.env["digitize.document"].search([("uuid", "=", uuid)])
        self.assertEqual(document.state, "queued")
        self.assertEqual(self.account.credits, 4, "a successful parse costs one credit")

        pending = self.result("/api/extract/invoice/1/get_result",
                              {"version": 122, "document_uuid": uuid, "account_token": self.token})
        self.assertEqual((pending["status"], pending["status_code"], pending["status_msg"]),
                         ("processing", 1, "Not ready"))

        self.process_queue()
        done = self.result("/api/extract/invoice/1/get_result",
                           {"version": 122, "document_uuid": uuid, "account_token": self.token})
        self.assertEqual(done["status"], "success")
        features = done["results"][0]
        self.assertAlmostEqual(features["total"]["selected_value"]["content"], self.spec.total, places=2)
        self.assertEqual(features["invoice_id"]["selected_value"]["content"], "RE-4711")
        self.assertIn("full_text_annotation", features)

        batch = self.result("/api/extract/invoice/1/get_result_batch",
                            {"version": 122, "documents_uuids": [uuid, "nope"], "account_token": self.token})
        self.assertEqual(set(batch), {uuid, "nope"})
        self.assertEqual(batch[uuid]["status"], "success")
        self.assertEqual(batch["nope"]["status"], "error_document_not_found")

        values = {"total": {"content": self.spec.total}, "merged_lines": False,
                  "invoice_lines": {"lines": [{"description": "x", "quantity": 1.0, "unit_price": 2.0,
                                               "subtotal": 2.0, "total": 2.0, "taxes": []}]}}
        validated = self.result("/api/extract/invoice/1/validate",
                                {"document_uuid": uuid, "values": values, "account_token": self.token})
        self.assertEqual(validated["status"], "success")
        document.invalidate_recordset()
        self.assertEqual(document.validation["total"]["content"], self.spec.total)
        again = self.result("/api/extract/invoice/1/validate",
                            {"document_uuid": uuid, "values": values, "account_token": self.token})
        self.assertEqual(again["status"], "error_validation_format", "a document is validated once only")

    def test_odoo_18_client_routes_v2(self):
        parsed = self.parse(route="2", version=123)
        self.assertEqual(parsed["document_token"], parsed["document_uuid"])
        self.process_queue()
        done = self.result("/api/extract/invoice/2/get_result",
                           {"version": 123, "document_token": parsed["document_token"], "account_token": self.token})
        self.assertEqual(done["status"], "success")
        validated = self.result("/api/extract/invoice/2/validate", {
            "document_token": parsed["document_token"], "values": {"total": {"content": 1.0}},
            "account_token": self.token})
        self.assertEqual(validated["status"], "success")

    def test_validate_batch_and_bad_shapes(self):
        first = self.parse(account_token="integration_token")["document_uuid"]
        second = self.parse(account_token="integration_token")["document_uuid"]
        ok = self.result("/api/extract/invoice/1/validate_batch", {"account_token": "integration_token", "documents": {
            first: {"total": {"content": 1.0}}, second: {"date": {"content": "2024-01-01"}}}})
        self.assertEqual(ok["status"], "success")
        third = self.parse(account_token="integration_token")["document_uuid"]
        for bad in ({"total": 12.0}, {"merged_lines": "no"}, [], {"invoice_lines": [1]}):
            answer = self.result("/api/extract/invoice/1/validate",
                                 {"document_uuid": third, "values": bad, "account_token": "integration_token"})
            self.assertEqual((answer["status"], answer["status_code"]), ("error_validation_format", 12))
        answer = self.result("/api/extract/invoice/1/validate_batch",
                             {"documents": "x", "account_token": "integration_token"})
        self.assertEqual(answer["status"], "error_validation_format")

    def test_integration_token_costs_nothing_and_returns_the_sample(self):
        parsed = self.parse(account_token="integration_token")
        self.assertEqual(parsed["status"], "success")
        self.assertEqual(self.account.credits, 5)
        self.process_queue()
        done = self.result("/api/extract/invoice/1/get_result",
                           {"document_uuid": parsed["document_uuid"], "account_token": "integration_token"})
        self.assertEqual(done["results"][0], extract_api.integration_result("invoice"))

    def test_expense_and_applicant_routes(self):
        for doc_type in ("expense", "applicant"):
            parsed = self.parse(doc_type=doc_type, account_token="integration_token")
            self.process_queue()
            done = self.result(f"/api/extract/{doc_type}/1/get_result",
                               {"document_uuid": parsed["document_uuid"], "account_token": "integration_token"})
            self.assertEqual(done["results"][0], extract_api.integration_result(doc_type))
            # a document of one type is not visible through another type's route
            other = self.result("/api/extract/invoice/1/get_result",
                                {"document_uuid": parsed["document_uuid"], "account_token": "integration_token"})
            self.assertEqual(other["status"], "error_document_not_found")

    def test_no_credit(self):
        self.account.credits = 0
        answer = self.parse()
        self.assertEqual((answer["status"], answer["status_code"], answer["status_msg"]),
                         ("error_no_credit", 3, "You don't have enough credit"))
        self.assertNotIn("document_uuid", answer)
        self.account.write({"unlimited": True})
        self.assertEqual(self.parse()["status"], "success")

    def test_unknown_token(self):
        answer = self.parse(account_token="not-a-token")
        self.assertEqual(answer["status"], "error_invalid_account_token")

    def test_unsupported_format(self):
        junk = base64.b64encode(b"PK\x03\x04 a zip file").decode()
        answer = self.parse(documents=[junk])
        self.assertEqual((answer["status"], answer["status_code"], answer["status_msg"]),
                         ("error_unsupported_format", 6, "Unsupported file format"))
        self.assertEqual(self.account.credits, 5, "a refused document costs nothing")
        self.assertEqual(self.parse(documents=[])["status"], "error_unsupported_format")

    def test_corrupt_document_ends_in_error_not_lost(self):
        broken = base64.b64encode(b"%PDF-1.4 broken beyond repair").decode()
        parsed = self.parse(documents=[broken])
        self.assertEqual(parsed["status"], "success")
        self.process_queue()
        done = self.result("/api/extract/invoice/1/get_result",
                           {"document_uuid": parsed["document_uuid"], "account_token": self.token})
        self.assertEqual(done["status"], "error_unsupported_format")
        document = self.env["digitize.document"].search([("uuid", "=", parsed["document_uuid"])])
        self.assertEqual(document.state, "error")
        self.assertTrue(document.data, "the file is kept for the administrator")

    def test_first_pdf_wins(self):
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20).decode()
        parsed = self.parse(documents=[png, self.pdf_b64], account_token="integration_token")
        document = self.env["digitize.document"].search([("uuid", "=", parsed["document_uuid"])])
        self.assertTrue(base64.b64decode(document.data).startswith(b"%PDF"))

    def test_maintenance(self):
        self.env["ir.config_parameter"].sudo().set_param("digitize.maintenance", "1")
        answer = self.parse()
        self.assertEqual((answer["status"], answer["status_code"]), ("error_maintenance", 9))
        self.assertEqual(answer["status_msg"], "Server is currently under maintenance. Please try again later.")

    def test_legacy_v120_routes(self):
        parsed = self.result("/iap/invoice_extract/parse", {
            "account_token": self.token, "version": 120, "documents": [self.pdf_b64], "user_infos": {}})
        self.assertEqual(set(parsed), {"status_code", "status_msg", "document_id"})
        self.assertIsInstance(parsed["document_id"], int)
        pending = self.result("/iap/invoice_extract/get_results", {
            "version": 120, "documents_ids": [parsed["document_id"]], "account_token": self.token})
        self.assertEqual(pending, {str(parsed["document_id"]): {"status_code": 1, "status_msg": "Not ready"}})
        self.process_queue()
        done = self.result("/iap/invoice_extract/get_results", {
            "version": 120, "documents_ids": [parsed["document_id"]], "account_token": self.token})
        entry = done[str(parsed["document_id"])]
        self.assertEqual(entry["status_code"], 0)
        features = entry["results"][0]
        self.assertIn("words", features["total"])
        self.assertIn("global_taxes_amount", features)
        self.assertRegex(features["date"]["selected_value"]["content"], r"^\d{4}-\d{2}-\d{2} 00:00:00$")
        validated = self.result("/iap/invoice_extract/validate", {
            "version": 120, "document_id": parsed["document_id"], "account_token": self.token,
            "values": {"total": {"content": 1.0}}})
        self.assertEqual(validated, {"status_code": 0, "status_msg": "Success"})
        # integer ids are guessable: without the account's token nothing is found
        hidden = self.result("/iap/invoice_extract/get_results", {"version": 120,
                                                                  "documents_ids": [parsed["document_id"]]})
        self.assertEqual(hidden, {"status_code": 13, "status_msg": "The account token is invalid"})

    def test_legacy_expense_routes(self):
        parsed = self.result("/iap/expense_extract/parse", {
            "account_token": "integration_token", "version": 120, "documents": [self.pdf_b64]})
        self.process_queue()
        done = self.result("/iap/expense_extract/get_result", {"version": 120, "document_id": parsed["document_id"],
                                                               "account_token": "integration_token"})
        self.assertEqual(done["status_code"], 0)
        self.assertEqual(done["results"][0]["total"]["words"][0]["content"], 42.5)

    def test_deprecated_get_results_route(self):
        parsed = self.parse(account_token="integration_token")
        answer = self.result("/api/extract/invoice/1/get_results", {"documents_uuids": [parsed["document_uuid"]],
                                                                    "account_token": "integration_token"})
        self.assertEqual(answer[parsed["document_uuid"]]["status"], "processing")

    def test_bad_envelopes(self):
        path = "/api/extract/invoice/1/parse"
        cases = {
            "not json": -32700,
            json.dumps([1]): -32600,
            json.dumps({"method": "call", "id": 1, "params": {}}): -32600,
            json.dumps({"jsonrpc": "2.0", "id": 1, "params": {}}): -32600,
            json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}): -32600,
            json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1}): -32602,
            json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": "x"}): -32602,
            json.dumps({"jsonrpc": "2.0", "method": 1, "id": 1, "params": {}}): -32600,
        }
        for raw, code in cases.items():
            body = self.rpc(path, None, raw=raw)
            self.assertEqual(body["error"]["code"], code, raw)
            self.assertNotIn("Traceback", json.dumps(body))
        # wrong types inside params are API statuses, not crashes
        for params in ({"account_token": 5, "documents": [self.pdf_b64]},
                       {"account_token": self.token, "documents": "abc"},
                       {"account_token": self.token, "documents": [5]}):
            answer = self.result(path, params)
            self.assertTrue(answer["status"].startswith("error_"), params)
        answer = self.result("/api/extract/invoice/1/get_result", {"document_uuid": ["x"], "account_token": self.token})
        self.assertEqual(answer["status"], "error_document_not_found")

    def test_a_body_over_the_size_limit_is_refused_before_it_is_read(self):
        with patch.object(extract_api_routes, "MAX_REQUEST_BYTES", 4096):
            answer = self.result("/api/extract/invoice/1/parse", {"account_token": self.token,
                                                                   "documents": [self.pdf_b64]})
        self.assertEqual((answer["status"], answer["status_code"]), ("error_unsupported_size", 14))
        self.assertFalse(self.env["digitize.document"].search([("account_id", "=", self.account.id)]))

    def test_get_only_post(self):
        response = self.url_open("/api/extract/invoice/1/parse")
        self.assertIn(response.status_code, (404, 405))
