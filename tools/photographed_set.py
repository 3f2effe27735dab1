"""A labelled folder of the same documents photographed at an angle: every page of a labels.jsonl folder (PDFs
rendered first) laid on a dark table, seen in perspective (each corner moved independently), shaded from one
side and saved as a JPEG, into one multi-page TIFF per document with the same labels. Seeded: the same folder
every run.

    python tools/photographed_set.py SROIE PHOTOGRAPHED [--tilt 0.12]
    python -m tools.bench PHOTOGRAPHED
"""
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skewed_set import as_jpeg, run_variant_tool  # noqa: E402

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
    run_variant_tool(__doc__, argv, {"--tilt": (float, 0.12, "how far a corner moves, in page widths")},
                     lambda page, args, rng: photographed_page(page, args.tilt, rng), seed=7)


if __name__ == "__main__":
    main()
