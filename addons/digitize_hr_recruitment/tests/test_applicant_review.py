# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reviewing an applicant on the CV: candidates kept, a pick written, nothing left to review once hired."""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


def feature(*candidates):
    shown = [{"content": content, "score": score, "coords": [0.3, 0.1 * (i + 1), 0.2, 0.01, 0.0], "page": 0}
             for i, (content, score) in enumerate(candidates)]
    return {"selected_value": shown[0], "candidates": shown}


@tagged("post_install", "-at_install")
class TestApplicantReview(TransactionCase):
    def filled_applicant(self):
        self.env.company.write({"digitize_provider": "local", "digitize_applicant_mode": "manual_send"})
        candidate = self.env["hr.candidate"].create({"partner_name": False, "company_id": self.env.company.id})
        applicant = self.env["hr.applicant"].create({"candidate_id": candidate.id})
        applicant.digitize_state = "waiting_extraction"
        applicant._digitize_apply({"status": "success", "results": [{
            "name": feature(("Amélie Durand", 0.55), ("Curriculum Vitae", 0.5)),
            "email": feature(("amelie.durand@example.org", 1.0)),
            "phone": feature(("+33 1 42 68 53 00", 0.9), ("+33 6 12 34 56 78", 0.85)),
        }]})
        return applicant

    def test_candidates_review_and_picks(self):
        applicant = self.filled_applicant()
        review = applicant.digitize_candidates
        self.assertEqual({key: (entry["field"], entry["selected"]) for key, entry in review.items()}, {
            "name": ("partner_name", 0), "email": ("email_from", 0), "phone": ("partner_phone", 0)})
        self.assertEqual({key for key, entry in review.items() if entry["review"]}, {"name", "phone"},
                         "a low score or a close rival is to review, a sure email is not")
        self.assertTrue(applicant.digitize_to_review)
        self.assertIn(applicant, self.env["hr.applicant"].search([("digitize_to_review", "=", True)]))
        applicant.action_digitize_pick("phone", 1)
        self.assertEqual(applicant.partner_phone, "+33 6 12 34 56 78")
        self.assertTrue(applicant.digitize_to_review, "the name is still to review")
        applicant.action_digitize_pick("name", 0)
        self.assertFalse(applicant.digitize_to_review, "every doubtful value was picked")

    def test_nothing_to_review_once_hired(self):
        applicant = self.filled_applicant()
        applicant.stage_id = self.env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        self.assertFalse(applicant.digitize_candidates)
        with self.assertRaises(UserError):
            applicant.action_digitize_pick("email", 0)

    def test_validation_values_carry_the_picks(self):
        applicant = self.filled_applicant()
        applicant.action_digitize_pick("phone", 1)
        values = applicant._digitize_validation_payload()
        self.assertEqual(values["phone"], {"content": "+33 6 12 34 56 78", "coords": [0.3, 0.2, 0.2, 0.01, 0.0],
                                           "page": 0, "picked": True})
        self.assertEqual(values["email"], {"content": "amelie.durand@example.org"})

    def test_to_review_filter_in_the_applications_search_view(self):
        arch = self.env["hr.applicant"].get_view(
            self.env.ref("hr_recruitment.hr_applicant_view_search_bis").id, "search")["arch"]
        self.assertIn('name="digitize_to_review"', arch)
