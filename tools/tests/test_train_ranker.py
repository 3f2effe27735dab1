"""The candidate ranker: features, re-ranking by a shipped model, and a fit that is reproducible and kept only
where it beats the hand scores on the held-out folds."""
import json

from engine.fields.ranker import candidate_features, probabilities, rerank
from tools.folds import HELD_OUT, fold_of_item
from tools.train_ranker import train


def cand(content, score, y, height=0.02):
    return {"content": content, "score": score, "coords": [0.8, y, 0.1, height, 0.0], "page": 0}


def test_every_candidate_gets_one_row_of_the_same_length():
    rows = candidate_features([cand(12.5, 0.9, 0.7), cand(50.0, 0.8, 0.8), cand(-2.0, 0.1, 0.2)])
    assert len(rows) == 3 and len({len(r) for r in rows}) == 1
    text_rows = candidate_features([cand("ACME SDN BHD", 0.9, 0.1), cand("Thank you", 0.2, 0.9)])
    assert len({len(r) for r in text_rows}) == 1 and text_rows[0] != text_rows[1]


def test_rerank_follows_the_model_and_leaves_fields_without_one_alone():
    candidates = [cand(12.5, 0.9, 0.3), cand(50.0, 0.8, 0.9)]
    result = {"candidates": candidates, "selected_value": candidates[0]}
    width = len(candidate_features(candidates)[0])
    # a model that only looks at the vertical position (row index 3): lowest on the page wins
    model = {"mean": [0.0] * width, "scale": [1.0] * width, "intercept": 0.0,
             "coef": [0.0, 0.0, 0.0, 5.0] + [0.0] * (width - 4)}
    assert rerank("total", result, model=model)["selected_value"]["content"] == 50.0
    assert probabilities(model, candidate_features(candidates))[1] > 0.5
    assert rerank("no_such_field", result)["selected_value"]["content"] == 12.5


def records(tmp_path):
    """Documents whose right total is always the lowest candidate on the page, which the hand scores rank
    second: a model learns it, on either side of the split."""
    lines = []
    for n in range(80):
        item = {"file": f"r{n}.jpg", "fields": {"supplier": f"SHOP {n} ENTERPRISE"}}
        right, wrong = 10.0 + n, 100.0 + n
        lines.append({"set": "synthetic", "file": item["file"], "doc_type": "expense", "fold": fold_of_item(item),
                      "fields": {"total": {"truth": right, "candidates": [
                          cand(wrong, 0.9, 0.3 + (n % 5) / 100), cand(right, 0.8, 0.85 + (n % 7) / 100),
                          cand(1.0 + n, 0.1, 0.5)]}}})
    assert any(line["fold"] in HELD_OUT for line in lines) and any(line["fold"] not in HELD_OUT for line in lines)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    return path


def test_the_fit_is_reproducible_and_kept_where_it_beats_the_hand_scores(tmp_path):
    path = records(tmp_path)
    reports = []
    first = train(str(path), write=True, out=reports.append, model_path=str(tmp_path / "a.json"))
    second = train(str(path), write=True, out=lambda _line: None, model_path=str(tmp_path / "b.json"))
    assert first == second and (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    assert set(first) == {"expense.total"}
    assert any(line.startswith("expense.total") and "model kept" in line for line in reports)
    shipped = json.loads((tmp_path / "a.json").read_text())["fields"]["expense.total"]
    candidates = [cand(500.0, 0.9, 0.3), cand(42.0, 0.8, 0.9)]
    assert rerank("total", {"candidates": candidates, "selected_value": candidates[0]},
                  model=shipped)["selected_value"]["content"] == 42.0


def test_a_model_no_better_than_the_hand_scores_is_not_shipped(tmp_path):
    lines = []
    for n in range(40):
        item = {"file": f"r{n}.jpg", "fields": {"supplier": f"SHOP {n} TRADING"}}
        lines.append({"set": "synthetic", "file": item["file"], "doc_type": "expense", "fold": fold_of_item(item),
                      "fields": {"total": {"truth": 10.0 + n, "candidates": [
                          cand(10.0 + n, 0.9, 0.3 + (n % 3) / 10), cand(100.0 + n, 0.5, 0.9)]}}})
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert train(str(path), write=True, out=lambda _line: None, model_path=str(tmp_path / "m.json")) == {}
    assert json.loads((tmp_path / "m.json").read_text())["fields"] == {}


def test_rerank_fields_applies_the_shipped_models_of_the_document_type_only(monkeypatch):
    from engine.fields import ranker

    candidates = [cand(12.5, 0.9, 0.3), cand(50.0, 0.8, 0.9)]
    width = len(candidate_features(candidates)[0])
    lowest_wins = {"mean": [0.0] * width, "scale": [1.0] * width, "intercept": 0.0,
                   "coef": [0.0, 0.0, 0.0, 5.0] + [0.0] * (width - 4)}
    monkeypatch.setitem(ranker._models, ranker.MODEL_PATH, {"expense.total": lowest_wins})

    def result():
        return {"total": {"candidates": list(candidates), "selected_value": candidates[0]}}

    assert ranker.rerank_fields("expense", result())["total"]["selected_value"]["content"] == 50.0
    assert ranker.rerank_fields("invoice", result())["total"]["selected_value"]["content"] == 12.5
    monkeypatch.setitem(ranker._models, ranker.MODEL_PATH, {})
    assert ranker.rerank_fields("expense", result())["total"]["selected_value"]["content"] == 12.5
