/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The Digitize block of Settings: labelled inputs, links to the server role's menus, the webhook switch.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("digitize_settings_tour", {
    steps: () => [
        {
            content: "the bill lines drop-down has a label",
            trigger: ".o_setting_box#digitize_invoice_setting label:contains(Bill lines)",
        },
        {
            content: "the server role's menus are linked",
            trigger: ".o_setting_box#digitize_server_menus button:contains(Service accounts)",
        },
        {
            trigger: ".o_setting_box#digitize_server_menus button:contains(Received documents)",
        },
        {
            content: "the webhook switch is a setting, off by default",
            trigger: ".o_setting_box#digitize_webhook_allow_private_setting .o_field_widget[name='digitize_webhook_allow_private'] input:not(:checked)",
        },
        {
            content: "choose an Extract API endpoint as provider",
            trigger: ".o_field_widget[name='digitize_provider'] select",
            run() {
                const option = [...this.anchor.options].find((o) => o.textContent.includes("Extract API"));
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the endpoint and token inputs have labels",
            trigger: "label:contains(Endpoint) + .o_field_widget[name='digitize_endpoint'] input",
        },
        {
            trigger: "label:contains(Account token) + .o_field_widget[name='digitize_account_token'] input",
        },
    ],
});
