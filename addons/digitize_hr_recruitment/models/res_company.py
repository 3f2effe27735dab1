# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.digitize.models.client.res_company import MODES


class ResCompany(models.Model):
    _inherit = "res.company"

    digitize_applicant_mode = fields.Selection(MODES, default="manual_send", required=True)
