"""Invoice lines whose amount is quantity × price less a printed discount."""
import pytest

from engine import extract
from engine.tests.documents import draw_row, drawn_pdf, line_values


def test_a_discounted_line_is_read_with_its_discount_and_its_tax_rate_apart():
    def draw(page):
        page.drawString(40, 700, "Facture FA-2017-0010")
        for x, text in ((40, "Description"), (260, "Quantité"), (340, "Prix unitaire"), (420, "Rem."),
                        (470, "TVA"), (540, "Montant HT")):
            page.drawString(x, 600, text) if x < 540 else page.drawRightString(x + 30, 600, text)
        for y, cells in ((580, ("Nougat de l'Abbaye 250g", "50 Unit(s)", "4,55 €", "10%", "20%", "204,75 €")),
                         (564, ("Biscuits aux raisins 300g", "40 Unit(s)", "3,20 €", "", "20%", "128,00 €"))):
            for x, text in zip((40, 260, 340, 420, 470), cells[:5]):
                page.drawString(x, y, text)
            page.drawRightString(570, y, cells[5])
        page.drawString(380, 500, "Total HT 332,75 €")
        page.drawString(380, 486, "TVA 20 % 66,55 €")
        page.drawString(380, 472, "Total TTC 399,30 €")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "fr_FR"})
    lines = result["invoice_lines"]
    first = {name: feature["selected_value"]["content"] for name, feature in lines[0].items()
             if "selected_value" in feature}
    # the unit price after the discount, so that quantity × unit price is the amount; the discount tells the rest
    assert (first["quantity"], first["unit_price"], first["subtotal"], first["discount"]) == (50.0, 4.095, 204.75, 10.0)
    assert lines[0]["taxes"]["selected_values"][0]["content"] == 20.0
    assert "discount" not in lines[1]
    assert result["total"]["selected_value"]["content"] == pytest.approx(399.30)


def test_the_lines_of_a_credit_note_printed_negative_are_read_with_negative_quantities():
    def draw(page):
        page.drawString(40, 780, "Avoir AV-2017-0005")
        header = ((40, "Description"), (260, "Quantité"), (340, "Prix HT"), (420, "Rem."), (500, "Total HT"))
        draw_row(page, 600, header)
        for y, cells in ((580, ("Nougat de l'Abbaye 250g", "5 Unit(s)", "4,55 €", "10%", "-20,48 €")),
                         (564, ("Huile d'olive à l'ancienne", "10 Liter(s)", "19,80 €", "", "-198,00 €"))):
            draw_row(page, y, ((x, text) for (x, _), text in zip(header, cells)))
        page.drawString(380, 500, "Total HT -218,48 €")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert line_values(result) == [(-5.0, 4.096, -20.48), (-10.0, 19.8, -198.0)]


def test_an_allowance_printed_under_its_item_is_the_items_discount():
    def draw(page):
        header = ((40, "Pos"), (70, "Artikelbeschreibung"), (300, "Menge"), (380, "Preis"), (480, "Entgelt"))
        draw_row(page, 600, header)
        rows = ((580, ("1", "Kunstrasen grün 3m breit", "3,00 m²", "4,00", "12,00")),
                (566, ("", "abzgl. 16,7% Rabatt", "", "", "-2,00")),
                (550, ("2", "Schweinesteak", "5,000 kg", "5,50", "27,50")))
        for y, cells in rows:
            draw_row(page, y, ((x, text) for (x, _), text in zip(header, cells)))
        page.drawString(300, 500, "Summe netto 37,50")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(3.0, pytest.approx(3.333333), 10.0), (5.0, 5.5, 27.5)]
    lines = result["invoice_lines"]
    assert lines[0]["discount"]["selected_value"]["content"] == pytest.approx(16.67)
    assert "discount" not in lines[1]


def test_compound_header_words_name_their_column():
    from engine.fields.lines import _column_name

    assert _column_name("Artikelbeschreibung") == "description"
    assert _column_name("Leistungsbezeichnung") == "description"
    assert _column_name("Entgelt") == "subtotal"
    assert _column_name("Zeilenbetrag") == "subtotal"


def test_a_note_on_a_discount_already_in_the_price_is_no_allowance():
    def draw(page):
        header = ((40, "Product"), (200, "Qty"), (260, "Price"), (330, "Tax(%)"), (400, "Tax"), (480, "Total"))
        draw_row(page, 600, header)
        draw_row(page, 580, ((x, text) for (x, _), text in
                             zip(header, ("SanDisk Ultra 16 GB", "1", "278.61", "14.50%", "40.39", "319.00"))))
        page.drawString(40, 566, "Price is inclusive of Promotional Discount of Rs -40.00,")
        page.drawString(380, 520, "Grand Total 319.00")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "en_IN"})
    line = result["invoice_lines"][0]
    assert line["subtotal"]["selected_value"]["content"] != pytest.approx(279.0)
    assert "discount" not in line
