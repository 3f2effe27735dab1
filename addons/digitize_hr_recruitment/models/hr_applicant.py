# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrApplicant(models.Model):
    _name = "hr.applicant"
    _inherit = ["hr.applicant", "digitize.mixin"]
    _digitize_doc_type = "applicant"
    _digitize_mode_field = "digitize_applicant_mode"

    def _message_set_main_attachment_id(self, attachments, force=False, filter_xml=True):
        result = super()._message_set_main_attachment_id(attachments, force=force, filter_xml=filter_xml)
        self._digitize_auto_send()
        return result

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self.filtered(lambda a: a.stage_id.hired_stage)._digitize_validate()
        return result

    def _digitize_fill(self, results, force=False):
        self.ensure_one()
        value = self._digitize_value
        name, email = value(results, "name"), value(results, "email")
        phone = value(results, "phone") or value(results, "mobile")
        values = {}
        if name and (force or not self.partner_name):
            values["partner_name"] = name
        if email and (force or not self.email_from):
            values["email_from"] = email
        if phone and (force or not self.partner_phone):
            values["partner_phone"] = phone
        if values:
            self.write(values)
        candidate = self.candidate_id
        if email and candidate and not candidate.partner_id:
            partner = self.env["res.partner"].search([("email", "=ilike", email)], limit=1)
            if partner:
                candidate.partner_id = partner

    def _digitize_validation_values(self):
        self.ensure_one()
        return {"name": {"content": self.partner_name}, "email": {"content": self.email_from},
                "phone": {"content": self.partner_phone}, "mobile": {"content": self.partner_phone}}
