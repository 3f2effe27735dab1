"""``python -m tools.bench DATASET_DIR``: per-field accuracy, p50/p95 seconds per document and peak RSS.

A development tool, not part of the engine that Odoo loads: it reads the engine from outside, as any caller would
(plus ``engine.fields.candidates.selected`` to read a feature's selected content). ``python -m engine bench …``
is the same command, kept as an alias. Run both from the addon's root folder.
"""
import argparse
import io
import json
import os
import resource
import statistics
import sys
import time

from engine import DocumentError, extract
from engine.fields.candidates import selected
from tools.folds import FOLDS
from tools.folds import select as select_fold
from tools.scoring import field_matches, fuzzy, lines_f1, predicted_lines, text_field


def load_labels(dataset):
    path = os.path.join(dataset, "labels.jsonl")
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def render_to_images(data, dpi=200):
    """A PDF rendered to a multi-page TIFF, to benchmark the OCR path on the same truth."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    buffer = io.BytesIO()
    images[0].save(buffer, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    return buffer.getvalue()


def run_bench(dataset, ocr="rapidocr", render=False, limit=0, show_errors=False, json_out=None, out=print, lang=None,
              fold=None, folds=FOLDS):
    labels = select_fold(load_labels(dataset), fold, folds)
    if limit:
        labels = labels[:limit]
    load_start = time.perf_counter()
    if ocr:
        from engine.reading.ocr import get_backend

        get_backend(ocr)
    load_seconds = time.perf_counter() - load_start
    stats, timings, failures = {}, [], []
    for item in labels:
        with open(os.path.join(dataset, item["file"]), "rb") as handle:
            data = handle.read()
        if render and data[:4] == b"%PDF":
            data = render_to_images(data)
        start = time.perf_counter()
        try:
            user_infos = dict(item.get("user_infos") or {})
            if lang:
                user_infos["user_lang"] = lang  # one language forced on the whole set
            result = extract(data, item.get("doc_type", "invoice"), user_infos, ocr=ocr)
        except DocumentError as exc:
            failures.append((item["file"], str(exc)))
            result = {}
        timings.append(time.perf_counter() - start)
        for field, expected in item["fields"].items():
            if expected is None:
                continue  # no truth for this field
            entry = stats.setdefault(field, {"n": 0, "exact": 0.0, "fuzzy": 0.0})
            entry["n"] += 1
            if field == "invoice_lines":
                score = lines_f1(expected, predicted_lines(result))
                entry["exact"] += score
                entry["fuzzy"] += score
                if show_errors and score < 1:
                    out(f"  {item['file']} {field}: F1 {score:.2f} predicted {predicted_lines(result)}")
                continue
            predicted = selected(result.get(field, {}))
            ok = field_matches(field, expected, predicted)
            entry["exact"] += ok
            entry["fuzzy"] += fuzzy(expected, predicted) if text_field(field) else ok
            if show_errors and not ok:
                out(f"  {item['file']} {field}: expected {expected!r} got {predicted!r}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(f"dataset {dataset}: {len(labels)} documents, ocr={ocr}, render={render}" + (f", lang={lang}" if lang else "")
        + (f", fold {fold} (of {folds}, grouped by supplier)" if fold is not None else ""))
    out(f"{'field':<18}{'n':>5}{'exact':>9}{'fuzzy':>9}")
    figures = {"documents": len(labels), "fields": {}}
    for field, entry in sorted(stats.items()):
        exact = entry["exact"] / entry["n"]
        fuzz = entry["fuzzy"] / entry["n"]
        figures["fields"][field] = {"n": entry["n"], "exact": round(exact, 4), "fuzzy": round(fuzz, 4)}
        label = "lines F1" if field == "invoice_lines" else field
        out(f"{label:<18}{entry['n']:>5}{100 * exact:>8.1f}%{100 * fuzz:>8.1f}%")
    if timings:
        ordered = sorted(timings)
        p50 = statistics.median(ordered)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        out(f"seconds per document: p50 {p50:.3f}  p95 {p95:.3f}  (OCR model load {load_seconds:.2f} s, not counted)")
        figures.update(p50=round(p50, 4), p95=round(p95, 4))
    out(f"peak RSS: {peak_mb:.0f} MB")
    figures["peak_rss_mb"] = round(peak_mb)
    for name, error in failures:
        out(f"  refused {name}: {error}")
    if json_out:
        with open(json_out, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 0


def main(argv=None, prog="python -m tools.bench"):
    parser = argparse.ArgumentParser(prog=prog, description="per-field accuracy and timings over a labels.jsonl folder")
    parser.add_argument("dataset")
    parser.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    parser.add_argument("--render", action="store_true", help="render PDFs to images first (benchmarks the OCR path)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures to this file")
    parser.add_argument("--threads", type=int, default=0,
                        help="OCR threads (1 measures one core; 0: all the CPUs this process may use)")
    parser.add_argument("--lang", default=None,
                        help="user_lang for every document (e.g. en_US), overriding the labels' user_infos")
    parser.add_argument("--fold", default=None,
                        help="only part of the set, split by supplier (tools/folds.py): 'dev' (or A) the development "
                             "folds, 'heldout' (or B) the held-out folds, or a fold number with --folds")
    parser.add_argument("--folds", type=int, default=FOLDS, help=f"number of folds for a numbered --fold ({FOLDS})")
    parser.add_argument("--heldout", action="store_true", help="only the held-out folds (same as --fold heldout)")
    args = parser.parse_args(argv)
    fold = "heldout" if args.heldout else args.fold
    if fold not in (None, "dev", "A", "heldout", "B") and not (fold.isdigit() and int(fold) < args.folds):
        parser.error(f"--fold must be dev, heldout, A, B or a number below --folds ({args.folds})")
    if fold in ("dev", "A", "heldout", "B") and args.folds != FOLDS:
        parser.error(f"the development and held-out sides are those of {FOLDS} folds")
    if args.threads:
        os.environ["DIGITIZE_OCR_THREADS"] = str(args.threads)
    return run_bench(args.dataset, ocr=args.ocr, render=args.render, limit=args.limit, show_errors=args.errors,
                     json_out=args.json_out, lang=args.lang, fold=fold, folds=args.folds)


if __name__ == "__main__":
    sys.exit(main())
