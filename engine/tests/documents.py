"""Test documents rendered on the fly: invoices (reportlab PDF), receipts (PIL image), CVs, bad files.

Nothing here is a stored sample: every test builds what it reads, so each language, number format and
scan defect is explicit in the test that uses it.
"""
import io
import os
import random
import struct
import zlib
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
FONT = os.path.join(FONT_DIR, "Vera.ttf")
FONT_BOLD = os.path.join(FONT_DIR, "VeraBd.ttf")


class CoveringTTFont(TTFont):
    """A TrueType font that refuses text it has no glyph for.

    reportlab up to 4.0 wrote such a character with its code and its Unicode value, so it stayed in the text
    layer (drawn as an empty box); from 4.1 on it writes the font's .notdef glyph, with no Unicode value, and the
    character is gone from the text layer. A test document drawn so would read differently with the reportlab
    version installed: draw such text in ``UNICODE_FONT`` instead.
    """

    def splitString(self, text, doc, *args, **kwargs):
        glyphs = self.face.charToGlyph
        missing = sorted({char for char in str(text) if ord(char) not in glyphs and char != "\u00a0"})
        if missing:
            raise ValueError(f"{self.fontName} has no glyph for {''.join(missing)!r} in {text!r}: "
                             f"draw it in {UNICODE_FONT}")
        return super().splitString(text, doc, *args, **kwargs)


# DejaVu Sans extends Vera (same design and metrics) to most European scripts and symbols such as ●.
# Debian and Ubuntu: fonts-dejavu-core; Fedora: dejavu-sans-fonts.
UNICODE_FONT = "DejaVu"
UNICODE_FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
                      "/usr/share/fonts/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/TTF/DejaVuSans.ttf",
                      "/Library/Fonts/DejaVuSans.ttf")

pdfmetrics.registerFont(CoveringTTFont("Vera", FONT))
pdfmetrics.registerFont(CoveringTTFont("VeraBd", FONT_BOLD))


def unicode_font():
    """Register DejaVu Sans as ``UNICODE_FONT`` (once) and return that name; fail if it is not installed."""
    if UNICODE_FONT not in pdfmetrics.getRegisteredFontNames():
        path = next((path for path in UNICODE_FONT_FILES if os.path.isfile(path)), None)
        if path is None:
            raise FileNotFoundError("DejaVu Sans is not installed (Debian and Ubuntu: apt-get install "
                                    "fonts-dejavu-core); test documents need it for text beyond Vera's glyphs")
        pdfmetrics.registerFont(CoveringTTFont(UNICODE_FONT, path))
    return UNICODE_FONT

# Per language: labels and how numbers and dates are printed.
LANGS = {
    "en": dict(invoice="INVOICE", number="Invoice No:", date="Invoice Date:", due="Due Date:", qty="Qty",
               desc="Description", price="Unit Price", amount="Amount", subtotal="Subtotal", tax="VAT 20%",
               total="Total Due", bill_to="Bill To:", vat="VAT No:", dec=".", thou=",", datefmt="{d:02d}/{m:02d}/{y}"),
    "fr": dict(invoice="FACTURE", number="Facture N°", date="Date de facture :", due="Date d'échéance :",
               qty="Qté", desc="Désignation", price="Prix unitaire", amount="Montant HT", subtotal="Total HT",
               tax="TVA 20 %", total="Total TTC", bill_to="Facturé à :", vat="N° TVA :", dec=",", thou=" ",
               datefmt="{d} {month_fr} {y}"),
    "de": dict(invoice="RECHNUNG", number="Rechnungsnummer:", date="Rechnungsdatum:", due="Fällig am:",
               qty="Menge", desc="Bezeichnung", price="Einzelpreis", amount="Betrag", subtotal="Nettobetrag",
               tax="MwSt. 19%", total="Gesamtbetrag", bill_to="Rechnungsempfänger:", vat="USt-IdNr.:", dec=",",
               thou=".", datefmt="{d:02d}.{m:02d}.{y}"),
    "nl": dict(invoice="FACTUUR", number="Factuurnummer:", date="Factuurdatum:", due="Vervaldatum:", qty="Aantal",
               desc="Omschrijving", price="Prijs", amount="Bedrag", subtotal="Subtotaal", tax="BTW 21%",
               total="Totaal te betalen", bill_to="Klant:", vat="BTW-nr:", dec=",", thou=".",
               datefmt="{d:02d}-{m:02d}-{y}"),
    "es": dict(invoice="FACTURA", number="Número de factura:", date="Fecha de factura:",
               due="Fecha de vencimiento:", qty="Cantidad", desc="Descripción", price="Precio unitario",
               amount="Importe", subtotal="Base imponible", tax="IVA 21%", total="Total a pagar", bill_to="Cliente:",
               vat="CIF/NIF:", dec=",", thou=".", datefmt="{d:02d}/{m:02d}/{y}"),
    "it": dict(invoice="FATTURA", number="Numero fattura:", date="Data fattura:", due="Data di scadenza:",
               qty="Quantità", desc="Descrizione", price="Prezzo unitario", amount="Importo", subtotal="Imponibile",
               tax="IVA 22%", total="Totale da pagare", bill_to="Cliente:", vat="Partita IVA:", dec=",", thou=".",
               datefmt="{d:02d}/{m:02d}/{y}"),
    "pt": dict(invoice="FATURA", number="Fatura n.º", date="Data da fatura:", due="Data de vencimento:",
               qty="Quantidade", desc="Descrição", price="Preço unitário", amount="Valor", subtotal="Total sem IVA",
               tax="IVA 23%", total="Total a pagar", bill_to="Cliente:", vat="NIF:", dec=",", thou=" ",
               datefmt="{d:02d}-{m:02d}-{y}"),
}
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
TAX_RATES = {"en": 20, "fr": 20, "de": 19, "nl": 21, "es": 21, "it": 22, "pt": 23}


