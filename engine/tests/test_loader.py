"""Bad input gets one documented exception with a stable code; good input becomes pages of words."""
import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from engine import DocumentError, Limits, extract
from engine.reading.loader import load, sniff_format
from engine.reading.ocr import OcrBackend
from engine.tests.documents import (
    InvoiceSpec,
    draw_lines,
    drawn_pdf,
    drawn_turned,
    image_bytes,
    invoice_pdf,
    png_header_only,
)


def code_of(data, **kwargs):
    with pytest.raises(DocumentError) as caught:
        extract(data, "invoice", **kwargs)
    return caught.value.code


def test_empty_document():
    assert code_of(b"") == "empty"


def test_unknown_bytes_are_unsupported():
    assert code_of(b"PK\x03\x04 this is a zip file") == "unsupported_format"


def test_corrupt_pdf():
    good = invoice_pdf()
    assert code_of(b"%PDF-1.7\n" + b"\x00garbage" * 50) == "corrupt"
    assert code_of(good[: len(good) // 3]) in ("corrupt", "empty")


def test_encrypted_pdf_is_refused_with_its_own_code():
    data = invoice_pdf(encrypt="secret")
    assert code_of(data) == "encrypted"


def test_a_pdf_locked_against_copying_and_printing_only_is_read():
    # an owner password alone (no password to open it): many suppliers' bills are "protected" that way
    from reportlab.lib import pdfencrypt

    locked = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0, canModify=0, canCopy=0)
    spec = InvoiceSpec()
    result = extract(invoice_pdf(spec, encrypt=locked), "invoice")
    assert result["invoice_id"]["selected_value"]["content"] == spec.number
    assert result["total"]["selected_value"]["content"] == pytest.approx(spec.total)


def test_pdf_without_pages():
    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    assert code_of(buffer.getvalue()) == "empty"


def test_decompression_bomb_is_refused_before_decoding():
    # 20000 x 20000 declared in a few bytes: refused from the header, never decoded
    assert code_of(png_header_only(20000, 20000)) == "too_large"


def test_limits_are_configurable():
    data = image_bytes(Image.new("RGB", (400, 400), "white"))
    assert code_of(data, limits=Limits(max_pixels=100 * 100)) == "too_large"
    assert code_of(invoice_pdf(), limits=Limits(max_bytes=1000)) == "too_large"
    assert code_of(invoice_pdf(), limits=Limits(max_pages=0)) == "too_large"


def test_truncated_image_is_corrupt():
    data = image_bytes(Image.new("RGB", (300, 300), "white"), "JPEG")
    assert code_of(data[:200]) == "corrupt"


def test_sniff_format():
    assert sniff_format(b"%PDF-1.4") == "pdf"
    assert sniff_format(b"junk\n%PDF-1.4") == "pdf"
    assert sniff_format(b"\x89PNG\r\n\x1a\nxxxx") == "png"
    assert sniff_format(b"\xff\xd8\xff\xe0") == "jpg"
    assert sniff_format(b"GIF89a") == "gif"
    assert sniff_format(b"II*\x00") == "tif"
    assert sniff_format(b"BM....") == "bmp"
    assert sniff_format(b"<?xml version='1.0'?><Invoice/>") == "xml"
    assert sniff_format(b"hello") is None


def test_text_layer_words_have_relative_boxes():
    spec = InvoiceSpec()
    document = load(invoice_pdf(spec))
    assert document.kind == "pdf" and len(document.pages) == 1
    page = document.pages[0]
    assert page.source == "text"
    words = {}
    for w in page.words:
        words.setdefault(w.text, w)  # first occurrence: reading order
    assert spec.number in words
    word = words[spec.number]
    assert 0 <= word.x0 < word.x1 <= 1 and 0 <= word.y0 < word.y1 <= 1
    # the supplier name is printed at the top of the page, the bank line at the bottom
    assert words["Northwind"].y0 < 0.1
    assert words["IBAN:"].y0 > 0.9


def _with_boxes(data, mediabox=None, cropbox=None, rotation=0):
    """``data`` with its first page given these media and crop boxes and this /Rotate."""
    pdf = pdfium.PdfDocument(data)
    if mediabox:
        pdf[0].set_mediabox(*mediabox)
    if cropbox:
        pdf[0].set_cropbox(*cropbox)
    pdf[0].set_rotation(rotation)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _boxes_test_page(page):
    draw_lines(page, 800, ["Invoice INV-4711", "Total 99.00 EUR and enough text to be a text layer"], x=60)
    page.drawString(60, 100, "Printed under the cut")


def _word_positions(data):
    page = load(data).pages[0]
    return {w.text: (round(w.x0, 3), round(w.y0, 3)) for w in page.words}, (round(page.width), round(page.height))


@pytest.mark.parametrize("rotation", [0, 90])
def test_words_are_placed_on_the_visible_page_when_its_box_does_not_start_at_the_origin(rotation):
    # the same page drawn 40 points right and 50 up, its media box moved with it: it shows the same
    def shifted(page):
        page.translate(40, 50)
        _boxes_test_page(page)
    plain = _word_positions(_with_boxes(drawn_pdf(_boxes_test_page), rotation=rotation))
    moved = _word_positions(_with_boxes(drawn_pdf(shifted), mediabox=(40, 50, 635.28, 891.89), rotation=rotation))
    assert moved == plain


def test_text_cut_off_by_the_crop_box_is_not_read_and_the_rest_is_placed_on_the_cropped_page():
    plain, _size = _word_positions(drawn_pdf(_boxes_test_page))
    words, size = _word_positions(_with_boxes(drawn_pdf(_boxes_test_page), cropbox=(20, 300, 595.28, 841.89)))
    assert size == (575, 542)
    assert "cut" not in words  # printed below the crop box: a viewer does not show it
    x0, y0 = words["INV-4711"]
    assert x0 == pytest.approx((plain["INV-4711"][0] * 595.28 - 20) / 575.28, abs=0.002)
    assert y0 == pytest.approx(plain["INV-4711"][1] * 841.89 / 541.89, abs=0.002)  # the top is where it was


def test_text_running_off_the_paper_is_kept():
    def draw(page):
        draw_lines(page, 800, ["Invoice INV-4711", "Total 99.00 EUR and enough text to be a text layer"], x=60)
        page.drawString(480, 700, "Van Dijk Logistiek GmbH & Co. KG")  # too long for the line it was given
    words, _size = _word_positions(drawn_pdf(draw))
    assert "KG" in words and words["KG"][0] > 0.95


def _words_and_size(page):
    return (round(page.width), round(page.height)), sorted((w.text, round(w.x0, 3), round(w.y0, 3)) for w in page.words)


@pytest.mark.parametrize("display", [90, 180, 270])
def test_a_page_whose_rotate_turns_its_text_is_read_the_way_its_text_reads(display):
    # as a scanned page is read upright: displayed, this page shows its text sideways or upside down
    page = load(_with_boxes(invoice_pdf(), rotation=display)).pages[0]
    assert page.source == "text"
    assert _words_and_size(page) == _words_and_size(load(invoice_pdf()).pages[0])
    assert page.turn == display // 90  # how the page as read turns back to the page as displayed


@pytest.mark.parametrize("turn, display", [(1, 90), (2, 180), (3, 270), (1, 0)])
def test_text_drawn_turned_is_read_from_the_text_layer(turn, display):
    # a landscape layout drawn sideways and shown upright by /Rotate: all its letters were taken for margin
    # text (upside down: misread), and without OCR the page was lost
    page = load(drawn_turned(invoice_pdf(), turn, display)).pages[0]
    assert page.source == "text"
    assert _words_and_size(page) == _words_and_size(load(invoice_pdf()).pages[0])
    assert page.turn == {(1, 90): 0, (2, 180): 0, (3, 270): 0, (1, 0): 3}[(turn, display)]


@pytest.mark.parametrize("display", [0, 90, 180])
def test_coordinates_are_given_on_the_page_as_displayed(display):
    # the supplier's name heads the page as read; displayed turned clockwise, the page's top is its right edge
    result = extract(_with_boxes(invoice_pdf(), rotation=display), "invoice")
    center_x, center_y, _width, _height, _angle = result["supplier"]["selected_value"]["coords"]
    upright = extract(invoice_pdf(), "invoice")["supplier"]["selected_value"]["coords"]
    assert upright[1] < 0.1
    assert {0: center_y, 90: 1 - center_x, 180: 1 - center_y}[display] == pytest.approx(upright[1], abs=0.001)


def test_text_running_up_the_margin_of_a_turned_page_is_still_left_out():
    def draw(page):
        draw_lines(page, 700, ["Northwind Traders Ltd", "Invoice INV-7", "Total 12.50"])
        page.saveState()
        page.translate(20, 300)
        page.rotate(90)
        page.drawString(0, 0, "FILED 2024-01-31 ACCOUNTS")
        page.restoreState()
    for turn in (0, 1):
        data = drawn_pdf(draw) if turn == 0 else drawn_turned(drawn_pdf(draw), turn, 90)
        texts = [w.text for w in load(data).pages[0].words]
        assert "Northwind" in texts and "FILED" not in texts


def test_image_without_ocr_backend_fails_clearly():
    data = image_bytes(Image.new("RGB", (200, 200), "white"))
    with pytest.raises(DocumentError) as caught:
        load(data, ocr=None)
    assert "OCR" in caught.value.message


def test_multipage_tiff_becomes_pages(ocr_stub):
    frames = [Image.new("RGB", (100, 100), "white") for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    document = load(buffer.getvalue(), ocr=ocr_stub)
    assert [p.index for p in document.pages] == [0, 1, 2]
    assert all(p.source == "ocr" for p in document.pages)


def test_a_jpeg_scanned_at_600_dpi_is_decoded_at_half_size_and_one_at_300_dpi_whole(ocr_stub):
    from engine.reading.ocr.base import OCR_PIXEL_BUDGET

    for size, decoded in (((4961, 7016), (2481, 3508)), ((2480, 3508), (2480, 3508))):
        data = image_bytes(Image.new("RGB", size, "white"), "JPEG")
        document = load(data, ocr=ocr_stub)
        assert document.images[0].size == decoded
        assert (document.pages[0].width, document.pages[0].height) == decoded
        assert decoded[0] * decoded[1] <= OCR_PIXEL_BUDGET


def test_an_invisible_text_layer_is_kept_when_the_picture_cannot_be_read():
    from engine.tests.documents import drawn_pdf

    def draw(page):
        layer = page.beginText(50, 700)
        layer.setTextRenderMode(3)  # the OCR layer a scanner lays under the picture of a page
        layer.setFont("Vera", 10)
        layer.textLine("Invoice INV-4711 Total 99.00 EUR and enough text to be a text layer")
        page.drawText(layer)
    pdf = drawn_pdf(draw)
    without_ocr = load(pdf, ocr=None)
    assert without_ocr.pages[0].source == "text"
    assert "INV-4711" in [w.text for w in without_ocr.pages[0].words]
    from engine.reading.ocr import get_backend
    # with OCR the picture is read again, but a picture that shows far less than the layer holds loses nothing
    assert load(pdf, ocr=get_backend("rapidocr")).pages[0].source == "text"


def test_a_text_page_too_large_to_render_is_still_read_from_its_text_layer(ocr_stub):
    # a 50-inch sheet (a plan, a poster) would be 100 megapixels at the OCR resolution: it need not be rendered
    def draw(page):
        draw_lines(page, 3500, ["Invoice INV-4711", "Total 99.00 EUR and enough text to be a text layer"])
    document = load(drawn_pdf(draw, pagesize=(3600, 3600)), ocr=ocr_stub)
    assert document.pages[0].source == "text"
    assert "INV-4711" in [w.text for w in document.pages[0].words]


def test_a_scanned_page_too_large_for_the_ocr_resolution_is_rendered_within_the_pixel_limit():
    seen = []

    class SizeRecordingOcr(OcrBackend):
        name = "size-recording"

        def recognize(self, image, lang=None):
            seen.append(image.size)
            return []
    blank_sheet = drawn_pdf(lambda page: None, pagesize=(3600, 3600))
    limits = Limits(max_pixels=4_000_000)
    document = load(blank_sheet, ocr=SizeRecordingOcr(), limits=limits)
    assert document.pages[0].source == "ocr"
    width, height = seen[0]  # (then upside down: it read nothing)
    assert width * height <= limits.max_pixels and width >= 1990  # as large as the limit allows, not refused
    assert document.images[0].size == (width, height)


def test_a_page_looked_at_for_qr_codes_is_rendered_within_the_pixel_limit():
    from engine.reading.loader import render_pdf_page

    image = render_pdf_page(drawn_pdf(lambda page: None, pagesize=(14400, 14400)), 0, dpi=150)
    assert image.width * image.height <= Limits().max_pixels


def _text_on_transparency(mode):
    from PIL import ImageDraw, ImageFont

    from engine.tests.documents import FONT

    picture = Image.new("RGBA", (800, 300), (0, 0, 0, 0))  # transparent black, as most exporters write it
    draw = ImageDraw.Draw(picture)
    draw.text((40, 40), "Invoice INV-4711", fill=(0, 0, 0, 255), font=ImageFont.truetype(FONT, 40))
    draw.text((40, 140), "Total 99.00 EUR", fill=(0, 0, 0, 255), font=ImageFont.truetype(FONT, 40))
    return image_bytes(picture if mode == "RGBA" else picture.convert(mode))


@pytest.mark.parametrize("mode", ["RGBA", "LA"])
def test_black_text_on_a_transparent_background_is_laid_on_white_paper(ocr_stub, mode):
    page = load(_text_on_transparency(mode), ocr=ocr_stub).images[0]
    assert page.mode == "RGB"
    assert page.getpixel((5, 5)) == (255, 255, 255)  # the background, black once its transparency was dropped
    assert page.convert("L").getextrema()[0] == 0  # the letters


def test_a_screenshot_with_a_transparent_background_is_read():
    from engine.reading.ocr import get_backend

    words = [w.text for w in load(_text_on_transparency("RGBA"), ocr=get_backend("rapidocr")).pages[0].words]
    assert "INV-4711" in words and "99.00" in words


def test_a_fax_of_non_square_pixels_is_stretched_to_square_ones(ocr_stub):
    fax = Image.new("1", (1728, 1100), 1)  # standard-mode fax: 204 dpi across, 98 down
    buffer = io.BytesIO()
    fax.save(buffer, "TIFF", compression="group3", dpi=(204, 98))
    document = load(buffer.getvalue(), ocr=ocr_stub)
    assert document.images[0].size == (1728, round(1100 * 204 / 98))
    assert (document.pages[0].width, document.pages[0].height) == document.images[0].size
    square = io.BytesIO()
    fax.save(square, "TIFF", compression="group3", dpi=(204, 196))  # fine mode: nearly square, as it is
    assert load(square.getvalue(), ocr=ocr_stub).images[0].size == (1728, 1100)


def test_stretching_a_fax_stays_within_the_pixel_limit(ocr_stub):
    fax = Image.new("1", (2000, 1000), 1)
    buffer = io.BytesIO()
    fax.save(buffer, "TIFF", compression="group3", dpi=(200, 100))
    limits = Limits(max_pixels=2_500_000)
    width, height = load(buffer.getvalue(), ocr=ocr_stub, limits=limits).images[0].size
    assert width * height <= limits.max_pixels and abs(width / height - 1.0) < 0.01


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
@pytest.mark.parametrize("depth", [16, 12])
def test_a_16_bit_grey_scan_keeps_its_ink_and_paper_apart(ocr_stub, fmt, depth):
    import numpy as np

    # paper at 92 % and ink at 16 % of the scale, written in 16 bits or in 12 bits of a 16-bit container
    full_scale = (1 << depth) - 1
    scan = np.full((100, 200), round(0.92 * full_scale), dtype=np.uint16)
    scan[40:60, 20:180] = round(0.16 * full_scale)
    buffer = io.BytesIO()
    Image.fromarray(scan).save(buffer, fmt, dpi=(300, 300))
    page = load(buffer.getvalue(), ocr=ocr_stub).images[0].convert("L")
    assert page.getpixel((5, 5)) == pytest.approx(0.92 * 255, abs=2)  # Pillow alone made both white
    assert page.getpixel((100, 50)) == pytest.approx(0.16 * 255, abs=2)


def _filled_form(appearances=True):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 11)
    draw_lines(page, 800, ["ACME Supplies Ltd", "Invoice number:", "Invoice date:", "Total due:",
                           "Thank you for your business. Payment within 30 days."], x=50, step=20)
    for name, value, y in (("number", "INV-2024-0042", 776), ("date", "14/03/2024", 756),
                           ("total", "1,234.56 EUR", 736)):
        page.acroForm.textfield(name=name, value=value, x=170, y=y, width=150, height=16, borderWidth=0,
                                fontSize=11)
    page.showPage()
    page.save()
    data = buffer.getvalue()
    # the same fields saved with their values only, each viewer to draw them (NeedAppearances)
    return data if appearances else data.replace(b"/AP", b"/XX")


@pytest.mark.parametrize("appearances", [True, False])
def test_the_values_typed_into_a_pdf_form_are_read_beside_their_labels(appearances):
    from engine.tests.test_ocr import selected

    data = _filled_form(appearances)
    result = extract(data, "invoice")
    assert selected(result, "invoice_id") == "INV-2024-0042"
    assert selected(result, "date") == "2024-03-14"
    assert selected(result, "total") == pytest.approx(1234.56)
    page = load(data).pages[0]
    number = next(w for w in page.words if w.text == "INV-2024-0042")
    label = next(w for w in page.words if w.text == "number:")
    assert abs(number.cy - label.cy) < 0.01 and number.x0 > label.x1  # where the form shows it
