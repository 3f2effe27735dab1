# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

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

    def upload(self, *file_names):
        """What the Upload button does: unlinked attachments (account's DocumentFileUploader creates them),
        then hr.applicant's create_document_from_attachment."""
        attachments = self.env["ir.attachment"].create([
            {"name": name, "datas": base64.b64encode(cv_pdf()), "mimetype": "application/pdf"}
            for name in file_names])
        action = self.env["hr.applicant"].create_document_from_attachment(attachments.ids)
        applicants = self.env["hr.applicant"].search(action.get("domain") or [("id", "=", action.get("res_id"))])
        return action, applicants, attachments

    def test_upload_one_application_per_cv(self):
        action, applicants, attachments = self.upload("cv_amelie.pdf", "CV 2.pdf")
        self.assertEqual(len(applicants), 2)
        self.assertEqual(action["res_model"], "hr.applicant")
        self.assertEqual(len(applicants.candidate_id), 2, "a candidate per CV")
        self.assertEqual(sorted(applicants.mapped("partner_name")), ["CV 2", "cv_amelie"], "named after the file")
        self.assertEqual(applicants.message_main_attachment_id, attachments)
        for applicant in applicants:
            self.assertEqual(applicant.message_main_attachment_id.res_id, applicant.id)
        self.assertEqual(set(applicants.mapped("digitize_state")), {"waiting_extraction"},
                         "uploading is asking for digitization, even on demand")
        self.run_local_service()
        self.assertEqual(applicants.mapped("partner_name"), ["Amélie Durand"] * 2, "the file name was replaced")
        self.assertEqual(applicants.mapped("email_from"), ["amelie.durand@example.org"] * 2)
        self.assertEqual(applicants.candidate_id.mapped("partner_name"), ["Amélie Durand"] * 2)

    def test_upload_single_cv_opens_its_form(self):
        action, applicant, _attachments = self.upload("resume.pdf")
        self.assertEqual(action["res_id"], applicant.id)
        self.assertEqual(action["views"], [[False, "form"]])

    def test_upload_when_the_company_does_not_digitize(self):
        self.company.digitize_applicant_mode = "no_send"
        _action, applicant, _attachments = self.upload("resume.pdf")
        self.assertEqual(applicant.digitize_state, "no_extract_requested")
        self.assertEqual(applicant.partner_name, "resume")

    def test_upload_automatic_mode_sends_once(self):
        self.company.digitize_applicant_mode = "auto_send"
        _action, applicant, _attachments = self.upload("resume.pdf")
        self.assertEqual(applicant.digitize_state, "waiting_extraction")
        self.assertEqual(self.env["digitize.document"].search_count(
            [("uuid", "=", applicant.digitize_document_uuid)]), 1)

    def test_upload_checks_access_and_attachments(self):
        employee = new_test_user(self.env, login="digitize_plain_employee", groups="base.group_user")
        attachment = self.env["ir.attachment"].with_user(employee).create(
            {"name": "cv.pdf", "datas": base64.b64encode(cv_pdf()), "mimetype": "application/pdf"})
        with self.assertRaises(AccessError):
            self.env["hr.applicant"].with_user(employee).create_document_from_attachment(attachment.ids)
        partner = self.env["res.partner"].create({"name": "Someone"})
        linked = self.env["ir.attachment"].create({"name": "other.pdf", "datas": base64.b64encode(cv_pdf()),
                                                   "res_model": "res.partner", "res_id": partner.id})
        with self.assertRaises(UserError):
            self.env["hr.applicant"].create_document_from_attachment(linked.ids)
        with self.assertRaises(UserError):
            self.env["hr.applicant"].create_document_from_attachment([])

    def test_upload_button_tour(self):
        """The button in the browser: the kanban and list show it, a CV uploaded through it opens its application
        (named after the file), which digitizing renames."""
        cv = self.env["ir.attachment"].create({"name": "digitize_cv.pdf", "datas": base64.b64encode(cv_pdf()),
                                               "mimetype": "application/pdf"})
        self.env["ir.model.data"].create({"module": "__tour__", "name": "digitize_cv", "model": "ir.attachment",
                                          "res_id": cv.id})
        self.start_tour("/odoo/action-hr_recruitment.crm_case_categ0_act_job", "digitize_applicant_upload_tour",
                        login="admin")
        applicant = self.env["hr.applicant"].search([("partner_name", "=", "tour_cv")])
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.message_main_attachment_id.name, "tour_cv.pdf")
        self.assertEqual(applicant.digitize_state, "waiting_extraction")
        self.run_local_service()
        self.assertEqual(applicant.partner_name, "Amélie Durand")

    def test_no_upload_button_without_create_access(self):
        new_test_user(self.env, login="digitize_interviewer", groups="base.group_user,"
                      "hr_recruitment.group_hr_recruitment_interviewer")
        self.start_tour("/odoo/action-hr_recruitment.crm_case_categ0_act_job", "digitize_applicant_no_upload_tour",
                        login="digitize_interviewer")

    def test_typed_name_is_kept_a_file_name_is_not(self):
        applicant = self.new_applicant()
        applicant.candidate_id.partner_name = "cv"
        self.attach(applicant, cv_pdf(), "cv.pdf", "application/pdf")
        self.assertTrue(applicant._digitize_name_is_placeholder())
        applicant.candidate_id.partner_name = "Jane Typed"
        self.assertFalse(applicant._digitize_name_is_placeholder())

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
