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
    # server role: the system parameter the webhook cron reads (digitize_document_webhook.py); unchecking it
    # removes the parameter
    digitize_webhook_allow_private = fields.Boolean(
        "Webhooks to private addresses", config_parameter="digitize.webhook_allow_private",
        help="Let the server role ping webhook URLs on private and loopback addresses (a client on the same "
             "network). Off by default: a client could otherwise make this server reach internal services. "
             "Link-local and cloud metadata addresses stay refused.")
