# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReceivedDocumentPreview(TransactionCase):
    def make(self, result, **values):
        return self.env["digitize.document"].create(dict({
            "doc_type": "invoice", "data": base64.b64encode(b"%PDF-1.4 test"), "state": "done", "result": result},
            **values))

    def test_selected_value_is_found_among_the_candidates(self):
        first = {"content": "2024-03-14", "coords": [0.5, 0.2, 0.1, 0.01, 0.0], "page": 0, "score": 0.9}
        second = {"content": "2024-04-13", "coords": [0.5, 0.3, 0.1, 0.01, 0.0], "page": 0, "score": 0.2}
        document = self.make({"date": {"candidates": [first, second], "selected_value": second},
                              "full_text_annotation": "text"})
        preview = document.preview
        self.assertEqual(preview["url"], f"/web/content/digitize.document/{document.id}/data")
        self.assertEqual(preview["mimetype"], "application/pdf")
        self.assertEqual(list(preview["features"]), ["date"], "only features with boxes")
        date = preview["features"]["date"]
        self.assertEqual((date["field"], date["label"], date["selected"]), ("date", "Date", 1))
        self.assertEqual(date["candidates"], [first, second])

    def test_candidates_without_coords_are_dropped_and_a_lone_selected_value_kept(self):
        chosen = {"content": 12.5, "coords": [0.8, 0.9, 0.05, 0.01, 0.0], "page": 1}
        document = self.make({
            "total": {"candidates": [{"content": 10.0, "coords": None, "page": 0}], "selected_value": chosen},
            "iban": {"candidates": []},
            "invoice_lines": [{"description": {"candidates": []}}],
        })
        total = document.preview["features"]["total"]
        self.assertEqual(total["candidates"], [chosen])
        self.assertEqual(total["selected"], 0)
        self.assertEqual(list(document.preview["features"]), ["total"])

    def test_features_in_reading_order(self):
        def one(content, y):
            candidate = {"content": content, "coords": [0.5, y, 0.1, 0.01, 0.0], "page": 0}
            return {"candidates": [candidate], "selected_value": candidate}
        document = self.make({"total": one(10.0, 0.9), "zzz_custom": one("x", 0.5), "supplier": one("ACME", 0.1)})
        self.assertEqual(list(document.preview["features"]), ["supplier", "total", "zzz_custom"])
        self.assertEqual(document.preview["features"]["zzz_custom"]["label"], "Zzz custom")

    def test_no_file_no_preview(self):
        document = self.make({}, data=False)
        self.assertFalse(document.preview)

    def test_the_list_says_which_documents_this_database_sent(self):
        local = self.make({}, local=True)
        extract = self.make({})
        smartscan = self.make({}, source="smartscan")
        self.assertEqual([local.sent_through, extract.sent_through, smartscan.sent_through],
                         ["local", "extract", "smartscan"])
