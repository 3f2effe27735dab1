# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Learning from validation on the server role: each account's validations teach its own memory."""
import base64
from unittest.mock import patch

from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.digitize.engine.tests.memory_documents import FIRST, SECOND, SHOP
from odoo.addons.digitize.models.server.digitize_memory import OdooStore
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
        self.assertIn("Total: after “NETT AMT PAYABLE” (weight 1)", supplier.learned)
        self.assertIn("Tax number: ", supplier.learned)  # the shop's GST number, named for what it is
        self.assertEqual(supplier.taught_by, self.teacher.name)
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

        # an administrator forgets one supplier from its form, and is taken back to the list (the form's record
        # is gone), then an account's memory
        kept = self.Supplier.create({"name": "Kept", "account_id": self.teacher.id, "company_id": self.env.company.id})
        action = kept.action_forget()
        self.assertFalse(kept.exists())
        self.assertEqual((action["res_model"], action["view_mode"], action["target"]),
                         ("digitize.memory.supplier", "list,form", "main"))
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

    def local_parse(self, company, data):
        server = self.server.sudo().with_company(company).with_context(digitize_local=True)
        answer = server._extract_call("expense", "parse", {
            "documents": [base64.b64encode(data).decode()], "version": extract_api.LATEST_VERSIONS["expense"]},
            route_version=2)
        self.assertEqual(answer["status"], "success", answer)
        self.env["digitize.document"]._process_queue_now()
        return self.env["digitize.document"].search([("uuid", "=", answer["document_token"])])

    def test_the_database_own_memory_is_per_company(self):
        first, first_due = FIRST
        second, second_due = SECOND
        company_a, company_b = self.env.company, self.env["res.company"].create({"name": "Second Company"})
        taught = self.local_parse(company_a, first)
        self.assertEqual(taught.company_id, company_a)
        answer = self.server.sudo().with_company(company_a).with_context(digitize_local=True)._extract_call(
            "expense", "validate_batch", {"documents": {taught.uuid: {
                "supplier": {"content": SHOP}, "total": {"content": first_due}}}})
        self.assertEqual(answer["status"], "success")
        supplier = self.Supplier.search([("account_id", "=", False)])
        self.assertEqual((supplier.name, supplier.company_id), (SHOP, company_a))

        theirs = self.local_parse(company_b, second)
        self.assertEqual(theirs.company_id, company_b)
        self.assertNotEqual(self.selected(theirs, "supplier"), SHOP, "another company's lesson stays its own")
        self.assertEqual(self.selected(theirs, "total"), 40.0)
        mine = self.local_parse(company_a, second)
        self.assertEqual(self.selected(mine, "supplier"), SHOP)
        self.assertEqual(self.selected(mine, "total"), second_due)

    def test_a_key_and_a_lesson_are_kept_once_per_owner(self):
        store = OdooStore(self.env, self.teacher)
        sid = store.create_supplier()
        store.bump_keys(sid, {"vat:DE1": 1, "word:acme": 2})
        store.bump_keys(sid, {"vat:DE1": 1, "word:acme": -2})
        self.assertEqual(store.key_holders(["vat:DE1", "word:acme"]), {"vat:DE1": {sid: 2}})
        store.put_lesson("doc-1", sid, {"keys": ["vat:DE1"], "facts": []})
        store.put_lesson("doc-1", sid, {"keys": [], "facts": []})
        self.assertEqual(store.get_lesson("doc-1"), (sid, {"keys": [], "facts": []}))
        Evidence, Lesson = self.env["digitize.memory.evidence"], self.env["digitize.memory.lesson"]
        for model, values in ((Evidence, {"supplier_id": sid, "key": "vat:DE1", "count": 1}),
                              (Lesson, {"supplier_id": sid, "account_id": self.teacher.id, "ref": "doc-1"})):
            with self.subTest(model=model._name), mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                    self.env.cr.savepoint():
                model.create(values)
                model.flush_model()

    def test_a_failed_recall_query_leaves_the_transaction_usable(self):
        first, _first_due = FIRST

        def failing(store, keys):
            store.env.cr.execute("SELECT 1 / 0")

        with patch.object(OdooStore, "key_frequencies", failing), mute_logger(
                "odoo.sql_db", "odoo.addons.digitize.models.server.digitize_memory"):
            document = self.parse(self.teacher, first)
        self.assertEqual(document.status, "success")
        self.env.cr.execute("SELECT 1")
        self.assertEqual(self.env.cr.fetchone(), (1,))

    def test_two_lessons_of_one_memory_at_once_run_one_after_the_other(self):
        # two transactions of their own (committed data): the second's snapshot is taken before the first commits
        company = self.env.ref("base.main_company")
        first = sql_db.db_connect(self.env.cr.dbname).cursor()
        second = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            for cursor in (first, second):  # a lock held by the test's own transaction fails, never hangs
                cursor.execute("SET LOCAL lock_timeout = '10s'")
            second.execute("SELECT 1")
            OdooStore(api.Environment(first, SUPERUSER_ID, {}), self.env["digitize.account"], company)._take_turn()
            first.commit()
            store = OdooStore(api.Environment(second, SUPERUSER_ID, {}), self.env["digitize.account"], company)
            with mute_logger("odoo.sql_db"), self.assertRaises(SerializationFailure):
                store._take_turn()  # it would not see the first's new supplier: it must run again
        finally:
            first.close()
            second.close()
