# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
