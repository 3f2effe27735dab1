# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    digitize_provider = fields.Selection(related="company_id.digitize_provider", readonly=False)
    digitize_endpoint = fields.Char(related="company_id.digitize_endpoint", readonly=False)
    digitize_account_token = fields.Char(related="company_id.digitize_account_token", readonly=False)
    digitize_smartscan_endpoint = fields.Char(related="company_id.digitize_smartscan_endpoint", readonly=False)
    digitize_smartscan_token = fields.Char(related="company_id.digitize_smartscan_token", readonly=False)
    digitize_invoice_mode = fields.Selection(related="company_id.digitize_invoice_mode", readonly=False)
    digitize_invoice_lines = fields.Selection(related="company_id.digitize_invoice_lines", readonly=False)
