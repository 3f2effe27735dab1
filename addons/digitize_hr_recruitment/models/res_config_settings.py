# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    digitize_applicant_mode = fields.Selection(related="company_id.digitize_applicant_mode", readonly=False)
