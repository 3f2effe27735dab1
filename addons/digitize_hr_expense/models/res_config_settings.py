# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    digitize_expense_mode = fields.Selection(related="company_id.digitize_expense_mode", readonly=False)
