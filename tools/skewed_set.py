"""A labelled folder of the same documents scanned askew: every page of a labels.jsonl folder (PDFs rendered
first) turned by a random angle between half of MAX_DEGREES and MAX_DEGREES, either way, on a white
background, into one multi-page TIFF per document with the same labels. Seeded: the same folder every run.

    python tools/skewed_set.py ../shared/datasets/invoices-einvoice /tmp/skewed [--dpi 150] [--max-degrees 3]
    python -m engine bench /tmp/skewed
"""
import argparse
import io
import json
import os
import random
import sys

from PIL import Image, ImageSequence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from engine.bench import render_to_images  # noqa: E402


def skewed_pages(data, dpi, max_degrees, rng):
    """The document's pages as images, each turned by its own random angle."""
    if data[:5] == b"%PDF-":
        data = render_to_images(data, dpi=dpi)
    pages = []
    for frame in ImageSequence.Iterator(Image.open(io.BytesIO(data))):
        angle = rng.uniform(max_degrees / 2, max_degrees) * rng.choice((-1, 1))
        pages.append(frame.convert("RGB").rotate(angle, expand=True, resample=Image.BICUBIC, fillcolor="white"))
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--max-degrees", type=float, default=3.0)
    args = parser.parse_args(argv)
    rng = random.Random(7)
    os.makedirs(os.path.join(args.target, "files"), exist_ok=True)
    with open(os.path.join(args.source, "labels.jsonl"), encoding="utf-8") as labels, \
            open(os.path.join(args.target, "labels.jsonl"), "w", encoding="utf-8") as out:
        for line in labels:
            record = json.loads(line)
            with open(os.path.join(args.source, record["file"]), "rb") as handle:
                pages = skewed_pages(handle.read(), args.dpi, args.max_degrees, rng)
            record["file"] = os.path.splitext(record["file"])[0] + ".tif"
            pages[0].save(os.path.join(args.target, record["file"]), save_all=True, append_images=pages[1:],
                          compression="tiff_deflate", dpi=(args.dpi, args.dpi))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
