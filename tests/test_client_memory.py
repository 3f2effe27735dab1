# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Learning from validation in the client role: a posted bill read by the local provider teaches this
database's own memory, and the supplier's next bill is read with it."""
import base64

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf


@tagged("post_install", "-at_install")
class TestClientMemory(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "auto_send"})
        cls.vendor = cls.env["res.partner"].create({"name": "Muster Werkzeug (Lager Süd)", "vat": "DE136695976",
                                                    "is_company": True})

    def spec(self, number, lines):
        return InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                           iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX", number=number, lines=lines)

    def digitized_bill(self, spec):
        bill = self.env["account.move"].create({"move_type": "in_invoice"})
        attachment = self.env["ir.attachment"].create({
            "name": "bill.pdf", "datas": base64.b64encode(invoice_pdf(spec)), "res_model": "account.move",
            "res_id": bill.id, "mimetype": "application/pdf"})
        bill.message_post(attachment_ids=[attachment.id])
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env["digitize.service"]._cron_poll()
        return bill

    def test_a_posted_local_bill_teaches_the_database(self):
        first = self.digitized_bill(self.spec("RE-4711", [("Bohrer", 2, 12.5)]))
        first.write({"partner_id": self.vendor.id, "invoice_date": first.invoice_date or "2024-03-14"})
        first.action_post()
        self.env["digitize.service"]._cron_validate()
        learned = self.env["digitize.memory.supplier"].search([("account_id", "=", False)])
        self.assertEqual((learned.name, learned.documents, learned.taught_by), (self.vendor.name, 1, "This database"))

        second = self.digitized_bill(self.spec("RE-4802", [("Schraube", 100, 0.35)]))
        document = self.env["digitize.document"].search([("uuid", "=", second.digitize_document_uuid)])
        self.assertEqual(document.result["supplier"]["selected_value"]["content"], self.vendor.name,
                         "the supplier is named as it was validated, not as the letterhead prints it")
        self.assertEqual(second.partner_id, self.vendor)
