"""Exact values from structured data: Factur-X / ZUGFeRD / XRechnung (CII) and UBL XML, embedded in a PDF or
given as the file itself, and Swiss QR-bill / EPC (SEPA) QR codes. OCR and heuristics only fill what they lack."""
import datetime
import itertools
import logging
import math

from ..errors import DocumentError
from ..fields.candidates import Candidate, feature_result
from ..fields.weights import EMBEDDED
from . import budget

_logger = logging.getLogger(__name__)
_XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd_invoice.xml", "order-x.xml")
QR_DPI = 150
QR_MAX_PAGES = 3
# An amount this large (in absolute value) is no amount: 1e308, a number typed into a field by mistake
MAX_AMOUNT = 1e15
# The root elements of the XML files the engine reads: CII (Factur-X, ZUGFeRD, XRechnung) and UBL
EINVOICE_ROOTS = ("CrossIndustryInvoice", "Invoice", "CreditNote")
DEFAULT_MAX_XML_LINES = 1000


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
            top = Candidate(value, EMBEDDED, [], words["page"] if words else 0)
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
            result["qr-bill"] = feature_result([Candidate(self.qr_bill, EMBEDDED, [], 0)])


def structured_data(document, data):
    found = Structured()
    limits = getattr(document, "limits", None)
    max_lines = limits.max_xml_lines if limits is not None else DEFAULT_MAX_XML_LINES
    root = getattr(document, "xml_root", None)
    xml = document.xml
    if xml is None:
        for name, content in document.attachments:
            if (name or "").lower() in _XML_NAMES or (name or "").lower().endswith(".xml"):
                xml = content
                break
    if root is not None:
        _read_root(root, found, max_lines)  # the file itself: checked by einvoice_root when it was loaded
    elif xml:
        try:
            _read_xml(xml, found, max_lines)
        except DocumentError as exc:  # an attachment that is no e-invoice (or a bomb): the pages still count
            _logger.info("embedded XML not read: %s", exc)
        except Exception:  # a broken attachment must not cost the visible document
            _logger.info("embedded XML not readable", exc_info=True)
    try:
        _read_qr_codes(document, data, found)
    except Exception:
        _logger.info("QR codes not readable", exc_info=True)
    return found


