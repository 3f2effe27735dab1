# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json

from odoo.tests import HttpCase

from odoo.addons.digitize.engine.tests.documents import InvoiceSpec, invoice_pdf


class DigitizeHttpCase(HttpCase):
    """Calls the server role through real HTTP, as a remote client would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls.env["digitize.account"].create({"name": "Remote client", "credits": 5})
        cls.token = cls.account._set_new_token()
        cls.spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                               iban="DE89 3704 0044 0532 0130 00", number="RE-4711")
        cls.pdf_b64 = base64.b64encode(invoice_pdf(cls.spec)).decode()

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a session bound to the test database, no user

    def rpc(self, path, params, request_id="r1", raw=None):
        payload = raw if raw is not None else json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params, "id": request_id})
        response = self.url_open(path, data=payload, headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["jsonrpc"], "2.0")
        return body

    def result(self, path, params):
        body = self.rpc(path, params)
        self.assertNotIn("error", body)
        return body["result"]

    def process_queue(self):
        self.env.invalidate_all()
        ids = self.env["digitize.document"]._process_queue_now()
        self.env.invalidate_all()
        return ids


class DigitizeClientHttpCase(DigitizeHttpCase):
    """The client role of this database with the local provider; the remote providers reach this database's
    server role through real HTTP. Used by the bridge addons' tests too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"digitize_provider": "local"})

    def attach(self, record, data, name, mimetype):
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas": base64.b64encode(data), "res_model": record._name, "res_id": record.id,
            "mimetype": mimetype})
        record.message_post(attachment_ids=[attachment.id])
        return attachment

    def run_local_service(self):
        self.env.flush_all()
        self.env["digitize.document"]._process_queue_now()
        self.env.flush_all()  # the HTTP side of the remote providers reads the database
        self.env["digitize.service"]._cron_poll()
