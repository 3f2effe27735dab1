"""The memory on the command line: ``extract --memory`` reads it and never writes it, ``learn`` teaches it."""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys

from engine.tests.memory_documents import FIRST, SECOND, SHOP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_learn_then_extract_with_the_memory(tmp_path):
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    first.write_bytes(FIRST[0])
    second.write_bytes(SECOND[0])
    memory = tmp_path / "memory.sqlite"
    before = run_cli("extract", str(second), "--type", "expense", "--memory", str(memory))
    assert before.returncode == 0, before.stderr
    assert not memory.exists()  # reading never creates the file
    alone = run_cli("extract", str(second), "--type", "expense")
    assert json.loads(before.stdout) == json.loads(alone.stdout)

    values = {"supplier": SHOP, "date": "2018-03-19", "total": FIRST[1], "no_such_feature": [1, 2]}
    taught = run_cli("learn", str(first), "--type", "expense", "--memory", str(memory), "--values", json.dumps(values))
    assert taught.returncode == 0, taught.stderr
    assert taught.stdout == "" and taught.stderr == ""
    assert memory.exists()

    stamp = (digest(memory), os.stat(memory).st_mtime_ns)
    read = run_cli("extract", str(second), "--type", "expense", "--memory", str(memory))
    assert read.returncode == 0, read.stderr
    assert (digest(memory), os.stat(memory).st_mtime_ns) == stamp
    result = json.loads(read.stdout)
    assert result["supplier"]["selected_value"]["content"] == SHOP
    assert result["total"]["selected_value"]["content"] == SECOND[1]
    assert set(result) == set(json.loads(alone.stdout))  # the same JSON shape as without memory


def test_learn_refuses_values_that_are_not_an_object(tmp_path):
    first = tmp_path / "first.pdf"
    first.write_bytes(FIRST[0])
    memory = tmp_path / "memory.sqlite"
    for bad in ("not json", "[1, 2]"):
        done = run_cli("learn", str(first), "--type", "expense", "--memory", str(memory), "--values", bad)
        assert done.returncode == 2
        assert json.loads(done.stderr)["error"] == "bad_values"
        assert "Traceback" not in done.stderr
    missing = run_cli("learn", str(tmp_path / "nope.pdf"), "--memory", str(memory), "--values", "{}")
    assert missing.returncode == 2 and json.loads(missing.stderr)["error"] == "io"


def test_a_file_that_is_not_a_memory_is_refused_without_traceback(tmp_path):
    first = tmp_path / "first.pdf"
    first.write_bytes(FIRST[0])
    not_memory = tmp_path / "notes.txt"
    not_memory.write_text("shopping list: pens, paper\n" * 200)
    for args in (("extract", str(first), "--type", "expense", "--memory", str(not_memory)),
                 ("learn", str(first), "--type", "expense", "--memory", str(not_memory), "--values", "{}")):
        done = run_cli(*args)
        assert done.returncode == 2
        assert json.loads(done.stderr)["error"] == "bad_memory"
        assert "Traceback" not in done.stderr
    assert not_memory.read_text().startswith("shopping list")


def test_a_memory_with_a_damaged_record_is_refused_without_traceback(tmp_path):
    first = tmp_path / "first.pdf"
    first.write_bytes(FIRST[0])
    memory = tmp_path / "memory.sqlite"
    values = json.dumps({"supplier": SHOP, "total": FIRST[1]})
    taught = run_cli("learn", str(first), "--type", "expense", "--memory", str(memory), "--values", values)
    assert taught.returncode == 0, taught.stderr
    with sqlite3.connect(memory) as db:
        db.execute("UPDATE supplier SET data = '{\"facts\": {\"total.label'")  # cut short
    for args in (("extract", str(first), "--type", "expense", "--memory", str(memory)),
                 ("learn", str(first), "--type", "expense", "--memory", str(memory), "--values", values)):
        done = run_cli(*args)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert json.loads(done.stderr)["error"] == "bad_memory"
