"""The sheet of paper in a photograph: a receipt on a table is read from its own pixels, not the table's."""
import cv2
import numpy as np

# RapidOCR reads at most this many pixels on an image's long side: cropping only helps above it.
OCR_LONG_SIDE = 2000
# The paper must cover at most this share of the photo (else there is little table to drop) and at least
# MIN_PAPER_SHARE of it (else it is a label, a screen, a reflection).
MAX_PAPER_SHARE = 0.7
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


def paper_box(image):
    """(left, top, right, bottom) in pixels of the bright sheet a large photo shows on a darker, plain ground,
    or None when the image is small enough to be read whole, or shows no such sheet (a page scanned edge to
    edge, a white table, a page with a dark panel printed on it)."""
    if max(image.size) <= OCR_LONG_SIDE:
        return None
    scale = _SMALL_SIDE / max(image.size)
    small = np.asarray(image.convert("L").resize((max(1, round(image.width * scale)),
                                                   max(1, round(image.height * scale)))))
    _threshold, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # the print on the paper is dark too: close it into the sheet around it
    sheets = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(sheets)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h, area = (int(v) for v in stats[largest])
    pixels = small.shape[0] * small.shape[1]
    if not (MIN_PAPER_SHARE * pixels <= area and w * h <= MAX_PAPER_SHARE * pixels):
        return None
    inside = np.zeros(small.shape, bool)
    inside[y:y + h, x:x + w] = True
    if small[inside].mean() - small[~inside].mean() < MIN_CONTRAST:
        return None
    if (cv2.Canny(small, 50, 150)[~inside] > 0).mean() > MAX_GROUND_EDGES:
        return None  # the darker part is printed on: not a table
    if (bright[~inside] > 0).mean() > MAX_BRIGHT_GROUND:
        return None  # paper outside the sheet: a page split by a dark band, not a sheet on a table
    margin = MARGIN * max(small.shape)
    left, top = max(0.0, x - margin), max(0.0, y - margin)
    right, bottom = min(small.shape[1], x + w + margin), min(small.shape[0], y + h + margin)
    return (round(left / scale), round(top / scale), min(image.width, round(right / scale)),
            min(image.height, round(bottom / scale)))
