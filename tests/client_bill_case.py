# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class DigitizeBillCase(AccountTestInvoicingCommon):
    """A company digitizing its bills on demand with the local provider, a 19 % purchase tax and the vendor
    Muster Werkzeug (VAT DE 136 695 976): what the bill tests fill their bills against."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax_19 = cls.env["account.tax"].create({
            "name": "Vorsteuer 19%", "amount": 19.0, "amount_type": "percent", "type_tax_use": "purchase",
            "company_id": cls.env.company.id})
        cls.vendor = cls.env["res.partner"].create({"name": "Muster Werkzeug", "vat": "DE 136 695 976",
                                                    "is_company": True})
        cls.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "manual_send"})

    def new_bill(self, **values):
        return self.env["account.move"].create(dict({"move_type": "in_invoice"}, **values))

    def filled_bill(self, results, **values):
        """A new bill (``values``; its document token uuid-1) filled from ``results`` as the poll fills it."""
        bill = self.new_bill(**dict({"digitize_document_uuid": "uuid-1"}, **values))
        bill.digitize_state = "waiting_extraction"
        bill._digitize_apply({"status": "success", "results": [results]})
        return bill
