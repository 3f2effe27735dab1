"""Currency read from printed symbols and codes and from the supplier's country evidence (issue 24)."""
import pytest

from engine import extract
from engine.fields.contact import currency_candidates
from engine.fields.tokens import line_texts
from engine.reading.layout import Page, Word, build_lines
from engine.tests.documents import image_bytes, receipt_image


def lines_of(rows):
    """Pages of words, one row of ``rows`` a line, each word placed after the one before."""
    words = []
    for index, text in enumerate(rows):
        x = 0.05
        for token in text.split():
            width = 0.015 * len(token)
            words.append(Word(token, x, 0.05 + 0.03 * index, x + width, 0.07 + 0.03 * index))
            x += width + 0.01
    page = Page(index=0, width=1.0, height=1.0, words=words)
    build_lines(page)
    return line_texts([page])


def best(rows, hints=()):
    found = sorted(currency_candidates(lines_of(rows), hints), key=lambda c: -c.score)
    return found[0].content if found else None


@pytest.mark.parametrize("amount, code", [
    ("RM 33.90", "MYR"), ("S$ 12.50", "SGD"), ("HK$ 88.00", "HKD"), ("120,00 zł", "PLN"), ("450,00 Kč", "CZK"),
    ("₹ 1,250.00", "INR"), ("R$ 99,90", "BRL"), ("A$ 45.00", "AUD"), ("C$ 45.00", "CAD"), ("NZ$ 45.00", "NZD"),
    ("¥ 3,200", "JPY"), ("3,200 円", "JPY"), ("₩ 15,000", "KRW"), ("฿ 350.00", "THB"), ("₱ 499.00", "PHP"),
    ("Rp 25.000", "IDR"), ("₺ 120,50", "TRY"), ("CHF 45.00", "CHF"), ("£ 12.00", "GBP"), ("€ 12,00", "EUR"),
    ("$ 12.00", "USD"), ("USD 12.00", "USD"), ("12.00 SGD", "SGD"),
])
def test_symbols_and_codes(amount, code):
    assert best(["Item one", f"Total {amount}"]) == code


@pytest.mark.parametrize("evidence, code", [
    ("Org.nr 556677-8899 Tel +46 8 123 45 67", "SEK"), ("Tlf. +47 22 12 34 56", "NOK"),
    ("Tlf. +45 33 12 34 56", "DKK"),
])
def test_crowns_by_country(evidence, code):
    assert best(["Butik AB", evidence, "Att betala 120,00 kr"]) == code
    assert best(["Butik", "Att betala 120,00 kr"]) is None  # kr alone does not say which crown


@pytest.mark.parametrize("evidence, code", [
    ("ABN 12 345 678 901 Tel +61 2 9876 5432", "AUD"), ("Singapore 018956", "SGD"), ("Tel (+65) 6123 4567", "SGD"),
    ("Toronto, Canada", "CAD"), ("Tel +1 212 555 0100", "USD"), ("Tel +852 2123 4567", "HKD"),
])
def test_dollar_by_country(evidence, code):
    assert best(["Shop", evidence, "TOTAL $ 45.00"]) == code


@pytest.mark.parametrize("evidence, code", [
    ("USt-IdNr. DE123456789", "EUR"), ("IBAN GB29 NWBK 6016 1331 9268 19", "GBP"), ("ABC TRADING SDN BHD", "MYR"),
    ("Tel: +48 22 123 45 67", "PLN"),
])
def test_country_evidence_alone_points_at_its_words(evidence, code):
    found = currency_candidates(lines_of(["Shop", evidence, "TOTAL 45.00"]))
    assert [c.content for c in found] == [code]
    assert found[0].words  # the words that told, not a default with no place on the page


def test_a_hint_never_invents_a_currency():
    assert currency_candidates(lines_of(["Shop", "TOTAL 45.00"]), hints=["US"]) == []
    assert best(["Shop", "TOTAL RM 45.00"], hints=["US"]) == "MYR"


def test_a_receipt_in_rm_for_a_us_company_is_myr_with_coordinates():
    data = image_bytes(receipt_image(merchant="HARDWARE CENTRE", currency="RM")[0])
    result = extract(data, "expense", {"user_lang": "en_US", "user_company_country_code": "US"})
    candidates = result["currency"]["candidates"]
    assert candidates and all(c["content"] != "USD" for c in candidates)
    assert result["currency"]["selected_value"]["content"] == "MYR"
    assert any(c["coords"] != [0, 0, 0, 0] for c in candidates)
