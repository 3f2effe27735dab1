"""A till receipt uploaded as a bill (doc type invoice): its items as invoice lines, the rounded total."""
from engine import extract
from engine.fields.invoice import extract_invoice
from engine.reading.layout import Page, Word, build_lines
from engine.tests.documents import image_bytes, receipt_image, selected_content


def receipt_page(rows):
    words = []
    for index, (left, right) in enumerate(rows):
        x = 0.05
        for token in left.split():
            width = 0.02 * len(token)
            words.append(Word(token, x, 0.05 + 0.03 * index, x + width, 0.07 + 0.03 * index))
            x += width + 0.01
        if right:
            words.append(Word(right, 0.85, 0.05 + 0.03 * index, 0.95, 0.07 + 0.03 * index))
    page = Page(index=0, width=1.0, height=1.0, words=words, source="ocr")
    build_lines(page)
    return [page]


def described(result):
    return [(line["description"]["selected_value"]["content"], line["subtotal"]["selected_value"]["content"])
            for line in result["invoice_lines"] if "description" in line]


def test_a_receipt_read_as_a_bill_has_its_items_as_lines():
    image, _truth = receipt_image(merchant="MR. D.I.Y. (M) SDN BHD",
                                  items=(("CHOPPING BOARD", 12.90), ("AIR PRESSURE SPRAYER", 19.08)), tax_rate=0)
    result = extract(image_bytes(image), "invoice", {"user_lang": "en_US"})
    assert described(result) == [("CHOPPING BOARD", 12.90), ("AIR PRESSURE SPRAYER", 19.08)]


def test_the_rounded_total_is_the_total_and_the_unrounded_a_candidate():
    rows = [("MR. D.I.Y. (M) SDN BHD", ""), ("NO 12, JALAN MAWAR 3, 81100 JOHOR", ""), ("DATE: 12-01-19 12:41", ""),
            ("RECEIPT NO: R000123", ""), ("CHOPPING BOARD", "14.84"), ("AIR PRESSURE SPRAYER", "19.08"),
            ("TOTAL", "33.92"), ("ROUNDING ADJ", "-0.02"), ("TOTAL ROUNDED", "33.90"), ("CASH", "50.00"),
            ("CHANGE", "16.10")]
    result = extract_invoice(receipt_page(rows), {"user_lang": "en_US"})
    assert selected_content(result, "total") == 33.90
    assert 33.92 in [c["content"] for c in result["total"]["candidates"]]
    assert described(result) == [("CHOPPING BOARD", 14.84), ("AIR PRESSURE SPRAYER", 19.08)]
    assert selected_content(result, "date") == "2019-01-12"  # a Malaysian receipt for an en_US user


def test_rows_that_do_not_add_up_are_no_items():
    rows = [("SHOP", ""), ("SOMETHING ELSE", "5.00"), ("ANOTHER THING", "7.00"), ("TOTAL", "30.00")]
    result = extract_invoice(receipt_page(rows), {"user_lang": "en_US"})
    assert described(result) == []


def test_a_scanned_receipt_rounded_for_cash_read_as_a_bill():
    image, truth = receipt_image(merchant="MR. D.I.Y. (M) SDN BHD", tax_rate=0, rounded=True,
                                 items=(("CHOPPING BOARD", 14.84), ("AIR PRESSURE SPRAYER", 19.08)))
    result = extract(image_bytes(image), "invoice", {"user_lang": "en_US"})
    assert truth["total"] == 33.90
    assert selected_content(result, "total") == 33.90  # TOTAL ROUNDED, not TOTAL RM 33.92
    assert 33.92 in [c["content"] for c in result["total"]["candidates"]]
    assert described(result) == [("CHOPPING BOARD", 14.84), ("AIR PRESSURE SPRAYER", 19.08)]
