/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// "Received documents": the document shows the boxes of the result it was answered, read-only.
import { registry } from "@web/core/registry";
import { waitFor } from "@digitize/../tests/tours/tour_helpers";

function viewerDocument() {
    return document.querySelector(".o_digitize_document_frame iframe")?.contentDocument || null;
}

function boxes() {
    const doc = viewerDocument();
    return doc ? [...doc.querySelectorAll(".o_digitize_box")] : [];
}

function preview() {
    // the features the form was given, as the widget reads them (each item names its feature)
    return [...document.querySelectorAll(".o_digitize_document_features li")].map((li) => li.dataset.feature);
}

registry.category("web_tour.tours").add("digitize_received_document_tour", {
    steps: () => [
        {
            content: "the document and the features read on it",
            trigger: ".o_digitize_document_preview .o_digitize_document_features li[data-feature='date']",
        },
        {
            content: "each feature's chosen value is boxed, marked as chosen, and nothing can be picked",
            trigger: ".o_digitize_document_frame iframe",
            async run() {
                const features = preview();
                await waitFor("one box per feature", () => boxes().length === features.length);
                const shown = new Set(boxes().map((box) => box.dataset.feature));
                if (features.some((feature) => !shown.has(feature))) {
                    throw new Error(`features without their box: ${features.filter((f) => !shown.has(f))}`);
                }
                if (boxes().some((box) => !box.classList.contains("o_digitize_box_selected") ||
                        box.classList.contains("o_digitize_box_pickable"))) {
                    throw new Error("a box is not the chosen value, or can be picked");
                }
            },
        },
        {
            content: "point at the date: its candidates only",
            trigger: ".o_digitize_document_features li[data-feature='date']",
            run: "hover",
        },
        {
            content: "every date candidate is boxed, one of them chosen",
            trigger: ".o_digitize_document_frame iframe",
            async run() {
                const count = Number(
                    document.querySelector("li[data-feature='date'] .badge").textContent.trim()
                );
                await waitFor("the date candidates", () => boxes().length === count && count >= 2);
                if (boxes().some((box) => box.dataset.feature !== "date")) {
                    throw new Error("boxes of other features are still shown");
                }
                if (boxes().filter((box) => box.classList.contains("o_digitize_box_selected")).length !== 1) {
                    throw new Error("the chosen date is not marked once");
                }
            },
        },
    ],
});