def money(value, dec=".", thou=","):
    text = f"{abs(value):,.2f}".replace(",", "\x00").replace(".", dec).replace("\x00", thou)
    return ("-" if value < 0 else "") + text


@dataclass
class InvoiceSpec:
    lang: str = "en"
    supplier: str = "Northwind Traders Ltd"
    supplier_address: tuple = ("12 Harbour Road", "Bristol BS1 4QA")
    supplier_vat: str = "GB123456789"
    client: str = "Contoso Retail Ltd"
    client_address: tuple = ("5 Market Street", "Leeds LS1 6DT")
    client_vat: str = ""
    number: str = "INV-2024-0042"
    date: tuple = (2024, 3, 14)
    due: tuple = (2024, 4, 13)
    iban: str = "GB33 BUKB 2020 1555 5555 55"
    bic: str = "BUKBGB22"
    currency_symbol: str = None
    lines: list = field(default_factory=lambda: [("Consulting services", 10, 85.0), ("Travel expenses", 1, 120.5),
                                                 ("Software licence", 3, 49.99)])
    tax_rate: float = None
    email: str = "billing@northwind.example"

    @property
    def labels(self):
        return LANGS[self.lang]

    @property
    def symbol(self):
        return self.currency_symbol or ("£" if self.lang == "en" else "€")

    @property
    def rate(self):
        return TAX_RATES[self.lang] if self.tax_rate is None else self.tax_rate

    @property
    def subtotal(self):
        return round(sum(round(q * p, 2) for _, q, p in self.lines), 2)

    @property
    def tax(self):
        return round(self.subtotal * self.rate / 100, 2)

    @property
    def total(self):
        return round(self.subtotal + self.tax, 2)

    def fmt_date(self, ymd):
        y, m, d = ymd
        return self.labels["datefmt"].format(d=d, m=m, y=y, month_fr=MONTHS_FR[m - 1])

    def fmt_money(self, value):
        return money(value, self.labels["dec"], self.labels["thou"])


def drawn_pdf(draw, pagesize=A4, font_size=10):
    """A one-page text-layer PDF that ``draw(canvas)`` paints, in Vera ``font_size`` unless it sets another."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=pagesize)
    page.setFont("Vera", font_size)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def drawn_turned(data, turn, display):
    """The page of ``data`` drawn ``turn`` quarter turns anticlockwise on a page displayed with /Rotate."""
    source, target = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    width, height = source[0].get_size()
    form = source.page_as_xobject(0, target).as_pageobject()
    form.transform(pdfium.PdfMatrix().rotate(90 * turn, ccw=True).translate(
        *{1: (height, 0), 2: (width, height), 3: (0, width)}[turn]))
    page = target.new_page(*((height, width) if turn % 2 else (width, height)))
    page.insert_obj(form)
    page.gen_content()
    page.set_rotation(display)
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def draw_lines(page, y, lines, x=40, step=14):
    """Draw ``lines`` one under the other from ``y`` down, ``step`` apart; the y under the last one."""
    for text in lines:
        page.drawString(x, y, text)
        y -= step
    return y


def draw_row(page, y, cells):
    """Draw ``cells``, (x, text) pairs, on one line at ``y``."""
    for x, text in cells:
        page.drawString(x, y, text)


def line_values(result):
    """(quantity, unit price, subtotal) of each invoice line of an extraction result."""
    return [tuple(line[name]["selected_value"]["content"] for name in ("quantity", "unit_price", "subtotal"))
            for line in result["invoice_lines"]]


def selected_content(result, field):
    """The content of ``field``'s selected value in an extraction result, or None."""
    value = result[field].get("selected_value")
    return value and value["content"]


