"""The learning bench (`python -m tools.bench DATASET_DIR --learn`): taught and first-seen documents apart."""
import json
import os
import subprocess
import sys

from engine.tests.memory_documents import SHOP, other_shop_receipt, shop_receipt
from tools.learn_bench import run_learn_bench

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_dataset(tmp_path, third_name=SHOP):
    (tmp_path / "files").mkdir()
    labels = []
    documents = [(shop_receipt(15.0, 2.5, "19/03/2018", "CS00012"), SHOP, "2018-03-19"),
                 ((other_shop_receipt(12.0, "01/03/2018"), 12.0), "GREEN LEAF CAFE", "2018-03-01"),
                 (shop_receipt(40.0, 4.0, "02/04/2018", "CS00107"), third_name, "2018-04-02")]
    for index, ((data, total), supplier, date) in enumerate(documents):
        (tmp_path / "files" / f"{index}.pdf").write_bytes(data)
        labels.append({"file": f"files/{index}.pdf", "doc_type": "expense",
                       "fields": {"supplier": supplier, "date": date, "total": total}})
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(item) for item in labels), encoding="utf-8")
    return tmp_path


def test_the_learning_bench_scores_taught_suppliers_apart(tmp_path):
    lines = []
    assert run_learn_bench(str(make_dataset(tmp_path)), ocr=None, out=lines.append) == 0
    rows = {line.split()[0]: line.split()[1:] for line in lines
            if line.split()[:1] in (["total"], ["supplier"]) and "spelled" not in line}
    # taught: the third receipt (n 1; alone it takes the larger Total Sales, with memory the payable amount)
    assert rows["total"][:3] == ["1", "0.0%", "100.0%"]
    assert rows["supplier"][:3] == ["1", "0.0%", "100.0%"]  # named as validated, not as printed
    assert rows["total"][3] == "2"  # first seen: the first two receipts
    assert any("memory file" in line for line in lines)


def test_a_truth_spelling_a_taught_name_anew_is_counted_apart(tmp_path):
    lines = []
    run_learn_bench(str(make_dataset(tmp_path, third_name="Sanyu Stationery Shop, Setia Alam")), ocr=None,
                    out=lines.append)
    rows = {line[:26].strip(): line[26:].split() for line in lines if line.startswith("supplier")}
    assert rows["supplier spelled anew"][:1] == ["1"]  # taught, by a spelling no truth gave before
    assert "supplier as spelled before" not in rows
    assert rows["supplier"][:1] == ["1"]


def test_the_bench_flag_runs_it(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tools.bench", str(make_dataset(tmp_path)), "--learn"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "supplier taught before" in done.stdout and "first seen" in done.stdout
