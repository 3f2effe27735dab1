"""The skew of a scanned page (or the slant field of a photographed one), read from the slant of its text
lines, and boxes straightened by it.

A page scanned a few degrees askew gives text-line boxes whose upright bounds are several lines tall at the
right end of a long line: rows merge, and a label and its amount no longer share a line. The recognizer reads
each slanted line along its slant already; only the boxes need turning back. Coordinates are then those of the
straightened page, as they are those of the upright page for a page turned by 90 or 180 degrees.
"""
import math
import statistics
from typing import NamedTuple

# Below this, a line of a page width drifts by less than a third of its height: nothing to straighten.
MIN_SKEW_DEGREES = 0.5
# Beyond this, what slants is no scan's skew (a stamp, a diagonal watermark): the page is left as it is.
MAX_SKEW_DEGREES = 15.0
# Only long boxes tell the slant: a detector's box hugs its letters, and ascenders at one end and
# descenders at the other tilt a short one by a degree on a straight page.
_MIN_LENGTH_TO_HEIGHT = 6.0
_MIN_LINES = 3
# A slant under this that aligns no more boxes side by side than the page as it is, is the letters' noise.
_SURE_SKEW_DEGREES = 1.0
# Pairs of boxes of different rows that a skew of a degree or more lines up by chance (a column that starts
# half a row lower); the cells of a straight page's table that a wrong slant would part are more.
_BY_CHANCE = 5


# A page photographed at an angle (a till receipt on a table) slants more and more down the page: when the
# slant of its long lines changes by this many degrees or more from the top one to the bottom one, and some
# of them, each line is turned back by its own slant.
_MIN_SLANT_SPREAD = 2.0
_MIN_LINES_FOR_SPREAD = 4


class SlantField(NamedTuple):
    """A skew that changes down the page: ``at_zero + per_pixel * y`` degrees at the height y (pixels)."""
    at_zero: float
    per_pixel: float

    def at(self, y):
        return self.at_zero + self.per_pixel * y


def page_skew(quads):
    """The page's skew: a SlantField when its slant changes down the page and turning each line back by its
    own slant puts more boxes side by side than one skew or none; else ``_uniform_skew``."""
    quads = [[(float(x), float(y)) for x, y in quad] for quad in quads]
    # (height, slant) of the long lines: only they tell the slant
    measured = [(_middle_y(quad), slant) for quad, slant in zip(quads, map(_slant, quads)) if slant is not None]
    skew = _uniform_skew(quads, [slant for _y, slant in measured])
    field = _slant_field(measured)
    if field is not None:
        best = max(_side_by_side(quads, 0.0), _side_by_side(quads, skew) if skew else 0)
        if _side_by_side(quads, field) > best:
            return field
    return skew


def _slant_field(measured):
    """The slant as a straight function of height (Theil–Sen: the median of the slopes between pairs of
    long lines well apart), when it spreads by _MIN_SLANT_SPREAD or more over the page's long lines
    (``measured``: their (height, slant))."""
    if len(measured) < _MIN_LINES_FOR_SPREAD:
        return None
    measured = sorted(measured)
    span = measured[-1][0] - measured[0][0]
    slopes = [(slant_b - slant_a) / (y_b - y_a) for index, (y_a, slant_a) in enumerate(measured)
              for y_b, slant_b in measured[index + 1:] if y_b - y_a > span / 4]
    if not slopes:
        return None
    per_pixel = statistics.median(slopes)
    if abs(per_pixel) * span < _MIN_SLANT_SPREAD:
        return None
    at_zero = statistics.median(slant - per_pixel * y for y, slant in measured)
    # the slant at the top line and at the bottom one: beyond a scan's or a photo's, it is no page's slant
    ends = [at_zero + per_pixel * y for y in (measured[0][0], measured[-1][0])]
    if max(abs(angle) for angle in ends) > MAX_SKEW_DEGREES:
        return None
    return SlantField(at_zero, per_pixel)


def _middle_y(quad):
    return sum(y for _x, y in quad) / 4


def _uniform_skew(quads, slants):
    """The page's skew in degrees (positive: text runs down to the right), or 0.0.

    ``quads`` are text-line boxes as four corner points (x, y) in pixels, clockwise from the top left,
    as text detectors give them, ``slants`` those of the long ones: their median, when there are a few, and
    when turning the boxes back by it puts more of them side by side on a row (cells of a table, a label and
    its amount) than the page as it is, or, for a slant of a degree or more, about as many: a straight page
    whose boxes lean by noise keeps its rows.
    """
    if len(slants) < _MIN_LINES:
        return 0.0
    skew = statistics.median(slants)
    if not MIN_SKEW_DEGREES <= abs(skew) <= MAX_SKEW_DEGREES:
        return 0.0
    as_it_is = _side_by_side(quads, 0.0)
    turned_back = _side_by_side(quads, skew)
    if turned_back > as_it_is or (abs(skew) >= _SURE_SKEW_DEGREES and as_it_is - turned_back <= _BY_CHANCE):
        return skew
    return 0.0


def _slant(quad):
    """The slant in degrees of a long box, None for a short one."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    top, bottom = (x1 - x0, y1 - y0), (x2 - x3, y2 - y3)
    height = math.hypot(x3 - x0, y3 - y0)
    if top[0] <= 0 or bottom[0] <= 0 or math.hypot(*top) < _MIN_LENGTH_TO_HEIGHT * max(height, 1.0):
        return None
    return math.degrees(math.atan2(top[1] + bottom[1], top[0] + bottom[0]))


def _side_by_side(quads, skew):
    """How many pairs of boxes stand on one row once turned back by ``skew``: apart across, their middles at
    the same height within a quarter of the smaller one's letters (not of its upright bounds, which a slant
    makes taller)."""
    boxes = []
    for quad in quads:
        x0, y0, x1, y1 = straightened_bounds(quad, skew, 0, 0)
        (left, top), _, _, (left_bottom, bottom) = quad
        boxes.append(((y0 + y1) / 2, math.hypot(left_bottom - left, bottom - top), x0, x1))
    boxes.sort()
    pairs = 0
    for index, (middle, height, x0, x1) in enumerate(boxes):
        for other_middle, other_height, other_x0, other_x1 in boxes[index + 1:]:
            if other_middle - middle > height / 4:
                break
            if other_middle - middle <= min(height, other_height) / 4 and (other_x0 >= x1 or x0 >= other_x1):
                pairs += 1
    return pairs


def straightened_bounds(quad, skew, width, height):
    """(x0, y0, x1, y1) of ``quad`` turned by ``-skew`` degrees about the centre of a width × height page (a
    SlantField: by its slant at the height of the box's middle; each row turns back level all the same)."""
    points = [(float(x), float(y)) for x, y in quad]
    if isinstance(skew, SlantField):
        skew = skew.at(_middle_y(points))
    if skew:
        angle = math.radians(skew)
        cos, sin = math.cos(angle), math.sin(angle)
        cx, cy = width / 2, height / 2
        points = [(cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos) for x, y in points]
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)
