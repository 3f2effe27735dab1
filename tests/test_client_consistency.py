# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A bill whose amounts differ from those read on its document says both numbers and the likely reason, and its
Confirm button asks first; a total confirmed that way is sent back as the truth."""

from types import SimpleNamespace
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.models.client.consistency import Amounts, find_mismatch

from .client_bill_case import DigitizeBillCase


def clicked():
    """As if the call came from the user's click on the button (the web client's call_button)."""
    return patch("odoo.addons.digitize.models.client.digitize_mixin.DigitizeMixin._digitize_clicked",
                 return_value=True)


def one(value):
    return {"selected_value": {"content": value}}


def line(description, quantity, price, rate=19.0):
    return {"description": one(description), "quantity": one(quantity), "unit_price": one(price),
            "taxes": {"selected_values": [{"content": rate}]}}


def bill_result(lines, subtotal, tax, total, currency="EUR"):
    return {"supplier": one("Muster Werkzeug GmbH"), "VAT_Number": one("DE136695976"), "currency": one(currency),
            "invoice_id": one("RE-77"), "date": one("2024-03-14"), "subtotal": one(subtotal),
            "total_tax_amount": one(tax), "total": one(total), "invoice_lines": lines}


@tagged("post_install", "-at_install")
class TestFindMismatch(TransactionCase):
    """The reason finder alone (a pure function)."""

    def test_reasons(self):
        read = Amounts(119.0, 100.0, 19.0)
        self.assertIsNone(find_mismatch(read, Amounts(119.03, 100.0, 19.03), 0.05), "a rounding gap is no mismatch")
        found = find_mismatch(read, Amounts(100.0, 100.0, 0.0), 0.05, missing_rates=[19.0])
        self.assertEqual((found.amount, found.read, found.booked, found.reason, found.details),
                         ("total", 119.0, 100.0, "missing_tax", {"rate": 19.0}))
        self.assertEqual(find_mismatch(read, Amounts(107.0, 100.0, 7.0), 0.05).reason, "taxes")
        self.assertEqual(find_mismatch(read, Amounts(107.1, 90.0, 17.1), 0.05).reason, "lines")
        found = find_mismatch(Amounts(115.43, 97.0, 18.43), Amounts(119.0, 100.0, 19.0), 0.05)
        self.assertEqual((found.reason, found.details["percent"]), ("discount", 3.0))
        self.assertEqual(find_mismatch(Amounts(115.0, 97.0, 18.0), Amounts(119.0, 100.0, 19.0), 0.05).reason,
                         "discount")
        self.assertEqual(find_mismatch(Amounts(117.81, 99.0, 18.81), Amounts(119.0, 100.0, 19.0), 0.05).reason,
                         "discount", "1 % off")
        self.assertEqual(find_mismatch(Amounts(116.7, 98.07, 18.63), Amounts(119.0, 100.0, 19.0), 0.05).reason,
                         "lines", "1.93 % is no round discount")
        found = find_mismatch(read, Amounts(128.52, 108.0, 20.52), 0.05, read_currency="EUR", booked_currency="USD")
        self.assertEqual((found.reason, found.details), ("currency", {"read": "EUR", "booked": "USD"}))
        self.assertIsNone(find_mismatch(Amounts(None, None, None), Amounts(119.0, 100.0, 19.0), 0.05))
        self.assertEqual(find_mismatch(Amounts(120.0, None, None), Amounts(119.0, 100.0, 19.0), 0.05).reason, None)


@tagged("post_install", "-at_install")
class TestClientConsistency(DigitizeBillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax_7 = cls.env["account.tax"].create({
            "name": "Vorsteuer 7%", "amount": 7.0, "amount_type": "percent", "type_tax_use": "purchase",
            "company_id": cls.env.company.id})
        cls.eur = cls.env["res.currency"].with_context(active_test=False).search([("name", "=", "EUR")])
        cls.eur.active = True

    def consistent_bill(self):
        return self.filled_bill(bill_result([line("Schraube", 4, 15.0), line("Mutter", 2, 20.0)], 100.0, 19.0, 119.0))

    def test_consistent_bill_has_no_banner_and_posts_at_once(self):
        bill = self.consistent_bill()
        self.assertEqual(bill.amount_total, 119.0)
        self.assertFalse(bill.digitize_mismatch)
        result = bill.action_post()
        self.assertFalse(isinstance(result, dict) and result.get("res_model") == "digitize.confirm.post")
        self.assertEqual(bill.state, "posted")
        self.assertFalse(bill.digitize_total_confirmed)

    def test_no_purchase_tax_with_the_document_rate(self):
        self.tax_19.active = False
        bill = self.consistent_bill()
        self.assertEqual(bill.amount_total, 100.0, "the lines have no tax")
        text = bill.digitize_mismatch
        self.assertIn("119.00", text)
        self.assertIn("100.00", text)
        self.assertIn("no purchase tax with rate 19 %", text)
        self.tax_19.active = True
        bill.invalidate_recordset(["digitize_mismatch"])
        self.assertNotIn("no purchase tax", bill.digitize_mismatch or "",
                         "once the tax exists, the reason is no longer said as missing")

    def test_lines_do_not_add_up(self):
        bill = self.filled_bill(bill_result([line("Schraube", 4, 15.0), line("Mutter", 2, 15.0)], 100.0, 19.0, 119.0))
        self.assertEqual(bill.amount_untaxed, 90.0)
        self.assertIn("The lines add up to", bill.digitize_mismatch)
        self.assertIn("a line is missing or misread", bill.digitize_mismatch)
        self.assertIn("119.00", bill.digitize_mismatch)
        self.assertIn("107.10", bill.digitize_mismatch)

    def test_discount_line_missing(self):
        bill = self.filled_bill(bill_result([line("Schraube", 4, 15.0), line("Mutter", 2, 20.0)], 97.0, 18.43,
                                            115.43))
        self.assertEqual(bill.amount_total, 119.0)
        self.assertIn("3 % more than the document's untaxed amount", bill.digitize_mismatch)
        self.assertIn("a discount line is likely missing", bill.digitize_mismatch)

    def test_taxes_differ(self):
        bill = self.filled_bill(bill_result([line("Schraube", 4, 15.0, 7.0), line("Mutter", 2, 20.0, 7.0)], 100.0,
                                            19.0, 119.0))
        self.assertEqual(bill.amount_tax, 7.0)
        self.assertIn("The taxes of the lines come to", bill.digitize_mismatch)

    def test_currency_differs(self):
        bill = self.consistent_bill()
        self.assertEqual(bill.currency_id, self.eur)
        usd = self.env.company.currency_id if self.env.company.currency_id != self.eur else self.env.ref("base.USD")
        usd.active = True
        bill.write({"currency_id": usd.id,
                    "invoice_line_ids": [Command.update(bill.invoice_line_ids[0].id, {"price_unit": 16.2})]})
        self.assertIn(f"The document is in EUR, the bill in {usd.name}", bill.digitize_mismatch)

    def test_rounding_is_no_mismatch(self):
        bill = self.consistent_bill()
        bill.digitize_document_total = 119.04
        self.assertFalse(bill.digitize_mismatch)

    # ------------------------------------------------------------------------------------------- posting
    def test_confirm_asks_then_posts_and_the_total_is_sent_as_confirmed(self):
        self.tax_19.active = False
        bill = self.consistent_bill()
        with clicked():
            action = bill.with_context(validate_analytic=True, default_move_type="in_invoice").action_post()
        self.assertEqual((action["res_model"], action["target"]), ("digitize.confirm.post", "new"))
        self.assertTrue(action["context"]["validate_analytic"], "the Confirm button's checks still run")
        self.assertNotIn("default_move_type", action["context"])
        self.assertEqual(bill.state, "draft", "nothing is posted before the user confirms")
        wizard = self.env["digitize.confirm.post"].browse(action["res_id"])
        self.assertIn("no purchase tax with rate 19 %", wizard.message)
        wizard.action_confirm()
        self.assertEqual(bill.state, "posted")
        self.assertTrue(bill.digitize_total_confirmed)
        values = bill._digitize_validation_payload()
        self.assertEqual(values["total"], {"content": 100.0, "confirmed": True})
        self.assertEqual(values["subtotal"], {"content": 100.0}, "only the total is confirmed")

    def test_a_bill_without_vendor_gets_odoos_error_before_the_question(self):
        self.tax_19.active = False
        bill = self.consistent_bill()
        bill.partner_id = False
        self.assertTrue(bill.digitize_mismatch)
        with clicked(), self.assertRaises(UserError):
            bill.action_post()
        self.assertEqual(bill.state, "draft")

    def test_posting_from_code_is_not_asked(self):
        self.tax_19.active = False
        bill = self.consistent_bill()
        self.assertTrue(bill.digitize_mismatch)
        bill.action_post()  # a server action or another addon: no dialog to show, the bill is posted
        self.assertEqual(bill.state, "posted")
        self.assertFalse(bill.digitize_total_confirmed)
        self.assertNotIn("confirmed", bill._digitize_validation_payload()["total"])

    def test_only_the_click_on_the_confirm_button_is_asked(self):
        bill = self.env["account.move"]

        def call(path, model="account.move", method="action_post"):
            fake = SimpleNamespace(httprequest=SimpleNamespace(path=path), params={"model": model, "method": method})
            with patch("odoo.addons.digitize.models.client.digitize_mixin.request", fake):
                return bill._digitize_clicked("action_post")

        self.assertTrue(call("/web/dataset/call_button/account.move/action_post"))
        self.assertFalse(call("/web/dataset/call_button/account.move/action_post", method="button_draft"))
        self.assertFalse(call("/web/dataset/call_button/res.partner/action_post", model="res.partner"))
        self.assertFalse(call("/web/action/run"), "a server action run from the UI is code, not the button")
        self.assertFalse(bill._digitize_clicked("action_post"), "no request: called by code")

    def test_bills_without_document_amounts_are_not_asked(self):
        bill = self.env["account.move"].create({
            "move_type": "in_invoice", "partner_id": self.vendor.id, "invoice_date": "2024-03-14",
            "invoice_line_ids": [Command.create({"name": "x", "quantity": 1, "price_unit": 10.0})]})
        self.assertFalse(bill.digitize_mismatch)
        bill.action_post()
        self.assertEqual(bill.state, "posted")
