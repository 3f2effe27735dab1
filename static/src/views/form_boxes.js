/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The review loop on a digitized form (a record with `digitize_candidates`): focusing a field draws the
// candidates Digitize read for it on the attachment preview, the chosen one marked; clicking another box puts
// that value in the record (action_digitize_pick) and reloads it. Fields whose value Digitize doubts are marked.
import { onMounted, onWillUnmount, reactive } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { Field } from "@web/views/fields/field";
import { FormController } from "@web/views/form/form_controller";
import { fieldsToReview } from "../box_layer/geometry";
import { usePreviewBoxes } from "../box_layer/use_preview_boxes";

export const CANDIDATES_FIELD = "digitize_candidates";

patch(FormController.prototype, {
    setup() {
        super.setup(...arguments);
        const fieldNodes = Object.values(this.props.archInfo?.fieldNodes || {});
        if (!fieldNodes.some((node) => node.name === CANDIDATES_FIELD)) {
            return;
        }
        this.digitizeUi = reactive({ field: null, feature: null, allSelected: false, busy: false });
        const previewBoxes = usePreviewBoxes({
            rootRef: this.rootRef,
            selector: ".o_attachment_preview",
            layerProps: {
                source: this.model, // its root record changes with the pager
                readFeatures: (model) => model.root?.data[CANDIDATES_FIELD] || {},
                ui: this.digitizeUi,
                onPick: (feature, index) => this.digitizePick(feature, index),
            },
        });
        // the focused field of the record itself (not a line's cell) chooses the boxes; focus leaving the form
        // (for the preview) keeps them
        const onFocusIn = (ev) => {
            const widget = ev.target.closest?.(".o_field_widget[name]");
            if (!widget || widget.closest(".o_field_x2many") || !this.rootRef.el?.contains(widget)) {
                return;
            }
            const field = widget.getAttribute("name");
            if (field !== this.digitizeUi.field) {
                this.digitizeUi.field = field;
                this.digitizeShowField(field, previewBoxes.boxes);
            }
        };
        onMounted(() => this.rootRef.el?.addEventListener("focusin", onFocusIn));
        onWillUnmount(() => this.rootRef.el?.removeEventListener("focusin", onFocusIn));
    },

    /** Bring the field's chosen candidate (or its first one) into view on the PDF preview. */
    digitizeShowField(field, boxes) {
        const features = Object.values(this.model.root.data[CANDIDATES_FIELD] || {}).filter(
            (feature) => feature.field === field && feature.candidates?.length
        );
        const feature = features.find((f) => Number.isInteger(f.selected)) || features[0];
        if (boxes && feature) {
            const candidate = feature.candidates[feature.selected ?? 0] || feature.candidates[0];
            boxes.showCandidate(candidate.page || 0, candidate.coords);
        }
    },

    async digitizePick(feature, index) {
        const record = this.model.root;
        this.digitizeUi.busy = true;
        try {
            if ((await record.isDirty()) && !(await record.save())) {
                return;
            }
            const result = await this.orm.call(record.resModel, "action_digitize_pick", [[record.resId], feature,
                index]);
            if (result && typeof result === "object") {
                await this.env.services.action.doAction(result, { onClose: () => record.load() });
            }
            await record.load();
        } finally {
            this.digitizeUi.busy = false;
        }
    },
});

patch(Field.prototype, {
    /** Features of this field Digitize flagged for review and the user has not picked yet (root record only). */
    get digitizeReview() {
        const { record, name } = this.props;
        if (!record?.fields?.[CANDIDATES_FIELD]) {
            return null;
        }
        return fieldsToReview(record.data[CANDIDATES_FIELD])[name] || null;
    },

    get classNames() {
        const classNames = super.classNames;
        if (this.digitizeReview) {
            classNames.o_digitize_review = true;
        }
        return classNames;
    },

    get digitizeReviewTooltip() {
        const labels = this.digitizeReview;
        if (!labels) {
            return false;
        }
        return _t(
            "Digitize is not sure of %(what)s: click the field and check the boxes on the document.",
            { what: labels.join(", ") }
        );
    },
});
