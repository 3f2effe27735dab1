# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Learning from validation on the server role: each account's validations teach its own memory."""
import base64

from odoo.tests import TransactionCase, tagged

from odoo.addons.digitize.engine.tests.memory_documents import FIRST, SECOND, SHOP
from odoo.addons.digitize.protocol import extract_api


@tagged("post_install", "-at_install")
class TestServerMemory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["digitize.account"]
        cls.teacher = Account.create({"name": "Teacher", "unlimited": True})
        cls.other = Account.create({"name": "Other", "unlimited": True})
        cls.tokens = {cls.teacher: cls.teacher._set_new_token(), cls.other: cls.other._set_new_token()}
        cls.server = cls.env["digitize.server"]
        cls.Supplier = cls.env["digitize.memory.supplier"]

    def parse(self, account, data, doc_type="expense"):
        answer = self.server._extract_call(doc_type, "parse", {
            "account_token": self.tokens[account], "documents": [base64.b64encode(data).decode()],
            "version": extract_api.LATEST_VERSIONS[doc_type]}, route_version=2)
        self.assertEqual(answer["status"], "success", answer)
        self.env["digitize.document"]._process_queue_now()
        return self.env["digitize.document"].search([("uuid", "=", answer["document_token"])])

    def selected(self, document, field):
        return document.result[field]["selected_value"]["content"]

    def test_validate_batch_teaches_only_the_account_that_sent_it(self):
        first, first_due = FIRST
        second, second_due = SECOND
        taught = self.parse(self.teacher, first)
        answer = self.server._extract_call("expense", "validate_batch", {
            "account_token": self.tokens[self.teacher], "documents": {taught.uuid: {
                "supplier": {"content": SHOP}, "date": {"content": "2018-03-19"}, "total": {"content": first_due}}}})
        self.assertEqual(answer["status"], "success")
        supplier = self.Supplier.search([("account_id", "=", self.teacher.id)])
        self.assertEqual((supplier.name, supplier.documents), (SHOP, 1))
        self.assertIn("Total: after “NETT AMT PAYABLE” (1 validations)", supplier.learned)
        self.assertFalse(self.Supplier.search([("account_id", "in", (self.other.id, False))]))

        mine, theirs = self.parse(self.teacher, second), self.parse(self.other, second)
        self.assertEqual(self.selected(mine, "supplier"), SHOP)
        self.assertEqual(self.selected(mine, "total"), second_due)
        self.assertNotEqual(self.selected(theirs, "supplier"), SHOP, "another account's lesson stays its own")
        self.assertEqual(self.selected(theirs, "total"), 40.0)

        # validate (one document) on the legacy v1 routes teaches as well
        self.server._extract_call("expense", "validate", {
            "account_token": self.tokens[self.teacher], "document_token": mine.uuid,
            "values": {"supplier": {"content": SHOP}, "total": {"content": second_due}}})
        self.assertEqual(supplier.documents, 2)

        # an administrator forgets an account's memory
        self.teacher.action_forget_memory()
        self.assertFalse(self.Supplier.search([("account_id", "=", self.teacher.id)]))
        again = self.parse(self.teacher, second)
        self.assertEqual(self.selected(again, "total"), 40.0)

    def test_smartscan_feedback_teaches_and_its_deletion_forgets(self):
        auth = (f"account:{self.teacher.id}", self.teacher, None, 100)
        first, first_due = FIRST
        annotated = self.server._smartscan_annotate(auth, {
            "document": {"content": base64.b64encode(first).decode()}})
        document = self.env["digitize.document"].search([("uuid", "=", annotated["feedbackId"])])
        self.assertTrue(document.memory_digest)
        self.server._smartscan_feedback_create(auth, {
            "id": document.uuid, "tags": ["batch-7"], "true_values": {"total_incl_vat": first_due}})
        lessons = self.env["digitize.memory.lesson"].search([("account_id", "=", self.teacher.id)])
        self.assertEqual(lessons.ref, document.uuid)
        self.assertEqual(lessons.supplier_id.documents, 1)
        self.server._smartscan_feedback_delete(auth, {"tags": ["batch-7"]})
        self.assertFalse(self.env["digitize.memory.lesson"].search([("account_id", "=", self.teacher.id)]))
        self.assertFalse(self.Supplier.search([("account_id", "=", self.teacher.id)]))