def candidate_contents(result, field):
    return [c["content"] for c in result[field]["candidates"]]


def invoice_pdf(spec=None, encrypt=None):
    """A one-page vendor bill as a text-layer PDF."""
    spec = spec or InvoiceSpec()
    L = spec.labels
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    width, height = A4
    pdf.setFont("VeraBd", 16)
    pdf.drawString(40, height - 60, spec.supplier)
    pdf.setFont("Vera", 9)
    y = height - 78
    for line in spec.supplier_address + (f"{L['vat']} {spec.supplier_vat}", spec.email):
        pdf.drawString(40, y, line)
        y -= 12
    pdf.setFont("VeraBd", 20)
    pdf.drawRightString(width - 40, height - 60, L["invoice"])
    pdf.setFont("Vera", 10)
    pdf.drawString(330, height - 100, L["number"])
    pdf.drawString(450, height - 100, spec.number)
    pdf.drawString(330, height - 115, L["date"])
    pdf.drawString(450, height - 115, spec.fmt_date(spec.date))
    if spec.due:
        pdf.drawString(330, height - 130, L["due"])
        pdf.drawString(450, height - 130, spec.fmt_date(spec.due))
    pdf.setFont("VeraBd", 10)
    pdf.drawString(40, height - 170, L["bill_to"])
    pdf.setFont("Vera", 10)
    y = height - 185
    for line in (spec.client,) + spec.client_address:
        pdf.drawString(40, y, line)
        y -= 13
    if spec.client_vat:
        pdf.drawString(40, y, f"{L['vat']} {spec.client_vat}")
    # lines table
    y = height - 290
    pdf.setFont("VeraBd", 10)
    pdf.drawString(40, y, L["desc"])
    pdf.drawRightString(330, y, L["qty"])
    pdf.drawRightString(440, y, L["price"])
    pdf.drawRightString(width - 40, y, L["amount"])
    pdf.line(40, y - 5, width - 40, y - 5)
    pdf.setFont("Vera", 10)
    for desc, qty, price in spec.lines:
        y -= 20
        pdf.drawString(40, y, desc)
        pdf.drawRightString(330, y, str(qty))
        pdf.drawRightString(440, y, spec.fmt_money(price))
        pdf.drawRightString(width - 40, y, spec.fmt_money(round(qty * price, 2)))
    y -= 35
    for label, value, bold in ((L["subtotal"], spec.subtotal, False), (L["tax"], spec.tax, False),
                               (L["total"], spec.total, True)):
        pdf.setFont("VeraBd" if bold else "Vera", 11 if bold else 10)
        pdf.drawString(330, y, label)
        pdf.drawRightString(width - 40, y, f"{spec.fmt_money(value)} {spec.symbol}")
        y -= 18
    pdf.setFont("Vera", 8)
    pdf.drawString(40, 60, f"IBAN: {spec.iban}   BIC: {spec.bic}")
    pdf.drawString(40, 48, f"{spec.supplier} - {L['vat']} {spec.supplier_vat}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_pdf(data, dpi=150, page=0):
    doc = pdfium.PdfDocument(data)
    try:
        return doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def scanned(image, angle=0.0, noise=0.0, blur=0.0, seed=7):
    """A scan-looking copy of a page image: slight rotation, blur and speckle noise."""
    result = image.convert("L")
    if angle:
        result = result.rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    if blur:
        result = result.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(seed)
        pixels = result.load()
        w, h = result.size
        for _ in range(int(w * h * noise)):
            x, y = rng.randrange(w), rng.randrange(h)
            pixels[x, y] = rng.choice((0, 255))
    return result.convert("RGB")


SCAN_WORDS = ("Lieferschein", "Rechnung", "Gutschrift", "Mahnung")


def scanned_pdf(pages):
    """A PDF of pictures of pages (no text layer: every page is OCRed), one line of large words on each (the
    words of SCAN_WORDS in turn)."""
    font = ImageFont.truetype(next(path for path in UNICODE_FONT_FILES if os.path.isfile(path)), 44)
    images = []
    for index in range(pages):
        image = Image.new("RGB", (900, 300), "white")
        ImageDraw.Draw(image).text((40, 110), f"{SCAN_WORDS[index % len(SCAN_WORDS)]} Nummer {index + 1}07",
                                   fill="black", font=font)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    return buffer.getvalue()


def faded(image, ink, paper):
    """``image`` printed in ink of grey level ``ink`` on paper of grey level ``paper``, as a till receipt fades."""
    grey = np.asarray(image.convert("L"), dtype=np.float32) / 255
    return Image.fromarray((ink + grey * (paper - ink)).astype(np.uint8)).convert("RGB")


def image_bytes(image, fmt="PNG", **kwargs):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def receipt_image(merchant="GREEN LEAF CAFE SDN BHD", date="25/12/2018", items=(("LATTE", 9.50), ("CROISSANT", 6.90)),
                  tax_rate=6, cash=50.0, currency="RM", rounded=False):
    """A till receipt, drawn with a TrueType font at scanner-like resolution. ``rounded``: the total is
    rounded to 0.05 for cash, printed as "TOTAL", "ROUNDING ADJ" and "TOTAL ROUNDED" rows."""
    font = ImageFont.truetype(FONT, 26)
    bold = ImageFont.truetype(FONT_BOLD, 30)
    subtotal = round(sum(p for _, p in items), 2)
    tax = round(subtotal * tax_rate / 100, 2)
    total = round(subtotal + tax, 2)
    rows = [(merchant, bold, "c"), ("NO 12, JALAN MAWAR 3, 81100 JOHOR", font, "c"), ("TEL: 07-3345678", font, "c"),
            ("", font, "l"), (f"DATE: {date}   TIME: 12:41", font, "l"), ("RECEIPT NO: R000123", font, "l"),
            ("-" * 30, font, "l")]
    for name, price in items:
        rows.append((f"{name}|{price:.2f}", font, "lr"))
    rows += [("-" * 30, font, "l"), (f"SUBTOTAL|{subtotal:.2f}", font, "lr"),
             (f"GST {tax_rate}%|{tax:.2f}", font, "lr"), (f"TOTAL {currency}|{total:.2f}", bold, "lr")]
    if rounded:
        paid = round(round(total / 0.05) * 0.05, 2)
        rows += [(f"ROUNDING ADJ|{paid - total:.2f}", font, "lr"), (f"TOTAL ROUNDED|{paid:.2f}", bold, "lr")]
        total = paid
    rows += [(f"CASH|{cash:.2f}", font, "lr"),
             (f"CHANGE|{cash - total:.2f}", font, "lr"), ("", font, "l"), ("THANK YOU, PLEASE COME AGAIN", font, "c")]
    width, line_height = 640, 44
    image = Image.new("RGB", (width, 60 + line_height * len(rows)), "white")
    draw = ImageDraw.Draw(image)
    y = 30
    for text, face, align in rows:
        if align == "lr":
            left, right = text.split("|")
            draw.text((30, y), left, font=face, fill="black")
            draw.text((width - 30 - draw.textlength(right, font=face), y), right, font=face, fill="black")
        elif align == "c":
            draw.text(((width - draw.textlength(text, font=face)) / 2, y), text, font=face, fill="black")
        else:
            draw.text((30, y), text, font=face, fill="black")
        y += line_height
    return image, {"supplier": merchant, "total": total, "subtotal": subtotal, "tax": tax}


def cv_pdf(name="Amélie Durand", email="amelie.durand@example.org", phone="+33 1 42 68 53 00",
           mobile="+33 6 12 34 56 78"):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    pdf.setFont("VeraBd", 24)
    pdf.drawString(50, height - 70, name)
    pdf.setFont("Vera", 12)
    pdf.drawString(50, height - 92, "Senior Accountant")
    pdf.setFont("Vera", 10)
    pdf.drawString(50, height - 120, f"Email: {email}")
    pdf.drawString(50, height - 134, f"Phone: {phone}")
    pdf.drawString(50, height - 148, f"Mobile: {mobile}")
    pdf.drawString(50, height - 162, "12 rue de Rivoli, 75004 Paris")
    pdf.setFont("VeraBd", 14)
    pdf.drawString(50, height - 200, "Experience")
    pdf.setFont("Vera", 10)
    y = height - 220
    for line in ("2016 - 2024  Chief Accountant, Dupont & Fils SARL, Lyon",
                 "2012 - 2016  Accountant, Cabinet Martin, Paris", "", "Education",
                 "2010  Master in Finance, Université Paris-Dauphine"):
        pdf.drawString(50, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that declares ``width`` × ``height`` pixels but holds almost nothing: a decompression bomb probe."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(
        b"IEND", b"")
