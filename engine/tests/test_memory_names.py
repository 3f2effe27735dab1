"""Which name the memory gives a recognised supplier: of its validated spellings, the one the page prints."""
from engine import extract
from engine.memory import Memory, learn
from engine.memory.memory import _another_company
from engine.tests.documents import draw_lines, draw_row, drawn_pdf
from engine.tests.memory_documents import shop_receipt


def receipt(shop, gross=15.0, date="19/03/2018", number="CS00012"):
    return shop_receipt(gross, 2.5, date, number, shop=shop)


def read(data, memory):
    result = extract(data, "expense", ocr=None, memory=memory)
    return {name: (feature.get("selected_value") or {}).get("content") for name, feature in result.items()
            if isinstance(feature, dict)}


def teach(memory, shop, supplier, ref, gross=15.0):
    data, due = receipt(shop, gross, number=ref)
    learn(data, "expense", {"supplier": supplier, "total": due}, memory, ref=ref, ocr=None)


def test_a_page_printing_the_validated_letters_keeps_its_punctuation():
    memory = Memory()
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "MR D.I.Y. (M) SDN BHD", "CS00012")  # validated without the dot
    data, _due = receipt("MR. D.I.Y. (M) SDN BHD", 40.0, "02/04/2018", "CS00107")
    assert read(data, memory)["supplier"] == "MR. D.I.Y. (M) SDN BHD"


def test_of_several_validated_spellings_the_one_the_page_prints_wins_over_the_most_validated():
    memory = Memory()
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "MR. D.I.Y. (M) SDN BHD", "CS00001")
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "MR.D.I.Y(M)SDN BHD", "CS00002", 20.0)
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "MR.D.I.Y(M)SDN BHD", "CS00003", 25.0)
    data, _due = receipt("MR.D.I.Y. (M) SDN BHD", 40.0, "02/04/2018", "CS00107")  # a space lost
    assert read(data, memory)["supplier"] == "MR. D.I.Y. (M) SDN BHD"
    data, _due = receipt("MR.D.I.Y(M)SDN BHD", 41.0, "03/04/2018", "CS00108")
    assert read(data, memory)["supplier"] == "MR.D.I.Y(M)SDN BHD"


def test_a_misread_letterhead_reads_the_nearest_validated_spelling():
    memory = Memory()
    teach(memory, "SEGI CASH & CARRY SDN. BHD.", "SEGI CASH & CARRY SDN. BHD.", "CS00001")
    teach(memory, "SEGI CASH & CARRY SDN.BHD", "SEGI CASH & CARRY SDN.BHD", "CS00002", 20.0)
    teach(memory, "SEGI CASH & CARRY SDN.BHD", "SEGI CASH & CARRY SDN.BHD", "CS00003", 25.0)
    data, _due = receipt("SEGI CASH & CARY SDN. BHD.", 40.0, "02/04/2018", "CS00107")  # an R lost
    assert read(data, memory)["supplier"] == "SEGI CASH & CARRY SDN. BHD."


def test_a_renamed_company_is_read_by_its_new_name_with_what_was_learned_of_its_receipts():
    memory = Memory()
    teach(memory, "GERBANG ALAF RESTAURANTS SDN BHD", "GERBANG ALAF RESTAURANTS SDN BHD", "CS00001")
    teach(memory, "GERBANG ALAF RESTAURANTS SDN BHD", "GERBANG ALAF RESTAURANTS SDN BHD", "CS00002", 20.0)
    data, due = receipt("GOLDEN ARCHES RESTAURANTS SDN BHD", 40.0, "02/04/2018", "CS00107")  # same phone, GST
    found = read(data, memory)
    assert found["supplier"] == "GOLDEN ARCHES RESTAURANTS SDN BHD"
    assert found["total"] == due  # still recognised: the payable total, not the larger Total Sales
    assert memory.supplier is not None


def test_a_page_printing_the_validated_name_reads_it_whatever_else_it_prints():
    memory = Memory()
    teach(memory, "SANYU STATIONERY SDN BHD", "SANYU STATIONERY SDN BHD", "CS00001")
    data, _due = receipt("SANYUSTATIONERYSDNBHD", 40.0, "02/04/2018", "CS00107")  # the spaces lost
    assert read(data, memory)["supplier"] == "SANYU STATIONERY SDN BHD"