# ---------------------------------------------------------------------------------------------- XML
def _parse_xml(xml):
    """The root element of ``xml``, parsed safely: no entity is expanded (an entity is left as a reference;
    libxml2 refuses a billion laughs as it reads its declarations: ``corrupt``), no DTD or anything else
    fetched, no tree deeper or text longer than libxml2's defaults."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                             load_dtd=False, dtd_validation=False, remove_pis=True)
    try:
        root = etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError("corrupt", f"The XML cannot be parsed ({exc}).") from None
    if root is None:
        raise DocumentError("corrupt", "The XML has no root element.")
    return root


def einvoice_root(xml):
    """The parsed root of ``xml`` if it is a CII or UBL e-invoice; else ``DocumentError``: ``unsupported_format``
    for markup that is none (HTML, SVG, any other XML), ``corrupt`` for XML that does not parse."""
    stripped = xml[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<svg")):
        raise DocumentError("unsupported_format", "HTML and SVG are not supported: only CII or UBL e-invoice XML.")
    try:
        root = _parse_xml(xml)
    except DocumentError as exc:
        if exc.code == "corrupt" and not stripped.startswith(b"<?xml"):
            raise DocumentError("unsupported_format", "Unsupported file format: text that is not XML.") from None
        raise
    if _local_name(root) not in EINVOICE_ROOTS:
        raise DocumentError("unsupported_format", f"XML <{_local_name(root)}> is not a CII or UBL e-invoice.")
    return root


def _local_name(element):
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(node, path):
    """The first element matching a '/'-separated path of local names, searched anywhere below ``node``, or
    None (ElementPath: it stops at the first match, where an XPath query lists them all)."""
    return node.find(".//" + "/".join("{*}" + part for part in path.split("/")))


def _all(node, *names):
    """The elements called one of ``names`` (local names) anywhere below ``node``, in document order."""
    return node.iterdescendants(*("{*}" + name for name in names))


def _first(node, path):
    """Text of the first element matching a '/'-separated path of local names, searched anywhere below."""
    hit = _find(node, path)
    return hit.text.strip() if hit is not None and hit.text else None


def _amount(text):
    """The number written ``text``, or None: not a number, not finite (NaN, inf, 1e999) or absurdly large."""
    try:
        value = float(text) if text is not None else None
    except (ValueError, TypeError):
        return None
    if value is None or not math.isfinite(value) or abs(value) >= MAX_AMOUNT:
        return None
    return value


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


def _read_xml(xml, found, max_lines=DEFAULT_MAX_XML_LINES):
    _read_root(_parse_xml(xml), found, max_lines)


def _read_root(root, found, max_lines=DEFAULT_MAX_XML_LINES):
    tag = _local_name(root)
    if tag == "CrossIndustryInvoice":
        _read_cii(root, found, max_lines)
    elif tag in ("Invoice", "CreditNote"):
        _read_ubl(root, found, max_lines)


def _read_cii(root, found, max_lines=DEFAULT_MAX_XML_LINES):
    doc = _find(root, "ExchangedDocument")
    if doc is not None:
        found.set("invoice_id", _first(doc, "ID"))
        found.set("date", _cii_date(_first(doc, "IssueDateTime/DateTimeString")))
    found.set("due_date", _cii_date(_first(root, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")))
    seller = _find(root, "SellerTradeParty")
    buyer = _find(root, "BuyerTradeParty")
    if seller is not None:
        found.set("supplier", _first(seller, "Name"))
        found.set("VAT_Number", _vat_of(seller))
    if buyer is not None:
        found.set("client", _first(buyer, "Name"))
    found.set("currency", _first(root, "InvoiceCurrencyCode"))
    summary = _find(root, "SpecifiedTradeSettlementHeaderMonetarySummation")
    if summary is not None:
        found.set("subtotal", _amount(_first(summary, "TaxBasisTotalAmount")))
        found.set("total_tax_amount", _amount(_first(summary, "TaxTotalAmount")))
        found.set("total", _amount(_first(summary, "GrandTotalAmount")))
    found.set("iban", _first(root, "PayeePartyCreditorFinancialAccount/IBANID"))
    found.set("payment_ref", _first(root, "PaymentReference"))
    found.set("purchase_order", _first(root, "BuyerOrderReferencedDocument/IssuerAssignedID"))
    lines = []
    for index, item in enumerate(itertools.islice(_all(root, "IncludedSupplyChainTradeLineItem"), max_lines)):
        if index % 100 == 99:
            budget.check("reading the invoice lines of the XML")
        lines.append(_line(
            _first(item, "SpecifiedTradeProduct/Name"),
            _amount(_first(item, "BilledQuantity")),
            _amount(_first(item, "NetPriceProductTradePrice/ChargeAmount")),
            _amount(_first(item, "LineTotalAmount")),
            _amount(_first(item, "RateApplicablePercent"))))
    found.lines = [line for line in lines if line] or None


def _vat_of(party):
    for node in party.iterfind(".//{*}SpecifiedTaxRegistration/{*}ID"):
        if node.get("schemeID") == "VA" and node.text:
            return node.text.strip()
    return None


def _read_ubl(root, found, max_lines=DEFAULT_MAX_XML_LINES):
    found.set("invoice_id", _first(root, "ID"))
    found.set("date", _cii_date(_first(root, "IssueDate")))
    found.set("due_date", _cii_date(_first(root, "DueDate") or _first(root, "PaymentDueDate")))
    supplier = _find(root, "AccountingSupplierParty")
    customer = _find(root, "AccountingCustomerParty")
    if supplier is not None:
        found.set("supplier", _first(supplier, "RegistrationName") or _first(supplier, "PartyName/Name"))
        found.set("VAT_Number", _first(supplier, "PartyTaxScheme/CompanyID"))
    if customer is not None:
        found.set("client", _first(customer, "RegistrationName") or _first(customer, "PartyName/Name"))
    found.set("currency", _first(root, "DocumentCurrencyCode"))
    found.set("subtotal", _amount(_first(root, "LegalMonetaryTotal/TaxExclusiveAmount")))
    found.set("total", _amount(_first(root, "LegalMonetaryTotal/TaxInclusiveAmount")))
    found.set("total_tax_amount", _amount(_first(root, "TaxTotal/TaxAmount")))
    found.set("iban", _first(root, "PayeeFinancialAccount/ID"))
    found.set("payment_ref", _first(root, "PaymentMeans/PaymentID"))
    found.set("purchase_order", _first(root, "OrderReference/ID"))
    lines = []
    for index, item in enumerate(itertools.islice(_all(root, "InvoiceLine", "CreditNoteLine"), max_lines)):
        if index % 100 == 99:
            budget.check("reading the invoice lines of the XML")
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
        return feature_result([Candidate(value, EMBEDDED, [], 0)])

    line = {"quantity": one(quantity if quantity is not None else 1.0),
            "unit_price": one(unit_price if unit_price is not None else subtotal),
            "subtotal": one(subtotal),
            "total": one(round(subtotal * (1 + (rate or 0) / 100), 2))}
    if description:
        line["description"] = one(description)
    if rate is not None:
        taxes = feature_result([Candidate(rate, EMBEDDED, [], 0)], multi=True)
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
    from ..conventions.text import fold

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
