# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A vendor's next bill is booked as its last posted ones: the expense account and the purchase tax each of its
lines used, rate by rate."""
from odoo import Command
from odoo.tests import tagged

from .client_bill_case import DigitizeBillCase
from .test_client_fill import bill_result


@tagged("post_install", "-at_install")
class TestDigitizeVendorHabits(DigitizeBillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tools_account = cls.env["account.account"].create({
            "name": "Tools", "code": "623900", "account_type": "expense",
            "company_ids": [Command.set(cls.env.company.ids)]})
        # a second 19 % purchase tax: the one the vendor's bills used must win over the company's default
        cls.tax_19_eu = cls.tax_19.copy({"name": "Vorsteuer 19% EU"})

    def post_previous_bill(self, vendor, account, taxes):
        bill = self.new_bill(partner_id=vendor.id, invoice_date="2024-02-01", invoice_line_ids=[Command.create({
            "name": "Bohrer", "quantity": 1, "price_unit": 50.0, "account_id": account.id,
            "tax_ids": [Command.set(taxes.ids)]})])
        bill.action_post()
        return bill

    def test_lines_take_the_account_and_tax_of_the_vendors_last_bill(self):
        self.post_previous_bill(self.vendor, self.tools_account, self.tax_19_eu)
        bill = self.filled_bill(bill_result())
        self.assertEqual(bill.partner_id, self.vendor)
        self.assertEqual(len(bill.invoice_line_ids), 2)
        self.assertEqual(bill.invoice_line_ids.account_id, self.tools_account)
        self.assertEqual(bill.invoice_line_ids.tax_ids, self.tax_19_eu)
        self.assertAlmostEqual(bill.amount_total, 119.0)

    def test_each_rate_takes_the_account_its_lines_used(self):
        # two untaxed bills on Tools (Odoo's most frequent account of the vendor), an older 19 % one on Parts
        parts = self.tools_account.copy({"name": "Parts", "code": "623910"})
        self.post_previous_bill(self.vendor, parts, self.tax_19)
        self.post_previous_bill(self.vendor, self.tools_account, self.env["account.tax"])
        self.post_previous_bill(self.vendor, self.tools_account, self.env["account.tax"])
        bill = self.filled_bill(bill_result())
        self.assertEqual(bill.partner_id, self.vendor)
        self.assertEqual(bill.invoice_line_ids.account_id, parts)
        self.assertEqual(bill.invoice_line_ids.tax_ids, self.tax_19)

    def test_another_vendors_habits_do_not_apply(self):
        other = self.env["res.partner"].create({"name": "Andere Firma", "is_company": True})
        self.post_previous_bill(other, self.tools_account, self.tax_19_eu)
        bill = self.filled_bill(bill_result())
        self.assertEqual(bill.partner_id, self.vendor)
        self.assertNotEqual(bill.invoice_line_ids.account_id, self.tools_account)
        self.assertEqual(bill.invoice_line_ids.tax_ids, self.tax_19)
