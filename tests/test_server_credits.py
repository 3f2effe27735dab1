# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import tagged

from .common import DigitizeHttpCase


@tagged("post_install", "-at_install")
class TestCredits(DigitizeHttpCase):
    """A credit is taken at parse (a client without credit hears error_no_credit at once) and given back when
    the document ends in error, as ``iap_charge`` gives back what a failed service took."""

    def parse(self, documents):
        return self.result("/api/extract/invoice/1/parse", {"account_token": self.token, "documents": documents})

    def document(self, parsed):
        return self.env["digitize.document"].search([("uuid", "=", parsed["document_uuid"])])

    def test_credit_given_back_when_processing_fails(self):
        parsed = self.parse([base64.b64encode(b"%PDF-1.4 broken beyond repair").decode()])
        self.assertEqual(parsed["status"], "success")
        self.assertEqual(self.account.credits, 4, "taken at parse")
        self.process_queue()
        document = self.document(parsed)
        self.assertEqual(document.state, "error")
        self.assertTrue(document.credit_refunded)
        self.assertEqual(self.account.credits, 5, "given back: the document ended in error")
        document._refund_credit()
        self.assertEqual(self.account.credits, 5, "given back once only")

    def test_credit_kept_on_success(self):
        parsed = self.parse([self.pdf_b64])
        self.process_queue()
        document = self.document(parsed)
        self.assertEqual(document.state, "done")
        self.assertFalse(document.credit_refunded)
        self.assertEqual(self.account.credits, 4)

    def test_no_credit_still_refused_at_parse(self):
        self.account.credits = 0
        self.assertEqual(self.parse([self.pdf_b64])["status"], "error_no_credit")
        self.assertEqual(self.account.credits, 0)

    def test_unlimited_account_gets_nothing_back(self):
        self.account.write({"unlimited": True, "credits": 0})
        parsed = self.parse([base64.b64encode(b"%PDF-1.4 broken beyond repair").decode()])
        self.process_queue()
        self.assertEqual(self.document(parsed).state, "error")
        self.assertEqual(self.account.credits, 0)

    def test_stale_document_out_of_attempts_gives_its_credit_back(self):
        parsed = self.parse([self.pdf_b64])
        document = self.document(parsed)
        self.env.flush_all()
        self.env.cr.execute("""UPDATE digitize_document SET state = 'processing', attempts = 3,
                               processing_started = now() at time zone 'UTC' - interval '1 hour' WHERE id = %s""",
                            (document.id,))
        self.env.invalidate_all()
        self.env["digitize.document"]._requeue_stale()  # the cron's first step, without its commits
        self.assertEqual(document.state, "error")
        self.assertEqual(self.account.credits, 5)
