"""The OCR path on images the tests render: scans, rotations, noise, both backends, and no model download."""
import sys

import pytest
from PIL import Image, ImageDraw, ImageFont

from engine import extract
from engine.reading.layout import Word
from engine.reading.loader import load
from engine.reading.ocr import OcrBackend, get_backend
from engine.reading.ocr.rapid import tall_image_pieces
from engine.reading.pdf_text import readable_share
from engine.tests.documents import (
    FONT,
    FONT_BOLD,
    InvoiceSpec,
    drawn_pdf,
    image_bytes,
    invoice_pdf,
    receipt_image,
    render_pdf,
    scanned,
)

SPEC = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                   iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX", number="RE-4711")


@pytest.fixture(scope="module")
def page_image():
    return render_pdf(invoice_pdf(SPEC), dpi=150)


def selected(result, name):
    value = result[name].get("selected_value")
    return value["content"] if value else None


def check_invoice(result):
    assert selected(result, "total") == pytest.approx(SPEC.total, abs=0.005)
    assert selected(result, "invoice_id") == SPEC.number
    assert selected(result, "date") == "{:04d}-{:02d}-{:02d}".format(*SPEC.date)
    assert selected(result, "VAT_Number") == SPEC.supplier_vat


def test_scanned_invoice_with_noise_and_skew(page_image):
    image = scanned(page_image, angle=0.8, noise=0.002, blur=0.4)
    result = extract(image_bytes(image, "JPEG", quality=80), "invoice", {"user_lang": "de_DE"})
    check_invoice(result)
    cx, cy = result["total"]["selected_value"]["coords"][:2]
    assert cx > 0.6 and 0.4 < cy < 0.8


TOTAL_ROWS = (("Rechnungssumme Netto", "473,00"), ("Steuer 7%", "19,25"), ("Steuer 19%", "37,62"),
              ("Gesamtbetrag", "529,87"))


FOOTER = ("Zahlbar innerhalb von 14 Tagen ohne Abzug auf das unten genannte Konto.",
          "Es gelten unsere Allgemeinen Geschäftsbedingungen in der Fassung vom 1. Januar 2024.",
          "Muster Werkzeug GmbH, Industriestraße 12, 70565 Stuttgart, Amtsgericht Stuttgart HRB 12345")


def totals_page(footer=FOOTER):
    """A page image whose labels stand at the left margin and their amounts at the right one, 14 pt apart,
    over a footer of long lines."""
    from reportlab.lib.pagesizes import A4

    height = A4[1]

    def draw(page):
        page.drawString(40, height - 50, "Muster Werkzeug GmbH")
        for index, (label, amount) in enumerate(TOTAL_ROWS):
            page.drawString(60, height - 300 - 14 * index, label)
            page.drawRightString(540, height - 300 - 14 * index, amount)
        for index, text in enumerate(footer):
            page.drawString(60, 120 - 14 * index, text)
    return render_pdf(drawn_pdf(draw), dpi=150)


@pytest.mark.parametrize("ocr", ["rapidocr", "tesseract"])
@pytest.mark.parametrize("angle", [2.5, -2.5])
def test_a_page_scanned_askew_is_read_straight(angle, ocr):
    # 2.5 degrees: the right end of a row sits a row and a half lower (or higher) than its left end
    image = scanned(totals_page(), angle=angle)
    from engine.reading.loader import load

    page = load(image_bytes(image), ocr=get_backend(ocr)).pages[0]
    # each label on the line of its amount (OCR may misread a letter of a turned label)
    rows = page.lines[1:1 + len(TOTAL_ROWS)]
    assert [line.text.split()[-1] for line in rows] == [amount for _label, amount in TOTAL_ROWS]
    assert [line.text.split()[0] for line in rows] == [label.split()[0] for label, _ in TOTAL_ROWS]
    result = extract(image_bytes(image), "invoice", {"user_lang": "de_DE"}, ocr=ocr)
    assert selected(result, "total") == pytest.approx(529.87)
    assert selected(result, "subtotal") == pytest.approx(473.0)


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_turned_pages_are_read_upright(page_image, angle):
    image = page_image.rotate(angle, expand=True)
    result = extract(image_bytes(image), "invoice", {"user_lang": "de_DE"})
    check_invoice(result)
    # coordinates are those of the page as sent, which a client draws them over: the supplier's name heads
    # the upright page, so it lies along the left edge of a page turned anticlockwise, along the right edge
    # of one turned clockwise, at the foot of one upside down
    center_x, center_y, width, height, angle_of_box = result["supplier"]["selected_value"]["coords"]
    edge = {90: center_x, 180: 1 - center_y, 270: 1 - center_x}[angle]
    assert edge < 0.15 and angle_of_box == 0
    if angle != 180:  # a line of text across the upright page runs down the page as sent
        assert height * image.height > 3 * width * image.width
    assert result["supplier"]["selected_value"] in result["supplier"]["candidates"]


