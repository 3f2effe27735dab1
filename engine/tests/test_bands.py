"""Text detection on the bands of a page that hold ink (engine/reading/ocr/bands.py and the RapidOCR detector)."""
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from engine.reading.ocr import get_backend
from engine.reading.ocr.bands import BAND_GAP, detection_piece, ink_bands
from engine.tests.documents import FONT

A4_150DPI = (1240, 1754)
SCALE = 1600 / 1754  # RapidOCR detects an A4 page at 150 dpi on 1600 px


def page(blocks, size=A4_150DPI, paper=(255, 255, 255), ink=(0, 0, 0)):
    """An OpenCV (BGR) page with black boxes ``(top, bottom, left, right)`` on it."""
    array = np.full((size[1], size[0], 3), paper, dtype=np.uint8)
    for top, bottom, left, right in blocks:
        array[top:bottom, left:right] = ink
    return array


def test_blank_paper_between_blocks_of_print_is_left_out():
    bands = ink_bands(page([(100, 220, 120, 700), (1500, 1600, 600, 1100)]), SCALE, SCALE)
    assert len(bands) == 2
    (top, bottom, left, right), (top2, bottom2, left2, right2) = bands
    assert top < 100 and 220 < bottom < 1500 and left < 120 < 700 < right
    assert bottom < top2 < 1500 and 1600 < bottom2 and left2 < 600 < 1100 < right2
    covered = sum((bottom - top) * (right - left) for top, bottom, left, right in bands)
    assert covered < 0.2 * A4_150DPI[0] * A4_150DPI[1]


def test_a_band_never_reaches_into_the_next_bands_print():
    # a gap just wide enough to part two bands: their margins of paper do not reach the other band's print
    gap = int(BAND_GAP / SCALE) + 4
    first, second = (200, 260, 100, 1100), (260 + gap, 320 + gap, 100, 1100)
    bands = ink_bands(page([first, second, (1600, 1650, 100, 400)]), SCALE, SCALE)
    assert len(bands) == 3
    assert bands[0][1] <= second[0] and bands[1][0] >= first[1]


def test_lines_closer_than_the_gap_stay_in_one_band():
    bands = ink_bands(page([(200, 230, 100, 900), (250, 280, 100, 900), (1600, 1650, 100, 400)]), SCALE, SCALE)
    assert len(bands) == 2 and bands[0][0] < 200 and bands[0][1] > 280


@pytest.mark.parametrize("blocks, paper", [
    ([(40, 1700, 40, 1200)], (255, 255, 255)),  # print all over the page: nothing to leave out
    ([(100, 200, 100, 400)], (60, 50, 40)),  # a dark photo, not paper
    ([], (255, 255, 255)),  # a blank page
])
def test_a_page_with_no_blank_paper_to_leave_out_is_detected_whole(blocks, paper):
    assert ink_bands(page(blocks, paper=paper), SCALE, SCALE) == []


def test_pale_grey_print_is_ink():
    bands = ink_bands(page([(100, 130, 100, 900), (1500, 1530, 100, 900)], ink=(190, 190, 190)), SCALE, SCALE)
    assert len(bands) == 2


def test_a_detection_piece_is_whole_32_pixel_blocks_at_the_page_scale():
    bgr = page([(100, 220, 120, 700), (1500, 1600, 600, 1100)])
    bgr[100, 120] = (1, 2, 3)
    for band in ink_bands(bgr, SCALE, SCALE):
        piece = detection_piece(bgr, band, SCALE, SCALE)
        top, bottom, left, right = band
        for side in piece.shape[:2]:
            blocks = side * SCALE / 32
            assert abs(blocks - round(blocks)) * 32 < 1  # within one detection pixel of whole blocks
        assert piece.shape[0] >= bottom - top and piece.shape[1] >= right - left
        assert (piece[:bottom - top, :right - left] == bgr[top:bottom, left:right]).all()
        assert (piece[bottom - top:] == 255).all() and (piece[:, right - left:] == 255).all()  # padded with paper


def _drawn_page():
    """An A4 page at 150 dpi with a heading at the top, an amount at the right, and a footer line."""
    image = Image.new("RGB", A4_150DPI, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 28)
    draw.text((120, 120), "Muster Werkzeug GmbH", font=font, fill="black")
    draw.text((120, 800), "Gesamtbetrag", font=font, fill="black")
    draw.text((900, 800), "529,87", font=font, fill="black")
    draw.text((120, 1600), "Zahlbar innerhalb von 14 Tagen", font=font, fill="black")
    return image


def test_rapidocr_detects_the_inked_bands_only_and_places_their_lines_on_the_page():
    backend = get_backend("rapidocr")
    detector = backend._engine.text_det
    session, shapes = detector.session, []

    class Recording:
        def __call__(self, tensor):
            shapes.append(tensor.shape[2:])
            return session(tensor)

    detector._detector.session = Recording()
    try:
        items = backend.recognize(_drawn_page())
    finally:
        detector._detector.session = session
    whole = 1600 * 1120  # the detection size of the whole page
    assert len(shapes) == 3 and sum(height * width for height, width in shapes) < 0.2 * whole
    found = {text: box for text, _score, box in items}
    assert set(found) == {"Muster Werkzeug GmbH", "Gesamtbetrag", "529,87", "Zahlbar innerhalb von 14 Tagen"}
    for text, (x, y) in {"Muster Werkzeug GmbH": (120, 120), "Gesamtbetrag": (120, 800), "529,87": (900, 800),
                         "Zahlbar innerhalb von 14 Tagen": (120, 1600)}.items():
        x0, y0, _x1, y1 = found[text]
        assert abs(x0 - x) < 12 and y0 - 12 < y + 14 < y1 + 12
    # RapidOCR's reading order holds across bands: top to bottom, then left to right
    assert [text for text, _score, _box in items] == [
        "Muster Werkzeug GmbH", "Gesamtbetrag", "529,87", "Zahlbar innerhalb von 14 Tagen"]


def test_text_lines_are_recognised_one_at_a_time():
    # the recogniser's output holds a score per character (18,710) per 8 pixels of line width: six full-width
    # lines at once took 580 MB
    backend = get_backend("rapidocr")
    recogniser = backend._engine._load_rec_model()
    session, batches = recogniser.session, []

    class Recording:
        def __call__(self, tensor):
            batches.append(tensor.shape[0])
            return session(tensor)

    recogniser.session = Recording()
    try:
        items = backend.recognize(_drawn_page())
    finally:
        recogniser.session = session
    assert len(items) == 4 and batches == [1, 1, 1, 1]
