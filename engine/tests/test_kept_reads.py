"""A scan read in units of work (kept_reads): each unit reads at least one new page and keeps it, the next one
starts where it stopped, and the result is the one read in one go."""
import pytest

from engine import DocumentError, Limits, extract, kept_reads
from engine.reading import budget

from .documents import scanned_pdf


def test_a_scan_read_one_page_per_unit_ends_with_the_same_result():
    data = scanned_pdf(3)
    whole = extract(data, "invoice")
    store, units = {}, 0
    while True:
        units += 1
        assert units <= 5, "a unit read no new page"
        with kept_reads(store, unit_seconds=0) as unit:
            try:
                result = extract(data, "invoice")
            except DocumentError as exc:
                assert exc.code == "timeout"
                assert unit.new_reads == 1  # stopped right after the page it read
                continue
        assert unit.new_reads == 0
        break
    assert units == 4  # three pages, one per unit, then the fields from the kept pages
    assert len(store) == 3
    assert result["full_text_annotation"] == whole["full_text_annotation"]
    assert "Gutschrift" in result["full_text_annotation"]


def test_without_a_unit_the_reading_goes_to_the_end_and_keeps_every_page():
    store = {}
    with kept_reads(store) as unit:
        extract(scanned_pdf(2), "invoice")
    assert unit.new_reads == 2 and len(store) == 2


def test_a_cpu_budget_stops_the_reading():
    with budget.started(None, cpu_seconds=1e-9), pytest.raises(DocumentError) as caught:
        budget.check("here")
    assert caught.value.code == "timeout" and "CPU" in str(caught.value)
    with pytest.raises(DocumentError):
        extract(scanned_pdf(1), "invoice", limits=Limits(max_cpu_seconds=1e-9))
