/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// One page's layer of candidate boxes, mounted inside a page of the attachment preview (a pdf.js page in the
// viewer's iframe, or the frame over an image). It follows the record and the focused field reactively.
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { visibleCandidates } from "./geometry";

export class DigitizeBoxLayer extends Component {
    static template = "digitize.BoxLayer";
    static props = {
        source: Object, // reactive: the form's model, or a record
        readFeatures: Function, // source => digitize_candidates-like map
        ui: Object, // reactive {field, feature, allSelected, busy}
        page: Number, // 0-based
        onPick: { type: Function, optional: true },
    };

    setup() {
        this.source = useState(this.props.source);
        this.ui = useState(this.props.ui);
    }

    get boxes() {
        const { field, feature, allSelected } = this.ui;
        return visibleCandidates(this.props.readFeatures(this.source), { field, feature, allSelected },
            this.props.page);
    }

    title(box) {
        const hint = this.props.onPick && !box.selected ? _t("click to use this value") : "";
        const chosen = box.selected ? _t("the value used") : "";
        return [`${box.label}: ${box.text}`, chosen || hint].filter(Boolean).join(" — ");
    }

    onClick(box) {
        if (this.props.onPick && !this.ui.busy && !box.selected) {
            this.props.onPick(box.feature, box.index);
        }
    }
}
