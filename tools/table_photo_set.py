"""A labelled folder of the same documents photographed from further away: every page of a labels.jsonl folder
(PDFs rendered first) scaled to ``--long-side`` pixels and laid somewhere on a plain dark table filling a
12-megapixel phone photo (3024 x 4032), saved as a JPEG, into one multi-page TIFF per document with the same
labels. Seeded: the same folder every run.

    python tools/table_photo_set.py SROIE TABLE [--long-side 1700]
    python -m tools.bench TABLE
"""
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skewed_set import as_jpeg, run_variant_tool  # noqa: E402

PHOTO_SIZE = (3024, 4032)


def photo_on_table(page, long_side, rng):
    """``page`` scaled to ``long_side`` pixels on its long side, at a random place on a dark, grainy table."""
    scale = long_side / max(page.size)
    page = page.convert("RGB").resize((round(page.width * scale), round(page.height * scale)), Image.LANCZOS)
    width, height = PHOTO_SIZE
    colour = np.array([rng.randint(40, 90) for _ in range(3)], dtype=float)
    grain = np.random.RandomState(rng.randint(0, 2 ** 31)).normal(0, 6, (height, width, 3))
    table = Image.fromarray((colour + grain).clip(0, 255).astype(np.uint8))
    table.paste(page, (rng.randint(0, max(0, width - page.width)), rng.randint(0, max(0, height - page.height))))
    return as_jpeg(table, 88)


def main(argv=None):
    run_variant_tool(__doc__, argv, {"--long-side": (int, 1700, "the page's long side in the photo, pixels")},
                     lambda page, args, rng: photo_on_table(page, args.long_side, rng), seed=5)


if __name__ == "__main__":
    main()
