/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The review loop on a receipt image (an expense): the total's boxes stand on the picture, on top of it for the
// mouse, and clicking another one changes the total.
import { registry } from "@web/core/registry";
import { call, waitFor } from "@digitize/../tests/tours/tour_helpers";

const seen = {};

function readExpense(fields) {
    const id = Number(window.location.pathname.match(/\/(\d+)(?:$|[/?])/)[1]);
    return call("hr.expense", "read", [[id], fields]).then(([expense]) => expense);
}

function totalBoxes() {
    return [...document.querySelectorAll(".o_attachment_preview .o_digitize_box[data-feature='total']")];
}

function centre(el) {
    const rect = el.getBoundingClientRect();
    return [rect.left + rect.width / 2, rect.top + rect.height / 2];
}

registry.category("web_tour.tours").add("digitize_expense_review_tour", {
    steps: () => [
        {
            content: "the receipt is previewed",
            trigger: ".o_form_view .o_attachment_preview img",
        },
        {
            content: "focus the total",
            trigger: ".o_form_view .o_field_widget[name='total_amount_currency'] input",
            async run(helpers) {
                await helpers.click();
                seen.total = (await readExpense(["digitize_candidates"])).digitize_candidates.total;
                if (!seen.total || seen.total.candidates.length < 2) {
                    throw new Error(`expected two total candidates at least: ${JSON.stringify(seen.total)}`);
                }
            },
        },
        {
            content: "one box per total candidate, where its text stands on the picture",
            trigger: ".o_form_view .o_attachment_preview img",
            async run() {
                const boxes = await waitFor("the total's boxes",
                    () => totalBoxes().length === seen.total.candidates.length && totalBoxes());
                const picture = this.anchor.getBoundingClientRect();
                for (const box of boxes) {
                    const [x, y] = centre(box);
                    const coords = seen.total.candidates[Number(box.dataset.index)].coords;
                    const cx = (x - picture.left) / picture.width;
                    const cy = (y - picture.top) / picture.height;
                    if (Math.abs(cx - coords[0]) > 0.02 || Math.abs(cy - coords[1]) > 0.02) {
                        throw new Error(`box ${box.dataset.index} at (${cx}, ${cy}), its text at ${coords}`);
                    }
                }
            },
        },
        {
            content: "click, where it is shown, another total's box",
            trigger: ".o_form_view .o_attachment_preview img",
            run() {
                const other = totalBoxes().find((box) => !box.classList.contains("o_digitize_box_selected"));
                seen.picked = Number(other.dataset.index);
                // what the mouse reaches at that point: the box, unless something lies over it
                const reached = document.elementFromPoint(...centre(other));
                if (reached !== other) {
                    throw new Error(`the box is covered by ${reached?.className}`);
                }
                reached.click();
            },
        },
        {
            content: "the total is the picked amount",
            trigger: ".o_form_view .o_attachment_preview img",
            async run() {
                const expected = seen.total.candidates[seen.picked].content;
                await waitFor("the picked total",
                    async () => (await readExpense(["total_amount_currency"])).total_amount_currency === expected);
                await waitFor("the picked box marked", () => totalBoxes().some(
                    (box) => box.classList.contains("o_digitize_box_selected") &&
                        Number(box.dataset.index) === seen.picked));
            },
        },
    ],
});
