# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf

from .client_bill_case import DigitizeBillCase


@tagged("post_install", "-at_install")
class TestDigitizeBills(DigitizeBillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                               iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX", number="RE-4711")
        cls.env.company.digitize_invoice_mode = "auto_send"

    def attach(self, record, data=None, name="bill.pdf", mimetype="application/pdf"):
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas": base64.b64encode(data or invoice_pdf(self.spec)), "res_model": record._name,
            "res_id": record.id, "mimetype": mimetype})
        record.message_post(attachment_ids=[attachment.id])
        return attachment

    def run_local_service(self):
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env["digitize.service"]._cron_poll()

    def test_each_bill_is_filled_as_soon_as_its_document_is_read(self):
        first, second = self.new_bill(), self.new_bill()
        self.attach(first)
        self.attach(second)
        self.env.flush_all()
        # one document read, no poll of the client role: its bill is filled in the same transaction
        self.env["digitize.document"]._process_queue_now(limit=1)
        self.assertEqual(first.digitize_state, "waiting_validation")
        self.assertEqual(first.ref, "RE-4711")
        self.assertEqual(second.digitize_state, "waiting_extraction", "the next one waits for its own reading")
        self.env["digitize.document"]._process_queue_now(limit=1)
        self.assertEqual(second.digitize_state, "waiting_validation")

    def test_the_open_form_is_told_when_its_data_arrives(self):
        bill = self.new_bill()
        self.attach(bill)
        self.env.flush_all()
        sent = self.env["bus.bus"].sudo().search_count([("message", "like", "digitize_updated")])
        self.env["digitize.document"]._process_queue_now()
        messages = self.env["bus.bus"].sudo().search([("message", "like", "digitize_updated")], order="id desc")
        self.assertEqual(len(messages), sent + 1, "one notice to the uploader when the result arrives")
        payload = json.loads(messages[0].message)["payload"]
        self.assertEqual(payload, {"model": "account.move", "id": bill.id})
        self.assertIn(str(self.env.user.partner_id.id), messages[0].channel)

    def test_bill_digitized_automatically_on_upload(self):
        bill = self.new_bill()
        self.attach(bill)
        self.assertEqual(bill.digitize_state, "waiting_extraction")
        self.assertTrue(bill.digitize_document_uuid)
        server_document = self.env["digitize.document"].search([("uuid", "=", bill.digitize_document_uuid)])
        self.assertTrue(server_document.local, "the local provider is this database's server role, in-process")
        self.assertFalse(server_document.account_id)

        self.run_local_service()
        self.assertEqual(bill.digitize_state, "waiting_validation")
        self.assertEqual(bill.partner_id, self.vendor, "matched by VAT number")
        self.assertEqual(bill.ref, "RE-4711")
        self.assertEqual(bill.invoice_date, fields.Date.to_date("2024-03-14"))
        self.assertEqual(bill.invoice_date_due, fields.Date.to_date("2024-04-13"))
        self.assertEqual(len(bill.invoice_line_ids), len(self.spec.lines))
        self.assertEqual(bill.invoice_line_ids.mapped("tax_ids"), self.tax_19, "tax matched by rate")
        self.assertAlmostEqual(bill.amount_total, self.spec.total, places=2)
        self.assertEqual(bill.partner_bank_id.sanitized_acc_number, "DE89370400440532013000")
        self.assertIn("Digitize", bill.message_ids[0].body)

        bill.action_post()
        self.assertEqual(bill.digitize_state, "to_validate")
        self.env["digitize.service"]._cron_validate()
        self.assertEqual(bill.digitize_state, "done")
        validation = server_document.validation
        self.assertAlmostEqual(validation["total"]["content"], self.spec.total, places=2)
        self.assertEqual(validation["invoice_id"]["content"], "RE-4711")
        self.assertFalse(validation["merged_lines"])
        self.assertEqual(len(validation["invoice_lines"]["lines"]), len(self.spec.lines))

    def test_user_values_are_never_overwritten(self):
        other = self.env["res.partner"].create({"name": "Chosen by the user"})
        bill = self.new_bill(partner_id=other.id, ref="MY-REF", invoice_date="2024-01-01",
                             invoice_line_ids=[Command.create({"name": "typed", "price_unit": 10.0, "quantity": 1})])
        self.attach(bill)
        self.run_local_service()
        self.assertEqual(bill.digitize_state, "waiting_validation")
        self.assertEqual((bill.partner_id, bill.ref), (other, "MY-REF"))
        self.assertEqual(bill.invoice_date, fields.Date.to_date("2024-01-01"))
        self.assertEqual(bill.invoice_line_ids.mapped("name"), ["typed"])
        # filling again from the document lists the typed values unticked; a ticked one is replaced
        action = bill.action_digitize_reload()
        wizard = self.env["digitize.reload.wizard"].browse(action["res_id"])
        ref = wizard.line_ids.filtered(lambda line: line.field_name == "ref")
        self.assertEqual((ref.current, ref.new, ref.replace), ("MY-REF", "RE-4711", False))
        ref.replace = True
        wizard.action_apply()
        self.assertEqual(bill.ref, "RE-4711")
        self.assertEqual(bill.invoice_line_ids.mapped("name"), ["typed"], "what was not ticked stays")

    def test_one_line_per_tax_rate_and_unknown_vendor_offered(self):
        self.env.company.digitize_invoice_lines = "tax_groups"
        spec = InvoiceSpec(lang="de", supplier="Brand New Lieferant GmbH", supplier_vat="DE811907980",
                           iban="DE02 1203 0000 0000 2020 51", number="N-1")
        bill = self.new_bill()
        self.attach(bill, invoice_pdf(spec))
        self.run_local_service()
        self.assertFalse(bill.partner_id)
        self.assertEqual(bill.digitize_partner_suggestion["name"], "Brand New Lieferant GmbH")
        self.assertEqual(len(bill.invoice_line_ids), 1)
        self.assertAlmostEqual(bill.amount_total, spec.total, places=2)
        bill.action_digitize_create_partner()
        self.assertEqual(bill.partner_id.name, "Brand New Lieferant GmbH")
        self.assertEqual(bill.partner_id.vat, "DE811907980")
        self.assertEqual(bill.partner_id.country_id.code, "DE", "the country its VAT number names")
        self.assertEqual(bill.partner_bank_id.sanitized_acc_number, "DE02120300000000202051")

    def test_upload_of_many_pdfs_makes_one_digitized_bill_each(self):
        journal = self.company_data["default_journal_purchase"]
        attachments = self.env["ir.attachment"].create([
            {"name": f"bill{i}.pdf", "datas": base64.b64encode(invoice_pdf(self.spec)), "mimetype": "application/pdf"}
            for i in range(3)])
        action = journal.with_context(default_move_type="in_invoice").create_document_from_attachment(attachments.ids)
        bills = self.env["account.move"].search(action["domain"]) if action.get("domain") else self.env[
            "account.move"].browse(action["res_id"])
        self.assertEqual(len(bills), 3)
        self.assertEqual(set(bills.mapped("digitize_state")), {"waiting_extraction"})
        self.run_local_service()
        self.assertEqual(set(bills.mapped("ref")), {"RE-4711"})

    def test_batch_action_reports_what_was_sent(self):
        self.env.company.digitize_invoice_mode = "manual_send"
        with_file, without_file = self.new_bill(), self.new_bill()
        self.attach(with_file)
        notification = (with_file | without_file).action_digitize_batch()
        self.assertIn("1 of 2", notification["params"]["message"])
        self.assertEqual(with_file.digitize_state, "waiting_extraction")
        self.assertEqual(without_file.digitize_state, "no_extract_requested")

    def test_on_demand_mode_waits_for_the_button(self):
        self.env.company.digitize_invoice_mode = "manual_send"
        bill = self.new_bill()
        self.attach(bill)
        self.assertEqual(bill.digitize_state, "no_extract_requested")
        self.assertTrue(bill.digitize_can_send)
        bill.action_digitize()
        self.assertEqual(bill.digitize_state, "waiting_extraction")

    def test_unsupported_file_and_maintenance_are_error_states(self):
        bill = self.new_bill()
        self.attach(bill, b"PK\x03\x04 not a document", name="bill.zip", mimetype="application/pdf")
        self.assertEqual((bill.digitize_state, bill.digitize_status), ("error_status", "error_unsupported_format"))
        self.assertIn("format", bill.digitize_message)
        self.env["ir.config_parameter"].sudo().set_param("digitize.maintenance", "1")
        second = self.new_bill()
        self.attach(second)
        self.assertEqual((second.digitize_state, second.digitize_status), ("error_status", "error_maintenance"))
        self.env["ir.config_parameter"].sudo().set_param("digitize.maintenance", "")
        second.action_digitize_retry()
        self.assertEqual(second.digitize_state, "waiting_extraction")

    def test_remote_endpoint_down(self):
        self.env.company.write({"digitize_provider": "extract_api", "digitize_endpoint": "http://127.0.0.1:9",
                                "digitize_account_token": "x"})
        bill = self.new_bill()
        self.attach(bill)
        self.assertEqual((bill.digitize_state, bill.digitize_status), ("error_status", "error_no_connection"))
        self.assertIn("not reachable", bill.digitize_message)

    def test_refund_detected_from_a_negative_total(self):
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                           lines=[("Gutschrift Retoure", 2, -12.5)], number="GS-1")
        bill = self.new_bill()
        self.attach(bill, invoice_pdf(spec))
        self.run_local_service()
        self.assertEqual(bill.move_type, "in_refund")
        self.assertAlmostEqual(bill.amount_total, abs(spec.total), places=2)

    def test_rounding_gap_closed_on_the_tax_line(self):
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976", number="R-3",
                           lines=[("Schraube A", 1, 10.01), ("Schraube B", 1, 10.01), ("Schraube C", 1, 10.01)])
        self.env.company.tax_calculation_rounding_method = "round_per_line"
        bill = self.new_bill()
        self.attach(bill, invoice_pdf(spec))
        self.run_local_service()
        self.assertAlmostEqual(spec.total, 35.74, places=2)  # the document rounds the tax globally: 5.71
        self.assertAlmostEqual(bill.amount_total, spec.total, places=2, msg="per-line rounding gives 35.73")
        self.assertAlmostEqual(bill.amount_tax, 5.71, places=2)

    def test_each_company_uses_its_own_provider(self):
        other = self.setup_other_company()["company"]
        other.write({"digitize_provider": "extract_api", "digitize_endpoint": "http://127.0.0.1:9",
                     "digitize_account_token": "x", "digitize_invoice_mode": "auto_send"})
        mine = self.new_bill()
        theirs = self.env["account.move"].with_company(other).create({"move_type": "in_invoice",
                                                                      "company_id": other.id})
        self.attach(mine)
        self.attach(theirs)
        self.assertEqual(mine.digitize_state, "waiting_extraction", "company 1: local provider")
        self.assertEqual((theirs.digitize_state, theirs.digitize_status), ("error_status", "error_no_connection"),
                         "company 2: its own (unreachable) endpoint")
        self.run_local_service()
        self.assertEqual(mine.digitize_state, "waiting_validation")
        # a user of company 1 only does not see company 2's bill (nor its digitization)
        user = self.env["res.users"].create({
            "name": "Company 1 accountant", "login": "digitize_acc_1", "company_id": self.env.company.id,
            "company_ids": [Command.set(self.env.company.ids)],
            "groups_id": [Command.set(self.env.ref("account.group_account_invoice").ids)]})
        visible = self.env["account.move"].with_user(user).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)

    def test_multi_company_settings(self):
        other = self.setup_other_company()["company"]
        other.digitize_invoice_mode = "no_send"
        bill = self.env["account.move"].with_company(other).create({"move_type": "in_invoice",
                                                                    "company_id": other.id})
        self.attach(bill)
        self.assertEqual(bill.digitize_state, "no_extract_requested", "company 2 does not digitize")
        self.assertFalse(bill.digitize_can_send)

    def test_a_line_discount_reaches_the_bill_line(self):
        def one(value):
            return {"selected_value": {"content": value}}

        results = {"invoice_lines": [
            {"description": one("Nougat de l'Abbaye 250g"), "quantity": one(50.0), "unit_price": one(4.095),
             "discount": one(10.0), "subtotal": one(204.75), "taxes": {"selected_values": [{"content": 19.0}]}},
            {"description": one("Biscuits aux raisins 300g"), "quantity": one(40.0), "unit_price": one(3.2),
             "subtotal": one(128.0), "taxes": {"selected_values": [{"content": 19.0}]}}]}
        bill = self.new_bill(partner_id=self.vendor.id)
        bill._digitize_fill_lines(results, 332.75, 63.22, 395.97, 1, "Muster")
        self.assertEqual(bill.invoice_line_ids.mapped("discount"), [10.0, 0.0])
        self.assertEqual(bill.invoice_line_ids.mapped("price_unit"), [4.55, 3.2], "the price before the discount")
        self.assertAlmostEqual(bill.amount_untaxed, 332.75, places=2)
        self.env.company.digitize_invoice_lines = "tax_groups"
        grouped = self.new_bill(partner_id=self.vendor.id)
        grouped._digitize_fill_lines(results, 332.75, 63.22, 395.97, 1, "Muster")
        self.assertEqual(len(grouped.invoice_line_ids), 1)
        self.assertAlmostEqual(grouped.amount_untaxed, 332.75, places=2)


@tagged("post_install", "-at_install")
class TestDigitizeBillTour(AccountTestInvoicingCommon, HttpCase):
    def test_uploaded_bill_is_filled_in_the_browser(self):
        self.env["account.tax"].create({"name": "VSt 19%", "amount": 19.0, "type_tax_use": "purchase",
                                        "company_id": self.env.company.id})
        self.env["res.partner"].create({"name": "Muster Werkzeug", "vat": "DE136695976", "is_company": True})
        self.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "auto_send"})
        spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976", number="RE-4711")
        attachment = self.env["ir.attachment"].create({"name": "bill.pdf", "datas": base64.b64encode(invoice_pdf(spec)),
                                                       "mimetype": "application/pdf"})
        # the server call of the vendor bills' Upload button
        journal = self.company_data["default_journal_purchase"]
        action = journal.with_context(default_move_type="in_invoice").create_document_from_attachment(attachment.ids)
        bill = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(bill.digitize_state, "waiting_extraction")
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env["digitize.service"]._cron_poll()
        self.env.flush_all()
        self.start_tour(f"/odoo/action-account.action_move_in_invoice_type/{bill.id}", "digitize_bill_tour",
                        login=self.env.user.login)
