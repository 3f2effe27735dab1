# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class DigitizeReloadWizard(models.TransientModel):
    """Filling a record again from its document: the fields it would replace, current and new value, each with a
    "replace" box, left unticked for what the user changed after the fill."""

    _name = "digitize.reload.wizard"
    _description = "Digitize: fill again from the document"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    line_ids = fields.One2many("digitize.reload.wizard.line", "wizard_id")

    @api.model
    def _digitize_open(self, record, changes):
        wizard = self.create({
            "res_model": record._name, "res_id": record.id,
            "line_ids": [fields.Command.create({
                "field_name": name, "label": record._digitize_field_label(name),
                "current": current, "new": new, "user_changed": user_changed, "replace": not user_changed,
            }) for name, current, new, user_changed in changes],
        })
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fill again from the document"),
            "res_model": self._name,
            "res_id": wizard.id,
            "views": [[self.env.ref("digitize.digitize_reload_wizard_view_form").id, "form"]],
            "target": "new",
        }

    def action_apply(self):
        self.ensure_one()
        record = self.env["digitize.service"]._records_to_write(self.res_model, [self.res_id])
        if not record:
            raise UserError(self.env._("The record was deleted."))
        replace = frozenset(self.line_ids.filtered("replace").mapped("field_name"))
        if replace:
            # the result is asked again: a wizard is the user's record, what it would carry could be forged
            record._digitize_apply(record._digitize_fetch_result(), force=replace)
        return {"type": "ir.actions.client", "tag": "soft_reload"}


class DigitizeReloadWizardLine(models.TransientModel):
    _name = "digitize.reload.wizard.line"
    _description = "Digitize: a field filling again would replace"

    wizard_id = fields.Many2one("digitize.reload.wizard", required=True, ondelete="cascade")
    field_name = fields.Char(required=True, readonly=True)
    label = fields.Char("Field", readonly=True)
    current = fields.Char("Now", readonly=True)
    new = fields.Char("From the document", readonly=True)
    user_changed = fields.Boolean("Edited", readonly=True, help="You changed this value after the fill.")
    replace = fields.Boolean()
