# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from odoo import api, fields, models

from ...protocol import smartscan
from .digitize_account import hash_token


class DigitizeValetKey(models.Model):
    """Short-lived Smartscan tokens issued to mobile/web clients on behalf of an account."""

    _name = "digitize.valet.key"
    _description = "Digitize Smartscan valet key"

    key_id = fields.Char(required=True, default=lambda self: str(uuid.uuid4()), readonly=True, index=True)
    token_hash = fields.Char(required=True, index=True, groups="base.group_system")
    subject = fields.Char(help="Tag given to the data stored for this key (GDPR deletion).")
    account_id = fields.Many2one("digitize.account", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="account_id.company_id", store=True)
    expires_at = fields.Datetime(required=True, index=True)

    @api.model
    def _issue(self, account, subject=None, exp=None):
        """(key id, token); ``exp`` is a unix timestamp < now + 48 h (default now + 8 h)."""
        now = fields.Datetime.now()
        if exp is None:
            expires = now + timedelta(seconds=smartscan.VALET_DEFAULT_SECONDS)
        else:
            if isinstance(exp, bool) or not isinstance(exp, (int, float)):
                raise smartscan.BadRequest("exp must be a unix timestamp")
            expires = datetime.utcfromtimestamp(exp)
            if expires <= now or expires > now + timedelta(seconds=smartscan.VALET_MAX_SECONDS):
                raise smartscan.BadRequest("exp must be in the future and less than 48 hours away")
        token = "vk_" + secrets.token_urlsafe(32)
        key = self.sudo().create({"token_hash": hash_token(token), "subject": subject or False,
                                  "account_id": account.id, "expires_at": expires})
        return key.key_id, token

    @api.model
    def _find_valid(self, token):
        digest = hash_token(token)
        key = self.sudo().search([("token_hash", "=", digest), ("expires_at", ">", fields.Datetime.now())], limit=1)
        if key and hmac.compare_digest(key.token_hash, digest) and key.account_id.active:
            return key
        return self.browse()

    @api.model
    def _cron_purge_expired(self):
        self.sudo().search([("expires_at", "<", fields.Datetime.now())]).unlink()
