/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

function expectValue(fieldName, expected) {
    return {
        content: `${fieldName} shows ${expected}`,
        trigger: `.o_field_widget[name='${fieldName}'] input`,
        run() {
            if (!this.anchor.value.includes(expected)) {
                throw new Error(`${fieldName} is "${this.anchor.value}", expected "${expected}"`);
            }
        },
    };
}

registry.category("web_tour.tours").add("digitize_bill_tour", {
    steps: () => [
        expectValue("ref", "RE-4711"),
        expectValue("partner_id", "Muster Werkzeug"),
        {
            content: "the lines read from the PDF are on the bill",
            trigger: ".o_field_widget[name='invoice_line_ids'] .o_data_row:nth-child(3)",
        },
        {
            content: "the Digitize banner is gone once the data is there",
            trigger: ".o_form_view:not(:has(.alert-info .o_field_widget[name='digitize_message']))",
        },
    ],
});
