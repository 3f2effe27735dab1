/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The review loop on a bill uploaded through the bills list: the form fills itself when the document is read,
// the boxes of the focused field stand where their text is on the PDF, a click on another box changes the
// field, Reload data asks first, and a total that does not add up is confirmed in a dialog.
import { registry } from "@web/core/registry";
import { call, waitFor } from "@digitize/../tests/tours/tour_helpers";

const SOURCE_NAME = "digitize_review_bill.pdf"; // created by the test
// what the tour learns on the way (the record, its date candidates)
const seen = {};

function viewerDocument() {
    return document.querySelector(".o_form_view .o_attachment_preview iframe")?.contentDocument || null;
}

function dateBoxes() {
    const doc = viewerDocument();
    return doc ? [...doc.querySelectorAll(".o_digitize_box[data-feature='date']")] : [];
}

function currentBillId() {
    const match = window.location.pathname.match(/\/(\d+)(?:$|[/?])/);
    return match && Number(match[1]);
}

async function runCron(xmlName) {
    const [data] = await call("ir.model.data", "search_read", [[["module", "=", "digitize"], ["name", "=", xmlName]]],
        { fields: ["res_id"] });
    await call("ir.cron", "method_direct_trigger", [[data.res_id]]);
}

registry.category("web_tour.tours").add("digitize_review_tour", {
    steps: () => [
        {
            content: "upload the bill's PDF with the list's Upload button (its file input)",
            trigger: ".o_control_panel .o_button_upload_bill",
            async run() {
                window.digitizeTourNoReload = true; // a full page reload would drop it
                const [source] = await call("ir.attachment", "search_read", [[["name", "=", SOURCE_NAME]]],
                    { fields: ["datas"] });
                const bytes = Uint8Array.from(atob(source.datas), (c) => c.charCodeAt(0));
                const input = document.querySelector("input.o_input_file.document_file_uploader");
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "bill.pdf", { type: "application/pdf" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the new bill opens, its PDF in the preview, waiting for Digitize",
            trigger: ".o_form_view .o_attachment_preview iframe",
            async run() {
                seen.billId = await waitFor("the bill's id in the address", currentBillId);
                await waitFor("the PDF's pages", () => viewerDocument()?.querySelector(".page canvas"));
            },
        },
        {
            content: "Digitize reads the document (its queue and poll crons run now)",
            trigger: ".o_form_view .o_field_widget[name='ref'] input",
            async run() {
                await runCron("ir_cron_digitize_process");
                await runCron("ir_cron_digitize_client_poll");
                // The test database's cursor never commits, so PostgreSQL never relays the bus's NOTIFY: ask the
                // bus for what it stored, as a real NOTIFY would have it do.
                odoo.__WOWL_DEBUG__.root.env.services.bus_service.forceUpdateChannels();
            },
        },
        {
            content: "the open form shows the read reference, without a reload",
            trigger: ".o_form_view .o_field_widget[name='ref'] input:value(RE-4711)",
            run() {
                if (!window.digitizeTourNoReload) {
                    throw new Error("the page was reloaded");
                }
            },
        },
        {
            content: "focus the bill date",
            trigger: ".o_form_view .o_field_widget[name='invoice_date'] input",
            async run(helpers) {
                await helpers.click();
                const [bill] = await call("account.move", "read", [[seen.billId], ["digitize_candidates"]]);
                seen.date = bill.digitize_candidates.date;
                if (!seen.date || seen.date.field !== "invoice_date" || seen.date.candidates.length < 2) {
                    throw new Error(`expected two date candidates at least: ${JSON.stringify(seen.date)}`);
                }
            },
        },
        {
            content: "as many boxes as date candidates, the chosen one marked, each where its text stands",
            trigger: ".o_form_view .o_attachment_preview iframe",
            async run() {
                const boxes = await waitFor("the date boxes",
                    () => dateBoxes().length === seen.date.candidates.length && dateBoxes());
                const selected = boxes.filter((box) => box.classList.contains("o_digitize_box_selected"));
                if (selected.length !== 1 || Number(selected[0].dataset.index) !== seen.date.selected) {
                    throw new Error("the chosen date is not the one marked");
                }
                for (const box of boxes) {
                    const candidate = seen.date.candidates[Number(box.dataset.index)];
                    const page = box.closest(".page").getBoundingClientRect();
                    const rect = box.getBoundingClientRect();
                    const cx = (rect.left + rect.width / 2 - page.left) / page.width;
                    const cy = (rect.top + rect.height / 2 - page.top) / page.height;
                    // the page's border and the box's padding move it by a few pixels at most
                    if (Math.abs(cx - candidate.coords[0]) > 0.02 || Math.abs(cy - candidate.coords[1]) > 0.02) {
                        throw new Error(`box ${box.dataset.index} at (${cx}, ${cy}), its text at ${candidate.coords}`);
                    }
                }
                // other fields' boxes are not shown
                const others = viewerDocument().querySelectorAll(".o_digitize_box:not([data-feature='date'])");
                if (others.length) {
                    throw new Error(`${others.length} boxes of other fields are shown`);
                }
            },
        },
        {
            content: "click the other date's box",
            trigger: ".o_form_view .o_attachment_preview iframe",
            run() {
                const other = dateBoxes().find((box) => !box.classList.contains("o_digitize_box_selected"));
                seen.picked = Number(other.dataset.index);
                seen.dateBefore = document.querySelector(".o_field_widget[name='invoice_date'] input").value;
                // click what the mouse reaches at the box's centre: the box, unless something of pdf.js covers it
                const rect = other.getBoundingClientRect();
                const reached = viewerDocument().elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
                if (reached !== other) {
                    throw new Error(`the box is covered by ${reached?.className}`);
                }
                reached.click();
            },
        },
        {
            content: "the bill date changes to the picked one, now the marked box",
            trigger: ".o_form_view .o_field_widget[name='invoice_date'] input",
            async run() {
                await waitFor("the new date in the field",
                    () => document.querySelector(".o_field_widget[name='invoice_date'] input").value !==
                        seen.dateBefore);
                const [bill] = await call("account.move", "read", [[seen.billId], ["invoice_date"]]);
                const expected = seen.date.candidates[seen.picked].content;
                if (bill.invoice_date !== expected) {
                    throw new Error(`the bill date is ${bill.invoice_date}, the picked date ${expected}`);
                }
                await waitFor("the picked box marked", () => dateBoxes().some(
                    (box) => box.classList.contains("o_digitize_box_selected") &&
                        Number(box.dataset.index) === seen.picked));
            },
        },
        {
            content: "the total read on the document does not match the bill: a banner says so",
            trigger: ".o_form_view .o_digitize_mismatch",
        },
        {
            content: "Reload data",
            trigger: ".o_form_view button[name='action_digitize_reload']",
            run: "click",
        },
        {
            content: "it asks first, listing what it would replace: the picked date at least",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row",
        },
        {
            content: "keep the bill as it is",
            trigger: ".modal:has(button[name='action_apply']) .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "Confirm the bill",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_buttons button[name='action_post']",
            run: "click",
        },
        {
            content: "the totals do not match: a dialog asks to confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "the bill is posted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
    ],
});
