"""A labelled folder of the same documents scanned badly: every page of a labels.jsonl folder (PDFs rendered
first) blurred, its contrast cut, grain added and saved as a low-quality JPEG, into one multi-page TIFF per
document with the same labels. Seeded: the same folder every run.

    python tools/degraded_set.py SROIE DEGRADED [--blur 0.8] [--noise 12]
    python -m tools.bench DEGRADED
"""
import os
import sys

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from skewed_set import as_jpeg, variant_set_parser, write_variant_set  # noqa: E402


def degraded_page(page, blur, contrast, noise, quality, rng):
    """``page`` blurred by ``blur`` px, its contrast cut to ``contrast``, grain of σ ``noise``, JPEG ``quality``."""
    grey = page.convert("L").filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(grey).astype(np.float32) * contrast + 255 * (1 - contrast) / 2
    pixels += rng.normal(0, noise, pixels.shape)
    return as_jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), quality)


def main(argv=None):
    parser = variant_set_parser(__doc__)
    parser.add_argument("--blur", type=float, default=0.8)
    parser.add_argument("--contrast", type=float, default=0.75)
    parser.add_argument("--noise", type=float, default=12.0)
    parser.add_argument("--quality", type=int, default=45)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(7)
    write_variant_set(args.source, args.target,
                      lambda page: degraded_page(page, args.blur, args.contrast, args.noise, args.quality, rng),
                      args.dpi)


if __name__ == "__main__":
    main()
