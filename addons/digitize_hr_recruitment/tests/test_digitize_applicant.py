# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import tagged

from odoo.addons.digitize.engine.tests.documents import cv_pdf
from odoo.addons.digitize.tests.common import DigitizeClientHttpCase


@tagged("post_install", "-at_install")
class TestDigitizeApplicants(DigitizeClientHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"digitize_applicant_mode": "manual_send"})

    def new_applicant(self):
        candidate = self.env["hr.candidate"].create({"partner_name": False, "company_id": self.company.id})
        return self.env["hr.applicant"].create({"candidate_id": candidate.id})

    def test_applicant_local_flow(self):
        applicant = self.new_applicant()
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        applicant.action_digitize()
        self.run_local_service()
        self.assertEqual(applicant.partner_name, "Amélie Durand")
        self.assertEqual(applicant.email_from, "amelie.durand@example.org")
        self.assertEqual(applicant.partner_phone, "+33 1 42 68 53 00")
        hired = self.env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        applicant.stage_id = hired
        self.assertEqual(applicant.digitize_state, "to_validate")
        self.env["digitize.service"]._cron_validate()
        self.assertEqual(applicant.digitize_state, "done")

    def test_applicant_typed_values_are_kept(self):
        applicant = self.new_applicant()
        applicant.candidate_id.write({"partner_name": "Typed Name", "email_from": "typed@example.com"})
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        applicant.action_digitize()
        self.run_local_service()
        self.assertEqual(applicant.email_from, "typed@example.com")
        self.assertEqual(applicant.partner_name, "Typed Name")
        self.assertEqual(applicant.partner_phone, "+33 1 42 68 53 00", "only the empty field was filled")

    def test_remote_extract_api_provider_over_http(self):
        """This database as a remote Extract API server of itself, through real HTTP."""
        self.company.write({"digitize_provider": "extract_api", "digitize_endpoint": self.base_url(),
                            "digitize_account_token": self.token})
        applicant = self.new_applicant()
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        applicant.action_digitize()
        self.assertEqual(applicant.digitize_state, "waiting_extraction")
        server_document = self.env["digitize.document"].search([("uuid", "=", applicant.digitize_document_uuid)])
        self.assertEqual(server_document.account_id, self.account, "parsed through the account's token")
        self.assertEqual(self.account.credits, 4)
        self.env["digitize.service"]._cron_poll()
        self.assertEqual(applicant.digitize_state, "extract_not_ready")
        self.run_local_service()
        self.assertEqual(applicant.digitize_state, "waiting_validation")
        self.assertEqual(applicant.email_from, "amelie.durand@example.org")

    def test_remote_no_credit(self):
        self.account.credits = 0
        self.company.write({"digitize_provider": "extract_api", "digitize_endpoint": self.base_url(),
                            "digitize_account_token": self.token})
        applicant = self.new_applicant()
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        applicant.action_digitize()
        self.assertEqual(applicant.digitize_state, "not_enough_credit")
        self.assertIn("credit", applicant.digitize_message)

    def test_webhook_ping_triggers_a_poll(self):
        applicant = self.new_applicant()
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        applicant.action_digitize()
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env.flush_all()
        ping = self.base_url() + f"/digitize/webhook/{applicant.digitize_document_uuid}"
        response = self.opener.post(ping, data=b"", timeout=30)
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(applicant.digitize_state, "waiting_validation")
        self.assertEqual(applicant.email_from, "amelie.durand@example.org")
        self.assertEqual(self.opener.post(self.base_url() + "/digitize/webhook/unknown-uuid", data=b"",
                                          timeout=30).status_code, 404)
        # a ping carries nothing: a body is ignored and nothing else changes
        forged = self.url_open(f"/digitize/webhook/{applicant.digitize_document_uuid}",
                               data=json.dumps({"email": "evil@example.com"}))
        self.assertEqual(forged.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(applicant.email_from, "amelie.durand@example.org")
