"""Where a page has print: text detection runs on the bands that hold ink, not on the blank paper between.

Text detection costs by the pixel, blank or not, and an invoice leaves much of its page blank: on the first
pages of the 28 dev invoices at 150 dpi, the bands read 1.26 of the page's 1.79 detection megapixels (from a
quarter of a page to all of it). Each band is detected at the scale the whole page would have been,
with a margin of blank paper all round, so the detector sees every line much as on the whole page.
"""
import numpy as np

# A run of blank rows this tall (detection pixels: about two lines of body text) parts two bands; a shorter one
# stays inside a band, so that lines keep the lines around them as context.
BAND_GAP = 48
# Blank paper kept around a band's ink (detection pixels): more than the detector widens a text box by, and
# less than BAND_GAP, so that no band reaches into the next one's print (a line cut there would be read twice).
BAND_MARGIN = 32
# A shade this many grey levels darker than the paper is ink (grey text in #999 is 102 darker than white).
INK_CONTRAST = 40
# A row is inked when it has this many ink pixels: one is a speck of scanner dust.
INK_PIXELS_PER_ROW = 2
# Bands are worth it when they leave out at least this share of the page; else the page is detected whole.
MIN_BLANK_SHARE = 0.2
# Paper darker than this (grey level) is no paper: a photo, a dark slide; it is detected whole.
MIN_PAPER_LEVEL = 128


def ink_bands(bgr, scale_y, scale_x):
    """[(top, bottom, left, right)] in pixels: the parts of the page ``bgr`` (an OpenCV image) to detect text
    in, each with a margin of paper, or [] when the whole page should be detected (no blank paper worth leaving
    out, or no plain paper). ``scale_y``, ``scale_x``: detection pixels per page pixel."""
    height, width = bgr.shape[:2]
    # the darkest channel of each pixel (pairwise minima: a tenth of the time of min over the channel axis)
    darkest = np.minimum(np.minimum(bgr[..., 0], bgr[..., 1]), bgr[..., 2]) if bgr.ndim == 3 else bgr
    paper = float(np.percentile(darkest[::4, ::4], 90))
    if paper < MIN_PAPER_LEVEL:
        return []
    ink = darkest < paper - INK_CONTRAST
    runs = _runs(ink.sum(axis=1) >= INK_PIXELS_PER_ROW, BAND_GAP / scale_y)
    margin_y, margin_x = BAND_MARGIN / scale_y, BAND_MARGIN / scale_x
    bands = []
    for top, bottom in runs:
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        bands.append((int(max(0, top - margin_y)), int(min(height, bottom + margin_y)),
                      int(max(0, columns[0] - margin_x)), int(min(width, columns[-1] + 1 + margin_x))))
    covered = sum((bottom - top) * (right - left) for top, bottom, left, right in bands)
    if not bands or covered > (1 - MIN_BLANK_SHARE) * height * width:
        return []
    return bands


def detection_piece(bgr, band, scale_y, scale_x):
    """The band ``(top, bottom, left, right)`` of ``bgr``, padded on the right and at the bottom with its paper
    colour (its 90th percentile shade) to a size whose detection size is a whole number of 32-pixel blocks (the
    detector's stride), so that it is detected at exactly the page's scale."""
    top, bottom, left, right = band
    piece = bgr[top:bottom, left:right]
    height, width = piece.shape[:2]
    padded_height = _whole_blocks(height, scale_y)
    padded_width = _whole_blocks(width, scale_x)
    if (padded_height, padded_width) == (height, width):
        return piece
    paper = np.percentile(piece.reshape(-1, piece.shape[2] if piece.ndim == 3 else 1), 90, axis=0)
    padded = np.empty((padded_height, padded_width) + piece.shape[2:], dtype=piece.dtype)
    padded[...] = paper.astype(piece.dtype).reshape((-1,) if piece.ndim == 3 else ())
    padded[:height, :width] = piece
    return padded


def _runs(flags, max_gap):
    """[(start, end)] of the runs of true ``flags``, joined across gaps of up to ``max_gap`` false ones."""
    indices = np.flatnonzero(flags)
    if not len(indices):
        return []
    breaks = np.flatnonzero(np.diff(indices) > max_gap)
    starts = np.r_[indices[0], indices[breaks + 1]]
    ends = np.r_[indices[breaks], indices[-1]] + 1
    return list(zip(starts.tolist(), ends.tolist()))


def _whole_blocks(length, scale):
    """``length`` pixels or more: the fewest whose detection size is a whole number of 32-pixel blocks."""
    blocks = max(1, int(np.ceil(length * scale / 32 - 1e-6)))
    return max(length, int(round(blocks * 32 / scale)))
