"""A labelled folder of the same documents scanned in black and white: every page of a labels.jsonl folder (PDFs
rendered first) thresholded as a scanner's 1-bit mode does (against the mean of its neighbourhood, so that faint
thermal print survives), into one group 4 TIFF per document with the same labels. ``--fax``: as a fax in standard
mode sends it, at 98 dpi down the page for ``--dpi`` across (204 for a fax).

    python tools/bitonal_set.py SROIE BITONAL [--dpi 200]
    python tools/bitonal_set.py E_INVOICES FAX --dpi 204 --fax
    python -m tools.bench BITONAL
"""
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skewed_set import variant_set_parser, write_variant_set  # noqa: E402

# Neighbourhood (pixels) and offset below its Gaussian-weighted mean under which a pixel turns black.
BLOCK, OFFSET = 31, 12
FAX_LINES_DPI = 98  # a standard-mode fax scans this many lines an inch down the page


def bitonal_page(page):
    """``page`` in pure black and white (mode "1")."""
    grey = np.asarray(page.convert("L"))
    black_and_white = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                            BLOCK, OFFSET)
    return Image.fromarray(black_and_white).convert("1")


def faxed_page(page, dpi):
    """``page`` (rendered at ``dpi``) as a standard-mode fax scans it: FAX_LINES_DPI lines an inch, 1-bit."""
    return bitonal_page(page.resize((page.width, round(page.height * FAX_LINES_DPI / dpi)), Image.BOX))


def main(argv=None):
    parser = variant_set_parser(__doc__)
    parser.add_argument("--fax", action="store_true", help="98 dpi down the page, as a standard-mode fax")
    args = parser.parse_args(argv)
    if args.fax:
        write_variant_set(args.source, args.target, lambda page: faxed_page(page, args.dpi), args.dpi,
                          compression="group3", saved_dpi=(args.dpi, FAX_LINES_DPI))
    else:
        write_variant_set(args.source, args.target, bitonal_page, args.dpi, compression="group4")


if __name__ == "__main__":
    main()
