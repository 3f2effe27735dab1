"""The command line: `python -m engine extract FILE` (its `bench` alias: tools/tests/test_bench.py)."""
import json
import os
import subprocess
import sys

from engine.tests.documents import InvoiceSpec, invoice_pdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_extract_prints_the_result_json(tmp_path):
    spec = InvoiceSpec()
    path = tmp_path / "bill.pdf"
    path.write_bytes(invoice_pdf(spec))
    done = run_cli("extract", str(path), "--type", "invoice", "--lang", "en_GB")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["total"]["selected_value"]["content"] == spec.total
    assert "full_text_annotation" not in result
    with_text = json.loads(run_cli("extract", str(path), "--full-text").stdout)
    assert spec.number in with_text["full_text_annotation"]


def test_extract_reports_bad_files_without_traceback(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not a pdf")
    done = run_cli("extract", str(path))
    assert done.returncode == 2
    assert json.loads(done.stderr) == {"error": "corrupt", "message": json.loads(done.stderr)["message"]}
    assert "Traceback" not in done.stderr
    missing = run_cli("extract", str(tmp_path / "nope.pdf"))
    assert missing.returncode == 2 and json.loads(missing.stderr)["error"] == "io"
