"""``python -m tools.bench DATASET_DIR --learn``: learning from validation, measured.

Walks a labelled folder in the order of its labels.jsonl; each document is read once, scored as the engine
reads it alone and as it reads it with the memory, then its truth is taught to the memory. Accuracy is printed
per field for the documents whose supplier was already taught (by the labels' supplier name) and for the
first-seen ones, without and with memory side by side; the taught documents' supplier also apart for the truths
spelled as one taught before and for those spelled anew (the labels spell one name several ways); then recall
time and the memory's size per document.

``--scale N`` first teaches N made-up documents (the set's own pages under other letterheads, numbers and
names, one supplier each) to measure recall in a memory that big.
"""
import argparse
import copy
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time

from engine import DocumentError, extract
from engine.fields.candidates import selected
from engine.memory import Memory, SqliteStore, digest_of, pages_of
from engine.memory.evidence import compact
from tools.bench import load_labels
from tools.folds import FOLDS
from tools.folds import select as select_fold
from tools.scoring import field_matches, normalise

MEMORY_FIELDS = ("supplier", "date", "total", "invoice_id", "subtotal", "total_tax_amount", "due_date", "currency",
                 "VAT_Number")


class _Tee:
    """Keeps what the engine read alone, then lets the memory re-rank."""

    def __init__(self, memory):
        self.memory, self.alone, self.pages, self.seconds = memory, None, None, 0.0

    def recall(self, result, pages, doc_type=None, user_infos=None):
        self.alone, self.pages = copy.deepcopy(result), pages
        start = time.process_time()
        self.memory.recall(result, pages, doc_type, user_infos)
        self.seconds = time.process_time() - start


def _read(path, item, memory, ocr, cache_dir):
    """(result alone, result with memory, pages, recall seconds of CPU: a shared machine's load does not count).
    With a cache folder (DIGITIZE_LEARN_CACHE, tuning only) each document is read once and kept as the engine's
    result and its pages' digest."""
    with open(path, "rb") as handle:
        data = handle.read()
    cached = None
    if cache_dir:
        key = hashlib.sha1(data + item.get("doc_type", "invoice").encode()).hexdigest()
        cached = os.path.join(cache_dir, f"learn-{key}.json")
        if os.path.exists(cached):
            with open(cached, encoding="utf-8") as handle:
                alone, digest = json.load(handle)
            pages = pages_of(digest)
            result = copy.deepcopy(alone)
            start = time.process_time()
            memory.recall(result, pages, item.get("doc_type"))
            return alone, result, pages, time.process_time() - start
    tee = _Tee(memory)
    result = extract(data, item.get("doc_type", "invoice"), dict(item.get("user_infos") or {}), ocr=ocr, memory=tee)
    if cached:
        with open(cached, "w", encoding="utf-8") as handle:
            json.dump([tee.alone, digest_of(tee.pages)], handle)
    return tee.alone, result, tee.pages, tee.seconds


