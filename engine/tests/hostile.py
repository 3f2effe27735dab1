"""Hostile files, made at test time (deterministic, small on disk): what ``python -m engine extract`` must
answer with strict JSON or a documented error code, never a traceback, a NaN, a runaway or a memory blow-up.

PDFs are written by hand (``pdf``) so that their structure can be broken on purpose: page trees that loop,
boxes of zero or 1e30, streams that inflate to a GiB.
"""
import io
import struct
import zlib

GIB = 1 << 30


# ---------------------------------------------------------------------------------------------- raw PDF
def pdf(objects, root=1, trailer_extra=b""):
    """A PDF of ``objects`` (bytes each, numbered from 1; a stream's dictionary and data included), with a
    correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, trailer_extra, xref))
    return out.getvalue()


def stream(dictionary, data, compressed=None):
    """A stream object: ``data`` as it is, or ``compressed`` (already deflated) with /FlateDecode."""
    if compressed is not None:
        return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n" % (dictionary, len(compressed)) + compressed \
            + b"\nendstream"
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def text_content(lines, size=11, top=780):
    """A content stream writing ``lines`` in Helvetica (font /F1), one under the other."""
    parts = [b"BT /F1 %d Tf %d TL 50 %d Td" % (size, size + 3, top)]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        parts.append(b"(%s) Tj T*" % escaped)
    parts.append(b"ET")
    return b"\n".join(parts)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
INVOICE_LINES = ["ACME Supplies GmbH", "Invoice INV-2024-001", "Date: 2024-03-01", "Total: 119.00 EUR"]


def text_pdf(lines=INVOICE_LINES, mediabox=b"[0 0 595 842]", extra_objects=(), names=b""):
    """One page of text (objects 1 catalog, 2 pages, 3 page, 4 font, 5 content, then ``extra_objects``)."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R %s>>" % names,
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 4 0 R >> >> "
                b"/Contents 5 0 R >>" % mediabox,
                FONT,
                stream(b"", text_content(lines))] + list(extra_objects))


def looping_page_tree():
    """A page tree whose /Pages node lists itself among its kids (and claims two pages)."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                stream(b"", b"")])


def deep_page_tree(depth=3000):
    """A page tree ``depth`` /Pages nodes deep above its one page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    page = depth + 2
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (page - 1, page + 1, page + 2))
    objects.append(FONT)
    objects.append(stream(b"", text_content(INVOICE_LINES)))
    return pdf(objects)


def zeros_deflated(size, byte=b" ", level=9):
    """``size`` bytes of ``byte``, deflated (zlib), made piece by piece: a GiB compresses to about a MiB."""
    compressor = zlib.compressobj(level)
    block = byte * (16 << 20)
    parts, left = [], size
    while left > 0:
        parts.append(compressor.compress(block[:min(left, len(block))]))
        left -= len(block)
    parts.append(compressor.flush())
    return b"".join(parts)


def content_bomb(size=GIB):
    """A page whose content stream is a few lines of text and then ``size`` bytes of blanks, deflated."""
    compressor = zlib.compressobj(9)
    head = compressor.compress(text_content(INVOICE_LINES) + b"\n")
    block = b" " * (16 << 20)
    parts, left = [head], size
    while left > 0:
        parts.append(compressor.compress(block[:min(left, len(block))]))
        left -= len(block)
    parts.append(compressor.flush())
    compressed = b"".join(parts)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                b"/Contents 5 0 R >>",
                FONT,
                stream(b"", None, compressed=compressed)])


def with_attachment(name, data=None, compressed=None, lines=INVOICE_LINES):
    """A text page with one embedded file called ``name``: ``data``, or an already deflated ``compressed``."""
    names = b"/Names << /EmbeddedFiles << /Names [(%s) 7 0 R] >> >> /AF [7 0 R] " % name.encode()
    embedded = stream(b"/Type /EmbeddedFile /Subtype /text#2Fxml", data, compressed=compressed)
    spec = b"<< /Type /Filespec /F (%s) /UF (%s) /AFRelationship /Data /EF << /F 6 0 R >> >>" % (
        name.encode(), name.encode())
    return text_pdf(lines, names=names, extra_objects=(embedded, spec))