def test_misread_legal_forms_and_run_together_words_do_not_make_another_company():
    assert not _another_company("XYZ TRADING SIN BHD", "XYZ TRADING SDN BHD")
    assert not _another_company("XYZ TRADING SDN DHD", "XYZ TRADING SDN BHD")
    assert not _another_company("LIANHING STATIONERY SDN BHD", "LIAN HING STATIONERY SDN BHD")
    assert _another_company("GOLDEN ARCHES RESTAURANTS SDN BHD", "GERBANG ALAF RESTAURANTS SDN BHD")
    assert _another_company("MR D.I.Y. (JOHOR) SDN BHD", "MR D.I.Y. (M) SDN BHD")


def test_a_page_printing_a_validated_name_below_another_company_reads_the_validated_one():
    memory = Memory()
    teach(memory, "GERBANG ALAF RESTAURANTS SDN BHD", "GERBANG ALAF RESTAURANTS SDN BHD", "CS00001")
    data = operated_receipt("GOLDEN ARCHES RESTAURANTS SDN BHD", "Operated by GERBANG ALAF RESTAURANTS SDN BHD")
    names = [c["content"] for c in extract(data, "expense", ocr=None)["supplier"]["candidates"][:3]]
    assert "GOLDEN ARCHES RESTAURANTS SDN BHD" in names and not any("GERBANG" in name for name in names)
    assert read(data, memory)["supplier"] == "GERBANG ALAF RESTAURANTS SDN BHD"
    renamed = operated_receipt("GOLDEN ARCHES RESTAURANTS SDN BHD", "Thank you, come again")
    assert read(renamed, memory)["supplier"] == "GOLDEN ARCHES RESTAURANTS SDN BHD"


def operated_receipt(shop, footer):
    """The shop's receipt (its phone and GST number) with ``footer`` printed at the bottom."""
    def draw(page):
        page.setFont("VeraBd", 14)
        page.drawString(40, 800, shop)
        page.setFont("Vera", 10)
        draw_lines(page, 780, ["NO. 31G&33G, JALAN SETIA INDAH X", "U13/X 40170 SETIA ALAM", "Tel: +603-3362 4137",
                               "GST ID No: 001531760640"])
        draw_row(page, 690, [(40, "Invoice No: CS00107"), (300, "Date: 02/04/2018")])
        draw_row(page, 660, [(40, "BIG MEAL"), (400, "40.00")])
        draw_row(page, 630, [(40, "Total Sales (Inclusive GST)"), (400, "40.00")])
        draw_row(page, 615, [(40, "Member Discount"), (400, "4.00")])
        draw_row(page, 600, [(40, "Nett Amt Payable"), (400, "36.00")])
        draw_lines(page, 540, [footer])
    return drawn_pdf(draw)


def test_a_name_its_pages_never_print_is_the_users_own_and_stays():
    """In Odoo the validated supplier is the partner's name, which the page may not print: that name is read back,
    not the page's spelling (the partner would not be found by name)."""
    memory = Memory()
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "Mr DIY Trading Sdn Bhd", "CS00001")
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "Mr DIY Trading Sdn Bhd", "CS00002", 20.0)
    data, _due = receipt("MR. D.I.Y. (M) SDN BHD", 40.0, "02/04/2018", "CS00107")
    assert read(data, memory)["supplier"] == "Mr DIY Trading Sdn Bhd"
    memory = Memory()
    teach(memory, "MR. D.I.Y. (M) SDN BHD", "MR D.I.Y (M) SDN BHD TRADING", "CS00001")  # a partner, not printed
    assert read(data, memory)["supplier"] == "MR D.I.Y (M) SDN BHD TRADING"


def test_a_word_a_letter_from_a_legal_form_tells_companies_apart_before_the_legal_form():
    assert _another_company("SUN FLOWER TRADING SDN BHD", "MOON FLOWER TRADING SDN BHD")
    assert _another_company("XYZ BERHAD", "ABC BERHAD")
