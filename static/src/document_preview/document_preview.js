/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// "Received documents": the document as the client sent it, with the boxes of the result it was answered. Every
// feature's selected value is boxed; hovering a feature of the list (or clicking it, to keep it) shows all its
// candidates instead. Read-only: nothing is picked here.
import { Component, useEffect, useRef, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { hidePDFJSButtons } from "@web/libs/pdfjs";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { usePreviewBoxes } from "../box_layer/use_preview_boxes";

const PDF_VIEWER = "/web/static/lib/pdfjs/web/viewer.html";

export class DigitizeDocumentPreview extends Component {
    static template = "digitize.DocumentPreview";
    static props = { ...standardFieldProps };

    setup() {
        this.rootRef = useRef("root");
        this.iframeRef = useRef("iframe");
        this.ui = useState({ field: null, feature: null, allSelected: true, busy: false, pinned: null });
        useEffect(() => {
            if (this.iframeRef.el) {
                hidePDFJSButtons(this.iframeRef.el);
            }
        });
        const name = this.props.name;
        this.previewBoxes = usePreviewBoxes({
            rootRef: this.rootRef,
            selector: ".o_digitize_document_frame",
            layerProps: {
                source: this.props.record,
                readFeatures: (record) => record.data[name]?.features || {},
                ui: this.ui,
            },
        });
    }

    get preview() {
        return this.props.record.data[this.props.name] || {};
    }

    get isPdf() {
        return this.preview.mimetype === "application/pdf";
    }

    get isImage() {
        return (this.preview.mimetype || "").startsWith("image/");
    }

    get pdfSrc() {
        return `${PDF_VIEWER}?file=${encodeURIComponent(this.preview.url)}#pagemode=none`;
    }

    get multiPage() {
        return Object.values(this.preview.features || {}).some((feature) =>
            feature.candidates.some((candidate) => candidate.page)
        );
    }

    get features() {
        return Object.entries(this.preview.features || {}).map(([name, feature]) => ({
            name,
            label: feature.label,
            count: feature.candidates.length,
            value: feature.selected !== null && feature.selected !== undefined
                ? String(feature.candidates[feature.selected]?.text ?? feature.candidates[feature.selected]?.content)
                : "",
            page: (feature.candidates[feature.selected ?? 0]?.page || 0) + 1,
            selectedIndex: feature.selected ?? 0,
        }));
    }

    show(name) {
        this.ui.feature = name || this.ui.pinned;
    }

    toggle(feature) {
        this.ui.pinned = this.ui.pinned === feature.name ? null : feature.name;
        this.ui.feature = this.ui.pinned;
        const chosen = this.preview.features[feature.name].candidates[feature.selectedIndex];
        if (this.ui.pinned && chosen) {
            this.previewBoxes.boxes?.showCandidate(chosen.page || 0, chosen.coords);
        }
    }
}

registry.category("fields").add("digitize_document_preview", {
    component: DigitizeDocumentPreview,
    supportedTypes: ["json"],
});
