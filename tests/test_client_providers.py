# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf
from odoo.addons.digitize.models.client.providers import PROVIDERS, provider_for
from odoo.addons.digitize.models.client.providers.extract_api import ExtractApiProvider
from odoo.addons.digitize.models.client.providers.local import LocalProvider
from odoo.addons.digitize.models.client.providers.smartscan import SmartscanProvider


@tagged("post_install", "-at_install")
class TestProviders(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.pdf = invoice_pdf(InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", number="RE-4711"))

    def test_one_provider_per_kind_chosen_from_the_company(self):
        kinds = dict(self.env["res.company"]._fields["digitize_provider"].selection)
        self.assertEqual(set(PROVIDERS), set(kinds), "every provider of the settings has its object")
        for kind, cls in (("local", LocalProvider), ("extract_api", ExtractApiProvider),
                          ("smartscan", SmartscanProvider)):
            self.company.digitize_provider = kind
            provider = provider_for(self.env, self.company)
            self.assertIsInstance(provider, cls)
            for method in ("parse", "get_result_batch", "validate_batch"):
                self.assertTrue(callable(getattr(provider, method)))

    def test_smartscan_refuses_cvs_without_a_call(self):
        self.company.write({"digitize_provider": "smartscan", "digitize_smartscan_endpoint": "http://127.0.0.1:9"})
        answer = self.env["digitize.service"]._parse(self.company, "applicant", self.env["ir.attachment"])
        self.assertEqual(answer["status"], "error_unsupported_format")

    def test_local_document_points_at_the_attachment(self):
        self.company.digitize_provider = "local"
        partner = self.env["res.partner"].create({"name": "Holder"})
        attachment = self.env["ir.attachment"].create({
            "name": "bill.pdf", "datas": base64.b64encode(self.pdf), "res_model": "res.partner",
            "res_id": partner.id, "mimetype": "application/pdf"})
        attachments_before = self.env["ir.attachment"].search_count([])
        answer = self.env["digitize.service"]._parse(self.company, "invoice", attachment)
        self.assertEqual(answer["status"], "success")
        document = self.env["digitize.document"].search([("uuid", "=", answer["document_token"])])
        self.assertTrue(document.local)
        self.assertEqual(document.attachment_id, attachment)
        self.assertFalse(document.data, "no copy of the file")
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments_before, "no new attachment")
        self.assertEqual(document._file(), self.pdf)
        self.env["digitize.document"]._process_queue_now()
        self.assertEqual(document.state, "done")
        self.assertEqual(document.result["invoice_id"]["selected_value"]["content"], "RE-4711")
        attachment.unlink()
        self.assertFalse(document.attachment_id, "ondelete set null: the document stays, without its file")