def many_text_objects(count=50_000):
    """One page with ``count`` tiny text objects (one character each, in their own BT/ET)."""
    parts = []
    for index in range(count):
        x, y = 20 + (index % 250) * 2.2, 20 + (index // 250) % 380 * 2
        parts.append(b"BT /F1 2 Tf %.1f %.1f Td (%s) Tj ET" % (x, y, b"abcdefghij"[index % 10:index % 10 + 1]))
    content = b"\n".join(parts)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                b"/Contents 5 0 R >>",
                FONT,
                stream(b"", None, compressed=zlib.compress(content, 9))])


def many_rectangles(count=5_000_000):
    """One page with ``count`` filled rectangles, each its own path object (deflated: a few hundred KB)."""
    compressor = zlib.compressobj(6)
    parts = [compressor.compress(text_content(INVOICE_LINES) + b"\n")]
    chunk = b"".join(b"%d %d 1 1 re f\n" % (10 + i % 500, 10 + (i // 500) % 800) for i in range(10_000))
    for _ in range(count // 10_000):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.flush())
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                b"/Contents 5 0 R >>",
                FONT,
                stream(b"", None, compressed=b"".join(parts))])


def big_text_layer(pages=50, chars_per_page=100_000):
    """``pages`` pages each holding ``chars_per_page`` characters of text in 4-point type (5 MB over 50)."""
    words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor " * 2000)
    line_chars = 300
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages)), pages),
               FONT]
    for index in range(pages):
        lines = [words[(k * line_chars) % 1000:(k * line_chars) % 1000 + line_chars]
                 for k in range(chars_per_page // line_chars)]
        content = text_content(lines, size=1, top=835)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * index))
        objects.append(stream(b"", None, compressed=zlib.compress(content, 6)))
    return pdf(objects)


def image_pdf(pages=3, size=(400, 560)):
    """``pages`` pages that are each a grey picture only (a scan: OCR reads them)."""
    width, height = size
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(pages)), pages)]
    pixels = zlib.compress(bytes([200]) * (width * height))
    for index in range(pages):
        content, picture = 4 + 3 * index, 5 + 3 * index  # the page itself is object 3 + 3 * index
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R "
                       b">> >> /Contents %d 0 R >>" % (picture, content))
        objects.append(stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
        objects.append(stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                              b"/BitsPerComponent 8" % (width, height), None, compressed=pixels))
    return pdf(objects)


# ---------------------------------------------------------------------------------------------- XML
def ubl(amount="119.00", lines=1, line_amount="100.00"):
    """A UBL invoice with ``amount`` as its totals and ``lines`` invoice lines of ``line_amount``."""
    line = (f"<cac:InvoiceLine><cbc:ID>{{}}</cbc:ID><cbc:InvoicedQuantity>1</cbc:InvoicedQuantity>"
            f"<cbc:LineExtensionAmount currencyID=\"EUR\">{line_amount}</cbc:LineExtensionAmount>"
            f"<cac:Item><cbc:Name>Widget</cbc:Name><cac:ClassifiedTaxCategory><cbc:Percent>19</cbc:Percent>"
            f"</cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount>{line_amount}</cbc:PriceAmount>"
            f"</cac:Price></cac:InvoiceLine>")
    body = "".join(line.format(index + 1) for index in range(lines))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        '<cbc:ID>INV-1</cbc:ID><cbc:IssueDate>2024-03-01</cbc:IssueDate>'
        '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>'
        '<cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>ACME</cbc:Name></cac:PartyName>'
        '</cac:Party></cac:AccountingSupplierParty>'
        f'<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">{amount}</cbc:TaxAmount></cac:TaxTotal>'
        f'<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID="EUR">{amount}</cbc:TaxExclusiveAmount>'
        f'<cbc:TaxInclusiveAmount currencyID="EUR">{amount}</cbc:TaxInclusiveAmount></cac:LegalMonetaryTotal>'
        f'{body}</Invoice>').encode()


