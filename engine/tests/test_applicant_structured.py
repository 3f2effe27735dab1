"""CVs, embedded Factur-X / UBL XML, EPC QR codes."""
import io

import pypdfium2 as pdfium
import pytest

from engine import extract
from engine.tests.documents import InvoiceSpec, cv_pdf, image_bytes, invoice_pdf, render_pdf


def selected(result, name):
    value = result[name].get("selected_value")
    return value["content"] if value else None


def test_cv_fields():
    result = extract(cv_pdf(), "applicant", {"user_lang": "fr_FR"})
    assert set(result) == {"name", "email", "phone", "mobile", "full_text_annotation"}
    assert selected(result, "name") == "Amélie Durand"
    assert selected(result, "email") == "amelie.durand@example.org"
    assert selected(result, "phone") == "+33 1 42 68 53 00"
    assert selected(result, "mobile") == "+33 6 12 34 56 78"


def test_cv_name_is_not_a_heading_or_an_employer():
    result = extract(cv_pdf(name="JOHN O'NEILL", email="john.oneill@example.com", phone="(415) 555-0132",
                            mobile="(415) 555-0199"), "applicant", {"user_lang": "en_US"})
    assert selected(result, "name") == "JOHN O'NEILL"
    assert selected(result, "mobile") == "(415) 555-0199"


CII = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocument><ram:ID>XML-2024-001</ram:ID>
  <ram:IssueDateTime><udt:DateTimeString format="102">20240314</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:SpecifiedTradeProduct><ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>12.50</ram:ChargeAmount>
   </ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">4</ram:BilledQuantity>
   </ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:RateApplicablePercent>19</ram:RateApplicablePercent>
   </ram:ApplicableTradeTax>
   <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>50.00</ram:LineTotalAmount>
   </ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>XML Seller GmbH</ram:Name>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE136695976</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>XML Buyer AG</ram:Name></ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementPaymentMeans><ram:PayeePartyCreditorFinancialAccount>
    <ram:IBANID>DE89370400440532013000</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
   </ram:SpecifiedTradeSettlementPaymentMeans>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20240413</udt:DateTimeString>
   </ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:TaxBasisTotalAmount>50.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">9.50</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>59.50</ram:GrandTotalAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"""


def with_attachment(pdf_bytes, name, payload):
    pdf = pdfium.PdfDocument(pdf_bytes)
    attachment = pdf.new_attachment(name)
    attachment.set_data(payload)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def check_cii(result):
    assert selected(result, "invoice_id") == "XML-2024-001"
    assert selected(result, "date") == "2024-03-14"
    assert selected(result, "due_date") == "2024-04-13"
    assert selected(result, "supplier") == "XML Seller GmbH"
    assert selected(result, "client") == "XML Buyer AG"
    assert selected(result, "total") == 59.5 and selected(result, "subtotal") == 50.0
    assert selected(result, "total_tax_amount") == 9.5
    assert selected(result, "iban") == "DE89370400440532013000"
    line = result["invoice_lines"][0]
    assert line["quantity"]["selected_value"]["content"] == 4.0
    assert line["unit_price"]["selected_value"]["content"] == 12.5
    assert line["taxes"]["selected_values"][0]["content"] == 19.0


def test_factur_x_xml_inside_the_pdf_wins_over_the_visible_page():
    # the visible page says something else: the embedded XML is the exact source
    data = with_attachment(invoice_pdf(InvoiceSpec()), "factur-x.xml", CII.encode())
    check_cii(extract(data, "invoice"))


def test_cii_xml_file_alone():
    check_cii(extract(CII.encode(), "invoice"))


def test_broken_embedded_xml_falls_back_to_the_page():
    spec = InvoiceSpec()
    data = with_attachment(invoice_pdf(spec), "factur-x.xml", b"<rsm:CrossIndustryInvoice><unclosed>")
    assert selected(extract(data, "invoice"), "total") == pytest.approx(spec.total, abs=0.005)


def test_xml_entities_are_not_expanded():
    evil = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<Invoice xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:ID>&e;</cbc:ID></Invoice>"""
    result = extract(evil, "invoice")
    assert "root:" not in str(selected(result, "invoice_id"))


UBL = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>UBL-77</cbc:ID><cbc:IssueDate>2024-05-02</cbc:IssueDate><cbc:DueDate>2024-06-01</cbc:DueDate>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>UBL Supplier BV</cbc:Name></cac:PartyName>
  <cac:PartyTaxScheme><cbc:CompanyID>NL004495445B01</cbc:CompanyID></cac:PartyTaxScheme></cac:Party>
 </cac:AccountingSupplierParty>
 <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">21.00</cbc:TaxAmount></cac:TaxTotal>
 <cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">121.00</cbc:TaxInclusiveAmount></cac:LegalMonetaryTotal>
 <cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62">2</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Service</cbc:Name></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="EUR">50.00</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>
</Invoice>"""


def test_ubl_xml_file():
    result = extract(UBL, "invoice")
    assert selected(result, "invoice_id") == "UBL-77"
    assert selected(result, "supplier") == "UBL Supplier BV"
    assert selected(result, "VAT_Number") == "NL004495445B01"
    assert selected(result, "total") == 121.0 and selected(result, "total_tax_amount") == 21.0
    assert result["invoice_lines"][0]["unit_price"]["selected_value"]["content"] == 50.0


def test_epc_qr_code_on_a_scan():
    qrcode = pytest.importorskip("qrcode")
    from PIL import Image

    spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976")
    page = render_pdf(invoice_pdf(spec), dpi=150)
    payload = "\n".join(["BCD", "002", "1", "SCT", "COBADEFFXXX", "QR Empfänger GmbH", "DE89370400440532013000",
                         f"EUR{spec.total:.2f}", "", "RF18539007547034", ""])
    code = qrcode.make(payload, box_size=4, border=2).get_image().convert("RGB")
    page.paste(code, (page.width - code.width - 60, page.height - code.height - 140))
    result = extract(image_bytes(page), "invoice", {"user_lang": "de_DE"})
    assert selected(result, "iban") == "DE89370400440532013000"
    assert selected(result, "payment_ref") == "RF18539007547034"
    assert selected(result, "total") == pytest.approx(spec.total, abs=0.005)
    assert isinstance(page, Image.Image)
