"""The sheet of paper in a photograph: a receipt on a table is read from its own pixels, not the table's."""
import math
from typing import NamedTuple

import cv2
import numpy as np
from PIL import Image

# RapidOCR reads at most this many pixels on an image's long side: cropping only helps above it.
OCR_LONG_SIDE = 2000
# The paper must cover at most this share of the photo (else there is little table to drop) and at least
# MIN_PAPER_SHARE of it (else it is a label, a screen, a reflection). A sheet seen at an angle is flattened
# up to MAX_FLATTENED_SHARE: a page photographed close up still shows some table all round.
MAX_PAPER_SHARE = 0.7
MAX_FLATTENED_SHARE = 0.95
MIN_PAPER_SHARE = 0.02
# How much brighter than the table the paper must be, in grey levels, and the margin kept around it.
MIN_CONTRAST = 40
MARGIN = 0.02
# The share of the ground around the sheet that may be edges (Canny): a table, a scanner's lid or a card
# has few (0.9 % at most on the German receipts' scans); print on a dark panel of a page has many (a CV's
# sidebar: 5 to 7 %), and that panel is part of the document.
MAX_GROUND_EDGES = 0.02
# The share of the ground that may be as bright as the sheet: a table is dark all round; white paper above a
# dark banner across a page is the page's own header.
MAX_BRIGHT_GROUND = 0.1
_SMALL_SIDE = 512


# A sheet photographed at an angle is flattened when two opposite edges of it part by this many degrees or
# more (the far edge looks shorter); a sheet merely turned on the table keeps parallel edges, and the
# straightening of skewed lines (skew.py) serves it.
MIN_PERSPECTIVE_DEGREES = 1.5


class Sheet(NamedTuple):
    """A bright sheet on a darker, plain ground, as found on the image shrunk to _SMALL_SIDE."""
    small_size: tuple  # (width, height) of the shrunk image
    scale: float  # shrunk / original
    box: tuple  # (x, y, w, h) of the sheet's bounds on the shrunk image
    outline: np.ndarray  # its contour there (OpenCV points)


_FIND = object()  # "find the sheet": what paper_box and sheet_corners do unless given it


def paper_box(image, sheet=_FIND):
    """(left, top, right, bottom) in pixels of the bright sheet a large photo shows on a darker, plain ground,
    or None when the image is small enough to be read whole, or shows no such sheet (a page scanned edge to
    edge, a white table, a page with a dark panel printed on it). ``sheet``: find_sheet(image), if known."""
    if max(image.size) <= OCR_LONG_SIDE:
        return None
    sheet = find_sheet(image) if sheet is _FIND else sheet
    if sheet is None:
        return None
    (small_width, small_height), (x, y, w, h) = sheet.small_size, sheet.box
    if w * h > MAX_PAPER_SHARE * small_width * small_height:
        return None
    margin = MARGIN * max(small_width, small_height)
    left, top = max(0.0, x - margin), max(0.0, y - margin)
    right, bottom = min(small_width, x + w + margin), min(small_height, y + h + margin)
    scale = sheet.scale
    return (round(left / scale), round(top / scale), min(image.width, round(right / scale)),
            min(image.height, round(bottom / scale)))


def sheet_corners(image, sheet=_FIND):
    """The four corners (top left, top right, bottom right, bottom left; pixels) of a sheet photographed at an
    angle on a darker, plain ground, a little outside the paper's edge; None when the photo shows no such sheet,
    or one seen square on. ``sheet``: find_sheet(image), if known."""
    sheet = find_sheet(image) if sheet is _FIND else sheet
    if sheet is None:
        return None
    hull = cv2.convexHull(sheet.outline)
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2).astype(float)
    if len(corners) != 4:
        return None  # a torn or folded sheet, or one partly out of the picture: no four corners to flatten
    small_width, small_height = sheet.small_size
    border = 0.01 * max(small_width, small_height)
    if (corners.min() <= border or (corners[:, 0] >= small_width - 1 - border).any()
            or (corners[:, 1] >= small_height - 1 - border).any()):
        return None  # a sheet running out of the picture: where it meets the edge is no corner of it
    corners = _clockwise_from_top_left(corners)
    top, right, bottom, left = (corners[(i + 1) % 4] - corners[i] for i in range(4))
    if max(_angle_between(top, -bottom), _angle_between(right, -left)) < MIN_PERSPECTIVE_DEGREES:
        return None
    centre = corners.mean(axis=0)
    corners = centre + (corners - centre) * (1 + 2 * MARGIN)
    limits = np.array([image.width - 1, image.height - 1], float)
    return [tuple(point) for point in np.clip(corners / sheet.scale, 0, limits)]


def flattened(image, corners):
    """(the sheet within ``corners`` (see sheet_corners) seen square on, as long on each side as its longer
    edge of the photo; the projection taking a point of it, relative to its size, to the photo, relative to
    the photo's size: a 3 x 3 matrix as nested tuples, see layout.projected_box)."""
    tl, tr, br, bl = (np.array(point, float) for point in corners)
    width = max(1, round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = max(1, round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    warp = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), target)
    pixels = cv2.warpPerspective(np.asarray(image.convert("RGB")), warp, (width, height), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_REPLICATE)
    back = np.diag([1 / image.width, 1 / image.height, 1.0]) @ np.linalg.inv(warp) @ np.diag([width, height, 1.0])
    return Image.fromarray(pixels), tuple(tuple(float(v) for v in row) for row in back / back[2, 2])


def _clockwise_from_top_left(corners):
    """Four points ordered top left, top right, bottom right, bottom left (by their sums and differences)."""
    sums, differences = corners.sum(axis=1), corners[:, 1] - corners[:, 0]
    ordered = np.array([corners[np.argmin(sums)], corners[np.argmin(differences)], corners[np.argmax(sums)],
                        corners[np.argmax(differences)]])
    return ordered if len({tuple(p) for p in ordered}) == 4 else corners


def _angle_between(a, b):
    cosine = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def find_sheet(image):
    """The bright sheet an image shows on a darker, plain ground (a Sheet), its bounds covering at most
    MAX_FLATTENED_SHARE of the image; None if it shows none."""
    scale = _SMALL_SIDE / max(image.size)
    small = np.asarray(image.convert("L").resize((max(1, round(image.width * scale)),
                                                   max(1, round(image.height * scale)))))
    _threshold, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # the print on the paper is dark too: close it into the sheet around it
    sheets = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(sheets)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h, area = (int(v) for v in stats[largest])
    pixels = small.shape[0] * small.shape[1]
    if not (MIN_PAPER_SHARE * pixels <= area and w * h <= MAX_FLATTENED_SHARE * pixels):
        return None
    inside = np.zeros(small.shape, bool)
    inside[y:y + h, x:x + w] = True
    if small[inside].mean() - small[~inside].mean() < MIN_CONTRAST:
        return None
    if (cv2.Canny(small, 50, 150)[~inside] > 0).mean() > MAX_GROUND_EDGES:
        return None  # the darker part is printed on: not a table
    if (bright[~inside] > 0).mean() > MAX_BRIGHT_GROUND:
        return None  # paper outside the sheet: a page split by a dark band, not a sheet on a table
    contours, _hierarchy = cv2.findContours((labels == largest).astype(np.uint8), cv2.RETR_EXTERNAL,
                                            cv2.CHAIN_APPROX_SIMPLE)
    return Sheet((small.shape[1], small.shape[0]), scale, (x, y, w, h), max(contours, key=cv2.contourArea))
