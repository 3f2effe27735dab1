# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Completion pings: an empty POST to ``webhook_url/<document_uuid>``; short timeout, retried with back-off,
never to a private or loopback address unless the administrator allowed it (Settings > Digitize > Webhooks to
private addresses, the system parameter ``digitize.webhook_allow_private`` set to a true value: 1, true, yes or on),
and never to a link-local or cloud metadata address. A refused or failed ping is shown on the received document
(``webhook_error``), not only in the log."""
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models

from ...protocol.netguard import UnsafeUrl, guarded_request

_logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT = 5
MAX_WEBHOOK_ATTEMPTS = 6  # back-off 1, 2, 4, 8, 16 minutes between them
ALLOW_PRIVATE_PARAM = "digitize.webhook_allow_private"
TRUE_VALUES = ("1", "true", "yes", "on", "t", "y")


def _is_true(value):
    """A system parameter's text as a switch: only an explicit true value turns it on ("0", "false", "" do not)."""
    return str(value or "").strip().lower() in TRUE_VALUES


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
                error = False if ok else f"HTTP {response.status_code}"
        except UnsafeUrl as exc:
            _logger.warning("Digitize: webhook of %s refused: %s", self.uuid, exc)
            reason = str(exc)
            if not allow_private and "non-public address" in reason:  # netguard.refusal's words
                reason += " " + self.env._(
                    "(private and loopback addresses are refused unless Settings > Digitize > Webhooks to private "
                    "addresses is on)")
            self.write({"webhook_state": "failed", "webhook_attempts": self.webhook_attempts + 1,
                        "webhook_error": self.env._("Refused: %(reason)s", reason=reason)})
            return False
        except requests.RequestException as exc:
            _logger.info("Digitize: webhook of %s failed: %s", self.uuid, exc)
            ok, error = False, str(exc)
        attempts = self.webhook_attempts + 1
        if ok:
            self.write({"webhook_state": "sent", "webhook_attempts": attempts, "webhook_error": False})
        elif attempts >= MAX_WEBHOOK_ATTEMPTS:
            self.write({"webhook_state": "failed", "webhook_attempts": attempts,
                        "webhook_error": self.env._("Failed after %(attempts)s attempts: %(error)s",
                                                    attempts=attempts, error=error)})
        else:
            self.write({"webhook_attempts": attempts, "webhook_error": error,
                        "webhook_next_try": fields.Datetime.now() + timedelta(minutes=2 ** (attempts - 1))})
        return ok

    @api.model
    def _webhook_allow_private(self):
        return _is_true(self.env["ir.config_parameter"].sudo().get_param(ALLOW_PRIVATE_PARAM))

    @api.model
    def _cron_send_webhooks(self, limit=100):
        allow_private = self._webhook_allow_private()
        due = self.sudo().search([("webhook_state", "=", "pending"),
                                  ("webhook_next_try", "<=", fields.Datetime.now())], limit=limit)
        for document in due:
            document._send_webhook(allow_private=allow_private)
        return len(due)
