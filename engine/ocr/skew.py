"""The skew of a scanned page, read from the slant of its text lines, and boxes straightened by it.

A page scanned a few degrees askew gives text-line boxes whose upright bounds are several lines tall at the
right end of a long line: rows merge, and a label and its amount no longer share a line. The recognizer reads
each slanted line along its slant already; only the boxes need turning back. Coordinates are then those of the
straightened page, as they are those of the upright page for a page turned by 90 or 180 degrees.
"""
import math
import statistics

# Below this, a line of a page width drifts by less than a tenth of its height: nothing to straighten.
MIN_SKEW_DEGREES = 0.25
# Beyond this, what slants is no scan's skew (a stamp, a diagonal watermark): the page is left as it is.
MAX_SKEW_DEGREES = 15.0
# Only long boxes tell the slant: the corners of a short word are a pixel or two off either way.
_MIN_LENGTH_TO_HEIGHT = 4.0
_MIN_LINES = 3


def page_skew(quads):
    """The page's skew in degrees (positive: text runs down to the right), or 0.0.

    ``quads`` are text-line boxes as four corner points (x, y) in pixels, clockwise from the top left,
    as text detectors give them: the median slant of the long ones, when there are a few.
    """
    slants = []
    for quad in quads:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = [(float(x), float(y)) for x, y in quad]
        top, bottom = (x1 - x0, y1 - y0), (x2 - x3, y2 - y3)
        length = math.hypot(*top)
        height = math.hypot(x3 - x0, y3 - y0)
        if top[0] <= 0 or bottom[0] <= 0 or length < _MIN_LENGTH_TO_HEIGHT * max(height, 1.0):
            continue
        slants.append(math.degrees(math.atan2(top[1] + bottom[1], top[0] + bottom[0])))
    if len(slants) < _MIN_LINES:
        return 0.0
    skew = statistics.median(slants)
    return skew if MIN_SKEW_DEGREES <= abs(skew) <= MAX_SKEW_DEGREES else 0.0


def straightened_bounds(quad, skew, width, height):
    """(x0, y0, x1, y1) of ``quad`` turned by ``-skew`` degrees about the centre of a width × height page."""
    points = [(float(x), float(y)) for x, y in quad]
    if skew:
        angle = math.radians(skew)
        cos, sin = math.cos(angle), math.sin(angle)
        cx, cy = width / 2, height / 2
        points = [(cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos) for x, y in points]
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)
