/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The open form of a record Digitize has just filled reloads itself, through Odoo's bus, as the record's
// data arrives (a local reading takes seconds); a form with unsaved changes keeps them and says so instead.
import { onWillUnmount } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { FormController } from "@web/views/form/form_controller";

patch(FormController.prototype, {
    setup() {
        super.setup(...arguments);
        const bus = this.env.services.bus_service;
        if (!bus) {
            return;
        }
        const onDigitized = async ({ model, id }) => {
            const root = this.model.root;
            if (!root || root.resModel !== model || root.resId !== id) {
                return;
            }
            if (await root.isDirty()) {
                this.env.services.notification.add(
                    _t("Digitize has read this document: save or discard your changes to see what it filled."),
                    { type: "info" }
                );
                return;
            }
            await this.model.load();
        };
        bus.subscribe("digitize_updated", onDigitized);
        onWillUnmount(() => bus.unsubscribe("digitize_updated", onDigitized));
    },
});
