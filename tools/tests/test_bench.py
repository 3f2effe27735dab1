"""The benchmark (`python -m tools.bench DATASET_DIR`, alias `python -m engine bench`) and its comparison rules."""
import json
import os
import subprocess
import sys

from engine.tests.documents import InvoiceSpec, invoice_pdf
from tools.bench import run_bench
from tools.scoring import field_matches, lines_f1

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_module(module, *args):
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def make_dataset(tmp_path):
    (tmp_path / "files").mkdir()
    labels = []
    for index, lang in enumerate(("en", "de")):
        spec = InvoiceSpec(lang=lang, number=f"N-{index}00{index}")
        (tmp_path / "files" / f"{lang}.pdf").write_bytes(invoice_pdf(spec))
        labels.append({"file": f"files/{lang}.pdf", "doc_type": "invoice", "fields": {
            "total": spec.total, "invoice_id": spec.number, "date": "{:04d}-{:02d}-{:02d}".format(*spec.date),
            # a wrong truth on purpose: the benchmark must count it as a miss
            "supplier": "Somebody Else Ltd" if lang == "de" else spec.supplier,
            "invoice_lines": [{"description": d, "quantity": q, "unit_price": p, "subtotal": round(q * p, 2)}
                              for d, q, p in spec.lines]}})
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(item) for item in labels), encoding="utf-8")
    return tmp_path


def test_bench_prints_per_field_accuracy_and_timings(tmp_path):
    dataset = make_dataset(tmp_path)
    lines = []
    figures_path = tmp_path / "figures.json"
    assert run_bench(str(dataset), ocr=None, out=lines.append, json_out=str(figures_path)) == 0
    text = "\n".join(lines)
    assert "total" in text and "p50" in text and "peak RSS" in text
    figures = json.loads(figures_path.read_text())
    assert figures["fields"]["total"]["exact"] == 1.0
    assert figures["fields"]["invoice_id"]["exact"] == 1.0
    assert figures["fields"]["supplier"]["exact"] == 0.5
    assert figures["fields"]["invoice_lines"]["exact"] == 1.0


def test_bench_command_line(tmp_path):
    dataset = make_dataset(tmp_path)
    done = run_module("engine", "bench", str(dataset))  # the alias the README documents
    assert done.returncode == 0, done.stderr
    assert "seconds per document" in done.stdout


def test_the_tool_runs_as_its_own_module(tmp_path):
    dataset = make_dataset(tmp_path)
    done = run_module("tools.bench", str(dataset), "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert "seconds per document" in done.stdout and ": 1 documents" in done.stdout
    assert "bench" in run_module("engine", "--help").stdout
    usage = run_module("engine", "bench", "--help")
    assert usage.returncode == 0 and "python -m engine bench" in usage.stdout and "--render" in usage.stdout


def test_comparison_rules():
    assert field_matches("total", 10.0, 10.004)
    assert not field_matches("total", 10.0, 10.01)
    assert field_matches("iban", "DE12 1234 4321 9876 00", "DE1212344321987600")
    assert field_matches("VAT_Number", "DE 123.456.789", "de123456789")
    assert field_matches("supplier", "ACME  gmbh", "Acme GmbH")
    assert not field_matches("supplier", "ACME GmbH", None)
    assert field_matches("phone", "(+82) 10-9030-1843", "+82 10 9030 1843")
    assert not field_matches("mobile", "+82 10 9030 1843", "+82 10 9030")
    assert lines_f1([{"quantity": 1, "unit_price": 2, "subtotal": 2}], [{"quantity": 1, "unit_price": 2, "subtotal": 2},
                                                                       {"quantity": 1, "unit_price": 3,
                                                                        "subtotal": 3}]) == 2 / 3
    assert lines_f1([], []) == 1.0


def test_lines_f1_compares_only_what_the_truth_gives():
    truth = [{"description": None, "quantity": None, "unit_price": None, "subtotal": None},
             {"quantity": -5.0, "unit_price": None, "subtotal": -5.0}]
    assert lines_f1(truth, [{"quantity": -5.0, "unit_price": 1.0, "subtotal": -5.0}]) == 1.0
    # the keys it gives must still match
    assert lines_f1(truth, [{"quantity": -5.0, "unit_price": 1.0, "subtotal": -4.0}]) == 0.0
    assert lines_f1(truth, []) == 0.0
