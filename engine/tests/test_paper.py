"""A receipt photographed on a table is read from the sheet's own pixels; pages and panels are left whole."""
import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from engine.reading.layout import Word, place_unflattened, projected_box, shown_coords, turned_box
from engine.reading.ocr import OcrBackend
from engine.reading.ocr.base import _from_sheet_to_whole
from engine.reading.ocr.paper import flattened, paper_box, sheet_corners

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
    words, size, quarter_turns, projection = ocr.read_page(_photo())
    sheet_width, sheet_height = ocr.sizes[0]
    assert 640 <= sheet_width < 850 and 1800 <= sheet_height < 2050  # the sheet, not the 3000 x 4000 photo
    assert size == (3000, 4000) and quarter_turns == 0 and projection is None
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


PAGE_SIZE = (800, 1100)
# where the corners of that page land in a 1600 x 2000 photo taken at an angle: the far (top) edge shorter
TILTED = [(420, 260), (1180, 300), (1400, 1760), (180, 1700)]


def _page_with_bars():
    page = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    for y in range(80, 1000, 90):  # rows of print running the page's width
        draw.rectangle((60, y, 740, y + 14), fill="black")
    return page


def _photographed(page, corners, size=(1600, 2000), ground=(60, 50, 40)):
    width, height = page.size
    warp = cv2.getPerspectiveTransform(np.float32([[0, 0], [width, 0], [width, height], [0, height]]),
                                       np.float32(corners))
    return Image.fromarray(cv2.warpPerspective(np.asarray(page), warp, size, borderValue=ground))


def test_a_sheet_photographed_at_an_angle_is_found_by_its_corners():
    found = sheet_corners(_photographed(_page_with_bars(), TILTED))
    assert found is not None
    for (x, y), (true_x, true_y) in zip(found, TILTED):
        # at the paper's corner or a little outside it (a margin is kept), never far off
        assert abs(x - true_x) < 60 and abs(y - true_y) < 60


def test_a_sheet_seen_square_on_or_only_turned_on_the_table_is_not_flattened():
    square_on = [(400, 450), (1200, 450), (1200, 1550), (400, 1550)]
    assert sheet_corners(_photographed(_page_with_bars(), square_on)) is None
    turned = cv2.boxPoints(((800, 1000), PAGE_SIZE, 6.0))  # turned by 6 degrees: its edges stay parallel
    turned = sorted(turned.tolist(), key=lambda p: p[0] + p[1])
    turned = [turned[0], max(turned[1:3], key=lambda p: p[0]), turned[3], min(turned[1:3], key=lambda p: p[0])]
    assert sheet_corners(_photographed(_page_with_bars(), turned)) is None
    # nor is a page scanned edge to edge (no ground around it), nor a sheet running out of the picture
    assert sheet_corners(_page_with_bars().resize((1600, 2200))) is None
    cut_off = [(420, -300), (1180, -260), (1400, 1760), (180, 1700)]
    assert sheet_corners(_photographed(_page_with_bars(), cut_off)) is None


def test_the_rows_of_a_flattened_sheet_are_level():
    photo = _photographed(_page_with_bars(), TILTED)
    flat = np.asarray(flattened(photo, sheet_corners(photo))[0].convert("L"))
    height, width = flat.shape
    # the first row of print: where it starts down the left and the right end of the flattened sheet
    left_top, right_top = (_first_print(flat[:, int(share * width)]) for share in (0.15, 0.85))
    assert abs(left_top - right_top) <= 0.005 * height
    # in the photo the same row runs down from one end to the other
    photo_grey = np.asarray(photo.convert("L"))
    photo_left, photo_right = (_first_print(photo_grey[:, x]) for x in (520, 1080))
    assert abs(photo_left - photo_right) > 20


def _first_print(column):
    """Where the first dark pixel under the paper's top edge is in a column of grey levels."""
    paper = int(np.argmax(column > 200))
    return paper + int(np.argmax(column[paper:] < 128))


def test_a_box_on_the_flattened_sheet_goes_back_to_where_it_stands_on_the_photo():
    photo = _photographed(_page_with_bars(), TILTED)
    flat, projection = flattened(photo, sheet_corners(photo))
    # the first row of print, found on the flattened sheet, and the same row's ends on the photo
    grey = np.asarray(flat.convert("L"))
    top = _first_print(grey[:, grey.shape[1] // 2]) / grey.shape[0]
    box = (0.2, top, 0.8, top + 0.005)
    x0, y0, x1, y1 = projected_box(box, projection)
    page_width, page_height = PAGE_SIZE
    warp = cv2.getPerspectiveTransform(np.float32([[0, 0], [page_width, 0], [page_width, page_height],
                                                   [0, page_height]]), np.float32(TILTED))
    row = cv2.perspectiveTransform(np.float32([[[60, 80], [740, 80]]]), warp)[0] / np.float32([1600, 2000])
    # the row spans from near its left end to near its right end, and its slant is inside the box
    assert x0 < row[0][0] + 0.15 and x1 > row[1][0] - 0.15
    assert y0 <= max(row[0][1], row[1][1]) and y1 >= min(row[0][1], row[1][1]) - 0.02
    # a word read on the sheet turned a quarter, and the coords the Extract API gives for it, agree
    read = turned_box(box, -1)  # where the row is on the sheet read upright, were it read a quarter turned
    word = Word("row", *read)
    place_unflattened([word], 1, projection)
    assert turned_box((word.x0, word.y0, word.x1, word.y1), 1) == pytest.approx((x0, y0, x1, y1))
    coords = shown_coords([(read[0] + read[2]) / 2, (read[1] + read[3]) / 2, read[2] - read[0], read[3] - read[1],
                           0.0], 1, projection)
    assert coords[:4] == pytest.approx([(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0], abs=0.001)
