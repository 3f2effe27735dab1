# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# the features a user reviews on the CV: {feature: (form field, label)}
REVIEW_FEATURES = {
    "name": ("partner_name", _lt("Candidate's name")),
    "email": ("email_from", _lt("Email")),
    "phone": ("partner_phone", _lt("Phone")),
}


def _file_stem(file_name):
    """The name an uploaded file gives its applicant: the file's name without its extension."""
    return file_name.rsplit(".", 1)[0] if "." in (file_name or "")[1:] else (file_name or "")


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

    def create_document_from_attachment(self, attachment_ids):
        """The Upload button of the applications list and kanban (account's DocumentFileUploader calls this
        method, as it calls account.journal's for vendor bills): one candidate and one application per CV,
        named after the file until Digitize reads the name, the CV as main attachment, then digitized unless
        the company does not digitize applicants. Returns an action showing the created applications."""
        self.check_access("create")
        self.env["hr.candidate"].check_access("create")
        attachments = self.env["ir.attachment"].browse(attachment_ids).exists()
        if not attachments:
            raise UserError(_("No attachment was provided."))
        if any(attachment.res_id or attachment.res_model not in (False, self._name) for attachment in attachments):
            raise UserError(_("Invalid attachments!"))
        attachments.check_access("write")
        applicants = self.browse()
        for attachment in attachments:
            candidate = self.env["hr.candidate"].create({"partner_name": _file_stem(attachment.name)})
            applicant = self.create({"candidate_id": candidate.id})
            attachment.write({"res_model": self._name, "res_id": applicant.id})
            applicant._message_set_main_attachment_id(attachment, force=True)  # digitizes in auto_send mode
            applicants |= applicant
        # the upload is the user's demand: "on demand" companies digitize too, "do not digitize" ones do not
        applicants.filtered("digitize_can_send")._digitize_send()
        action = {
            "name": _("Uploaded applications"),
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "context": self.env.context,
        }
        if len(applicants) == 1:
            return {**action, "views": [[False, "form"]], "res_id": applicants.id}
        return {**action, "views": [[False, "list"], [False, "kanban"], [False, "form"]],
                "domain": [("id", "in", applicants.ids)]}

    def _digitize_name_is_placeholder(self):
        """Whether the candidate's name was not typed: empty, or the name of the CV's file (what the Upload
        button names an application after)."""
        self.ensure_one()
        if not self.partner_name:
            return True
        for attachment in self._digitize_attachment() | self.attachment_ids:
            if self.partner_name in (attachment.name, _file_stem(attachment.name)):
                return True
        return False

    def _digitize_fill(self, results, force=False):
        self.ensure_one()
        value = self._digitize_value
        name, email = value(results, "name"), value(results, "email")
        phone = value(results, "phone") or value(results, "mobile")
        forced = lambda name: self._digitize_forced(force, name)  # noqa: E731
        values = {}
        if name and (forced("partner_name") or self._digitize_name_is_placeholder()):
            values["partner_name"] = name
        if email and (forced("email_from") or not self.email_from):
            values["email_from"] = email
        if phone and (forced("partner_phone") or not self.partner_phone):
            values["partner_phone"] = phone
        if values:
            self.write(values)
        candidate = self.candidate_id
        if email and candidate and not candidate.partner_id:
            partner = self.env["res.partner"].search([("email", "=ilike", email)], limit=1)
            if partner:
                candidate.partner_id = partner

    def _digitize_reload_fields(self):
        return ["partner_name", "email_from", "partner_phone"]

    def _digitize_review_features(self):
        return REVIEW_FEATURES

    def _digitize_feature_contents(self):
        self.ensure_one()
        return {"name": self.partner_name, "email": self.email_from, "phone": self.partner_phone}

    def _digitize_pick_value(self, feature, content):
        field_name = REVIEW_FEATURES[feature][0]
        self[field_name] = str(content).strip()
        return True

    def _digitize_validation_values(self):
        self.ensure_one()
        return {"name": {"content": self.partner_name}, "email": {"content": self.email_from},
                "phone": {"content": self.partner_phone}, "mobile": {"content": self.partner_phone}}
