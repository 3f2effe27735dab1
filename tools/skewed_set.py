"""A labelled folder of the same documents scanned askew: every page of a labels.jsonl folder (PDFs rendered
first) turned by a random angle between half of MAX_DEGREES and MAX_DEGREES, either way, on a white
background, into one multi-page TIFF per document with the same labels. Seeded: the same folder every run.

    python tools/skewed_set.py E_INVOICES SKEWED [--dpi 150] [--max-degrees 3]
    python -m tools.bench SKEWED
"""
import argparse
import io
import json
import os
import random
import sys

from PIL import Image, ImageSequence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tools.bench import render_to_images  # noqa: E402


def turned_page(page, max_degrees, rng):
    """``page`` turned by a random angle between half of ``max_degrees`` and ``max_degrees``, either way."""
    angle = rng.uniform(max_degrees / 2, max_degrees) * rng.choice((-1, 1))
    return page.rotate(angle, expand=True, resample=Image.BICUBIC, fillcolor="white")


def document_pages(data, dpi):
    """The pages of a document file as RGB images: a PDF rendered at ``dpi``, an image's frames."""
    if data[:5] == b"%PDF-":
        data = render_to_images(data, dpi=dpi)
    # converted one by one: the iterator gives the same image object, seeked to each frame in turn
    return [frame.convert("RGB") for frame in ImageSequence.Iterator(Image.open(io.BytesIO(data)))]


def variant_set_parser(description):
    """The command line of every variant-set tool, to which each adds its own options: the source and target
    folders and the resolution PDFs are rendered at."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--dpi", type=int, default=150, help="resolution PDFs are rendered at")
    return parser


def as_jpeg(image, quality):
    """``image`` as a JPEG of ``quality`` shows it (saved and read back, its artefacts with it), in RGB."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(buffer).convert("RGB")


def write_variant_set(source, target, variant_page, dpi, compression="tiff_deflate", saved_dpi=None):
    """Copy the labels.jsonl folder ``source`` to ``target``, each document as one multi-page TIFF of its pages
    (PDFs rendered at ``dpi``) made over by ``variant_page(page)``, with the same labels. The TIFFs say they are
    ``saved_dpi`` (across, down), by default ``dpi`` both ways."""
    os.makedirs(os.path.join(target, "files"), exist_ok=True)
    with open(os.path.join(source, "labels.jsonl"), encoding="utf-8") as labels, \
            open(os.path.join(target, "labels.jsonl"), "w", encoding="utf-8") as out:
        for line in labels:
            record = json.loads(line)
            with open(os.path.join(source, record["file"]), "rb") as handle:
                pages = [variant_page(page) for page in document_pages(handle.read(), dpi)]
            record["file"] = os.path.splitext(record["file"])[0] + ".tif"
            pages[0].save(os.path.join(target, record["file"]), save_all=True, append_images=pages[1:],
                          compression=compression, dpi=saved_dpi or (dpi, dpi))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_variant_tool(description, argv, options, variant_of, seed):
    """The command line of a seeded variant-set tool: ``options`` {flag: (type, default, help)} beside the
    source, target and --dpi; every page becomes ``variant_of(page, args, rng)``, ``rng`` a random.Random
    seeded with ``seed``."""
    parser = variant_set_parser(description)
    for flag, (kind, default, help_text) in options.items():
        parser.add_argument(flag, type=kind, default=default, help=help_text)
    args = parser.parse_args(argv)
    rng = random.Random(seed)
    write_variant_set(args.source, args.target, lambda page: variant_of(page, args, rng), args.dpi)


def main(argv=None):
    run_variant_tool(__doc__, argv, {"--max-degrees": (float, 3.0, "the largest turn, in degrees")},
                     lambda page, args, rng: turned_page(page, args.max_degrees, rng), seed=7)


if __name__ == "__main__":
    main()
