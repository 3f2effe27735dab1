# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Completion pings from a provider. They carry no data: a ping only makes this database ask the provider
for the document's result, so a forged ping cannot change anything."""
import logging

from odoo import SUPERUSER_ID, http
from odoo.http import request

from .routing import POST_ROUTE

_logger = logging.getLogger(__name__)


class DigitizeWebhookController(http.Controller):
    @http.route("/digitize/webhook/<string:document_uuid>", **POST_ROUTE)
    def webhook(self, document_uuid, **kwargs):
        if not request.db or len(document_uuid) > 64:
            return request.not_found()
        env = request.env(user=SUPERUSER_ID)  # no user on auth="none" routes: OdooBot fills and signs the record
        for model in env["digitize.service"]._digitized_models():
            records = env[model].search([("digitize_document_uuid", "=", document_uuid)], limit=1)
            if records:
                try:
                    records._digitize_poll()
                except Exception:  # the ping is answered whatever happens; the cron polls again later
                    _logger.exception("Digitize: polling after a webhook ping failed")
                    request.env.cr.rollback()
                return request.make_json_response({"status": "ok"})
        return request.not_found()