def run_learn_bench(dataset, ocr="rapidocr", limit=0, fold=None, memory_path=None, scale=0, show_errors=False,
                    out=print, folds=FOLDS):
    labels = select_fold(load_labels(dataset), fold, folds)
    if limit:
        labels = labels[:limit]
    temporary = None
    if not memory_path:
        temporary = tempfile.mkdtemp()
        memory_path = os.path.join(temporary, "memory.sqlite")
    store = SqliteStore(memory_path)
    memory = Memory(store)
    cache_dir = os.environ.get("DIGITIZE_LEARN_CACHE")
    if scale:
        _teach_made_up(memory, dataset, labels, scale, ocr, cache_dir, out)
    size_before, taught_before = os.path.getsize(memory_path), scale
    stats, recalls, seen, failures = {}, [], {}, []
    for item in labels:
        try:
            alone, result, pages, seconds = _read(os.path.join(dataset, item["file"]), item, memory, ocr, cache_dir)
        except DocumentError as exc:
            failures.append((item["file"], str(exc)))
            continue
        recalls.append(seconds)
        truth = {field: value for field, value in item["fields"].items() if value is not None}
        group = "taught" if compact(truth.get("supplier", "")) in seen else "first"
        if group == "taught" and "supplier" in truth:
            # the labels spell one supplier's name in several ways (MR. D.I.Y. / MR D.I.Y.): also scored apart,
            # the documents whose truth is spelled as one taught before
            spelled = normalise("supplier", truth["supplier"]) in seen[compact(truth["supplier"])]
            line = "supplier as spelled before" if spelled else "supplier spelled anew"
            entry = stats.setdefault((line, "taught"), [0, 0, 0])
            entry[0] += 1
            entry[1] += field_matches("supplier", truth["supplier"], selected(alone.get("supplier", {})))
            entry[2] += field_matches("supplier", truth["supplier"], selected(result.get("supplier", {})))
        for field in MEMORY_FIELDS:
            if field not in truth:
                continue
            entry = stats.setdefault((field, group), [0, 0, 0])
            entry[0] += 1
            good_alone = field_matches(field, truth[field], selected(alone.get(field, {})))
            good = field_matches(field, truth[field], selected(result.get(field, {})))
            entry[1] += good_alone
            entry[2] += good
            if show_errors and not good and (group == "taught" or good_alone):
                got = selected(result.get(field, {}))
                out(f"  {group} {item['file']} {field}: expected {truth[field]!r} got {got!r}"
                    f" (alone {selected(alone.get(field, {}))!r})")
        memory.learn_pages(pages, truth, item["file"], item.get("doc_type"))
        if truth.get("supplier"):
            seen.setdefault(compact(truth["supplier"]), set()).add(normalise("supplier", truth["supplier"]))
    store.commit()
    size = os.path.getsize(memory_path)
    taught = taught_before + len(labels) - len(failures)
    out(f"dataset {dataset}: {len(labels)} documents in label order" + (f", fold {fold}" if fold else "")
        + (f", after {scale} made-up documents" if scale else ""))
    out(f"{'':<26}{'supplier taught before':>36}{'first seen':>32}")
    out(f"{'field':<26}{'n':>6}{'alone':>10}{'memory':>10}{'':>10}{'n':>6}{'alone':>10}{'memory':>10}")
    for field in MEMORY_FIELDS + ("supplier as spelled before", "supplier spelled anew"):
        cells = []
        for group in ("taught", "first"):
            n, alone, with_memory = stats.get((field, group), [0, 0, 0])
            figures = f"{100 * alone / n:>9.1f}%{100 * with_memory / n:>9.1f}%" if n else f"{'-':>10}{'-':>10}"
            cells.append(f"{n:>6}{figures}")
        if any((field, group) in stats for group in ("taught", "first")):
            out(f"{field:<26}{cells[0]}{'':>10}{cells[1]}")
    if recalls:
        ordered = sorted(recalls)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        out(f"recall CPU ms per document: p50 {1000 * statistics.median(ordered):.1f}  p95 {1000 * p95:.1f}  max "
            f"{1000 * ordered[-1]:.1f}")
    out(f"memory file: {size / 1024:.0f} kB for {taught} documents taught ({size / max(1, taught) / 1024:.2f} kB each"
        + (f"; the set's own {len(labels)}: {(size - size_before) / max(1, len(labels)) / 1024:.2f} kB each)"
           if scale else ")"))
    for name, error in failures:
        out(f"  refused {name}: {error}")
    store.close()
    if temporary:
        os.remove(memory_path)
        os.rmdir(temporary)
    return 0


def _teach_made_up(memory, dataset, labels, count, ocr, cache_dir, out):
    """Teach ``count`` documents made of the set's pages with another supplier's head each: other words,
    numbers and name (a memory as big as a busy company's, without its documents)."""
    reader = Memory(Memory().store)  # an empty memory: only the pages are wanted
    pages_by_file = {}
    for item in labels[:20]:
        _alone, _result, pages, _seconds = _read(os.path.join(dataset, item["file"]), item, reader, ocr, cache_dir)
        pages_by_file[item["file"]] = (digest_of(pages), item)
    rng = random.Random(7)
    start = time.perf_counter()
    digests = list(pages_by_file.values())
    for index in range(count):
        digest, item = digests[index % len(digests)]
        made_up = copy.deepcopy(digest)
        head = [word for word in made_up["pages"][0][5] if word[2] < 0.3]
        for word in head:
            word[0] = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(max(3, len(word[0]))))
        values = dict(item["fields"], supplier=f"MADE UP SUPPLIER {index}")
        memory.learn_pages(pages_of(made_up), values, f"made-up-{index}", item.get("doc_type"))
    out(f"taught {count} made-up documents in {time.perf_counter() - start:.0f} s")


def main(argv=None, prog="python -m tools.learn_bench"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--fold", default=None, help="dev, heldout or a fold number (tools/folds.py)")
    parser.add_argument("--memory", default=None, help="keep the memory in this file (default: a temporary one)")
    parser.add_argument("--scale", type=int, default=0, help="first teach this many made-up documents")
    parser.add_argument("--errors", action="store_true", help="list the misses on documents of taught suppliers")
    args = parser.parse_args(argv)
    return run_learn_bench(args.dataset, ocr=args.ocr, limit=args.limit, fold=args.fold, memory_path=args.memory,
                           scale=args.scale, show_errors=args.errors)


if __name__ == "__main__":
    sys.exit(main())
