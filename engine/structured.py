"""Exact values from structured data: Factur-X / ZUGFeRD / XRechnung (CII) and UBL XML, embedded in a PDF or
given as the file itself, and Swiss QR-bill / EPC (SEPA) QR codes. OCR and heuristics only fill what they lack."""
import datetime
import logging

from .fields.candidates import Candidate, feature_result

_logger = logging.getLogger(__name__)
_XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd_invoice.xml", "order-x.xml")
QR_DPI = 150
QR_MAX_PAGES = 3


class Structured:
    """Field values known for sure, merged into a result as selected candidates with score 1."""

    def __init__(self):
        self.values = {}
        self.lines = None
        self.qr_bill = None

    def set(self, name, value):
        if value not in (None, "") and name not in self.values:
            self.values[name] = value

    def __bool__(self):
        return bool(self.values or self.lines or self.qr_bill)

    def apply(self, result):
        for name, value in self.values.items():
            if name not in result:
                continue
            feature = result[name]
            existing = [c for c in feature.get("candidates", [])]
            words = []
            for c in existing:  # keep the position of the printed value when it was found too
                if str(c["content"]).strip().upper() == str(value).strip().upper():
                    words = c
                    break
            top = Candidate(value, 1.0, [], words["page"] if words else 0)
            top_json = top.as_json()
            if words:
                top_json["coords"] = words["coords"]
            others = [c for c in existing if c is not words]
            if name == "purchase_order":
                result[name] = {"selected_values": [top_json], "candidates": [top_json] + others}
            else:
                result[name] = {"selected_value": top_json, "candidates": [top_json] + others}
        if self.lines and "invoice_lines" in result:
            result["invoice_lines"] = self.lines
        if self.qr_bill and "qr-bill" in result:
            result["qr-bill"] = feature_result([Candidate(self.qr_bill, 1.0, [], 0)])


def structured_data(document, data):
    found = Structured()
    xml = document.xml
    if xml is None:
        for name, content in document.attachments:
            if (name or "").lower() in _XML_NAMES or (name or "").lower().endswith(".xml"):
                xml = content
                break
    if xml:
        try:
            _read_xml(xml, found)
        except Exception:  # a broken attachment must not cost the visible document
            _logger.info("embedded XML not readable", exc_info=True)
    try:
        _read_qr_codes(document, data, found)
    except Exception:
        _logger.info("QR codes not readable", exc_info=True)
    return found


# ---------------------------------------------------------------------------------------------- XML
def _parse_xml(xml):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    return etree.fromstring(xml, parser=parser)


def _first(node, path):
    """Text of the first element matching a '/'-separated path of local names, searched anywhere below."""
    expression = ".//" + "/".join(f"*[local-name()='{part}']" for part in path.split("/"))
    hits = node.xpath(expression)
    return hits[0].text.strip() if hits and hits[0].text else None


def _amount(text):
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _cii_date(text):
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        return datetime.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _read_xml(xml, found):
    root = _parse_xml(xml)
    tag = root.xpath("local-name()")
    if tag == "CrossIndustryInvoice":
        _read_cii(root, found)
    elif tag in ("Invoice", "CreditNote"):
        _read_ubl(root, found)