def cii(amount="119.00"):
    """A CII (Factur-X) invoice with ``amount`` as its totals and its one line's."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
        'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" '
        'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">'
        '<rsm:ExchangedDocument><ram:ID>FX-1</ram:ID><ram:IssueDateTime>'
        '<udt:DateTimeString format="102">20240301</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>'
        '<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedTradeProduct>'
        '<ram:Name>Widget</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeSettlement>'
        f'<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{amount}</ram:LineTotalAmount>'
        '</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>'
        '</ram:IncludedSupplyChainTradeLineItem><ram:ApplicableHeaderTradeSettlement>'
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>'
        '<ram:SpecifiedTradeSettlementHeaderMonetarySummation>'
        f'<ram:TaxBasisTotalAmount>{amount}</ram:TaxBasisTotalAmount><ram:TaxTotalAmount>{amount}</ram:TaxTotalAmount>'
        f'<ram:GrandTotalAmount>{amount}</ram:GrandTotalAmount>'
        '</ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>'
        '</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>').encode()


BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE Invoice [\n<!ENTITY lol "lol">\n'
                  + b"".join(b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
                    b'<ID>&lol9;</ID></Invoice>')

HTML = b"<!DOCTYPE html>\n<html><body><h1>Invoice 42</h1><p>Total: 119.00 EUR</p></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Total 119.00</text></svg>'
NOT_AN_INVOICE = b'<?xml version="1.0"?><catalog><book id="1"><price>10</price></book></catalog>'
ANGLE_TEXT = b"<hello this is not markup at all\nTotal 119.00"


# ---------------------------------------------------------------------------------------------- QR codes
def swiss_qr_text(amount):
    lines = ["SPC", "0200", "1", "CH4431999123000889012", "S", "Robert Schneider AG", "Rue du Lac", "1268",
             "2501", "Biel", "CH", "", "", "", "", "", "", "", amount, "CHF", "S", "Pia-Maria Rutschmann-Schnyder",
             "Grosse Marktgasse", "28", "9400", "Rorschach", "CH", "NON", "", "Order of 15 June 2020", "EPD"]
    return "\n".join(lines)


def epc_qr_text(amount):
    return "\n".join(["BCD", "002", "1", "SCT", "BPOTBEB1", "Red Cross", "BE72000000001616",
                      f"EUR{amount}", "", "", "Donation"])


def qr_png(text):
    """A PNG of a page with the QR code of ``text`` on it."""
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=4)
    code.add_data(text)
    picture = code.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    page = Image.new("RGB", (picture.width + 200, picture.height + 200), "white")
    page.paste(picture, (100, 100))
    out = io.BytesIO()
    page.save(out, format="PNG")
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- images, archives
def zip_with_pdf(inner):
    """A ZIP archive storing ``inner`` uncompressed (its %PDF- header within the archive's first KiB)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("invoice.pdf", inner)
    return out.getvalue()


def tiff_with_bomb_second_page(width=30000, height=30000):
    """A two-page TIFF: a small first page, and a second page whose header claims ``width`` x ``height``
    pixels (900 MP) of one strip (the strip itself is a few bytes: decoding it would be the bomb)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (100, 100), 255).save(out, format="TIFF")
    first = bytearray(out.getvalue())
    # second IFD, little-endian, appended: 1 strip of uncompressed 8-bit grey
    ifd_offset = len(first) + (len(first) % 2)
    data = bytes(first) + b"\x00" * (ifd_offset - len(first))
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, width * height)]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHII", tag, kind, count, value) if kind == 4 else \
            struct.pack("<HHIHH", tag, kind, count, value, 0)
    ifd += struct.pack("<I", 0)
    data += ifd
    # link the first IFD's "next IFD" pointer to it
    first_ifd = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[first_ifd:first_ifd + 2])[0]
    pointer = first_ifd + 2 + 12 * count
    return data[:pointer] + struct.pack("<I", ifd_offset) + data[pointer + 4:]


def multipage_tiff(pages=3, size=(300, 400)):
    from PIL import Image

    out = io.BytesIO()
    frames = [Image.new("L", size, 230) for _ in range(pages)]
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def attachment_bomb(size=GIB):
    """A text page with a factur-x.xml attachment that inflates to ``size`` bytes of blanks."""
    return with_attachment("factur-x.xml", compressed=zeros_deflated(size))


def big_ubl(lines=100_000):
    return ubl(lines=lines)


def truncated(kind):
    """A PNG, JPEG or multi-page TIFF cut off after its first few hundred bytes."""
    from PIL import Image

    if kind == "tif":
        return multipage_tiff()[:300]
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(out, format={"png": "PNG", "jpg": "JPEG"}[kind])
    return out.getvalue()[:200]
