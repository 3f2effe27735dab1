# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Completion pings: an empty POST to ``webhook_url/<document_uuid>``; short timeout, retried with back-off,
never to a private or loopback address unless ``digitize.webhook_allow_private`` is set, and never to a link-local
or cloud metadata address."""
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models

from ...protocol.netguard import UnsafeUrl, guarded_request

_logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT = 5
MAX_WEBHOOK_ATTEMPTS = 6  # back-off 1, 2, 4, 8, 16 minutes between them


class DigitizeDocumentWebhook(models.Model):
    _inherit = "digitize.document"

    def _webhook_target(self):
        return f"{self.webhook_url.rstrip('/')}/{self.uuid}"

    def _send_webhook(self, allow_private=False):
        """One attempt; returns True when the receiver answered 2xx."""
        self.ensure_one()
        try:
            with guarded_request("POST", self._webhook_target(), allow_private=allow_private, data=b"",
                                 timeout=WEBHOOK_TIMEOUT) as response:
                ok = 200 <= response.status_code < 300
        except UnsafeUrl as exc:
            _logger.warning("Digitize: webhook of %s refused: %s", self.uuid, exc)
            self.write({"webhook_state": "failed", "webhook_attempts": self.webhook_attempts + 1})
            return False
        except requests.RequestException as exc:
            _logger.info("Digitize: webhook of %s failed: %s", self.uuid, exc)
            ok = False
        attempts = self.webhook_attempts + 1
        if ok:
            self.write({"webhook_state": "sent", "webhook_attempts": attempts})
        elif attempts >= MAX_WEBHOOK_ATTEMPTS:
            self.write({"webhook_state": "failed", "webhook_attempts": attempts})
        else:
            self.write({"webhook_attempts": attempts,
                        "webhook_next_try": fields.Datetime.now() + timedelta(minutes=2 ** (attempts - 1))})
        return ok

    @api.model
    def _cron_send_webhooks(self, limit=100):
        allow_private = bool(self.env["ir.config_parameter"].sudo().get_param("digitize.webhook_allow_private"))
        due = self.sudo().search([("webhook_state", "=", "pending"),
                                  ("webhook_next_try", "<=", fields.Datetime.now())], limit=limit)
        for document in due:
            document._send_webhook(allow_private=allow_private)
        return len(due)
