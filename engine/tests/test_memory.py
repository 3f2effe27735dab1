"""Learning from validation (engine.memory): a supplier taught once is read right on its next document."""
import pytest

from engine import extract
from engine.memory import Memory, SqliteStore, learn, open_memory
from engine.tests.memory_documents import FIRST, SECOND, SHOP, THIRD, other_shop_receipt, shop_receipt


def read(data, memory=None):
    result = extract(data, "expense", ocr=None, memory=memory)
    return {name: (feature.get("selected_value") or {}).get("content") for name, feature in result.items()
            if isinstance(feature, dict)}


def teach(memory, data, ref=None, **values):
    return learn(data, "expense", values, memory, ref=ref, ocr=None)


def test_a_supplier_taught_once_reads_its_name_and_payable_total():
    memory = Memory()
    (first, first_due), (second, second_due) = FIRST, SECOND
    assert read(second)["total"] == 40.0  # alone, the engine takes the larger Total Sales
    teach(memory, first, supplier=SHOP, date="2018-03-19", total=first_due)
    found = read(second, memory)
    assert found["supplier"] == SHOP
    assert found["total"] == second_due
    assert found["date"] == "2018-04-02"
    record = memory.store.load(memory.supplier)
    assert record["docs"] == 1 and record["facts"]["name"][SHOP][0] == 1


def test_a_wrong_lesson_is_outweighed_by_the_following_ones():
    memory = Memory()
    (first, _first_due), (second, second_due), (third, third_due) = FIRST, SECOND, THIRD
    teach(memory, first, supplier="SANYO STATIONARY", total=15.0)  # wrong name, and the gross as total
    assert read(second, memory)["total"] == 40.0
    teach(memory, second, supplier=SHOP, total=second_due)
    teach(memory, third, supplier=SHOP, total=third_due)
    fourth, fourth_due = shop_receipt(30.0, 3.0, "20/04/2018", "CS00150")
    found = read(fourth, memory)
    assert found["supplier"] == SHOP
    assert found["total"] == fourth_due
    record = memory.store.load(memory.supplier)
    assert record["facts"]["total.label"]["NETT AMT PAYABLE"][0] >= 2  # how many validations support it


def test_nothing_is_selected_that_the_page_does_not_print():
    memory = Memory()
    first, _due = FIRST
    teach(memory, first, supplier=SHOP, total=99.99, date="2031-01-01", bill_reference="NOWHERE1")
    second, second_due = SECOND
    result = extract(second, "expense", ocr=None, memory=memory)
    text = result["full_text_annotation"]
    for name, feature in result.items():
        if not isinstance(feature, dict) or name in ("supplier", "description", "full_text_annotation"):
            continue
        for candidate in feature.get("candidates", []):
            assert candidate["content"] not in (99.99, "2031-01-01", "NOWHERE1")
    assert result["total"]["selected_value"]["content"] in (40.0, second_due)
    assert "04/2018" in text and result["date"]["selected_value"]["content"] == "2018-04-02"


def test_two_memories_do_not_mix(tmp_path):
    first, first_due = FIRST
    second, _second_due = SECOND
    taught = open_memory(str(tmp_path / "a.sqlite"))
    teach(taught, first, supplier=SHOP, total=first_due)
    other = open_memory(str(tmp_path / "b.sqlite"))
    teach(other, other_shop_receipt(12.0, "01/03/2018"), supplier="GREEN LEAF CAFE", total=12.0)
    assert read(second, other) == read(second)
    assert read(second, open_memory(str(tmp_path / "a.sqlite"), readonly=True))["supplier"] == SHOP
    assert read(other_shop_receipt(8.0, "02/03/2018"), taught)["supplier"] != SHOP


def test_a_document_taken_back_teaches_nothing():
    memory = Memory()
    first, first_due = FIRST
    second, _due = SECOND
    teach(memory, first, ref="doc-1", supplier=SHOP, total=first_due)
    assert memory.forget_document("doc-1")
    assert read(second, memory) == read(second)
    assert memory.store.suppliers == {} and memory.store.evidence == {}


