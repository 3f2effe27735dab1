# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import tagged

from odoo.addons.digitize.engine.tests.documents import image_bytes, receipt_image
from odoo.addons.digitize.tests.common import DigitizeClientHttpCase


@tagged("post_install", "-at_install")
class TestDigitizeExpenses(DigitizeClientHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"digitize_expense_mode": "manual_send"})
        cls.employee = cls.env["hr.employee"].create({"name": "Expense Employee", "company_id": cls.company.id})
        cls.product = cls.env["product.product"].create({"name": "Meals", "can_be_expensed": True,
                                                         "standard_price": 0.0})
        cls.receipt, cls.receipt_truth = receipt_image()

    def new_expense(self):
        return self.env["hr.expense"].create({"name": "Meals", "employee_id": self.employee.id,
                                              "product_id": self.product.id})

    def test_expense_local_flow(self):
        expense = self.new_expense()
        self.attach(expense, image_bytes(self.receipt), "receipt.png", "image/png")
        self.assertEqual(expense.digitize_state, "no_extract_requested", "expenses are digitized on demand")
        expense.action_digitize()
        self.run_local_service()
        self.assertEqual(expense.digitize_state, "waiting_validation")
        self.assertAlmostEqual(expense.total_amount_currency, self.receipt_truth["total"], places=2)
        self.assertEqual(str(expense.date), "2018-12-25")
        self.assertEqual(expense.name, self.receipt_truth["supplier"])
        expense.action_submit_expenses()
        self.assertEqual(expense.digitize_state, "to_validate")
        self.env["digitize.service"]._cron_validate()
        self.assertEqual(expense.digitize_state, "done")
        server_document = self.env["digitize.document"].search([("uuid", "=", expense.digitize_document_uuid)])
        self.assertAlmostEqual(server_document.validation["total"]["content"], self.receipt_truth["total"], places=2)

    def upload_expense(self, file_name):
        """What Odoo's Upload button does: an unlinked attachment, then create_expense_from_attachments."""
        self.employee.user_id = self.env.user
        attachment = self.env["ir.attachment"].create({
            "name": file_name, "datas": base64.b64encode(image_bytes(self.receipt)), "res_model": "hr.expense",
            "res_id": 0, "mimetype": "image/png"})
        action = self.env["hr.expense"].create_expense_from_attachments([attachment.id])
        return self.env["hr.expense"].search(action["domain"])

    def test_uploaded_expense_named_after_the_merchant(self):
        expense = self.upload_expense("IMG_2041.png")
        self.assertEqual(expense.name, "IMG_2041", "Odoo names an uploaded expense after its file")
        expense.action_digitize()
        self.run_local_service()
        self.assertEqual(expense.digitize_state, "waiting_validation")
        self.assertEqual(expense.name, self.receipt_truth["supplier"], "the file name is replaced by the merchant")

    def test_description_placeholders(self):
        expense = self.new_expense()
        self.attach(expense, image_bytes(self.receipt), "scan.2024.png", "image/png")
        for placeholder in ("Meals", "scan.2024.png", "scan.2024"):
            expense.name = placeholder
            self.assertTrue(expense._digitize_name_is_placeholder(), placeholder)
        for typed in ("Team lunch", "scan"):
            expense.name = typed
            self.assertFalse(expense._digitize_name_is_placeholder(), typed)

    def test_typed_description_is_kept(self):
        expense = self.upload_expense("receipt.png")
        expense.name = "Team lunch"
        expense.action_digitize()
        self.run_local_service()
        self.assertEqual(expense.digitize_state, "waiting_validation")
        self.assertEqual(expense.name, "Team lunch")
        action = expense.action_digitize_reload()
        wizard = self.env["digitize.reload.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.mapped("field_name"), ["name"])
        self.assertFalse(wizard.line_ids.replace, "a typed description is kept unless ticked")
        wizard.line_ids.replace = True
        wizard.action_apply()
        self.assertEqual(expense.name, self.receipt_truth["supplier"], "a ticked value is replaced")

    def test_smartscan_provider_over_http(self):
        self.company.write({"digitize_provider": "smartscan", "digitize_smartscan_endpoint": self.base_url(),
                            "digitize_smartscan_token": self.token})
        expense = self.new_expense()
        self.attach(expense, image_bytes(self.receipt), "receipt.png", "image/png")
        expense.action_digitize()
        self.assertEqual(expense.digitize_state, "waiting_validation", "annotate answers at once")
        self.assertAlmostEqual(expense.total_amount_currency, self.receipt_truth["total"], places=2)
        expense.action_submit_expenses()
        self.env["digitize.service"]._cron_validate()
        self.assertEqual(expense.digitize_state, "done")
        document = self.env["digitize.document"].search([("uuid", "=", expense.digitize_document_uuid)])
        self.assertEqual(document.source, "smartscan")
        self.assertTrue(document.validated_at, "validation went back as feedback:create")

    def test_an_inactive_currency_is_said_not_dropped_in_silence(self):
        myr = self.env.ref("base.MYR")
        myr.active = False
        expense = self.new_expense()
        entry = {"status": "success", "results": [{
            "currency": {"selected_value": {"content": "MYR", "coords": [0.5, 0.1, 0.05, 0.02, 0]}},
            "total": {"selected_value": {"content": 33.9, "coords": [0.5, 0.8, 0.05, 0.02, 0]}}}]}
        expense._digitize_apply(entry, force=True)
        self.assertEqual(expense.currency_id, self.company.currency_id)
        self.assertIn("currency MYR is not active", expense.message_ids[0].body)
        myr.active = True
        expense._digitize_apply(entry, force=True)
        self.assertEqual(expense.currency_id, myr)
        self.assertIn("<li>currency MYR</li>", expense.message_ids[0].body)
