"""The skew of a page from its text-line boxes, and boxes straightened by it."""
import math

import pytest

from engine.reading.ocr.skew import page_skew, straightened_bounds

PAGE = (1240, 1754)


def line_quad(left, top, length, height, degrees):
    """The four corners, clockwise from the top left, of a text line turned by ``degrees`` about its top left."""
    angle = math.radians(degrees)
    along = (math.cos(angle), math.sin(angle))
    down = (-math.sin(angle), math.cos(angle))
    corners = [(0, 0), (length, 0), (length, height), (0, height)]
    return [(left + a * along[0] + d * down[0], top + a * along[1] + d * down[1]) for a, d in corners]


def table_rows(degrees, count=6):
    """Rows of a label at the left margin and its amount 900 px to the right, on a page turned by ``degrees``."""
    angle = math.radians(degrees)
    quads = []
    for index in range(count):
        top = 300 + 40 * index
        quads.append(line_quad(100, top, 400 + 20 * index, 24, degrees))
        quads.append(line_quad(100 + 900 * math.cos(angle), top + 900 * math.sin(angle), 90, 24, degrees))
    return quads


@pytest.mark.parametrize("degrees", [2.0, -1.2, 0.6])
def test_the_skew_is_the_slant_of_the_long_lines(degrees):
    # a short word and a stamp at 30 degrees say nothing about the page
    quads = table_rows(degrees) + [line_quad(900, 200, 60, 24, 9.0), line_quad(300, 1200, 500, 40, 30.0)]
    assert page_skew(quads) == pytest.approx(degrees, abs=0.05)


def test_boxes_leaning_on_a_straight_page_are_left_as_they_are():
    # the detector tilts a line's box by its letters: the amounts beside the labels say the rows are straight
    rows = table_rows(0.0)
    leaning = [line_quad(quad[0][0], quad[0][1], quad[1][0] - quad[0][0], 24, 0.8) if index % 2 == 0 else quad
               for index, quad in enumerate(rows)]
    assert page_skew(leaning) == 0.0
    # the same lean with nothing beside the lines: too small to be sure of
    assert page_skew(leaning[::2]) == 0.0
    # a skew of a degree or more with nothing beside the lines is straightened
    assert page_skew(table_rows(1.5)[::2]) == pytest.approx(1.5, abs=0.05)


def test_a_few_boxes_lined_up_by_the_skew_do_not_keep_a_page_askew():
    lines = table_rows(2.5)[::2]
    # a column of notes to the right, each half a row lower than a line, which the skew lifts level with it
    middles = [(min(y for _x, y in quad) + max(y for _x, y in quad)) / 2 for quad in lines[:3]]
    notes = [line_quad(1100, middle - 12, 90, 24, 2.5) for middle in middles]
    assert page_skew(lines + notes) == pytest.approx(2.5, abs=0.05)


def test_a_straight_page_or_too_few_lines_is_left_as_it_is():
    assert page_skew(table_rows(0.3)) == 0.0
    assert page_skew(table_rows(2.0, count=2)[::2]) == 0.0
    assert page_skew(table_rows(20.0)) == 0.0
    assert page_skew([]) == 0.0


def test_a_slanted_line_straightened_is_as_tall_as_its_letters():
    quad = line_quad(100, 800, 1000, 24, 2.5)
    x0, y0, x1, y1 = straightened_bounds(quad, 0.0, *PAGE)
    assert y1 - y0 > 60  # upright bounds of the slanted line: three lines tall
    x0, y0, x1, y1 = straightened_bounds(quad, page_skew([quad] * 3), *PAGE)
    assert y1 - y0 == pytest.approx(24, abs=0.5)
    assert x1 - x0 == pytest.approx(1000, abs=0.5)
    # turned about the page centre: a line near the centre stays about where it was
    assert abs((y0 + y1) / 2 - 812) < 40


def photographed_rows(top_degrees=-6.0, per_row=1.0, count=12):
    """Rows of a receipt photographed at an angle: each row slants ``per_row`` degrees more than the one above
    it; a long line, then a label and its amount 500 px to its right, in turn."""
    quads = []
    for index in range(count):
        degrees, top = top_degrees + per_row * index, 200 + 90 * index
        angle = math.radians(degrees)
        if index % 2 == 0:
            quads.append(line_quad(100, top, 600, 24, degrees))
        else:
            quads.append(line_quad(100, top, 120, 24, degrees))
            quads.append(line_quad(100 + 500 * math.cos(angle), top + 500 * math.sin(angle), 90, 24, degrees))
    return quads


def test_a_page_slanting_more_and_more_down_the_page_is_straightened_row_by_row():
    quads = photographed_rows()
    skew = page_skew(quads)
    for index in range(0, 12, 2):  # the long lines: the slant each has where it stands
        quad = quads[index + index // 2]
        assert skew.at(sum(y for _x, y in quad) / 4) == pytest.approx(-6.0 + index, abs=0.2)
    for label, amount in zip(quads[1::3], quads[2::3]):
        label_box, amount_box = (straightened_bounds(quad, skew, *PAGE) for quad in (label, amount))
        assert abs((label_box[1] + label_box[3]) / 2 - (amount_box[1] + amount_box[3]) / 2) < 6
    # one skew for the whole page leaves the labels of the lower rows a row away from their amounts
    one = page_skew(quads[:3])
    label_box, amount_box = (straightened_bounds(quad, one, *PAGE) for quad in quads[-2:])
    assert abs((label_box[1] + label_box[3]) / 2 - (amount_box[1] + amount_box[3]) / 2) > 24


def test_a_skew_the_same_all_down_the_page_stays_one_angle():
    assert page_skew(table_rows(2.0)) == pytest.approx(2.0, abs=0.05)
    assert isinstance(page_skew(photographed_rows(2.0, per_row=0.05)), float)