def _read_cii(root, found):
    doc = root.xpath(".//*[local-name()='ExchangedDocument']")
    if doc:
        found.set("invoice_id", _first(doc[0], "ID"))
        found.set("date", _cii_date(_first(doc[0], "IssueDateTime/DateTimeString")))
    found.set("due_date", _cii_date(_first(root, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")))
    seller = root.xpath(".//*[local-name()='SellerTradeParty']")
    buyer = root.xpath(".//*[local-name()='BuyerTradeParty']")
    if seller:
        found.set("supplier", _first(seller[0], "Name"))
        found.set("VAT_Number", _vat_of(seller[0]))
    if buyer:
        found.set("client", _first(buyer[0], "Name"))
    found.set("currency", _first(root, "InvoiceCurrencyCode"))
    summary = root.xpath(".//*[local-name()='SpecifiedTradeSettlementHeaderMonetarySummation']")
    if summary:
        found.set("subtotal", _amount(_first(summary[0], "TaxBasisTotalAmount")))
        found.set("total_tax_amount", _amount(_first(summary[0], "TaxTotalAmount")))
        found.set("total", _amount(_first(summary[0], "GrandTotalAmount")))
    found.set("iban", _first(root, "PayeePartyCreditorFinancialAccount/IBANID"))
    found.set("payment_ref", _first(root, "PaymentReference"))
    found.set("purchase_order", _first(root, "BuyerOrderReferencedDocument/IssuerAssignedID"))
    lines = []
    for item in root.xpath(".//*[local-name()='IncludedSupplyChainTradeLineItem']"):
        lines.append(_line(
            _first(item, "SpecifiedTradeProduct/Name"),
            _amount(_first(item, "BilledQuantity")),
            _amount(_first(item, "NetPriceProductTradePrice/ChargeAmount")),
            _amount(_first(item, "LineTotalAmount")),
            _amount(_first(item, "RateApplicablePercent"))))
    found.lines = [line for line in lines if line] or None


def _vat_of(party):
    for node in party.xpath(".//*[local-name()='SpecifiedTaxRegistration']/*[local-name()='ID']"):
        if node.get("schemeID") == "VA" and node.text:
            return node.text.strip()
    return None


def _read_ubl(root, found):
    found.set("invoice_id", _first(root, "ID"))
    found.set("date", _cii_date(_first(root, "IssueDate")))
    found.set("due_date", _cii_date(_first(root, "DueDate") or _first(root, "PaymentDueDate")))
    supplier = root.xpath(".//*[local-name()='AccountingSupplierParty']")
    customer = root.xpath(".//*[local-name()='AccountingCustomerParty']")
    if supplier:
        found.set("supplier", _first(supplier[0], "RegistrationName") or _first(supplier[0], "PartyName/Name"))
        found.set("VAT_Number", _first(supplier[0], "PartyTaxScheme/CompanyID"))
    if customer:
        found.set("client", _first(customer[0], "RegistrationName") or _first(customer[0], "PartyName/Name"))
    found.set("currency", _first(root, "DocumentCurrencyCode"))
    found.set("subtotal", _amount(_first(root, "LegalMonetaryTotal/TaxExclusiveAmount")))
    found.set("total", _amount(_first(root, "LegalMonetaryTotal/TaxInclusiveAmount")))
    found.set("total_tax_amount", _amount(_first(root, "TaxTotal/TaxAmount")))
    found.set("iban", _first(root, "PayeeFinancialAccount/ID"))
    found.set("payment_ref", _first(root, "PaymentMeans/PaymentID"))
    found.set("purchase_order", _first(root, "OrderReference/ID"))
    lines = []
    for item in root.xpath(".//*[local-name()='InvoiceLine' or local-name()='CreditNoteLine']"):
        lines.append(_line(
            _first(item, "Item/Name"),
            _amount(_first(item, "InvoicedQuantity") or _first(item, "CreditedQuantity")),
            _amount(_first(item, "Price/PriceAmount")),
            _amount(_first(item, "LineExtensionAmount")),
            _amount(_first(item, "ClassifiedTaxCategory/Percent"))))
    found.lines = [line for line in lines if line] or None


def _line(description, quantity, unit_price, subtotal, rate):
    if subtotal is None:
        return None

    def one(value):
        return feature_result([Candidate(value, 1.0, [], 0)])

    line = {"quantity": one(quantity if quantity is not None else 1.0),
            "unit_price": one(unit_price if unit_price is not None else subtotal),
            "subtotal": one(subtotal),
            "total": one(round(subtotal * (1 + (rate or 0) / 100), 2))}
    if description:
        line["description"] = one(description)
    if rate is not None:
        taxes = feature_result([Candidate(rate, 1.0, [], 0)], multi=True)
        for value in taxes["selected_values"] + taxes["candidates"]:
            value["amount_type"] = "percent"
        line["taxes"] = taxes
    return line


# ---------------------------------------------------------------------------------------------- QR codes
def _read_qr_codes(document, data, found):
    try:
        import zxingcpp
    except ImportError:
        return
    images = list(document.images)
    if document.kind == "pdf":
        from .loader import render_pdf_page

        for index, image in enumerate(images[:QR_MAX_PAGES]):
            if image is None and _may_hold_qr(document.pages[index]):
                images[index] = render_pdf_page(data, index, dpi=QR_DPI)
    for image in images[:QR_MAX_PAGES]:
        if image is None:
            continue
        for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            text = barcode.text or ""
            if text.startswith("SPC"):
                _swiss_qr_bill(text, found)
            elif text.startswith("BCD"):
                _epc_qr(text, found)


def _may_hold_qr(page):
    """Text-layer pages are rendered for QR codes only when their text mentions one (rendering costs time)."""
    from .text import fold

    text = fold(" ".join(w.text for w in page.words[:4000]))
    return any(k in text for k in ("zahlteil", "empfangsschein", "payment part", "section paiement",
                                   "sezione pagamento", "girocode", "qr", "scan", "epc"))


def _swiss_qr_bill(text, found):
    lines = text.replace("\r\n", "\n").split("\n")
    if len(lines) < 29:
        return
    found.qr_bill = text
    found.set("iban", lines[3].strip())
    found.set("supplier", lines[5].strip())
    found.set("total", _amount(lines[18].strip()))
    found.set("currency", lines[19].strip())
    if lines[27].strip() in ("QRR", "SCOR"):
        found.set("payment_ref", lines[28].strip())


def _epc_qr(text, found):
    lines = text.replace("\r\n", "\n").split("\n")
    if len(lines) < 7 or lines[3].strip() not in ("SCT", "INST"):
        return
    found.set("supplier", lines[5].strip())
    found.set("iban", lines[6].strip())
    if len(lines) > 7 and lines[7].strip()[:3].isalpha():
        found.set("currency", lines[7].strip()[:3])
        found.set("total", _amount(lines[7].strip()[3:]))
    if len(lines) > 9 and lines[9].strip():
        found.set("payment_ref", lines[9].strip())
