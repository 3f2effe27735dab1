# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 24: each engine error code and Extract API status has its own message on the record; for documents
read by this database (local provider) the engine's precise reason (corrupt, empty, timeout…) reaches the record."""
import base64

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.digitize.engine import DocumentError
from odoo.addons.digitize.models.client.digitize_mixin import ENGINE_MESSAGES, MESSAGES
from odoo.addons.digitize.protocol import extract_api


@tagged("post_install", "-at_install")
class TestDigitizeMessages(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write({"digitize_provider": "local", "digitize_invoice_mode": "manual_send"})

    def new_bill(self, **values):
        return self.env["account.move"].create(dict({"move_type": "in_invoice"}, **values))

    # ------------------------------------------------------------------------------------------- messages
    def test_each_error_has_its_message(self):
        bill = self.new_bill()
        seen = set()
        for code in DocumentError.CODES:
            bill.write({"digitize_state": "error_status", "digitize_status": extract_api.ENGINE_ERRORS[code],
                        "digitize_error_code": code})
            self.assertEqual(bill.digitize_message, str(ENGINE_MESSAGES[code]))
            seen.add(bill.digitize_message)
        self.assertEqual(len(seen), len(DocumentError.CODES), "one message per engine code")
        self.assertIn("damaged", str(ENGINE_MESSAGES["corrupt"]))
        for status in ("error_unsupported_format", "error_password_protected", "error_unsupported_size",
                       "error_invalid_account_token", "error_maintenance", "error_internal",
                       "error_document_not_found", "error_no_connection"):
            bill.write({"digitize_state": "error_status", "digitize_status": status, "digitize_error_code": False})
            self.assertEqual(bill.digitize_message, str(MESSAGES[status]), status)
        bill.write({"digitize_state": "not_enough_credit", "digitize_status": "error_no_credit"})
        self.assertEqual(bill.digitize_message, str(MESSAGES["error_no_credit"]))

    def test_local_engine_reason_reaches_the_record(self):
        for code in DocumentError.CODES:
            document = self.env["digitize.document"].create({
                "doc_type": "invoice", "local": True, "state": "error",
                "status": extract_api.ENGINE_ERRORS[code], "error_message": f"{code}: what the engine said"})
            bill = self.new_bill(digitize_state="waiting_extraction", digitize_document_uuid=document.uuid)
            bill._digitize_poll()
            self.assertEqual((bill.digitize_state, bill.digitize_error_code), ("error_status", code))
            self.assertEqual(bill.digitize_message, str(ENGINE_MESSAGES[code]))

    def send(self, data, name):
        """A new bill with ``data`` as its document, sent for digitization."""
        bill = self.new_bill()
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas": base64.b64encode(data), "res_model": bill._name, "res_id": bill.id,
            "mimetype": "application/pdf"})
        bill.message_post(attachment_ids=[attachment.id])
        bill.action_digitize()
        return bill

    def test_damaged_pdf_says_damaged(self):
        bill = self.send(b"%PDF-1.7\n1 0 obj <<\x00\x00 broken", "bill.pdf")
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env["digitize.service"]._cron_poll()
        self.assertEqual(bill.digitize_state, "error_status")
        self.assertEqual(bill.digitize_error_code, "corrupt")
        self.assertIn("damaged", bill.digitize_message)
        self.assertNotIn("format", bill.digitize_message)

    def test_refused_file_at_upload_says_why(self):
        bill = self.send(b"PK\x03\x04 not a document", "bill.zip")
        self.assertEqual((bill.digitize_status, bill.digitize_error_code),
                         ("error_unsupported_format", "unsupported_format"))
        self.assertIn("format", bill.digitize_message)

