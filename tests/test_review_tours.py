# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The review loop in the browser, on a bill uploaded through the bills list and read by the local provider."""
import base64
import datetime
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, image_bytes, invoice_pdf, receipt_image
from odoo.addons.web.tests.test_js import unit_test_error_checker


@tagged("post_install", "-at_install")
class TestReviewTours(AccountTestInvoicingCommon, HttpCase):
    browser_size = "1920,1080"  # wide enough for the form's attachment preview beside the sheet

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the open form learns through the bus that its document was read (Odoo disables it in tests by default)
        cls.startClassPatcher(patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True))
        # an administrator: the review tour runs the queue's crons by hand (their scheduler does not run in tests)
        # and the received documents are the server role's, shown to administrators
        cls.env.user.groups_id += cls.env.ref("base.group_system")

    def test_review_loop_on_an_uploaded_bill(self):
        self.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "auto_send"})
        self.env["res.partner"].create({"name": "Muster Werkzeug", "vat": "DE136695976", "is_company": True})
        # 7 %: a rate the company has no purchase tax for, so the bill's total cannot match the document's
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976", number="RE-4711",
                           tax_rate=7.0)
        self.env["ir.attachment"].create({"name": "digitize_review_bill.pdf", "mimetype": "application/pdf",
                                          "datas": base64.b64encode(invoice_pdf(spec))})
        self.start_tour("/odoo/action-account.action_move_in_invoice_type", "digitize_review_tour",
                        login=self.env.user.login)
        bill = self.env["account.move"].search([("ref", "=", "RE-4711"), ("move_type", "=", "in_invoice")])
        self.assertEqual(len(bill), 1, "one bill, created by the upload")
        self.assertEqual(bill.state, "posted", "confirmed through the mismatch dialog")
        self.assertEqual(bill.invoice_date, datetime.date(*spec.due), "the date picked on the document: the other one")

    def test_received_document_shows_its_result_boxes(self):
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976", number="RE-4711")
        document = self.env["digitize.document"].create({"doc_type": "invoice",
                                                         "data": base64.b64encode(invoice_pdf(spec))})
        document._process()
        self.assertEqual(document.state, "done")
        self.start_tour(f"/odoo/action-digitize.action_digitize_document/{document.id}",
                        "digitize_received_document_tour", login=self.env.user.login)

    def test_receipt_image_boxes_are_picked_where_they_stand(self):
        if "hr.expense" not in self.env or "digitize_candidates" not in self.env["hr.expense"]._fields:
            self.skipTest("the Expenses bridge (digitize_hr_expense) is not installed")
        self.env.company.write({"digitize_provider": "local", "digitize_expense_mode": "manual_send"})
        employee = self.env["hr.employee"].create({"name": "Receipt Employee", "user_id": self.env.user.id,
                                                   "company_id": self.env.company.id})
        # a cash receipt: TOTAL, TOTAL ROUNDED and CASH are all candidates of the total
        receipt, truth = receipt_image(rounded=True, items=(("LATTE", 9.50), ("CROISSANT", 6.92)))
        expense = self.env["hr.expense"].create({"name": "Receipt", "employee_id": employee.id})
        attachment = self.env["ir.attachment"].create({
            "name": "receipt.jpg", "datas": base64.b64encode(image_bytes(receipt, "JPEG")), "mimetype": "image/jpeg",
            "res_model": "hr.expense", "res_id": expense.id})
        expense.message_post(attachment_ids=attachment.ids)
        expense.action_digitize()
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env.flush_all()
        self.env["digitize.service"]._cron_poll()
        self.assertAlmostEqual(expense.total_amount_currency, truth["total"], places=2)
        self.start_tour(f"/odoo/action-hr_expense.hr_expense_actions_my_all/{expense.id}",
                        "digitize_expense_review_tour", login=self.env.user.login)
        self.assertNotAlmostEqual(expense.total_amount_currency, truth["total"], places=2, msg="another box picked")


def _hoot_hash(name):
    """The filter Odoo's Hoot runner takes for a suite (as web's own test runner computes it)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestBoxGeometryUnit(HttpCase):
    def test_box_geometry_hoot_suite(self):
        """static/tests/*.test.js (the boxes' geometry), in Odoo's Hoot runner, this addon's suite only."""
        suite = _hoot_hash("@digitize")
        self.browser_js(f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&suite={suite}", "", "",
                        login="admin", timeout=600, success_signal="[HOOT] test suite succeeded",
                        error_checker=unit_test_error_checker)
