"""Day/month order settled by the page's own evidence before the user's language (issue 24)."""
import pytest

from engine import extract
from engine.conventions.countries import country_evidence, page_language
from engine.tests.documents import drawn_pdf, selected_content


def page_pdf(rows):
    def draw(page):
        for index, text in enumerate(rows):
            page.drawString(40, 780 - 16 * index, text)
    return drawn_pdf(draw)


def dates(rows, doc_type="invoice", lang="en_US"):
    result = extract(page_pdf(rows), doc_type, {"user_lang": lang})
    return selected_content(result, "date")


def test_german_page_is_day_first_for_an_en_us_user():
    rows = ["Lieferant GmbH", "Rechnung Nr. 471102", "Rechnungsdatum: 03.07.2014", "Lieferdatum: 24.07.2014",
            "Gesamtbetrag 235,62 EUR"]
    assert dates(rows) == "2014-07-03"


def test_dots_alone_are_day_first():
    assert dates(["Invoice 12", "Invoice date: 03.07.2014", "Total 10.00"]) == "2014-07-03"


def test_malaysian_receipt_is_day_first_for_an_en_us_user():
    rows = ["GREEN LEAF CAFE SDN BHD", "NO 5, JALAN SAGU 18, 81100 JOHOR BAHRU", "DATE: 12-01-19 10:42",
            "LATTE RM 9.50", "TOTAL RM 9.50"]
    assert dates(rows, "expense") == "2019-01-12"


def test_us_page_with_an_unambiguous_date_is_month_first_even_for_a_french_user():
    rows = ["ACME Supplies", "Invoice date: 03/07/2014", "Shipped: 12/25/2014", "Total $ 120.00"]
    assert dates(rows, lang="fr_FR") == "2014-03-07"


def test_no_evidence_follows_the_user_language():
    rows = ["Note 12", "Date: 03/07/2014", "Amount 120.00"]
    assert dates(rows, lang="en_US") == "2014-03-07"
    assert dates(rows, lang="fr_FR") == "2014-07-03"


@pytest.mark.parametrize("text, country", [
    ("USt-IdNr.: DE123456789", "DE"), ("IBAN FR76 3000 6000 0112 3456 7890 189", "FR"),
    ("Tel: +60 3-2141 1234", "MY"), ("Tel. (+49) 30 1234567", "DE"), ("ABC TRADING SDN. BHD.", "MY"),
    ("Singapore 018956", "SG"), ("TOTAL RM 9.50", "MY"),
    ("Farmasi Maluri S/B(587969-U)", "MY"), ("22 LRG PERUSAHAAN 4", "MY"),
])
def test_country_evidence(text, country):
    assert country in [found[0] for found in country_evidence(text)]


def test_page_language():
    assert page_language(["Vielen Dank für Ihre Bestellung", "Rechnung und Lieferung mit Datum"]) == "de"
    assert page_language(["Total 12"]) is None


@pytest.mark.parametrize("text", ["8239 GB 15.00 15.00", "70549 1 160.00 160.00", "Company Reg. No. : 001055194X",
                                  "6 1\" S/STEEL ROD 15.80 94.80 SR"])
def test_item_rows_and_registration_numbers_are_no_country_evidence(text):
    assert country_evidence(text) == []


@pytest.mark.parametrize("text, country", [("NO.53 JALAN PUTRA 1,", "MY"), ("Hauptstraße 5", "DE"),
                                           ("12 rue de la Paix", "FR"), ("Kerkstraat 1", "NL")])
def test_street_words_tell_a_country(text, country):
    assert [found[0] for found in country_evidence(text)] == [country]
