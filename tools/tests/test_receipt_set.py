"""The generated receipt set (tools/receipt_set.py): seeded, labelled, and its delivery notes add up."""
import json
import random

from tools.receipt_set import build, receipt_rows


def test_the_same_seeds_build_the_same_folder(tmp_path):
    assert build(str(tmp_path / "a"), 3) == 3
    build(str(tmp_path / "b"), 3)
    labels = (tmp_path / "a" / "labels.jsonl").read_text()
    assert labels == (tmp_path / "b" / "labels.jsonl").read_text()
    first, second = (tmp_path / side / "files" / "gen0002.jpg" for side in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    for line in labels.splitlines():
        fields = json.loads(line)["fields"]
        assert set(fields) == {"supplier", "date", "total"} and fields["total"] > 0


def test_a_delivery_note_prints_its_payable_total_last_and_the_parts_net_to_it():
    rows, total = receipt_rows(random.Random(3), "delivery")
    amounts = {left: float(right.replace(",", "")) for left, right, _bold in rows}
    assert float(rows[-1][1].replace(",", "")) == total
    supplies = [v for k, v in amounts.items() if k.startswith("Total") and k != rows[-1][0]]
    assert len(supplies) == 2 and min(supplies) < 0 and round(sum(supplies), 2) == total
