"""A learned choice among a feature's candidates, where it was measured to beat the hand-tuned scores.

The hand rules score each candidate; this model reads those scores with what the candidate list says about each
candidate (its rank, how far it trails the best, where it stands on the page, its type size, how often the same
value is offered, what its content looks like) and gives the probability that the candidate is the right one.
It is a logistic regression whose fitted parameters ship as ``ranker.json`` beside this file, evaluated here with
plain Python: nothing is downloaded or trained at run time. ``tools/train_ranker.py`` fits it on the development
folds of the labelled sets (tools/folds.py) and writes that file; a field is in the file only where the model
beat the hand scores on the held-out folds.
"""
import json
import math
import os
import re

from ..conventions.keywords import LEGAL_FORMS
from ..conventions.text import fold

# the fields whose candidates compete, per document type (an invoice's total is chosen jointly with its subtotal
# and tax, which a choice of the total alone would undo)
RANKED = {"expense": ("total", "date", "supplier"), "invoice": ("date", "supplier", "client", "invoice_id")}
MODEL_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ranker.json")
_models = {}


def _amount(content):
    try:
        return float(content)
    except (TypeError, ValueError):
        return None


def candidate_features(candidates):
    """One row of numbers per candidate (``feature_result`` dicts, best first by hand score)."""
    if not candidates:
        return []
    top = candidates[0].get("score", 0.0)
    heights = sorted(c["coords"][3] for c in candidates if c.get("coords") and c["coords"][3] > 0) or [0.01]
    median_height = heights[len(heights) // 2] or 0.01
    values = [_amount(c.get("content")) for c in candidates]
    known = [v for v in values if v is not None]
    largest = max(known, default=None)
    rows = []
    for rank, (cand, value) in enumerate(zip(candidates, values)):
        coords = cand.get("coords") or [0.0, 0.0, 0.0, 0.0, 0.0]
        score = cand.get("score", 0.0)
        text = str(cand.get("content") or "")
        row = [
            score,
            1.0 / (1 + rank),
            top - score,
            coords[1],  # vertical position of its centre (0 top, 1 bottom)
            coords[0],  # horizontal position
            min(coords[3] / median_height, 3.0) if coords[3] else 0.0,  # type size beside the other candidates
            1.0 if cand.get("page", 0) else 0.0,
            1.0 if not coords[2] else 0.0,  # no box: a value implied or computed, not printed
        ]
        if value is not None:
            row += [
                1.0 if value == largest else 0.0,
                1.0 if value < 0 else 0.0,
                1.0 if abs(value * 20 - round(value * 20)) < 1e-6 else 0.0,  # on the cash-rounding grid
                1.0 if abs(value - round(value)) < 1e-9 else 0.0,  # a whole number: a quantity, a code
                math.log10(1 + abs(value)),
            ]
        else:
            folded = fold(text)
            row += [
                1.0 if LEGAL_FORMS.search(folded) else 0.0,
                1.0 if text.upper() == text else 0.0,
                min(len(text.split()), 8) / 8.0,
                1.0 if re.search(r"\d", text) else 0.0,
                sum(c.isalpha() for c in text) / max(len(text), 1),
            ]
        rows.append(row)
    return rows


def load_model(field, doc_type="expense", path=MODEL_PATH):
    """The fitted parameters of ``field`` of ``doc_type`` ({mean, scale, coef, intercept}) or None."""
    if path not in _models:
        try:
            with open(path, encoding="utf-8") as handle:
                _models[path] = json.load(handle).get("fields", {})
        except FileNotFoundError:
            _models[path] = {}
    return _models[path].get(f"{doc_type}.{field}")


def probabilities(model, rows):
    found = []
    for row in rows:
        z = model["intercept"] + sum(
            w * ((x - m) / s) for w, x, m, s in zip(model["coef"], row, model["mean"], model["scale"]))
        found.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
    return found


def rerank(field, result, model=None, doc_type="expense"):
    """``result`` (a ``feature_result``) with its candidates in the model's order and its selection the
    model's best, when a model is shipped for ``field``; unchanged otherwise."""
    model = model or load_model(field, doc_type)
    candidates = result.get("candidates") or []
    if model is None or len(candidates) < 2 or "selected_value" not in result:
        return result
    scored = list(zip(probabilities(model, candidate_features(candidates)), range(len(candidates)), candidates))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ordered = [cand for _, _, cand in scored]
    return dict(result, candidates=ordered, selected_value=ordered[0])


def rerank_fields(doc_type, result):
    """``rerank`` on each ranked field of ``result`` (in place) that a model is shipped for."""
    for field in RANKED.get(doc_type, ()):
        model = load_model(field, doc_type)
        if field in result and model:
            result[field] = rerank(field, result[field], model=model)
    return result