def test_a_picked_box_is_the_lesson(tmp_path):
    """The user picked the Nett Amt box: it teaches that place even where the same amount stands elsewhere."""
    memory = Memory()
    first, first_due = shop_receipt(12.5, 0.0, "19/03/2018", "CS00012")  # gross = payable: printed twice
    result = extract(first, "expense", ocr=None)
    box = next(c for c in result["total"]["candidates"] if c["content"] == first_due)
    teach(memory, first, supplier=SHOP, total={"content": first_due, "coords": box["coords"], "page": 0,
                                                "picked": True})
    record = memory.store.load(1)
    places = record["facts"]["total.at"]
    assert len(places) == 1 and list(places.values())[0][0] == 3.0


@pytest.mark.parametrize("store", ["dict", "sqlite"])
def test_stores_agree(tmp_path, store):
    memory = Memory() if store == "dict" else Memory(SqliteStore(str(tmp_path / "m.sqlite")))
    first, first_due = FIRST
    teach(memory, first, ref="one", supplier=SHOP, total=first_due)
    teach(memory, first, ref="one", supplier=SHOP, total=first_due)  # taught again: replaces its lesson
    sid = memory.identify(*_keys_and_names(SECOND[0]))[0]
    assert sid is not None and memory.store.load(sid)["docs"] == 1


def test_a_taught_supplier_is_recognised_by_its_numbers_where_no_name_is_read():
    """A till receipt read as a bill: the bill reading may find no supplier name; its GST number and phone, which no
    other supplier printed, and its letterhead still name the shop taught before."""
    memory = Memory()
    (first, first_due), (second, _due) = FIRST, SECOND
    teach(memory, first, supplier=SHOP, total=first_due)
    teach(memory, other_shop_receipt(12.0, "20/03/2018"), supplier="KEDAI LAIN", total=12.0)
    keys, _names = _keys_and_names(second)
    assert memory.identify(keys, [])[0] == memory.identify(keys, [SHOP])[0] is not None
    other_keys, _names = _keys_and_names(other_shop_receipt(13.0, "21/03/2018"))
    assert memory.identify(other_keys, [])[0] not in (None, memory.identify(keys, [])[0])


def _keys_and_names(data):
    from engine.memory import _Reader
    from engine.memory.evidence import document_keys

    reader = _Reader()
    result = extract(data, "expense", ocr=None, memory=reader)
    names = [c["content"] for c in result["supplier"]["candidates"][:3]]
    return document_keys(reader.pages, names), names


def test_a_supplier_writing_month_first_has_its_dates_read_so():
    memory = Memory()
    first, first_due = shop_receipt(15.0, 2.5, "03/19/2018", "CS00012")  # the 19th: the month comes first
    second, _due = shop_receipt(40.0, 4.0, "04/03/2018", "CS00107")
    assert read(second)["date"] == "2018-03-04"  # alone, a Malaysian shop's page reads day first
    teach(memory, first, supplier=SHOP, date="2018-03-19", total=first_due)
    assert memory.store.load(memory.supplier or 1)["facts"]["date.order"] == {"mdy": [1.0, 1]}
    assert read(second, memory)["date"] == "2018-04-03"


def test_an_untaxed_amount_validated_equal_to_the_total_teaches_no_place():
    """A bill posted without its tax lines validates untaxed = total: that amount stands where the total does, and
    teaching it would read the next bill's untaxed amount at the total's place."""
    memory = Memory()
    first, first_due = FIRST
    teach(memory, first, supplier=SHOP, total=first_due, subtotal=first_due)
    facts = memory.store.load(memory.identify(*_keys_and_names(SECOND[0]))[0])["facts"]
    assert any(fact.startswith("total.") for fact in facts)
    assert not any(fact.startswith("subtotal.") for fact in facts)
