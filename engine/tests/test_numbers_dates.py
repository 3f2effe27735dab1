import datetime

import pytest

from engine.conventions.dates import find_dates, parse_date
from engine.conventions.numbers import decimal_separator, find_amounts, parse_amount
from engine.reading.loader import load


@pytest.mark.parametrize("text, expected", [
    ("1.234,56", 1234.56), ("1,234.56", 1234.56), ("1 234,56", 1234.56), ("1'234.56", 1234.56),
    ("1\u202f234,56", 1234.56), ("-8,79", -8.79), ("8,79-", -8.79), ("235,62 EUR", 235.62), ("RM9.00", 9.0),
    ("€ 1.234.567,00", 1234567.0), ("$1,234,567.89", 1234567.89), ("0,125", 0.125), ("12,5", 12.5),
    ("1.234", 1234.0), ("abc", None), ("", None), ("12.34.56", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_decimal_hint_breaks_three_digit_ties():
    assert parse_amount("1,234") == 1234.0
    assert parse_amount("1,234", decimal_hint=",") == 1.234


def test_find_amounts_skips_rates_and_reports_decimals():
    found = find_amounts("Total 1.234,56 EUR MwSt 19 % 197,12 and 3")
    assert [(v, d) for v, _, _, d in found] == [(1234.56, True), (197.12, True), (3.0, False)]


def test_decimal_separator_by_language():
    assert decimal_separator("fr_FR") == ","
    assert decimal_separator("en_US") == "."
    assert decimal_separator(None) is None


@pytest.mark.parametrize("text, expected", [
    ("13/07/2016", "2016-07-13"), ("13.07.2016", "2016-07-13"), ("2016-07-13", "2016-07-13"),
    ("13-07-16", "2016-07-13"), ("13 juillet 2016", "2016-07-13"), ("13. Juli 2016", "2016-07-13"),
    ("25 DEC 2018", "2018-12-25"), ("Dec 25, 2018", "2018-12-25"), ("25-Dec-2018", "2018-12-25"),
    ("3 de marzo de 2020", "2020-03-03"), ("1er mars 2020", "2020-03-01"), ("13 luglio 2016", "2016-07-13"),
    ("13 de julho de 2016", "2016-07-13"), ("13 juli 2016", "2016-07-13"), ("13 März 2016", "2016-03-13"),
    ("Datum: 05.03.2020 Seite 1", "2020-03-05"), ("Invoice Date: August 3 , 2014", "2014-08-03"),
])
def test_parse_date_languages(text, expected):
    assert parse_date(text).isoformat() == expected


def test_month_first_for_us_documents():
    assert parse_date("07/13/2016") == datetime.date(2016, 7, 13)  # only reading that is valid
    assert parse_date("03/04/2016") == datetime.date(2016, 4, 3)
    assert parse_date("03/04/2016", month_first=True) == datetime.date(2016, 3, 4)


def test_not_dates():
    assert find_dates("Version 1.2.34") == []
    assert find_dates("31/02/2020") == [] or find_dates("31/02/2020")[0][0].month != 2
    assert find_dates("99/99/9999") == []


def test_a_day_after_a_month_is_no_year_when_a_year_follows():
    # "July 31 , 2014" ends a billing period: 31 is its day, not the year 2031
    assert [d.isoformat() for d, _, _ in find_dates("the billing period July 1 - July 31 , 2014")] == ["2014-07-31"]


def test_loose_dates_only_as_a_last_resort():
    from engine.conventions.dates import find_loose_dates

    assert find_dates("#001-000105/01/201813:30-R") == []
    assert [d for d, *_ in find_loose_dates("#001-000105/01/201813:30-R")] == [datetime.date(2018, 1, 5)]
    assert [d for d, *_ in find_loose_dates("C010993796/2/2017 12:42")] == [datetime.date(2017, 2, 6)]
    # OCR dropped or garbled a separator
    assert [d for d, *_ in find_loose_dates("DATE: 2504/2017")] == [datetime.date(2017, 4, 25)]
    assert [d for d, *_ in find_loose_dates("565287 05~05-17")] == [datetime.date(2017, 5, 5)]
    assert [d for d, *_ in find_loose_dates("568017 0502-18")] == [datetime.date(2018, 2, 5)]
    assert [d for d, *_ in find_loose_dates("30.032018 No.. CS.20322")] == [datetime.date(2018, 3, 30)]
    assert find_loose_dates("Rate 30.031999") == []  # only a year of this century is read glued
    # a space for the first slash, the second dropped; a pipe for a slash
    assert [d for d, *_ in find_loose_dates("27 032018 No..CS-20243")] == [datetime.date(2018, 3, 27)]
    assert [d for d, *_ in find_loose_dates("21/02|18 11.19 40278 07")] == [datetime.date(2018, 2, 21)]
    assert find_loose_dates("Qty 12 34 2018") == [] and find_loose_dates("27 032018x") == []
    # a space for the first separator of a date with both others printed (a photographed receipt)
    assert [d for d, *_ in find_loose_dates("01:34PM 568017 05 02-18")] == [datetime.date(2018, 2, 5)]
    assert find_loose_dates("TEL 03 12-3456") == [] and find_loose_dates("Qty 12 05-18x") == []
    assert [d for d, *_ in find_loose_dates("CB#:5958133 14MMay/2017 02.56:39")] == [datetime.date(2017, 5, 14)]
    # phone numbers and references stay what they are
    assert find_loose_dates("TEL 03-7845 8155") == []
    assert find_loose_dates("012-9719493") == []
    assert find_loose_dates("No 1234-56") == []


def test_amounts_that_ocr_or_layout_mangled():
    # two amounts printed without a gap, cents without their leading zero
    assert [v for v, *_ in find_amounts("Steuerbetrag 163,16183,14")] == [163.16, 183.14]
    assert [v for v, *_ in find_amounts("Rounding Adjustment RM .02")] == [0.02]
    assert [v for v, *_ in find_amounts("Adj -.05")] == [-0.05]
    assert find_amounts("No.14") == []
    # pieces of dates and times are no amounts
    assert [v for v, *_ in find_amounts("30/04/2017 20:22 Total 12.50")] == [12.5]


def test_amounts_glued_to_currency_codes():
    assert [v for v, *_ in find_amounts("Grand Total RM39.00")] == [39.0]
    assert [v for v, *_ in find_amounts("EUR12,50")] == [12.5]
    assert find_amounts("ABC12.50") == []
    assert [v for v, *_ in find_amounts("Total Rs.250.00")] == [250.0] and parse_amount("Rs. 1,939.00") == 1939.0
    assert find_amounts("Mrs.250") == []


def test_dates_glued_to_their_label_by_ocr():
    assert [d for d, *_ in find_dates("Fecha de vencimiento29/06/2024")] == [datetime.date(2024, 6, 29)]
    assert [d for d, *_ in find_dates("Fecha de vencimiento26 de octubre de 2024")] == [datetime.date(2024, 10, 26)]
    assert find_dates("REF12/06/2024") == []  # upper-case codes keep their digits


def test_ocr_misreads_of_legal_forms_and_ibans():
    from engine.conventions.keywords import repair_legal_form
    from engine.fields.banking import _longest_valid_iban

    assert repair_legal_form("Bergmann & Söhne S.r.I.") == "Bergmann & Söhne S.r.l."
    assert repair_legal_form("Sri Lanka Tea Ltd") == "Sri Lanka Tea Ltd"
    assert repair_legal_form("Suministros Ibéricos S.A") == "Suministros Ibéricos S.A."
    assert repair_legal_form("Tipografia Rossi S.p.A") == "Tipografia Rossi S.p.A."
    assert _longest_valid_iban("GB33 BUKB 2020 1555 5555 55BIC") == ("GB33 BUKB 2020 1555 5555 55", True)


def test_the_documents_own_dates_tell_which_comes_first():
    from engine.conventions.dates import document_month_first

    assert document_month_first(["Date: 12/20/2024", "Due: 01/03/2025"]) is True
    assert document_month_first(["Datum: 20/12/2024", "Fällig: 01/03/2025"]) is False
    assert document_month_first(["Due: 01/03/2025"]) is None
    assert document_month_first(["s= 6% 3.49 .21"]) is None  # amounts are no evidence


def test_a_repeated_character_ocr_wrote_once_is_restored_only_when_one_reading_is_valid():
    from stdnum import iban

    from engine.fields.banking import _vat_valid, restore_collapsed_run

    assert restore_collapsed_run("DE9110000000123456789", iban.is_valid) == "DE91100000000123456789"
    assert restore_collapsed_run("DE10000008", _vat_valid) == "DE100000008"
    assert restore_collapsed_run("DE13695976", _vat_valid) is None  # "66" read once leaves no run to double
    assert restore_collapsed_run("DE89370400440532013000", iban.is_valid) is None  # already valid
    assert restore_collapsed_run("DE8937040044053201300", iban.is_valid) == "DE89370400440532013000"
    assert restore_collapsed_run("DE8937040044053201399", iban.is_valid) is None  # a misread, not a run
    # a small or photographed page: three zeros of one run lost ("DE91 1000 0000 0123 4567 89")
    assert restore_collapsed_run("DE91100000123456789", iban.is_valid) == "DE91100000000123456789"
    # but never more than one run lengthened, nor by more than MOST_COLLAPSED
    assert restore_collapsed_run("DE9110000123456789", iban.is_valid, most=3) is None


def test_ibans_and_vat_numbers_of_ocr_pages_get_a_collapsed_run_back():
    from engine.fields.banking import iban_candidates, vat_candidates
    from engine.fields.tokens import line_texts
    from engine.tests.documents import draw_lines, drawn_pdf

    data = drawn_pdf(lambda page: draw_lines(page, 700, ["IBAN: DE91 1000 000 0123 4567 89",
                                                         "USt-IdNr.: DE10000008"]))
    pages = load(data).pages
    lts = line_texts(pages)
    assert [c.content for c in iban_candidates(lts)] == ["DE91 1000 000 0123 4567 89"]  # a text layer is as printed
    assert [c.content for c in iban_candidates(lts, ocr_pages={0})] == ["DE91100000000123456789"]
    assert [c.content for c in vat_candidates(lts)] == ["DE10000008"]
    assert [c.content for c in vat_candidates(lts, ocr_pages={0})] == ["DE100000008"]


def test_total_misread_one_letter_off_is_read_as_total_and_other_words_are_not():
    from engine.conventions.keywords import fold_labels

    for misread in ("T.tal Sales", "TOFAL", "Totai", "tot4l", "TOLAI", "Tofa! Inclusive GST:", "TOTA| RM"):
        assert fold_labels(misread).split()[0] == "total", misread
    for word in ("Tonal", "Totals", "Totale", "subtotal", "Metal", "Local"):
        assert fold_labels(word) == word.lower(), word
    assert len(fold_labels("T.tal : 32.70")) == len("T.tal : 32.70")  # offsets stay valid
    assert fold_labels("Ba!ance Due") == "balance due" and fold_labels("Thank you!!") == "thank you!!"


def test_a_number_sign_glued_to_the_label_word_after_it_leaves_the_label_readable():
    from engine.conventions.keywords import fold_labels, label_weight

    assert label_weight(fold_labels("N°TVA:"), "vat", folded=True) == 1.0  # OCR dropped the space
    assert label_weight(fold_labels("NºFactura:"), "invoice_id", folded=True) == 1.0
    assert len(fold_labels("N°TVA: FR40303265045")) == len("N°TVA: FR40303265045")  # offsets stay valid
    assert label_weight(fold_labels("N°TVA:FR40303265045"), "vat", folded=True) == 1.0


def test_a_number_sign_glued_to_the_number_after_it_stays_its_label():
    from engine.conventions.keywords import fold_labels
    from engine.fields.references import invoice_id_candidates
    from engine.fields.tokens import line_texts
    from engine.tests.documents import draw_lines, drawn_pdf

    assert fold_labels("Fattura N°R-0435/24") == "fattura nor-0435/24"
    assert fold_labels("Invoice N°INV2024") == "invoice noinv2024"
    data = drawn_pdf(lambda page: draw_lines(page, 700, ["Suministros Ibéricos S.p.A.", "Rua Augusta 20",
                                                         "Fattura N°R-0435/24", "Data documento: 19/02/2024"]))
    lts = line_texts(load(data).pages)
    assert invoice_id_candidates(lts)[0].content == "R-0435/24"


def test_amounts_glued_to_a_tax_code_but_not_to_a_unit_or_a_time():
    assert [(v, d) for v, _s, _e, d in find_amounts("MILO 75.00SR")] == [(75.0, True)]
    assert [v for v, *_ in find_amounts("13.94ZR 2.45S 0,29E RM CASH 100.00C")] == [13.94, 2.45, 0.29, 100.0]
    assert find_amounts("COKE 1.25L") == [] and find_amounts("BANANA 0.50KG") == []
    assert find_amounts("14/03/2018 5:07 57.07PM") == [] and find_amounts("12.5SR") == []
    # the minutes of a time are no amount, whatever is glued to them
    assert find_amounts("12:30.00SR") == [] and find_amounts("30/04.50SR") == []


def test_iban_country_letters_read_as_digits_are_restored_when_one_reading_is_valid():
    from stdnum import iban

    from engine.fields.banking import restore_country_letters
    assert restore_country_letters("0E02120300000000202051", iban.is_valid) == "DE02120300000000202051"
    assert restore_country_letters("DE02120300000000202051", iban.is_valid) is None  # nothing to restore
    assert restore_country_letters("0E02120300000000202052", iban.is_valid) is None  # a misread digit too
    assert restore_country_letters("8E02120300000000202051", iban.is_valid) is None  # 8 is no D


def _ocr_line_candidates(text):
    from engine.fields.banking import iban_candidates
    from engine.fields.tokens import line_texts
    from engine.reading.layout import Page, build_lines
    from engine.reading.ocr.base import split_words

    page = Page(0, 1240, 1754, split_words(text, 0.9, 0.1, 0.6, 0.8, 0.62, 0), source="ocr")
    build_lines(page)
    return [candidate.content for candidate in iban_candidates(line_texts([page]), ocr_pages={0})]


def test_a_labelled_iban_whose_country_ocr_read_as_a_digit_is_read_on_an_ocr_page():
    assert _ocr_line_candidates("IBAN: 0E02 1203 0000 0000 2020 51") == ["DE02120300000000202051"]
    # without its label a number is no IBAN, whatever a letter for its first digit would make of it
    assert _ocr_line_candidates("Ref. 0E02 1203 0000 0000 2020 51") == []
