# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What each API reads: XML e-invoices through the Extract API; HTML, SVG and other markup nowhere; Smartscan the
formats its spec lists. A refused file is answered at once, costs nothing and is not stored."""
import base64
import json

from odoo.tests import tagged

from odoo.addons.digitize.engine.tests.test_applicant_structured import CII, UBL

from .common import DigitizeHttpCase

HTML = b"<!DOCTYPE html><html><body><h1>Invoice 12</h1><p>Total 99.00 EUR</p></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Total 99.00</text></svg>'
OTHER_XML = b'<?xml version="1.0"?><order><total>99.00</total></order>'


def b64(data):
    return base64.b64encode(data).decode()


@tagged("post_install", "-at_install")
class TestServerFormats(DigitizeHttpCase):
    def parse(self, data):
        return self.result("/api/extract/invoice/2/parse",
                           {"account_token": self.token, "version": 123, "documents": [b64(data)]})

    def test_xml_e_invoices_are_read_through_the_extract_api(self):
        for data, number, total in ((UBL, "UBL-77", 121.0), (CII.encode(), "XML-2024-001", 59.5)):
            parsed = self.parse(data)
            self.assertEqual(parsed["status"], "success", parsed)
            self.process_queue()
            done = self.result("/api/extract/invoice/2/get_result",
                               {"account_token": self.token, "version": 123,
                                "document_token": parsed["document_token"]})
            self.assertEqual(done["status"], "success", done)
            features = done["results"][0]
            self.assertEqual(features["invoice_id"]["selected_value"]["content"], number)
            self.assertEqual(features["total"]["selected_value"]["content"], total)

    def test_other_markup_is_an_unsupported_format_at_parse(self):
        before = self.env["digitize.document"].search_count([])
        for data in (HTML, SVG, OTHER_XML, b"<", b"   <p>hello</p>"):
            answer = self.parse(data)
            self.assertEqual((answer["status"], answer["status_code"]), ("error_unsupported_format", 6), data)
        self.assertEqual(self.env["digitize.document"].search_count([]), before, "nothing is stored")
        self.account.invalidate_recordset()
        self.assertEqual(self.account.credits, 5, "nothing is charged")

    def test_smartscan_reads_the_formats_of_its_spec_only(self):
        for data in (HTML, SVG, UBL):
            response = self.url_open("/v1/document:annotate", data=json.dumps({"document": {"content": b64(data)}}),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {self.token}"})
            self.assertEqual(response.status_code, 400, response.text)
            self.assertIn("pdf, png, jpg, gif, tif, bmp", response.json()["message"])
            self.assertNotIn("documentType", response.text)
