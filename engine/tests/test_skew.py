"""The skew of a page from its text-line boxes, and boxes straightened by it."""
import math

import pytest

from engine.ocr.skew import page_skew, straightened_bounds

PAGE = (1240, 1754)


def line_quad(left, top, length, height, degrees):
    """The four corners, clockwise from the top left, of a text line turned by ``degrees`` about its top left."""
    angle = math.radians(degrees)
    along = (math.cos(angle), math.sin(angle))
    down = (-math.sin(angle), math.cos(angle))
    corners = [(0, 0), (length, 0), (length, height), (0, height)]
    return [(left + a * along[0] + d * down[0], top + a * along[1] + d * down[1]) for a, d in corners]


@pytest.mark.parametrize("degrees", [2.0, -1.2, 0.6])
def test_the_skew_is_the_slant_of_the_long_lines(degrees):
    quads = [line_quad(100, 200 + 40 * i, 600 + 30 * i, 24, degrees) for i in range(5)]
    # a short word and a stamp at 30 degrees say nothing about the page
    quads += [line_quad(900, 300, 60, 24, 9.0), line_quad(300, 1200, 500, 40, 30.0)]
    assert page_skew(quads) == pytest.approx(degrees, abs=0.05)


def test_a_straight_page_or_too_few_lines_is_left_as_it_is():
    assert page_skew([line_quad(100, 200 + 40 * i, 600, 24, 0.1) for i in range(5)]) == 0.0
    assert page_skew([line_quad(100, 200 + 40 * i, 600, 24, 2.0) for i in range(2)]) == 0.0
    assert page_skew([line_quad(100, 200 + 40 * i, 600, 24, 20.0) for i in range(5)]) == 0.0
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
