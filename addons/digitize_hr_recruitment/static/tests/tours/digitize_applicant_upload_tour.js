/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// The applications' Upload button: present on the kanban and the list; a CV put in its file input makes an
// application named after the file, whose form opens. The test serves the CV as /web/content/__tour__.digitize_cv.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("digitize_applicant_upload_tour", {
    steps: () => [
        {
            content: "switch to the kanban",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "the applications kanban has the Upload button",
            trigger: ".o_kanban_view .o_cp_buttons button:contains(Upload)",
        },
        {
            content: "switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "the applications list has the Upload button",
            trigger: ".o_list_view .o_list_buttons button:contains(Upload)",
        },
        {
            content: "upload a CV",
            trigger: ".o_list_view .o_list_buttons button:contains(Upload)",
            async run() {
                const input = document.querySelector(".o_list_buttons input.o_input_file.document_file_uploader");
                const blob = await (await fetch("/web/content/__tour__.digitize_cv?download=true")).blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "tour_cv.pdf", { type: "application/pdf" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the application of the CV opens, named after the file until Digitize reads it",
            trigger: ".o_form_view .o_field_widget[name='candidate_id'] input",
            run() {
                if (this.anchor.value !== "tour_cv") {
                    throw new Error(`the candidate is "${this.anchor.value}", expected "tour_cv"`);
                }
            },
        },
    ],
});

// An interviewer may read applications but not create them: no Upload button.
const noUpload = (view) => ({
    content: `no Upload button on the ${view} of an interviewer`,
    trigger: `.o_${view}_view .o_control_panel:has(.o_switch_view.o_${view}.active):not(:has(button:contains(Upload)))`,
});

registry.category("web_tour.tours").add("digitize_applicant_no_upload_tour", {
    steps: () => [
        { trigger: ".o_switch_view.o_kanban", run: "click" },
        noUpload("kanban"),
        { trigger: ".o_switch_view.o_list", run: "click" },
        noUpload("list"),
    ],
});
