# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

MODES = [("no_send", "Do not digitize"), ("manual_send", "Digitize on demand"),
         ("auto_send", "Digitize automatically")]
PROVIDERS = [("local", "This database (local)"), ("extract_api", "Extract API endpoint"), ("smartscan", "Smartscan")]


class ResCompany(models.Model):
    _inherit = "res.company"

    digitize_provider = fields.Selection(PROVIDERS, default="local", required=True)
    digitize_endpoint = fields.Char("Extract API endpoint", help="e.g. https://digitize.example.com")
    digitize_account_token = fields.Char("Extract API account token", groups="base.group_system")
    digitize_smartscan_endpoint = fields.Char("Smartscan endpoint")
    digitize_smartscan_token = fields.Char("Smartscan token", groups="base.group_system")
    digitize_invoice_mode = fields.Selection(MODES, default="auto_send", required=True)
    digitize_invoice_lines = fields.Selection(
        [("lines", "One line per detected line"), ("tax_groups", "One line per tax rate")],
        default="lines", required=True)
