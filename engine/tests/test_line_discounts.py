"""Invoice lines whose amount is quantity × price less a printed discount."""
import pytest

from engine import extract
from engine.tests.documents import drawn_pdf


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
    assert (first["quantity"], first["unit_price"], first["subtotal"], first["discount"]) == (50.0, 4.55, 204.75, 10.0)
    assert lines[0]["taxes"]["selected_values"][0]["content"] == 20.0
    assert "discount" not in lines[1]
    assert result["total"]["selected_value"]["content"] == pytest.approx(399.30)


def test_the_lines_of_a_credit_note_printed_negative_are_read_with_negative_quantities():
    def draw(page):
        page.drawString(40, 780, "Avoir AV-2017-0005")
        header = ((40, "Description"), (260, "Quantité"), (340, "Prix HT"), (420, "Rem."), (500, "Total HT"))
        for x, text in header:
            page.drawString(x, 600, text)
        for y, cells in ((580, ("Nougat de l'Abbaye 250g", "5 Unit(s)", "4,55 €", "10%", "-20,48 €")),
                         (564, ("Huile d'olive à l'ancienne", "10 Liter(s)", "19,80 €", "", "-198,00 €"))):
            for (x, _), text in zip(header, cells):
                page.drawString(x, y, text)
        page.drawString(380, 500, "Total HT -218,48 €")
    result = extract(drawn_pdf(draw), "invoice", {"user_lang": "fr_FR"})
    read = [tuple(line[name]["selected_value"]["content"] for name in ("quantity", "unit_price", "subtotal"))
            for line in result["invoice_lines"]]
    assert read == [(-5.0, 4.55, -20.48), (-10.0, 19.8, -198.0)]
