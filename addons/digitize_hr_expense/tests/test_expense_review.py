# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reviewing an expense on its receipt: candidates kept, a pick converted as the fill converts it, nothing left to
review once submitted."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


def feature(*candidates):
    shown = [{"content": content, "score": score, "coords": [0.5, 0.1 * (i + 1), 0.1, 0.01, 0.0], "page": 0}
             for i, (content, score) in enumerate(candidates)]
    return {"selected_value": shown[0], "candidates": shown}


@tagged("post_install", "-at_install")
class TestExpenseReview(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"digitize_provider": "local", "digitize_expense_mode": "manual_send"})
        cls.employee = cls.env["hr.employee"].create({"name": "Expense Employee", "user_id": cls.env.user.id})
        cls.product = cls.env["product.product"].create({"name": "Meals", "can_be_expensed": True,
                                                         "standard_price": 0.0})
        cls.company_currency = cls.env.company.currency_id
        cls.other = cls.env["res.currency"].with_context(active_test=False).search(
            [("name", "in", ("EUR", "USD")), ("id", "!=", cls.company_currency.id)], limit=1)
        cls.other.active = True

    def filled_expense(self):
        expense = self.env["hr.expense"].create({"name": "Meals", "employee_id": self.employee.id,
                                                 "product_id": self.product.id})
        expense.digitize_state = "waiting_extraction"
        expense._digitize_apply({"status": "success", "results": [{
            "total": feature((33.9, 0.9), (-12.5, 0.4)), "date": feature(("2018-12-25", 0.9), ("2018-12-24", 0.7)),
            "currency": feature((self.company_currency.name, 0.9), (self.other.name, 0.5)),
            "supplier": feature(("Kedai Makan Sdn Bhd", 1.0), ("Table 4", 0.3)),
        }]})
        return expense

    def test_candidates_and_picks(self):
        expense = self.filled_expense()
        review = expense.digitize_candidates
        self.assertEqual({key: (entry["field"], entry["selected"]) for key, entry in review.items()}, {
            "total": ("total_amount_currency", 0), "date": ("date", 0), "currency": ("currency_id", 0),
            "supplier": ("name", 0)})
        expense.action_digitize_pick("total", 1)
        self.assertEqual(expense.total_amount_currency, 12.5, "a receipt's amount is entered positive")
        expense.action_digitize_pick("date", 1)
        self.assertEqual(str(expense.date), "2018-12-24")
        expense.action_digitize_pick("currency", 1)
        self.assertEqual(expense.currency_id, self.other)
        expense.action_digitize_pick("supplier", 1)
        self.assertEqual(expense.name, "Table 4")
        self.assertTrue(all(entry["picked"] for entry in expense.digitize_candidates.values()))
        self.assertEqual(set(expense.digitize_picks), {"total", "date", "currency", "supplier"})

    def test_to_review_filter_in_the_expenses_search_view(self):
        arch = self.env["hr.expense"].get_view(self.env.ref("hr_expense.hr_expense_view_search").id, "search")["arch"]
        self.assertIn('name="digitize_to_review"', arch)
        self.assertIn("[('digitize_to_review', '=', True)]", arch)

    def test_inactive_currency_pick_is_refused(self):
        expense = self.filled_expense()
        self.other.active = False
        with self.assertRaises(UserError):
            expense.action_digitize_pick("currency", 1)
        self.assertEqual(expense.currency_id, self.company_currency)

    def test_nothing_to_review_once_submitted(self):
        expense = self.filled_expense()
        expense.action_submit_expenses()
        self.assertEqual(expense.digitize_state, "to_validate")
        self.assertFalse(expense.digitize_candidates)
        with self.assertRaises(UserError):
            expense.action_digitize_pick("total", 1)

    def test_submit_asks_when_the_total_differs_from_the_receipt(self):
        expense = self.filled_expense()
        self.assertFalse(expense.digitize_mismatch)
        expense.total_amount_currency = 39.9
        self.assertIn("39.90", expense.digitize_mismatch)
        self.assertIn("33.90", expense.digitize_mismatch)
        with patch("odoo.addons.digitize.models.client.digitize_mixin.DigitizeMixin._digitize_clicked",
                   return_value=True):
            action = expense.action_submit_expenses()
        self.assertEqual(action["res_model"], "digitize.confirm.post")
        self.assertFalse(expense.sheet_id, "nothing is submitted before the user confirms")
        self.env["digitize.confirm.post"].browse(action["res_id"]).action_confirm()
        self.assertTrue(expense.sheet_id)
        self.assertEqual(expense.digitize_state, "to_validate")
        self.assertEqual(expense._digitize_validation_payload()["total"], {"content": 39.9, "confirmed": True})

    def test_submit_of_a_consistent_expense_is_not_asked(self):
        expense = self.filled_expense()
        action = expense.action_submit_expenses()
        self.assertNotEqual(action.get("res_model"), "digitize.confirm.post")
        self.assertTrue(expense.sheet_id)
        self.assertNotIn("confirmed", expense._digitize_validation_payload()["total"])

    def test_reload_keeps_the_typed_description(self):
        expense = self.filled_expense()
        self.assertFalse(expense.digitize_can_reload)
        expense.name = "Team lunch"
        self.assertTrue(expense.digitize_can_reload)
        changes = expense._digitize_reload_changes()
        self.assertEqual(changes, [("name", "Team lunch", "Kedai Makan Sdn Bhd", True)])
