"""A labelled folder of the same documents photographed at an angle: every page of a labels.jsonl folder (PDFs
rendered first) laid on a dark table, seen in perspective (each corner moved independently), shaded from one
side and saved as a JPEG, into one multi-page TIFF per document with the same labels. Seeded: the same folder
every run.

    python tools/photographed_set.py ../shared/datasets/receipts-sroie /tmp/photographed [--tilt 0.12]
    python -m engine bench /tmp/photographed
"""
import os
import random
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skewed_set import as_jpeg, variant_set_parser, write_variant_set  # noqa: E402

# A phone photographs a receipt at about this many pixels on its long side.
PHOTO_LONG_SIDE = 2000


def photographed_page(page, tilt, rng):
    """``page`` on a table, each corner moved by up to ``tilt`` of the page's width, shaded, JPEG quality 80."""
    scale = min(1.0, PHOTO_LONG_SIDE / 1.3 / max(page.size))
    width, height = round(page.width * scale), round(page.height * scale)
    pixels = np.asarray(page.convert("RGB").resize((width, height), Image.LANCZOS))
    canvas_width, canvas_height = round(width * 1.5), round(height * 1.3)
    left, top = (canvas_width - width) / 2, (canvas_height - height) / 2
    moved = [(x + rng.uniform(-tilt, tilt) * width, y + rng.uniform(-tilt, tilt) * width)
             for x, y in ((left, top), (left + width, top), (left + width, top + height), (left, top + height))]
    warp = cv2.getPerspectiveTransform(np.float32([[0, 0], [width, 0], [width, height], [0, height]]),
                                       np.float32(moved))
    table = tuple(rng.randint(30, 80) for _ in range(3))
    photo = cv2.warpPerspective(pixels, warp, (canvas_width, canvas_height), flags=cv2.INTER_LINEAR,
                                borderValue=table)
    light = np.linspace(rng.uniform(0.7, 0.9), 1.05, canvas_width)[None, :, None]
    if rng.random() < 0.5:
        light = light[:, ::-1]
    return as_jpeg(Image.fromarray(np.clip(photo * light, 0, 255).astype(np.uint8)), 80)


def main(argv=None):
    parser = variant_set_parser(__doc__)
    parser.add_argument("--tilt", type=float, default=0.12, help="how far a corner moves, in page widths")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    write_variant_set(args.source, args.target, lambda page: photographed_page(page, args.tilt, rng), args.dpi)


if __name__ == "__main__":
    main()
