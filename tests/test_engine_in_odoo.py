# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pure engine, loaded as part of the installed addon (odoo.addons.digitize.engine)."""
from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine import DocumentError, extract
from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf


@tagged("post_install", "-at_install")
class TestEngineInOdoo(TransactionCase):
    def test_extracts_a_bill_inside_the_server(self):
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                           iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX")
        result = extract(invoice_pdf(spec), "invoice", {"user_lang": "de_DE"})
        self.assertAlmostEqual(result["total"]["selected_value"]["content"], spec.total, places=2)
        self.assertEqual(result["invoice_id"]["selected_value"]["content"], spec.number)
        self.assertEqual(result["VAT_Number"]["selected_value"]["content"], "DE136695976")

    def test_bad_input_raises_the_documented_error(self):
        with self.assertRaises(DocumentError) as caught:
            extract(b"%PDF-1.4 broken", "invoice")
        self.assertEqual(caught.exception.code, "corrupt")
