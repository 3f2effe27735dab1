"""Fit the candidate ranker (engine/fields/ranker.py) and measure it against the hand scores.

    python -m tools.train_ranker RESULTS.jsonl DATASET_DIR [DATASET_DIR ...]   # extract once, keep the candidates
    python -m tools.train_ranker --fit RESULTS.jsonl [--write]                 # fit, report, write ranker.json

The first form runs the engine over each labelled set (set DIGITIZE_OCR_CACHE to reuse OCR) and writes, per
document, its fold (tools/folds.py: grouped by supplier) with the candidates of the ranked fields and their truth.
The second fits one logistic regression per field on the candidates of the development folds only, and reports,
on the held-out folds, how often the hand scores and the model select the right candidate. With ``--write``,
every field where the model selects right more often on the held-out folds is written to ranker.json; the
others keep the hand scores. Same input, same file: the solver is deterministic (liblinear, fixed seed).
Needs scikit-learn (requirements-test.txt); the engine does not.
"""
import argparse
import json
import os
import sys

from engine.fields.ranker import RANKED
from tools.folds import HELD_OUT, fold_of_item
from tools.scoring import field_matches

MODEL_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "engine", "fields",
                          "ranker.json")


def collect(datasets, out_path):
    from engine import DocumentError, extract
    from engine.fields import ranker
    from tools.bench import load_labels

    ranker._models[ranker.MODEL_PATH] = {}  # the hand scores' own choice: no shipped model applied

    with open(out_path, "w", encoding="utf-8") as out:
        for dataset in datasets:
            for item in load_labels(dataset):
                doc_type = item.get("doc_type", "invoice")
                with open(os.path.join(dataset, item["file"]), "rb") as handle:
                    data = handle.read()
                try:
                    result = extract(data, doc_type, dict(item.get("user_infos") or {}), ocr="rapidocr")
                except DocumentError:
                    continue
                record = {"set": os.path.basename(os.path.normpath(dataset)), "file": item["file"],
                          "doc_type": doc_type, "fold": fold_of_item(item), "fields": {}}
                for field in RANKED.get(doc_type, ()):
                    truth = item["fields"].get(field)
                    if truth is None:
                        continue
                    record["fields"][field] = {"truth": truth,
                                               "candidates": (result.get(field) or {}).get("candidates") or []}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def rows_of(records, doc_type, field, held_out):
    """(features, labels, groups) of the candidates of ``field`` on one side of the split."""
    from engine.fields.ranker import candidate_features

    features, labels, groups = [], [], []
    for index, record in enumerate(records):
        entry = record["fields"].get(field)
        if entry is None or record["doc_type"] != doc_type or (record["fold"] in HELD_OUT) != held_out:
            continue
        candidates = entry["candidates"]
        for row, cand in zip(candidate_features(candidates), candidates):
            features.append(row)
            labels.append(1 if field_matches(field, entry["truth"], cand["content"]) else 0)
            groups.append(index)
    return features, labels, groups


def fit(features, labels):
    import numpy
    from sklearn.linear_model import LogisticRegression

    x = numpy.array(features, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0  # a constant feature (rounded to six places below)
    model = LogisticRegression(C=1.0, solver="liblinear", random_state=0, max_iter=1000)
    model.fit((x - mean) / scale, numpy.array(labels))
    return {"mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]], "intercept": round(float(model.intercept_[0]), 6)}


def selection_accuracy(records, doc_type, field, model, held_out=True):
    """(documents, right by hand scores, right by the model) on one side of the split."""
    from engine.fields.ranker import rerank

    total = by_hand = by_model = 0
    for record in records:
        entry = record["fields"].get(field)
        if entry is None or record["doc_type"] != doc_type or (record["fold"] in HELD_OUT) != held_out:
            continue
        total += 1
        candidates = entry["candidates"]
        if not candidates:
            continue
        result = {"candidates": candidates, "selected_value": candidates[0]}
        by_hand += field_matches(field, entry["truth"], candidates[0]["content"])
        chosen = rerank(field, result, model=model)["selected_value"]
        by_model += field_matches(field, entry["truth"], chosen["content"])
    return total, by_hand, by_model


def train(records_path, write=False, out=print, model_path=MODEL_PATH):
    with open(records_path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    kept = {}
    for doc_type, fields in sorted(RANKED.items()):
        for field in fields:
            name = f"{doc_type}.{field}"
            features, labels, _groups = rows_of(records, doc_type, field, held_out=False)
            if not features or len(set(labels)) < 2:
                out(f"{name:<20} not enough development candidates")
                continue
            model = fit(features, labels)
            n, hand, learned = selection_accuracy(records, doc_type, field, model)
            dev_n, dev_hand, dev_learned = selection_accuracy(records, doc_type, field, model, held_out=False)
            better = learned > hand
            out(f"{name:<20} held-out {n:>4}: hand {_percent(hand, n)}  model {_percent(learned, n)}   "
                f"(development {dev_n}: hand {_percent(dev_hand, dev_n)}  model {_percent(dev_learned, dev_n)})  "
                f"{'model kept' if better else 'hand scores kept'}")
            if better:
                kept[name] = model
    if write:
        with open(model_path, "w", encoding="utf-8") as handle:
            json.dump({"about": "tools/train_ranker.py: logistic regression per field, fitted on the development "
                                "folds; only fields that beat the hand scores on the held-out folds",
                       "fields": kept}, handle, indent=1, sort_keys=True)
            handle.write("\n")
    return kept


def _percent(part, whole):
    return f"{100 * part / max(whole, 1):5.1f} %"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.train_ranker", description=__doc__.split("\n")[0])
    parser.add_argument("records")
    parser.add_argument("datasets", nargs="*")
    parser.add_argument("--fit", action="store_true", help="fit and report from RECORDS instead of extracting")
    parser.add_argument("--write", action="store_true", help="write engine/fields/ranker.json")
    args = parser.parse_args(argv)
    if args.fit:
        train(args.records, write=args.write)
    else:
        if not args.datasets:
            parser.error("give the labelled folders to extract")
        collect(args.datasets, args.records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
