# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bills: the document's currency is never dropped silently, a VAT number's partner that the printed name
contradicts is questioned (and gets no bank account), the chatter says what matched."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.digitize.models.client.account_move import name_agreement

from .client_bill_case import DigitizeBillCase


def one(value):
    return {"selected_value": {"content": value}}


def bill_result(**fields):
    """An Extract API result of a vendor bill: two 19 % lines, 100 + 19 = 119."""
    values = {"supplier": "Muster Werkzeug GmbH", "VAT_Number": "DE136695976", "currency": "EUR", "total": 119.0,
              "subtotal": 100.0, "total_tax_amount": 19.0, "invoice_id": "RE-24", "date": "2024-03-14"}
    values.update(fields)
    result = {key: one(value) for key, value in values.items() if value is not None}
    result["invoice_lines"] = [
        {"description": one("Schraube"), "quantity": one(4.0), "unit_price": one(15.0), "subtotal": one(60.0),
         "taxes": {"selected_values": [{"content": 19.0}]}},
        {"description": one("Mutter"), "quantity": one(2.0), "unit_price": one(20.0), "subtotal": one(40.0),
         "taxes": {"selected_values": [{"content": 19.0}]}},
    ]
    return result


@tagged("post_install", "-at_install")
class TestDigitizeBillFill(DigitizeBillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a foreign currency, inactive as every foreign currency of a new database
        Currency = cls.env["res.currency"].with_context(active_test=False)
        cls.foreign = Currency.search([("name", "in", ("EUR", "GBP", "CHF")),
                                       ("id", "!=", cls.env.company.currency_id.id)], order="name desc", limit=1)
        cls.foreign.active = False

    def make_user(self, login, group):
        return self.env["res.users"].create({
            "name": login, "login": login, "email": f"{login}@example.com", "company_id": self.env.company.id,
            "company_ids": [Command.set(self.env.company.ids)], "groups_id": [Command.set(self.env.ref(group).ids)]})

    def apply(self, bill, results, force=False):
        """The poll's answer for ``bill``, as the provider gives it."""
        bill.digitize_state = "waiting_extraction"
        bill._digitize_apply({"status": "success", "results": [results]}, force=force)
        return bill.message_ids[0].body

    # ------------------------------------------------------------------------------------------- currency
    def test_inactive_currency_is_said_and_activated_in_one_click(self):
        code = self.foreign.name
        bill = self.new_bill()
        body = self.apply(bill, bill_result(currency=code))
        self.assertEqual(bill.currency_id, self.env.company.currency_id, "nothing better to show meanwhile")
        self.assertEqual(bill.digitize_currency_code, code, "but the banner says the document's currency")
        self.assertTrue(bill.digitize_currency_inactive, "and offers to activate it")
        self.assertIn(f"currency {code} is not active", body)
        self.assertNotIn(f"<li>currency {self.env.company.currency_id.name}</li>", body)
        self.assertAlmostEqual(bill.amount_total, 119.0, places=2)
        self.assertEqual(bill._digitize_validation_payload()["currency"], {"content": code},
                         "validated, the document's currency: not the one the bill fell back to")

        # an accountant who may not change currencies is told so
        billing = self.make_user("digitize_billing_24", "account.group_account_invoice")
        with self.assertRaises(AccessError):
            bill.with_user(billing).action_digitize_activate_currency()
        self.assertFalse(self.foreign.active)

        manager = self.make_user("digitize_manager_24", "account.group_account_manager")
        action = bill.with_user(manager).action_digitize_activate_currency()
        self.assertEqual(action.get("tag"), "soft_reload", "the open form shows the currency at once")
        self.assertTrue(self.foreign.active)
        self.assertEqual(bill.currency_id, self.foreign, "applied without a new upload")
        self.assertFalse(bill.digitize_currency_code)
        self.assertAlmostEqual(bill.amount_total, 119.0, places=2, msg="the document's amounts, in its currency")
        self.assertIn(code, bill.message_ids[0].body)

    def test_active_currency_applies_and_unknown_one_is_kept(self):
        self.foreign.active = True
        bill = self.new_bill()
        body = self.apply(bill, bill_result(currency=self.foreign.name.lower()))
        self.assertEqual(bill.currency_id, self.foreign)
        self.assertFalse(bill.digitize_currency_code)
        self.assertIn(f"<li>currency {self.foreign.name}</li>", body)

        unknown = self.new_bill()
        body = self.apply(unknown, bill_result(currency="XQZ"))
        self.assertEqual(unknown.digitize_currency_code, "XQZ")
        self.assertFalse(unknown.digitize_currency_inactive, "nothing to activate")
        self.assertIn("currency XQZ is unknown", body)

    # ------------------------------------------------------------------------------------------- vendor
    def test_names_agree_despite_legal_forms_and_ocr(self):
        self.assertGreaterEqual(name_agreement("Muster Werkzeug", "MUSTER WERKZEUG GmbH"), 0.5)
        self.assertGreaterEqual(name_agreement("Muster Werkzeug GmbH & Co. KG", "Musfer Werkzeug"), 0.5)
        self.assertGreaterEqual(name_agreement("Société Générale SA", "Societe Generale"), 0.5)
        self.assertLess(name_agreement("Muster Werkzeug", "Völlig Andere Handels AG"), 0.5)
        self.assertLess(name_agreement("Muster Werkzeug GmbH", "Beispiel Logistik GmbH"), 0.5)

    def test_a_vendor_is_found_by_its_name_printed_with_other_punctuation(self):
        """No VAT number nor IBAN on a receipt: the name alone, its dots and spaces aside."""
        shop = self.env["res.partner"].create({"name": "MR D.I.Y (M) SDN BHD", "is_company": True})
        bill = self.filled_bill({"supplier": one("MR. D.I.Y. (M) SDN BHD"), "total": one(10.0)})
        self.assertEqual(bill.partner_id, shop)
        bill = self.filled_bill({"supplier": one("MR. TOOLS (M) SDN BHD"), "total": one(10.0)})
        self.assertFalse(bill.partner_id, "another shop of the same first word is not taken for it")

    def test_vat_partner_contradicted_by_the_printed_name_is_questioned(self):
        bill = self.new_bill()
        body = self.apply(bill, bill_result(supplier="Völlig Andere Handels AG", iban="DE89 3704 0044 0532 0130 00"))
        self.assertEqual(bill.partner_id, self.vendor, "the VAT number's partner, but questioned")
        warning = bill.digitize_vendor_warning
        self.assertIn("DE136695976", warning)
        self.assertIn("Muster Werkzeug", warning)
        self.assertIn("Völlig Andere Handels AG", warning)
        self.assertIn("belongs to", body)
        self.assertFalse(bill.partner_bank_id)
        self.assertFalse(self.vendor.bank_ids, "no bank account for a partner chosen against its printed name")
        self.assertIn("not added", body)
        # Reload replaces what is there: still no bank account on that partner
        self.apply(bill, bill_result(supplier="Völlig Andere Handels AG", iban="DE89 3704 0044 0532 0130 00"),
                   force=True)
        self.assertFalse(self.vendor.bank_ids)
        # the user picks another vendor: the warning was about the other one
        bill.partner_id = self.env["res.partner"].create({"name": "Völlig Andere Handels AG"})
        self.assertFalse(bill.digitize_vendor_warning)

    def test_vat_partner_with_its_printed_name_gets_the_iban(self):
        bill = self.new_bill()
        body = self.apply(bill, bill_result(iban="DE89 3704 0044 0532 0130 00"))
        self.assertEqual(bill.partner_id, self.vendor)
        self.assertFalse(bill.digitize_vendor_warning)
        self.assertEqual(bill.partner_bank_id.sanitized_acc_number, "DE89370400440532013000")
        self.assertIn("vendor matched by VAT DE136695976", body)

    def test_user_chosen_partner_named_otherwise_gets_no_bank_account(self):
        other = self.env["res.partner"].create({"name": "Beispiel Logistik GmbH"})
        bill = self.new_bill(partner_id=other.id)
        self.apply(bill, bill_result(iban="DE89 3704 0044 0532 0130 00"))
        self.assertEqual(bill.partner_id, other)
        self.assertFalse(other.bank_ids)

    # ------------------------------------------------------------------------------------------- chatter
    def test_the_chatter_says_what_matched(self):
        self.foreign.active = True
        bill = self.new_bill()
        body = self.apply(bill, bill_result(supplier="Muster Werkzeug", VAT_Number=None, currency=self.foreign.name))
        self.assertIn("Data filled from the document by Digitize.", body)
        self.assertIn("vendor matched by name: Muster Werkzeug", body)
        self.assertIn(f"currency {self.foreign.name}", body)

        results = bill_result(supplier="Nie Gesehen GmbH", VAT_Number="DE811907980")
        for line in results["invoice_lines"]:
            line["taxes"] = {"selected_values": [{"content": 13.0}]}
        unknown = self.new_bill()
        body = self.apply(unknown, results)
        self.assertIn("vendor Nie Gesehen GmbH not found", body)
        self.assertIn("tax 13 % not found: line left without tax", body)
        self.assertEqual(body.count("tax 13 %"), 1, "one note per missing rate")
        self.assertFalse(unknown.invoice_line_ids.tax_ids)

    # ------------------------------------------------------------------------------------------- receipts
    def receipt(self, rate=None, tax=None):
        """A receipt whose lines make 33.92 and whose printed total is rounded: "TOTAL ROUNDED 33.90" (with a tax:
        28.52 + 5.42 = 33.94, printed 33.95)."""
        taxes = {"selected_values": [{"content": rate}]} if rate else {}
        price = 28.52 if rate else 33.92
        total = 33.95 if rate else 33.90
        return dict(bill_result(supplier="Muster Werkzeug", VAT_Number=None, currency=None, total=total,
                                subtotal=None, total_tax_amount=tax),
                    invoice_lines=[{"description": one("Werkzeug"), "quantity": one(1.0), "unit_price": one(price),
                                    "subtotal": one(price), "taxes": taxes}])

    def test_rounded_printed_total_gets_a_rounding_line(self):
        bill = self.new_bill()
        body = self.apply(bill, self.receipt())
        self.assertAlmostEqual(bill.amount_total, 33.90, places=2, msg="the printed total")
        rounding = bill.invoice_line_ids.filtered(lambda line: "Rounding" in line.name)
        self.assertAlmostEqual(rounding.price_unit, -0.02, places=2)
        self.assertFalse(rounding.tax_ids)
        self.assertIn("rounding line of -0.02 added", body)

    def test_rounded_printed_total_keeps_the_printed_tax(self):
        bill = self.new_bill()
        body = self.apply(bill, self.receipt(rate=19.0, tax=5.42))
        self.assertAlmostEqual(bill.amount_tax, 5.42, places=2, msg="the tax line does not take the gap")
        self.assertAlmostEqual(bill.amount_total, 33.95, places=2)
        self.assertIn("is rounded to 0.05", body)

    def test_rounded_printed_total_uses_the_company_cash_rounding(self):
        cash = self.env["account.cash.rounding"].create({
            "name": "5 Rappen", "rounding": 0.05, "strategy": "add_invoice_line", "rounding_method": "HALF-UP",
            "profit_account_id": self.company_data["default_account_revenue"].id,
            "loss_account_id": self.company_data["default_account_expense"].id})
        bill = self.new_bill()
        body = self.apply(bill, self.receipt())
        self.assertEqual(bill.invoice_cash_rounding_id, cash)
        self.assertEqual(len(bill.invoice_line_ids), 1, "Odoo's rounding line, not a bill line")
        self.assertAlmostEqual(bill.amount_total, 33.90, places=2)
        self.assertIn("cash rounding 5 Rappen applied", body)
