# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class DigitizeConfirmPost(models.TransientModel):
    """Asks before a bill is posted (or an expense submitted) whose amounts differ from those read on its
    document; confirming goes on, and the record's total is sent back as the truth."""

    _name = "digitize.confirm.post"
    _description = "Digitize: confirm amounts unlike the document's"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(required=True, readonly=True, help="The records the button was pressed on.")
    doubtful_ids = fields.Json(readonly=True, help="Those whose amounts differ from the document's.")
    message = fields.Text(readonly=True)

    @api.model
    def _digitize_open(self, records, doubtful):
        lines = [record.digitize_mismatch if len(doubtful) == 1
                 else f"{record.display_name}: {record.digitize_mismatch}" for record in doubtful]
        wizard = self.create({"res_model": records._name, "res_ids": records.ids, "doubtful_ids": doubtful.ids,
                              "message": "\n".join(lines)})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("The amounts differ from the document"),
            "res_model": self._name,
            "res_id": wizard.id,
            "views": [[self.env.ref("digitize.digitize_confirm_post_view_form").id, "form"]],
            "target": "new",
            # the button's own context (analytic checks, abnormal amounts detection) for the posting that follows
            "context": {key: value for key, value in self.env.context.items() if not key.startswith("default_")},
        }

    def action_confirm(self):
        self.ensure_one()
        records = self.env["digitize.service"]._records_to_write(self.res_model, self.res_ids)
        doubtful = records.browse(self.doubtful_ids).exists() & records
        result = records._digitize_confirmed(doubtful)
        return result if isinstance(result, dict) else {"type": "ir.actions.act_window_close"}
