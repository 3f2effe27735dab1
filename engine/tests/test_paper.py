"""A receipt photographed on a table is read from the sheet's own pixels; pages and panels are left whole."""
import numpy as np
import pytest
from PIL import Image, ImageDraw

from engine.layout import Word
from engine.ocr import OcrBackend
from engine.ocr.base import _from_sheet_to_whole
from engine.ocr.paper import paper_box

SHEET = (1700, 1300, 2340, 3100)  # left, top, right, bottom: a till receipt in a 3000 x 4000 photo


def _photo(ground=(70, 55, 40), sheet=SHEET, size=(3000, 4000)):
    noise = np.random.RandomState(0).normal(0, 5, (size[1], size[0], 3))
    photo = Image.fromarray((np.full((size[1], size[0], 3), ground) + noise).clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(photo)
    draw.rectangle(sheet, fill="white")
    for y in range(sheet[1] + 40, sheet[3] - 40, 44):  # lines of print
        draw.rectangle((sheet[0] + 30, y, sheet[2] - 30 - (y % 200), y + 18), fill="black")
    return photo


def test_the_sheet_on_a_plain_table_is_found():
    left, top, right, bottom = paper_box(_photo())
    margin = 0.03 * 4000
    assert SHEET[0] - margin <= left <= SHEET[0] and SHEET[1] - margin <= top <= SHEET[1]
    assert SHEET[2] <= right <= SHEET[2] + margin and SHEET[3] <= bottom <= SHEET[3] + margin


def test_images_read_whole_are_left_alone():
    # small enough for OCR's own size: cropping gains nothing
    assert paper_box(_photo(sheet=(850, 650, 1170, 1550), size=(1500, 2000))) is None
    # a page scanned edge to edge, and one on a white table: no darker ground
    assert paper_box(_photo(ground=(255, 255, 255), sheet=(0, 0, 2999, 3999))) is None
    assert paper_box(_photo(ground=(235, 235, 235))) is None


def test_a_page_with_text_on_a_dark_panel_is_not_cropped_to_its_white_part():
    # a CV's dark sidebar printed with white text is part of the document, not a table
    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((1750, 0, 2480, 3508), fill=(40, 20, 70))
    for y in range(200, 3300, 60):
        draw.rectangle((1800, y, 1800 + (y * 7) % 500 + 80, y + 20), fill="white")
        draw.rectangle((100, y, 100 + (y * 13) % 1400 + 100, y + 20), fill="black")
    assert paper_box(page) is None


class _RecordingOcr(OcrBackend):
    """Reads one canned line in the middle of whatever it is given, and notes the size it was given."""
    name = "recording"

    def __init__(self):
        self.sizes = []

    def recognize(self, image, lang=None):
        self.sizes.append(image.size)
        width, height = image.size
        return [("TOTAL 12.50", 0.99, (0.4 * width, 0.49 * height, 0.6 * width, 0.51 * height))]


def test_the_sheet_is_read_at_its_own_size_and_its_words_placed_on_the_whole_photo():
    ocr = _RecordingOcr()
    words, size, quarter_turns = ocr.read_page(_photo())
    sheet_width, sheet_height = ocr.sizes[0]
    assert 640 <= sheet_width < 850 and 1800 <= sheet_height < 2050  # the sheet, not the 3000 x 4000 photo
    assert size == (3000, 4000) and quarter_turns == 0
    middle_x = sum(w.cx for w in words) / len(words)
    middle_y = sum(w.cy for w in words) / len(words)
    assert middle_x == pytest.approx((SHEET[0] + SHEET[2]) / 2 / 3000, abs=0.02)
    assert middle_y == pytest.approx((SHEET[1] + SHEET[3]) / 2 / 4000, abs=0.02)


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_words_of_a_sheet_read_turned_land_on_the_whole_photo_turned_the_same_way(quarter_turns):
    # the top-left corner of the upright sheet, for a sheet at the right half of a 200 x 100 photo
    word = Word("corner", 0.0, 0.0, 0.1, 0.1)
    _from_sheet_to_whole([word], (100, 0, 200, 100), (200, 100), quarter_turns)
    # where that corner lies on the whole photo turned upright: sheet as given, then the photo turned back
    corner_on_photo = {1: (2.0 - 0.1, 0.0), 2: (2.0 - 0.1, 1.0 - 0.1), 3: (1.0, 1.0 - 0.1)}[quarter_turns]
    x, y = corner_on_photo[0] / 2, corner_on_photo[1]  # relative to the 200 x 100 photo
    expected = {1: (y, 1 - x - 0.05), 2: (1 - x - 0.05, 1 - y - 0.1), 3: (1 - y - 0.1, x)}[quarter_turns]
    assert (round(word.x0, 3), round(word.y0, 3)) == pytest.approx(expected, abs=0.001)


def test_a_page_split_by_a_dark_banner_keeps_its_header():
    # two lines over a dark banner across the page: the white part under it is not a sheet on a table
    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    for y in (60, 130):
        draw.rectangle((150, y, 900, y + 30), fill="black")
    draw.rectangle((0, 300, 2480, 1300), fill=(30, 30, 60))
    for y in range(1400, 3300, 60):
        draw.rectangle((150, y, 150 + (y * 13) % 1800 + 200, y + 20), fill="black")
    assert paper_box(page) is None
