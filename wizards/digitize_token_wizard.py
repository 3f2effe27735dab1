# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class DigitizeTokenWizard(models.TransientModel):
    """Shows a freshly generated account token once; only its hash is kept on the account."""

    _name = "digitize.token.wizard"
    _description = "Digitize new account token"

    account_id = fields.Many2one("digitize.account", required=True, ondelete="cascade")
    token = fields.Char(readonly=True)