def test_scanned_pdf_without_text_layer_is_ocred(page_image):
    import io

    buffer = io.BytesIO()
    page_image.save(buffer, format="PDF", resolution=150)
    result = extract(buffer.getvalue(), "invoice", {"user_lang": "de_DE"})
    check_invoice(result)


def test_a_text_layer_of_symbols_is_not_read_but_the_picture_of_the_page_is(page_image):
    # a font that maps to no Unicode: pdfium gives boxes and dingbats for every letter of the layer
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.27, 841.89))
    page.drawImage(ImageReader(page_image), 0, 0, 595.27, 841.89)
    page.setFont("ZapfDingbats", 9)
    page.setFillColorRGB(1, 1, 1)
    for row in range(40):
        page.drawString(40, 800 - 18 * row, "Rechnung Nr RE 4711 Summe 1333,36 EUR")
    page.showPage()
    page.save()
    check_invoice(extract(buffer.getvalue(), "invoice", {"user_lang": "de_DE"}))


def _picture_pdf(image, lines):
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.27, 841.89))
    page.drawImage(ImageReader(image), 0, 0, 595.27, 841.89)
    page.setFont("Helvetica", 7)
    for row, line in enumerate(lines):
        page.drawString(20, 10 + 9 * row, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_scan_with_a_footer_in_real_text_is_read_from_its_picture(page_image):
    # the footer alone used to be the page: a date of 2024-05-02 and a total of 1.00
    data = _picture_pdf(page_image, ["Scanned with OfficeScan Pro 2024-05-02 10:31 - page 1 of 1"])
    check_invoice(extract(data, "invoice", {"user_lang": "de_DE"}))


@pytest.mark.parametrize("drawn_sideways", [False, True])
def test_a_scanned_bill_pasted_under_a_page_of_text_is_read_too(page_image, drawn_sideways):
    # an e-mail printed to PDF with the scanned bill inline: its header is a text layer, the bill a picture
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from engine.tests.documents import draw_lines, drawn_turned
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Vera", 9)
    header = ["From: accounts@muster-werkzeug.example", "To: invoices@ourcompany.example",
              "Subject: Your invoice from Muster Werkzeug GmbH", "Date: Mon, 4 Mar 2024 09:12:44 +0100",
              "Dear customer, please find our invoice attached below. Kind regards, the accounts team"]
    assert sum(len(line) for line in header) > 200  # more than a stamp: the page is not taken for a scan
    draw_lines(page, 810, header, x=40, step=11)
    page.drawImage(ImageReader(page_image), 60, 20, width=475, height=475 * page_image.height / page_image.width)
    page.showPage()
    page.save()
    data = buffer.getvalue()
    if drawn_sideways:  # the same page drawn sideways inside a form and shown upright by /Rotate
        data = drawn_turned(data, 1, 90)
    result = extract(data, "invoice", {"user_lang": "de_DE"})
    check_invoice(result)
    # placed where the bill shows it: its total in the lower half of the page, right of the middle
    center_x, center_y, *_rest = result["total"]["selected_value"]["coords"]
    assert center_x > 0.5 and center_y > 0.4


def test_a_page_of_text_over_a_full_page_picture_is_still_read_from_its_text_layer(ocr_stub):
    page = load(_picture_pdf(Image.new("RGB", (620, 877), "beige"), ["Invoice INV-7 from Northwind Traders"] * 8),
                ocr=ocr_stub).pages[0]
    assert page.source == "text" and "Northwind" in [word.text for word in page.words]


def test_readable_share_counts_letters_digits_and_signs_not_boxes_or_private_use_characters():
    words = [Word("Total", 0, 0, 1, 1), Word("12,50€", 0, 0, 1, 1)]
    assert readable_share(words) == 1.0
    assert readable_share([Word("■■■■", 0, 0, 1, 1), Word("\uf049\uf06e", 0, 0, 1, 1)]) == 0.0
    assert readable_share([Word("Total", 0, 0, 1, 1), Word("■■■■■", 0, 0, 1, 1)]) == 0.5


def test_tesseract_fallback(page_image):
    try:
        get_backend("tesseract")
    except Exception as exc:  # the fallback needs Debian's tesseract-ocr data; .ci/install provides it
        pytest.fail(f"Tesseract backend unavailable: {exc}")
    result = extract(image_bytes(page_image), "invoice", {"user_lang": "de_DE"}, ocr="tesseract")
    assert selected(result, "total") == pytest.approx(SPEC.total, abs=0.005)
    assert selected(result, "invoice_id") == SPEC.number


def test_receipt():
    image, truth = receipt_image()
    result = extract(image_bytes(scanned(image, angle=-1.0, noise=0.001), "JPEG"), "expense")
    assert selected(result, "total") == pytest.approx(truth["total"], abs=0.005)
    assert selected(result, "date") == "2018-12-25"
    assert selected(result, "supplier") == truth["supplier"]
    assert selected(result, "currency") == "MYR"
    assert selected(result, "bill_reference") == "R000123"


def _photographed_receipt():
    """(photo, where the middle of its total's amount is on the photo in pixels, truth): a till receipt on a
    table seen at an angle, its rows slanting from -6 degrees at the top to +7 at the bottom."""
    import cv2
    import numpy as np

    image, truth = receipt_image()
    pixels = np.asarray(image.convert("RGB"))
    height, width = pixels.shape[:2]
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    table = np.float32([[300, 300], [1200, 200], [1150, 1800], [350, 1700]])
    warp = cv2.getPerspectiveTransform(corners, table)
    photo = cv2.warpPerspective(pixels, warp, (1500, 2000), borderValue=(60, 50, 40))
    shaded = np.clip(photo * np.linspace(0.75, 1.05, 1500)[None, :, None], 0, 255).astype(np.uint8)
    # the middle of the amount of the TOTAL row (the 13th row, 44 pixels apart, right-aligned at 610)
    amount_width = ImageDraw.Draw(image).textlength(f"{truth['total']:.2f}", font=ImageFont.truetype(FONT_BOLD, 30))
    middle = cv2.perspectiveTransform(np.float32([[[610 - amount_width / 2, 30 + 44 * 12 + 17]]]), warp)[0, 0]
    return Image.fromarray(shaded), (float(middle[0]), float(middle[1])), truth


def test_a_receipt_photographed_at_an_angle_keeps_its_labels_and_amounts_on_one_row():
    # with one skew for the page the amounts of the lower rows stood a row below their labels (TOTAL RM 0.98,
    # the rounding of the row above); the sheet is now read flattened
    photo, (total_x, total_y), truth = _photographed_receipt()
    result = extract(image_bytes(photo, "JPEG", quality=80), "expense")
    assert selected(result, "total") == pytest.approx(truth["total"], abs=0.005)
    assert selected(result, "date") == "2018-12-25"
    # the total's box is given where the total stands on the photo, not on the flattened sheet
    center_x, center_y = result["total"]["selected_value"]["coords"][:2]
    assert (center_x, center_y) == pytest.approx((total_x / 1500, total_y / 2000), abs=0.015)


def test_a_receipt_photographed_at_an_angle_pasted_into_a_pdf_is_read_flattened_where_it_stands():
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from engine.tests.documents import draw_lines
    photo, (total_x, total_y), truth = _photographed_receipt()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Vera", 9)
    draw_lines(page, 810, ["From: me@ourcompany.example", "Subject: lunch receipt for my expense report",
                           "Hello, here is the photo of the receipt of our lunch with the client on Tuesday.",
                           "Best regards, and thank you for reimbursing it before the end of the month."], step=11)
    left, bottom, width = 100, 40, 400  # the photo's place on the page, in points
    height = width * photo.height / photo.width
    page.drawImage(ImageReader(photo), left, bottom, width=width, height=height)
    page.showPage()
    page.save()
    result = extract(buffer.getvalue(), "expense")
    assert selected(result, "total") == pytest.approx(truth["total"], abs=0.005)
    page_width, page_height = A4
    expected = ((left + total_x / photo.width * width) / page_width,
                (page_height - bottom - height + total_y / photo.height * height) / page_height)
    assert result["total"]["selected_value"]["coords"][:2] == pytest.approx(expected, abs=0.015)


def test_a_till_roll_fifteen_times_taller_than_wide_is_read_in_overlapping_pieces():
    # RapidOCR alone shrinks 640 x 9520 to 134 x 2000: it read no date and a total of 2.00
    items = tuple((f"ITEM NUMBER {index:03d}", 1.0 + (index % 7) * 0.5) for index in range(200))
    image, truth = receipt_image(items=items, cash=600.0)
    assert image.height > 14 * image.width
    result = extract(image_bytes(image), "expense")
    assert selected(result, "total") == pytest.approx(truth["total"], abs=0.005)
    assert selected(result, "date") == "2018-12-25"
    assert selected(result, "supplier") == truth["supplier"]


def test_a_till_roll_scanned_sideways_is_turned_upright():
    # read as it lies, RapidOCR shrinks it to 2000 x 134 and finds nothing: no sign of a sideways page
    items = tuple((f"ITEM NUMBER {index:03d}", 1.0 + (index % 7) * 0.5) for index in range(200))
    image, truth = receipt_image(items=items, cash=600.0)
    result = extract(image_bytes(image.rotate(90, expand=True)), "expense")
    assert selected(result, "total") == pytest.approx(truth["total"], abs=0.005)
    assert selected(result, "date") == "2018-12-25"


def test_tall_images_are_cut_into_pieces_that_overlap_and_share_out_their_lines():
    assert tall_image_pieces(640, 2880) == [(0, 2880, 0, 2880)]  # 4.5 times as tall: read whole
    assert tall_image_pieces(20, 9000) == [(0, 9000, 0, 9000)]  # narrower than a letter
    pieces = tall_image_pieces(640, 9520)
    assert len(pieces) == 6 and pieces[0][0] == 0 and pieces[-1][1] == 9520
    for (top, bottom, _keep_from, keep_to), following in zip(pieces, pieces[1:]):
        assert bottom - top == 1920 and following[0] <= bottom - 320  # overlap of half a width or more
        assert keep_to == following[2] and top < following[0] < keep_to < bottom  # each line kept once
    assert pieces[0][2] == 0 and pieces[-1][3] == 9520


def test_a_strip_too_thin_to_hold_text_reads_as_no_text():
    result = extract(image_bytes(Image.new("L", (20000, 5), "white")), "expense")
    assert selected(result, "total") is None


def test_rapidocr_never_downloads(monkeypatch):
    import rapidocr.utils.download_file as download

    def refuse(*args, **kwargs):
        raise AssertionError("a model download was attempted")

    monkeypatch.setattr(download.DownloadFile, "run", refuse, raising=False)
    from engine.reading.ocr.rapid import RapidOcrBackend

    backend = RapidOcrBackend()
    words = backend.read(receipt_image()[0])
    assert any(w.text == "TOTAL" for w in words)


def test_margin_text_running_up_the_page_does_not_merge_rows():
    from PIL import Image, ImageDraw, ImageFont

    image = totals_page(footer=())
    # a filing mark printed up the left margin, across all four rows
    mark = ImageFont.truetype(FONT, 22)
    strip = Image.new("RGB", (260, 30), "white")
    ImageDraw.Draw(strip).text((2, 2), "EINGANG 12.03.", font=mark, fill="black")
    image.paste(strip.rotate(90, expand=True), (12, int(image.height * 0.30)))
    from engine.reading.loader import load

    page = load(image_bytes(image), ocr=get_backend("rapidocr")).pages[0]
    assert [line.text for line in page.lines[1:1 + len(TOTAL_ROWS)]] == [f"{label} {amount}"
                                                                         for label, amount in TOTAL_ROWS]
    result = extract(image_bytes(image), "invoice", {"user_lang": "de_DE"})
    assert selected(result, "total") == pytest.approx(529.87)
    assert selected(result, "subtotal") == pytest.approx(473.0)


def test_wide_gaps_between_recognised_words_become_spaces():
    from engine.reading.ocr.rapid import align_word_results, space_wide_gaps

    def box(x0, x1):
        return [[x0, 10], [x1, 10], [x1, 40], [x0, 40]]

    pieces = [("1843", 0.9, box(0, 60)), ("me@mail.com", 0.9, box(135, 300)), ("www.me.com", 0.9, box(305, 420))]
    # 75 px between the number and the e-mail (an icon, line height 30): a space; 5 px: letters of one item
    assert space_wide_gaps("1843me@mail.comwww.me.com", pieces, 30) == "1843 me@mail.comwww.me.com"
    assert space_wide_gaps("1843 me@mail.com", pieces[:2], 30) == "1843 me@mail.com"
    # RapidOCR leaves out lines without word boxes: word lists go to the line whose text holds them
    texts = ["TOTAL 12.50", "1843me@mail.com"]
    assert align_word_results(texts, [pieces[:2]]) == [[], pieces[:2]]


def test_capitals_run_together_across_a_gap_wider_than_the_line_spaces():
    from engine.reading.ocr.rapid import space_wide_gaps

    def box(x0, x1):
        return [[x0, 10], [x1, 10], [x1, 40], [x0, 40]]

    # a letter-spaced heading read as one word: 12 px between JAN and KÜSTER on a 30 px line
    assert space_wide_gaps("JANKÜSTER", [("JAN", 0.9, box(0, 60)), ("KÜSTER", 0.9, box(72, 180))], 30) == \
        "JAN KÜSTER"
    # the same gap is no space when the line's printed spaces are as wide ("HARDW" / "ARE": the slant of W A)
    pieces = [("BROTHERS", 0.9, box(0, 150)), ("HARDW", 0.9, box(162, 260)), ("ARE", 0.9, box(272, 330))]
    assert space_wide_gaps("BROTHERS HARDWARE", pieces, 30) == "BROTHERS HARDWARE"
    # nor after a W, which the recogniser reckons narrower than it is ("COURSEW" / "ORK" in a spaced heading)
    assert space_wide_gaps("COURSEWORK", [("COURSEW", 0.9, box(0, 150)), ("ORK", 0.9, box(162, 220))], 30) == \
        "COURSEWORK"
    # nor between lower-case letters, whose boxes OCR places loosely ("m" / "onths")
    assert space_wide_gaps("months", [("m", 0.9, box(0, 20)), ("onths", 0.9, box(32, 100))], 30) == "months"
    # nor a gap under a third of the line height
    assert space_wide_gaps("THANKYOU", [("THANK", 0.9, box(0, 90)), ("YOU", 0.9, box(98, 150))], 30) == "THANKYOU"


class CannedOcr(OcrBackend):
    """An OCR backend whose recognizer answers ``items_of(image)`` and notes the size of each image it gets."""

    def __init__(self, items_of):
        self.items_of = items_of
        self.seen = []

    def recognize(self, image, lang=None):
        self.seen.append(image.size)
        return self.items_of(image)


def test_a_page_scanned_at_600_dpi_is_read_at_the_pixel_budget_and_300_dpi_pages_as_they_are():
    import engine.reading.ocr.base as base

    ocr = CannedOcr(lambda image: [("TOTAL 12.50", 0.99, (image.width * 0.1, image.height * 0.5,
                                                          image.width * 0.6, image.height * 0.52))])
    a4_600_dpi = Image.new("RGB", (4961, 7016), "white")
    words = ocr.read(a4_600_dpi)
    width, height = ocr.seen[-1]
    assert width * height <= base.OCR_PIXEL_BUDGET
    assert abs(width / height - 4961 / 7016) < 0.01  # not distorted
    assert [w.text for w in words] == ["TOTAL", "12.50"]
    assert words[0].x0 == pytest.approx(0.1, abs=0.01) and words[0].y0 == pytest.approx(0.5, abs=0.01)
    for size in ((2480, 3508), (2550, 4200)):  # A4 and legal at 300 dpi
        ocr.read(Image.new("RGB", size, "white"))
        assert ocr.seen[-1] == size


def test_a_black_and_white_scan_is_softened_before_recognition_and_a_grey_one_is_not():
    shades = []
    ocr = CannedOcr(lambda image: shades.append(len(image.convert("L").getcolors(256))) or [])
    page = Image.new("RGB", (300, 200), "white")
    for x in range(20, 280, 7):
        page.paste((0, 0, 0), (x, 50, x + 3, 150))  # black bars on white: two shades, like a 1-bit scan
    ocr.read(page)
    assert shades[-1] > 2  # grey edges, as the recognizer learned letters
    grey = page.copy()
    grey.paste((128, 128, 128), (0, 0, 10, 10))
    ocr.read(grey)
    assert shades[-1] == 3  # any grey already: read as it is
    blank = Image.new("RGB", (300, 200), "white")
    ocr.read(blank)
    assert shades[-1] == 1


def test_a_dollar_sign_read_as_a_five_is_restored_where_the_page_prints_that_amount_with_its_sign():
    def read(*lines):
        ocr = CannedOcr(lambda image: [(text, 0.95, (100, 100 + 40 * row, 600, 130 + 40 * row))
                                       for row, text in enumerate(lines)])
        return [w.text for w in ocr.read(Image.new("RGB", (1000, 1400), "white"))]

    assert read("Total Amount: $8.20", "Nett Total: 58.20", "Rounding 50.46", "CASH $8.20") == \
        ["Total", "Amount:", "$8.20", "Nett", "Total:", "$8.20", "Rounding", "50.46", "CASH", "$8.20"]
    # with no '$' amount it could stand for, a 5 is a 5
    assert read("Total Amount: 58.20", "CASH 60.00")[2] == "58.20"


def test_freed_inference_memory_goes_back_only_above_the_budget(monkeypatch):
    import engine.reading.ocr.base as base

    trimmed = []

    class FakeLibc:
        def malloc_trim(self, pad):
            trimmed.append(pad)

    monkeypatch.setattr(base.ctypes, "CDLL", lambda name: FakeLibc())
    monkeypatch.setattr(base, "_resident_bytes", lambda: base.TRIM_ABOVE_BYTES // 2)
    base._release_memory()
    assert trimmed == []  # the next page reuses the buffers: faulting them in again costs time
    monkeypatch.setattr(base, "_resident_bytes", lambda: base.TRIM_ABOVE_BYTES + 1)
    base._release_memory()
    assert trimmed == [0]
    monkeypatch.undo()
    assert 10 << 20 < base._resident_bytes() < 1 << 40  # this process's own resident memory, from /proc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_freed_large_inference_buffer_stays_with_the_process_for_the_next_page():
    import engine.reading.ocr.base as base

    base.keep_freed_buffers()
    size = 100 << 20  # over glibc's 32 MB ceiling for buffers it keeps by default
    buffer = b"\x01" * size
    with_buffer = base._resident_bytes()
    del buffer
    # the next page reuses these pages instead of faulting in new ones from the system
    assert base._resident_bytes() > with_buffer - size // 2


def test_the_page_goes_to_rapidocr_as_one_contiguous_bgr_array():
    # a reversed view makes OpenCV copy the whole page again for every text line it crops
    from PIL import Image

    backend = get_backend("rapidocr")
    seen = []
    engine = backend._engine
    backend._engine = lambda array, **kwargs: seen.append(array) or engine(array, **kwargs)
    try:
        backend.recognize(Image.new("RGB", (64, 32), (10, 20, 30)))
    finally:
        backend._engine = engine
    assert seen[0].flags["C_CONTIGUOUS"] and tuple(seen[0][0, 0]) == (30, 20, 10)


def test_ocr_threads_stay_within_the_cpus_the_process_may_use(monkeypatch):
    from engine.reading.ocr import rapid

    monkeypatch.delenv("DIGITIZE_OCR_THREADS", raising=False)
    monkeypatch.setattr(rapid.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(rapid.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert rapid.ocr_threads() == 1  # taskset -c 0, or a one-CPU cpuset
    assert rapid.ocr_threads(3) == 3
    monkeypatch.setenv("DIGITIZE_OCR_THREADS", "2")
    assert rapid.ocr_threads() == 2
    monkeypatch.delenv("DIGITIZE_OCR_THREADS")
    monkeypatch.setattr(rapid.os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert rapid.ocr_threads() == 0  # the whole machine: ONNX Runtime's own choice


def test_one_ocr_thread_holds_numpys_blas_to_one_thread(monkeypatch):
    """numpy's BLAS starts a thread per core beside ONNX Runtime's: a reading set to one thread used 1.4 cores."""
    import numpy  # noqa: F401  (its BLAS is loaded, as when the engine reads)
    from threadpoolctl import threadpool_info, threadpool_limits

    from engine.reading.ocr import rapid
    from engine.reading.ocr.rapid import RapidOcrBackend

    # no thread count from the environment or a taskset: threads=0 is ONNX Runtime's own choice
    monkeypatch.delenv("DIGITIZE_OCR_THREADS", raising=False)
    monkeypatch.setattr(rapid.os, "sched_getaffinity", lambda pid: set(range(rapid.os.cpu_count() or 1)),
                        raising=False)

    def blas_threads():
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):  # restored on leaving, for the other tests
        if blas_threads() != {2}:
            pytest.skip("this numpy has no BLAS thread pool to hold")
        RapidOcrBackend(threads=0)  # ONNX Runtime's own choice: BLAS's too
        assert blas_threads() == {2}
        RapidOcrBackend(threads=1)
        assert blas_threads() == {1}
