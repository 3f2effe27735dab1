/* License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The Upload button of the applications list and kanban, as account's vendor bills have: account's
// DocumentFileUploader creates one attachment per file, then calls hr.applicant's
// create_document_from_attachment, which creates a candidate and an application per CV and digitizes it.
import { DocumentFileUploader } from "@account/components/document_file_uploader/document_file_uploader";
import { registry } from "@web/core/registry";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";

export class DigitizeApplicantListController extends ListController {
    static components = { ...ListController.components, DocumentFileUploader };
}

export class DigitizeApplicantKanbanController extends KanbanController {
    static components = { ...KanbanController.components, DocumentFileUploader };
}

registry.category("views").add("digitize_applicant_list", {
    ...listView,
    Controller: DigitizeApplicantListController,
    buttonTemplate: "digitize_hr_recruitment.ApplicantListView.Buttons",
});

registry.category("views").add("digitize_applicant_kanban", {
    ...kanbanView,
    Controller: DigitizeApplicantKanbanController,
    buttonTemplate: "digitize_hr_recruitment.ApplicantKanbanView.Buttons",
});
