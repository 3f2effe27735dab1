# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Digitize block of Settings: labelled inputs, the server role's switch and menus."""
from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged

PARAM = "digitize.webhook_allow_private"


@tagged("post_install", "-at_install")
class TestSettingsDigitize(TransactionCase):
    def settings_arch(self):
        return etree.fromstring(self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"])

    def test_webhook_switch_is_the_system_parameter(self):
        parameters = self.env["ir.config_parameter"].sudo()
        self.assertFalse(parameters.get_param(PARAM), "off by default")
        self.assertFalse(self.env["res.config.settings"].create({}).digitize_webhook_allow_private)
        self.env["res.config.settings"].create({"digitize_webhook_allow_private": True}).execute()
        self.assertTrue(self.env["digitize.document"]._webhook_allow_private())
        self.assertTrue(self.env["res.config.settings"].create({}).digitize_webhook_allow_private)
        self.env["res.config.settings"].create({"digitize_webhook_allow_private": False}).execute()
        self.assertFalse(parameters.get_param(PARAM), "unchecking removes the parameter")
        self.assertFalse(self.env["digitize.document"]._webhook_allow_private())

    def test_inputs_have_labels(self):
        arch = self.settings_arch()
        for field in ("digitize_endpoint", "digitize_account_token", "digitize_smartscan_endpoint",
                      "digitize_smartscan_token", "digitize_invoice_lines"):
            self.assertTrue(arch.xpath(f"//label[@for='{field}']"), f"{field} has a label")
        self.assertTrue(arch.xpath("//field[@name='digitize_webhook_allow_private']"))

    def test_links_to_the_server_menus(self):
        arch = self.settings_arch()
        for xmlid in ("digitize.action_digitize_account", "digitize.action_digitize_document"):
            action = self.env.ref(xmlid)
            self.assertTrue(arch.xpath(f"//button[@type='action'][@name='{action.id}']"), xmlid)


@tagged("post_install", "-at_install")
class TestSettingsDigitizeTour(HttpCase):
    allow_end_on_form = True  # the tour picks a provider to see its inputs and leaves without saving

    def test_settings_block(self):
        self.start_tour("/odoo/settings#digitize", "digitize_settings_tour", login="admin")
