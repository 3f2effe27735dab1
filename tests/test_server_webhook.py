# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The server role's completion pings: only an explicit true value of ``digitize.webhook_allow_private`` (the
Settings switch) lets them reach private addresses, and a refused or failed ping shows on the received document."""
from odoo import fields
from odoo.tests import Form, TransactionCase, tagged

from odoo.addons.digitize.models.server.digitize_document_webhook import MAX_WEBHOOK_ATTEMPTS, _is_true

PARAM = "digitize.webhook_allow_private"


@tagged("post_install", "-at_install")
class TestServerWebhook(TransactionCase):
    def pending_document(self, url="http://127.0.0.1:9/hook"):
        return self.env["digitize.document"].create({
            "integration": True, "state": "done", "webhook_url": url, "webhook_state": "pending",
            "webhook_next_try": fields.Datetime.now()})

    def test_only_true_values_allow_private_targets(self):
        for value in ("1", "true", "True", " yes ", "on"):
            self.assertTrue(_is_true(value), value)
        for value in (None, False, "", "0", "false", "False", "no", "off", "disabled", "2"):
            self.assertFalse(_is_true(value), value)
        parameters = self.env["ir.config_parameter"].sudo()
        for value, allowed in (("0", False), ("false", False), ("1", True), ("True", True)):
            parameters.set_param(PARAM, value)
            self.assertEqual(self.env["digitize.document"]._webhook_allow_private(), allowed, value)

    def test_zero_no_longer_allows_private_targets(self):
        """'0' used to count as set (any non-empty text did): the loopback ping was sent."""
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "0")
        document = self.pending_document()
        self.env["digitize.document"]._cron_send_webhooks()
        self.assertEqual((document.webhook_state, document.webhook_attempts), ("failed", 1))
        self.assertIn("non-public address", document.webhook_error)

    def test_refusal_is_stored_and_shown_on_the_document(self):
        document = self.pending_document()
        self.env["digitize.document"]._cron_send_webhooks()
        self.assertEqual(document.webhook_state, "failed", "refused at once, not retried")
        self.assertIn("Refused", document.webhook_error)
        self.assertIn("127.0.0.1", document.webhook_error)
        self.assertIn("Webhooks to private addresses", document.webhook_error, "says how to allow it")
        form = Form(document)
        self.assertEqual(form.webhook_error, document.webhook_error)
        arch = self.env["digitize.document"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="webhook_error"', arch)
        failed = self.env["digitize.document"].search([("webhook_state", "=", "failed"), ("id", "=", document.id)])
        self.assertEqual(failed, document)

    def test_link_local_refusal_gives_no_switch_hint(self):
        document = self.pending_document("http://169.254.169.254/latest")
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1")
        self.env["digitize.document"]._cron_send_webhooks()
        self.assertEqual(document.webhook_state, "failed")
        self.assertIn("link-local", document.webhook_error, "refused even when private targets are allowed")
        self.assertNotIn("Webhooks to private addresses", document.webhook_error)

    def test_failed_attempts_keep_their_error(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1")
        document = self.pending_document()  # port 9 on loopback: connection refused
        document._send_webhook(allow_private=True)
        self.assertEqual(document.webhook_state, "pending", "retried later")
        self.assertTrue(document.webhook_error, "the last error is shown while retrying")
        document.webhook_attempts = MAX_WEBHOOK_ATTEMPTS - 1
        document._send_webhook(allow_private=True)
        self.assertEqual(document.webhook_state, "failed")
        self.assertIn(f"after {MAX_WEBHOOK_ATTEMPTS} attempts", document.webhook_error)
