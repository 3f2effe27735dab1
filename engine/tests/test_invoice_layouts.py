"""Layouts the seven-language fixture does not have: wrapped rows, four-decimal prices, margin text, no table."""
import pytest
from reportlab.lib.pagesizes import A4

from engine import extract
from engine.conventions.numbers import find_amounts
from engine.fields.tokens import amount_tokens, line_texts
from engine.reading.loader import load
from engine.tests.documents import draw_lines, draw_row, line_values, selected_content, unicode_font
from engine.tests.documents import drawn_pdf as pdf

W, H = A4


def header(page):
    page.setFont("VeraBd", 14)
    page.drawString(40, H - 50, "Autovermietung Muster GmbH")
    page.setFont("Vera", 10)
    page.drawString(350, H - 80, "Rechnungsnummer: RV-77")
    page.drawString(350, H - 95, "Rechnungsdatum: 01.10.2018")


def test_four_decimal_prices_and_amounts_wrapped_to_the_next_line():
    def draw(page):
        header(page)
        y = H - 200
        draw_row(page, y, ((40, "Pos"), (80, "Beschreibung"), (300, "Nettopreis"), (380, "Menge"), (440, "Steuersatz"),
                      (500, "Nettobetrag")))
        draw_row(page, y - 20, ((40, "1"), (80, "Miettage"), (300, "86,5500"), (380, "2 Tag(e)"), (440, "19 %")))
        page.drawRightString(550, y - 30, "173,10")  # the amount sits a little lower, on its own line
        page.drawString(300, y - 80, "Nettobetrag: 173,10")
        page.drawString(300, y - 95, "MwSt 19%: 32,89")
        page.drawString(300, y - 110, "Gesamtbetrag: 205,99")
        # a filing mark printed up the left margin must not leak into descriptions
        page.saveState()
        page.translate(20, 300)
        page.rotate(90)
        page.drawString(0, 0, "Eingangsstempel Buchhaltung")
        page.restoreState()
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(2.0, 86.55, 173.1)]
    assert result["invoice_lines"][0]["description"]["selected_value"]["content"] == "Miettage"
    assert "Eingangsstempel" not in result["full_text_annotation"]
    assert result["total"]["selected_value"]["content"] == pytest.approx(205.99)


def test_no_table_gives_one_line_for_the_untaxed_amount():
    def draw(page):
        header(page)
        page.drawString(40, H - 200, "Finanzrate vom 01.11.2024 bis 30.11.2024")
        page.drawString(300, H - 240, "Nettobetrag: 376,37")
        page.drawString(300, H - 255, "MwSt 19%: 71,51")
        page.drawString(300, H - 270, "Gesamtbetrag: 447,88")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(1.0, 376.37, 376.37)]


def test_dates_in_a_row_are_not_amounts():
    assert [v for v, *_ in find_amounts("Bestellungen bis zum 19.12. geliefert")] == [19.12]  # raw finder
    def draw(page):
        header(page)
        y = H - 200
        draw_row(page, y, ((40, "Beschreibung"), (300, "Menge"), (380, "Preis"), (500, "Betrag")))
        page.drawString(40, y - 20, "Hinweis: Lieferung bis zum 19.12. und 23.12.")
        draw_row(page, y - 40, ((40, "Schrauben"), (300, "4"), (380, "2,50"), (500, "10,00")))
        page.drawString(300, y - 80, "Gesamtbetrag: 10,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(4.0, 2.5, 10.0)]


def totals_of(result):
    return tuple(result[name]["selected_value"]["content"] for name in ("subtotal", "total_tax_amount", "total"))


def test_the_sum_row_of_a_tax_table_is_the_total_not_a_rate_column():
    # a credit note: one row per VAT rate, then the sums; the rate column ("19,0") is no amount of the document
    def draw(page):
        header(page)
        y = H - 300
        draw_row(page, y, ((60, "Warenwert"), (150, "Nettobetrag"), (250, "MwSt-Betrag"), (350, "MwSt-%"),
                      (450, "Endbetrag")))
        for offset, cells in ((20, ("-5,00", "-4,85", "-0,92", "19,0", "-5,77")),
                              (35, ("-2,90", "-2,82", "-0,20", "7,0", "-3,02")),
                              (55, ("-7,90", "-7,67", "-1,12", "EUR", "-8,79"))):
            draw_row(page, y - offset, zip((60, 150, 250, 350, 450), cells))
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert totals_of(result) == (pytest.approx(-7.67), pytest.approx(-1.12), pytest.approx(-8.79))


def test_letter_spaced_labels_and_amounts_printed_without_a_gap():
    def draw(page):
        header(page)
        page.drawString(300, H - 240, "Rechnungssumme ohne USt.")
        page.drawRightString(550, H - 240, "858,75")
        page.drawString(300, H - 255, "Steuerbetrag")
        page.drawRightString(550, H - 255, "163,16183,14")  # the tax in two currencies, glued
        page.drawString(300, H - 270, "B r u t t o s u m m e")
        page.drawRightString(550, H - 270, "1021,91")
        page.drawString(300, H - 285, "Erhaltene Anzahlungen")
        page.drawRightString(550, H - 285, "-500,00")
        page.drawString(300, H - 300, "Zahlbetrag")
        page.drawRightString(550, H - 300, "521,91")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert totals_of(result) == (pytest.approx(858.75), pytest.approx(163.16), pytest.approx(1021.91))


def test_tables_after_the_items_give_no_lines():
    # an item table under "Entgelt", then the VAT breakdown and the allowances: only the item is a line
    def draw(page):
        header(page)
        y = H - 200
        draw_row(page, y, ((40, "Pos"), (80, "Beschreibung"), (250, "Nettopreis"), (330, "Menge"), (400, "Steuer"),
                      (480, "Entgelt")))
        draw_row(page, y - 20, ((40, "1"), (80, "Stahlcoil"), (250, "100,00"), (330, "10 Stk"), (400, "19 %"),
                           (480, "850,00")))
        draw_row(page, y - 60, ((40, "Art"), (100, "Grund"), (250, "Grundbetrag"), (480, "Betrag")))
        draw_row(page, y - 80, ((40, "Zuschlag"), (100, "Einwegverpackung"), (250, "30,00"), (480, "30,00")))
        draw_row(page, y - 120, ((40, "Art (Kategorie)"), (150, "Warenwert"), (250, "Basisbetrag"), (330, "USt. %"),
                            (480, "Steuerbetrag")))
        draw_row(page, y - 140, ((40, "VAT (S)"), (150, "850,00"), (250, "880,00"), (330, "19"), (480, "167,20")))
        page.drawString(300, y - 200, "Gesamtbetrag: 1047,20")
    result = extract(pdf(draw), "invoice")  # no language: the page's own amounts say "," is the decimal mark
    assert line_values(result) == [(10.0, 100.0, 850.0)]


def test_quantities_read_with_the_documents_decimal_mark_and_rounded_ones_recomputed():
    def draw(page):
        header(page)
        y = H - 200
        draw_row(page, y, ((40, "Beschreibung"), (250, "Menge"), (330, "Einheit"), (400, "Preis"), (480, "Betrag")))
        draw_row(page, y - 20, ((40, "Schweinesteak"), (250, "5,000"), (330, "kg"), (400, "5,50"), (480, "27,50")))
        draw_row(page, y - 40, ((40, "Stadtfahrt"), (250, "6"), (330, "km"), (400, "2,00"), (480, "13,00")))
        draw_row(page, y - 60, ((40, "Heiße Luft"), (250, "800,00"), (330, "l"), (400, "0,025"), (480, "20,00")))
        page.drawString(300, y - 120, "Gesamtbetrag: 60,50")
    result = extract(pdf(draw), "invoice")
    assert line_values(result) == [(5.0, 5.5, 27.5), (6.5, 2.0, 13.0), (800.0, 0.025, 20.0)]


def test_dates_of_versions_and_debits_and_the_sellers_vat_number():
    def draw(page):
        page.drawString(40, H - 40, "Stylesheet-Version: 2.5 vom 10.01.2023")
        page.drawString(40, H - 80, "Rechnung des Versicherers (575) Nr. 00.123.456.7-2018-1 vom 18.04.2018")
        page.drawString(40, H - 120, "Verkäufer")
        page.drawString(40, H - 135, "Name: Lieferant GmbH")
        page.drawString(40, H - 150, "USt.-Id.-Nr.: DE123456789")  # a sample number: its checksum is wrong
        page.drawString(40, H - 190, "Käufer/Leistungsempfänger")
        page.drawString(40, H - 205, "Name: Kunden AG Mitte")
        page.drawString(40, H - 220, "USt.-Id.-Nr.: DE136695976")
        page.drawString(300, H - 300, "Nettobetrag: 100,00")
        page.drawString(300, H - 315, "MwSt 19%: 19,00")
        page.drawString(300, H - 330, "Gesamtbetrag: 119,00")
        page.drawString(40, H - 380, "Der Betrag in Höhe von EUR 119,00 wird am 20.05.2018 von Ihrem Konto")
        page.drawString(40, H - 395, "per SEPA-Lastschrift eingezogen.")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["date"]["selected_value"]["content"] == "2018-04-18"
    assert result["due_date"]["selected_value"]["content"] == "2018-05-20"
    assert result["VAT_Number"]["selected_value"]["content"] == "DE123456789"


def test_a_row_of_labels_over_a_row_of_values_and_a_client_heading_among_them():
    def draw(page):
        page.setFont("VeraBd", 16)
        page.drawString(40, H - 50, "Atelier Lumière SA")  # "tel" inside a name is no phone number
        page.setFont("Vera", 9)
        page.drawString(40, H - 66, "8 rue de la Paix")
        page.drawString(40, H - 77, "75002 Paris")
        page.drawString(40, H - 88, "N° TVA intracom. : FR83404833048")
        page.setFont("Vera", 10)
        draw_row(page, H - 140, ((40, "Client :"), (250, "N° de facture"), (350, "Date"), (450, "Échéance")))
        draw_row(page, H - 153, ((40, "Van Dijk Logistiek SARL"), (250, "F00170"), (350, "Le 19 août 2024"),
                            (450, "02.09.2024")))
        page.drawString(40, H - 166, "8 avenue Victor Hugo, 69002 Lyon")
        page.drawString(40, H - 179, "N° TVA : FR40303265045")
        page.drawString(300, H - 300, "Sous-total")
        page.drawRightString(550, H - 300, "€ 5 943,12")
        page.drawString(300, H - 315, "TVA (5,5%)")
        page.drawRightString(550, H - 315, "€ 16,13")
        page.drawString(300, H - 330, "Montant TVA 20%")
        page.drawRightString(550, H - 330, "€ 1 129,95")
        page.drawString(300, H - 345, "Total TTC")
        page.drawRightString(550, H - 345, "€ 7 089,20")
    result = extract(pdf(draw), "invoice")
    content = {name: (result[name].get("selected_value") or {}).get("content") for name in result
               if name not in ("invoice_lines", "full_text_annotation")}
    assert content["invoice_id"] == "F00170"
    assert content["date"] == "2024-08-19"
    assert content["due_date"] == "2024-09-02"
    assert content["supplier"] == "Atelier Lumière SA"
    assert content["client"] == "Van Dijk Logistiek SARL"
    assert content["VAT_Number"] == "FR83404833048"
    assert totals_of(result) == (pytest.approx(5943.12), pytest.approx(1146.08), pytest.approx(7089.2))


def test_labels_sharing_a_line_and_amounts_in_a_currency_named_like_a_country():
    def draw(page):
        page.drawString(40, H - 50, "Northwind Traders Ltd")
        draw_row(page, H - 140, ((40, "Facturar a:"), (300, "Nº factura: 2024-670")))
        draw_row(page, H - 153, ((40, "Van Dijk Logistiek S.L."), (300, "Fälligkeitsdatum: 10.11.2018")))
        page.drawString(300, H - 300, "Net amount")
        page.drawRightString(550, H - 300, "GBP 5689.39")
        page.drawString(300, H - 315, "VAT 20%")
        page.drawRightString(550, H - 315, "GBP 1137.88")
        page.drawString(300, H - 330, "Total Due")
        page.drawRightString(550, H - 330, "GBP 6827.27")
        page.drawString(40, H - 800, "VAT number: GB980780684")
    result = extract(pdf(draw), "invoice", {"user_lang": "en_GB"})
    assert result["invoice_id"]["selected_value"]["content"] == "2024-670"
    assert result["due_date"]["selected_value"]["content"] == "2018-11-10"
    assert result["VAT_Number"]["selected_value"]["content"] == "GB980780684"
    assert result["client"]["selected_value"]["content"] == "Van Dijk Logistiek S.L."


def test_a_number_glued_to_its_label_and_an_accent_read_into_an_iban():
    def draw(page):
        page.drawString(40, H - 50, "Tipografia Rossi S.r.l.")
        page.drawString(40, H - 120, "Fattura N°2024-599")
        page.drawString(40, H - 135, "Data: 20 marzo 2024")
        page.drawString(300, H - 300, "Totale fattura: 1.668,26")
        page.setFont(unicode_font(), 10)  # Vera has no Ā
        page.drawString(40, H - 780, "IBAN NL91 ĀBNA 0417 1643 00 BIC ABNANL2A")
    result = extract(pdf(draw), "invoice", {"user_lang": "it_IT"})
    assert result["invoice_id"]["selected_value"]["content"] == "2024-599"
    assert result["iban"]["selected_value"]["content"].replace(" ", "") == "NL91ABNA0417164300"


def test_the_issuer_is_named_by_its_own_domain_and_the_window_address_is_the_client():
    def draw(page):
        page.drawString(60, H - 40, "Invoice 103767")
        page.drawString(60, H - 64, "February 17, 2026")
        page.drawString(60, H - 78, "Page 1 / 1")
        draw_row(page, H - 118, ((60, "Adatum Corporation"), (480, "CRONUS DE")))
        draw_row(page, H - 132, ((60, "Station Road, 21"), (480, "Hofstraße 12")))
        draw_row(page, H - 146, ((60, "48436 Düsseldorf"), (480, "20097 Hamburg")))
        page.drawString(350, H - 400, "Subtotal 573.00")
        page.drawString(350, H - 414, "19% VAT 108.87")
        page.drawString(350, H - 428, "Total € Incl. VAT 681.87")
        page.drawString(60, H - 760, "VAT Registration No. DE777777777   info@cronus.com")
    result = extract(pdf(draw), "invoice", {"user_lang": "en_US"})
    assert result["supplier"]["selected_value"]["content"] == "CRONUS DE"
    assert result["client"]["selected_value"]["content"] == "Adatum Corporation"


def test_a_name_on_two_lines_of_its_cell():
    def draw(page):
        page.drawString(60, H - 200, "Verkäufer")
        page.drawString(300, H - 218, "MVM Musterhafter")
        page.drawString(60, H - 227, "Name:")
        page.drawString(300, H - 227, "Versicherungsverein Musterstadt a.G.")
        page.drawString(60, H - 245, "Anschrift:")
        page.drawString(300, H - 245, "Musterstr. 12")
        page.drawString(300, H - 400, "Gesamtbetrag: 119,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["supplier"]["selected_value"]["content"] == "MVM Musterhafter Versicherungsverein Musterstadt a.G."


def test_a_us_bill_without_a_language_and_an_italian_quantity_column():
    def draw(page):
        page.drawString(40, H - 50, "Blue Harbor Consulting LLC")
        page.drawString(350, H - 100, "Invoice # 2024-490")
        page.drawString(350, H - 114, "Date: 03/04/2025")
        page.drawString(350, H - 128, "Due: 04/03/2025")
        draw_row(page, H - 200, ((40, "Description"), (300, "Q.tà"), (380, "Rate"), (500, "Amount")))
        draw_row(page, H - 220, ((40, "Spare parts kit"), (300, "1"), (380, "$380.14"), (500, "$380.14")))
        page.drawString(350, H - 300, "Total $380.14")
    result = extract(pdf(draw), "invoice")
    assert result["date"]["selected_value"]["content"] == "2025-03-04"
    assert result["due_date"]["selected_value"]["content"] == "2025-04-03"
    assert line_values(result) == [(1.0, 380.14, 380.14)]


@pytest.mark.parametrize("heading", ["Exmo(s). Sr(s).", "An:", "Spett.le"])
def test_client_headings_of_every_language(heading):
    def draw(page):
        page.drawString(40, H - 50, "Tipografia Rossi S.A.")
        page.drawString(40, H - 140, heading)
        page.drawString(40, H - 153, "Atelier Lumière S.A.")
        page.drawString(40, H - 166, "Lindenweg 3")
        page.drawString(300, H - 300, "Total: 100,00")
    assert extract(pdf(draw), "invoice")["client"]["selected_value"]["content"] == "Atelier Lumière S.A."


def test_named_dates_tell_the_order_of_numeric_ones():
    def draw(page):
        page.drawString(40, H - 50, "Gráfica Lusitana Inc.")
        page.drawString(350, H - 100, "Invoice Number: R-0001/24")
        page.drawString(350, H - 114, "Date: 7/12/2024")
        page.drawString(350, H - 128, "Due Date: Jul 26, 2024")
        page.drawString(350, H - 300, "Total USD 499.23")
    result = extract(pdf(draw), "invoice")
    assert result["date"]["selected_value"]["content"] == "2024-07-12"
    assert result["due_date"]["selected_value"]["content"] == "2024-07-26"


def test_labels_of_several_columns_in_one_cell():
    def draw(page):
        page.drawString(40, H - 50, "Tipografia Rossi S.p.A.")
        page.drawString(200, H - 140, "Numero fattura Data documento Scadenza")
        for x, text in ((200, "2024-598"), (281, "17/04/2024"), (387, "01/05/2024")):
            page.drawString(x, H - 153, text)
        page.drawString(300, H - 300, "Totale da pagare: 100,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "it_IT"})
    assert result["date"]["selected_value"]["content"] == "2024-04-17"
    assert result["due_date"]["selected_value"]["content"] == "2024-05-01"


def test_a_quantity_glued_to_its_unit():
    def draw(page):
        header(page)
        y = H - 200
        draw_row(page, y, ((40, "Artikelbeschreibung"), (250, "Menge"), (330, "Preis"), (480, "Entgelt")))
        draw_row(page, y - 20, ((40, "Kunstrasen grün 3m breit"), (250, "3m²"), (330, "3,3333"), (480, "10,00")))
        draw_row(page, y - 40, ((40, "Schweinesteak"), (250, "5kg"), (330, "5,50"), (480, "27,50")))
        page.drawString(300, y - 100, "Gesamtbetrag: 37,50")
    assert line_values(extract(pdf(draw), "invoice", {"user_lang": "de_DE"})) == [(3.0, 3.3333, 10.0), (5.0, 5.5, 27.5)]


def test_a_number_after_a_hash_under_the_invoice_title():
    # Odoo's demo vendor bill: "INVOICE" / "# INV 1025" top right, no "Invoice No" label anywhere
    W, H = A4

    def draw(page):
        page.setFont("VeraBd", 20)
        page.drawRightString(W - 50, H - 50, "INVOICE")
        page.setFont("Vera", 10)
        page.drawRightString(W - 50, H - 72, "# INV 1025")
        page.drawString(50, H - 110, "Azure Interior")
        page.drawString(50, H - 124, "3404 Edgewood Road")
        page.drawRightString(W - 150, H - 124, "Date:")
        page.drawRightString(W - 50, H - 124, "Aug 13, 2018")
        page.drawString(50, H - 250, "Office Chair")
        page.drawRightString(W - 50, H - 250, "$ 20.00")
        page.drawRightString(W - 150, H - 300, "Total:")
        page.drawRightString(W - 50, H - 300, "$ 20.00")
    assert extract(pdf(draw), "invoice")["invoice_id"]["selected_value"]["content"] == "INV 1025"


def test_tally_invoice_possessive_labels_financial_year_and_a_bracketed_heading():
    # an Indian Tally invoice (Odoo's l10n_in demo bill): "Company’s PAN" is a label, not a company; the
    # books' financial year follows the supplier's name; "Buyer (Bill to)" heads the client block; "#273," is
    # a house number, not the invoice's; the GSTIN under "Consignee (Ship to)" is the client's
    W, H = A4

    def draw(page):
        page.setFont("VeraBd", 12)
        page.drawCentredString(W / 2, H - 30, "Tax Invoice")
        page.setFont("Vera", 9)
        for offset, text in ((80, "Mystikoe Web Services Pvt Ltd(2023-24)"), (92, "#273, 4th Floor, 15th Cross"),
                             (104, "Bangalore 560078"), (116, "GSTIN/UIN: 29AAKCM7069E1Z1"),
                             (140, "Consignee (Ship to)"), (152, "ODOO IN PRIVATE LIMITED"),
                             (164, "GSTIN/UIN : 24AACCT6304M1ZB"),
                             (200, "Buyer (Bill to)"), (212, "ODOO IN PRIVATE LIMITED"),
                             (224, "#201, IT Tower - 4, 2nd Floor, Infocity,"), (236, "Gandhinagar - 382009")):
            page.drawString(50, H - offset, text)
        page.drawString(330, H - 80, "Invoice No.")
        page.drawString(330, H - 92, "MYS-91021146")
        page.drawString(50, H - 400, "Total")
        page.drawRightString(W - 50, H - 400, "81,576.68")
        page.drawString(50, H - 440, "Company’s PAN : AAKCM7069E")
        page.drawString(300, H - 440, "Company’s Bank Details")
    result = extract(pdf(draw), "invoice", {"user_lang": "en_IN"})
    assert result["supplier"]["selected_value"]["content"] == "Mystikoe Web Services Pvt Ltd"
    assert result["client"]["selected_value"]["content"] == "ODOO IN PRIVATE LIMITED"
    assert selected_content(result, "invoice_id") == "MYS-91021146"
    supplier_vat, client_vat = result["VAT_Number"]["candidates"]
    assert (supplier_vat["content"], client_vat["content"]) == ("29AAKCM7069E1Z1", "24AACCT6304M1ZB")
    assert supplier_vat["score"] > client_vat["score"]


@pytest.mark.parametrize("closing, signed, supplier", [
    ("Many thanks,", "Azure Interior", "Azure Interior"),
    ("Mit freundlichen Grüßen", "Azure Interior", "Azure Interior"),
    ("Many thanks,", "Please pay by transfer.", None),  # a sentence is no signature
])
def test_a_letterhead_without_legal_form_signed_at_the_bottom_is_the_supplier(closing, signed, supplier):
    # Odoo's own demo vendor bill: the sender's name heads the page with no legal form and no postcode
    def draw(page):
        page.setFont("VeraBd", 18)
        page.drawString(400, H - 50, "INVOICE")
        page.setFont("Vera", 10)
        draw_row(page, H - 110, [(40, "Azure Interior"), (400, "Date: Aug 13, 2018")])
        draw_row(page, H - 124, [(40, "3404 Edgewood Road"), (400, "Due Date: Aug 28, 2018")])
        page.drawString(40, H - 138, "United States")
        page.drawString(40, H - 170, "Bill To:")
        for offset, text in ((184, "YourCompany"), (198, "1000 Main Avenue"), (212, "Belgium")):
            page.drawString(40, H - offset, text)
        draw_row(page, H - 260, [(40, "Office Chair"), (300, "5"), (380, "$ 4.00"), (480, "$ 20.00")])
        draw_row(page, H - 300, [(380, "Total:"), (480, "$ 20.00")])
        page.drawString(40, H - 400, closing)
        page.drawString(40, H - 414, signed)
    result = extract(pdf(draw), "invoice", {"user_company_name": "YourCompany"})
    assert (result["supplier"].get("selected_value") or {}).get("content") == supplier


def test_no_tax_leaves_the_total_to_its_label_not_to_amounts_that_equal_themselves():
    # a cloud bill: total and tax 0.00 labelled, then service rows of a cent; "0.01 = 0.00 + 0.00" proves nothing
    def draw(page):
        page.drawString(40, H - 50, "Cloud Services Invoice")
        page.drawString(300, H - 80, "Invoice Number: 42183017")
        page.drawString(300, H - 95, "Invoice Date: August 3 , 2014")
        page.drawString(40, H - 110, "This invoice is for the billing period July 1 - July 31 , 2014")
        rows = [("Service Charges", "$4.11"), ("Charges", "$4.11"), ("Credits", "$0.00"), ("Tax *", "$0.00"),
                ("Total for this invoice", "$4.11"), ("Data Transfer", "$0.01"), ("Charges", "$0.01"),
                ("VAT **", "$0.00"), ("Compute Cloud", "$1.87"), ("Charges", "$1.87"), ("VAT **", "$0.00"),
                ("Glacier", "$2.22"), ("Charges", "$2.22"), ("VAT **", "$0.00"), ("Simple Storage", "$0.01"),
                ("Charges", "$0.01"), ("VAT **", "$0.00")]
        for index, (label, amount) in enumerate(rows):
            page.drawString(50, H - 200 - 16 * index, label)
            page.drawRightString(550, H - 200 - 16 * index, amount)
    result = extract(pdf(draw), "invoice")
    assert result["total"]["selected_value"]["content"] == pytest.approx(4.11)
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(4.11)
    assert result["date"]["selected_value"]["content"] == "2014-08-03"


def test_a_subtotal_printed_with_tax_beside_the_amount_without_it():
    # Dutch web shop: "Subtotaal" is the gross sum of the items; the untaxed amount says "Exclusief BTW"
    def draw(page):
        page.drawString(40, H - 50, "FACTUUR")
        page.drawString(400, H - 50, "Webwinkel B.V.")
        page.drawString(40, H - 150, "Factuurnummer: 993548900")
        page.drawString(40, H - 165, "Factuurdatum: 19 april 2014")
        draw_row(page, H - 220, ((40, "Artikel"), (330, "Aantal"), (380, "Prijs per stuk"),
                                 (470, "BTW Prijs incl. BTW")))
        draw_row(page, H - 235, ((40, "Tablet 16 GB Zilver"), (330, "1"), (380, "€ 399,00"), (470, "21%")))
        page.drawRightString(560, H - 235, "€ 399,00")
        draw_row(page, H - 250, ((40, "Spelcomputer Wit"), (330, "1"), (380, "€ 318,97"), (470, "21%")))
        page.drawRightString(560, H - 250, "€ 318,97")
        draw_row(page, H - 580, ((60, "Exclusief BTW"), (180, "€ 593,36"), (400, "Subtotaal")))
        page.drawRightString(560, H - 580, "€ 717,97")
        draw_row(page, H - 592, ((80, "BTW 21%"), (180, "€ 124,61")))
        page.drawString(430, H - 604, "Totaal")
        page.drawRightString(560, H - 604, "€ 717,97")
    result = extract(pdf(draw), "invoice", {"user_lang": "nl_NL"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(717.97)
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(593.36)
    assert result["total_tax_amount"]["selected_value"]["content"] == pytest.approx(124.61)


def test_a_bill_without_tax_its_net_column_and_a_vat_number_after_a_web_address():
    # an export bill: the columns say "Ohne MwSt." (wrapped over two lines), no tax line, one labelled total
    def draw(page):
        page.drawString(60, H - 140, "Hosting Muster AG - Uferweg 40-42 - D-63571 Gelnhausen")
        page.drawString(55, H - 290, "Rechnungsnr.   30064443")
        page.drawString(55, H - 305, "Rechnungsdatum   7. Mai 2014")
        draw_row(page, H - 360, ((60, "Pos."), (90, "Menge"), (150, "Beschreibung"), (380, "VK-Preis"),
                            (470, "Zeilenbetrag")))
        draw_row(page, H - 370, ((385, "Ohne"), (475, "Ohne MwSt.")))
        draw_row(page, H - 380, ((385, "MwSt."),))
        for index, (price, name) in enumerate((("3,89", "Standard Exchange 2010"), ("5,39", "Quality Exchange 2010"),
                                               ("5,39", "Quality Exchange 2010"))):
            y = H - 410 - 30 * index
            draw_row(page, y, ((75, str(index + 1)), (100, "1"), (150, name)))
            page.drawRightString(420, y, price)
            page.drawRightString(530, y, price)
        page.drawString(400, H - 520, "Total EUR")
        page.drawRightString(530, H - 520, "14,67")
        page.setFont("Vera", 7)
        page.drawString(55, H - 800, "Im Internet: www.hosting-muster.de    UStId DE 232 446 240    SWIFT HELADEF1GEL")
        page.drawString(55, H - 810, "eMail: info@hosting-muster.de    Steuer-Nr. 044 241 601 03")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["total"]["selected_value"]["content"] == pytest.approx(14.67)
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(14.67)
    assert result["total_tax_amount"]["selected_value"]["content"] == pytest.approx(0.0)
    assert result["VAT_Number"]["selected_value"]["content"] == "DE232446240"


def test_a_tax_table_whose_headers_name_base_and_tax_and_a_header_row_naming_the_number():
    # "Prijzen zijn inclusief BTW": the total is printed alone; the tax table under it gives base and tax
    def draw(page):
        page.drawString(40, H - 60, "Kopie factuur")
        # "Factuur" (a weak label alone in its header cell) centred over its wider value
        draw_row(page, H - 100, ((40, "Klant"), (160, "Order"), (260, "Factuur datum"), (360, "Factuur"),
                            (450, "Vervaldatum")))
        draw_row(page, H - 112, ((40, "SCONL0303006280999"), (160, "SCONL000000444"), (260, "8-9-2022"),
                            (345, "VF1005193039"), (450, "22-9-2022")))
        page.drawString(40, H - 600, "Uw BTW nummer: NL00333599698")  # the client's number, no invoice number
        draw_row(page, H - 150, ((40, "Artikel"), (120, "Omschrijving"), (300, "Prijs"), (350, "BTW Hoeveelheid"),
                            (500, "Bedrag")))
        draw_row(page, H - 162, ((40, "E103184"), (120, "Onderhoudsset"), (300, "49,99"), (350, "21 %"),
                                 (420, "1 PCS")))
        page.drawRightString(540, H - 162, "49,99")
        draw_row(page, H - 185, ((40, "Prijzen zijn inclusief BTW"), (410, "Factuur totaal EUR")))
        page.drawRightString(540, H - 185, "49,99")
        draw_row(page, H - 250, ((330, "BTW %"), (395, "Grondslag"), (470, "BTW bedrag"), (540, "Totaal")))
        draw_row(page, H - 260, ((335, "21 %"),))
        for right, amount in ((442, "41,31"), (525, "8,68"), (572, "49,99")):
            page.drawRightString(right, H - 260, amount)
    data = pdf(draw)
    # each amount of the table is named by the header over it: the two words of "BTW bedrag" over a number
    # right-aligned under the second, "Grondslag" (base) over the untaxed amount
    tokens = amount_tokens(line_texts(load(data).pages))
    labels = {(token.value, role): token.label(role)[0] for token in tokens for role in ("subtotal", "tax")}
    assert labels[(8.68, "tax")] >= 0.8 and labels[(41.31, "subtotal")] >= 0.6 and labels[(41.31, "tax")] == 0
    result = extract(data, "invoice", {"user_lang": "nl_NL"})
    assert result["invoice_id"]["selected_value"]["content"] == "VF1005193039"
    assert result["total"]["selected_value"]["content"] == pytest.approx(49.99)
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(41.31)
    assert result["total_tax_amount"]["selected_value"]["content"] == pytest.approx(8.68)


def test_rupees():
    def draw(page):
        page.drawString(100, H - 50, "PAYMENT RECEIPT")
        draw_row(page, H - 200, ((50, "Room Charges"), (200, "Rs 1939 x 1 Night x 1 Room"), (450, "Rs 1939")))
        draw_row(page, H - 230, ((50, "Grand Total"), (450, "Rs 1939")))
        draw_row(page, H - 260, ((50, "Balance ( if any )"), (450, "Rs 0")))
    result = extract(pdf(draw), "invoice")
    assert result["currency"]["selected_value"]["content"] == "INR"
    assert result["total"]["selected_value"]["content"] == pytest.approx(1939)


def test_the_holder_of_the_account_to_pay_into_is_the_supplier():
    # no letterhead: the client's address heads the page; the payee is named by the bank details and the footer
    def draw(page):
        for index, text in enumerate(("ALEXINUX", "de Lattre Alexis", "27 rue Henri Rolland", "69100 Villeurbanne")):
            page.drawString(380, H - 120 - 12 * index, text)
        page.drawString(240, H - 180, "Facture n° 2022089083")
        page.drawString(60, H - 195, "Date : 28/11/2022")
        draw_row(page, H - 370, ((370, "Total HT :"), (480, "46,68 €")))
        draw_row(page, H - 395, ((370, "TVA 20% :"), (480, "9,34 €")))
        draw_row(page, H - 420, ((370, "Total TTC :"), (480, "56,02 €")))
        draw_row(page, H - 520, ((50, "Virement"), (125, "BRED BANQUE POPULAIRE – Titulaire du compte : NETPRESSE")))
        page.drawString(125, H - 532, "IBAN : FR76 1010 7002 4500 6170 5231 739 - BIC : BREDFRPP")
        page.drawString(280, H - 797, "NETPRESSE")
        page.setFont("Vera", 7)
        page.drawString(140, H - 806, "Siège social : 16 rue Mollien - 92100 BOULOGNE – Tél : 01 71 17 61 67")
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert result["supplier"]["selected_value"]["content"] == "NETPRESSE"


def test_a_purchase_order_number_is_not_the_invoice_number():
    def draw(page):
        draw_row(page, H - 40, ((50, "Sammy Maystone"), (450, "INVOICE")))
        page.drawString(470, H - 65, "# 17")
        draw_row(page, H - 115, ((440, "Date:"), (500, "Jan 1, 2022")))
        draw_row(page, H - 185, ((400, "PO Number:"), (500, "po_number_123")))
        draw_row(page, H - 300, ((400, "Subtotal:"), (500, "$127.50")))
        draw_row(page, H - 320, ((400, "Total:"), (500, "$127.50")))
    assert extract(pdf(draw), "invoice")["invoice_id"]["selected_value"]["content"] == "17"


def test_an_underscore_joins_the_letters_it_stands_under():
    # the underscore's glyph box lies wholly under the baseline: it is no line of its own
    def draw(page):
        header(page)
        page.drawString(350, H - 110, "Belegnummer: INV_2024_0017")
        page.drawString(300, H - 240, "Gesamtbetrag: 205,99")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert "INV_2024_0017" in result["full_text_annotation"]


def test_a_cloud_bill_names_its_client_to_the_attention_of_and_its_provider_at_the_foot():
    def draw(page):
        page.drawString(250, H - 70, "Cloud Services Invoice")
        page.drawString(250, H - 110, "Invoice Number: 42183017")
        page.drawString(40, H - 140, "Bill to Address:")
        draw_row(page, H - 152, ((40, "ATTN: iViveLabs Limited"), (250, "TOTAL AMOUNT DUE ON August 3 , 2014"),
                            (500, "$4.11")))
        page.drawString(40, H - 167, "93B Sai Yu Chung")
        page.drawString(40, H - 179, "Yuen Long, N.T., 0000, HK")  # a town line, not a sender's return address
        page.drawString(40, H - 230, "This invoice is for the billing period July 1 - July 31 , 2014")
        draw_row(page, H - 360, ((50, "Tax *"), (500, "$0.00")))
        draw_row(page, H - 375, ((50, "Total for this invoice"), (500, "$4.11")))
        draw_row(page, H - 650, ((40, "* May include estimated US sales tax"), (420, "Service Provider:")))
        draw_row(page, H - 658, ((40, "** This is not a VAT invoice"),
                                 (420, "(Not to be used for payment remittance)")))
        page.drawString(420, H - 666, "Cloud Web Services, Inc.")
        page.drawString(420, H - 674, "410 Terry Ave North")
    result = extract(pdf(draw), "invoice")
    assert result["client"]["selected_value"]["content"] == "iViveLabs Limited"
    assert result["supplier"]["selected_value"]["content"] == "Cloud Web Services, Inc."


def test_the_name_under_ship_to_and_a_seller_named_inline():
    def draw(page):
        draw_row(page, H - 40, ((50, "Sold By : WS Retail Services Pvt. Ltd.,"), (450, "INVOICE")))
        page.drawString(450, H - 65, "# 1017")
        draw_row(page, H - 130, ((50, "Bill To:"), (200, "Ship To:")))
        draw_row(page, H - 140, ((380, "Payment Terms:"), (480, "Net 30 days")))
        draw_row(page, H - 147, ((50, "Taylor Riddel"), (200, "Taylor's Store")))
        draw_row(page, H - 300, ((400, "Total:"), (500, "$127.50")))
    result = extract(pdf(draw), "invoice")
    assert result["supplier"]["selected_value"]["content"] == "WS Retail Services Pvt. Ltd."
    assert result["client"]["selected_value"]["content"] == "Taylor Riddel"
    assert "Taylor's Store" in [c["content"] for c in result["client"]["candidates"]]


def test_an_account_held_in_the_owners_name_does_not_outweigh_the_company_letterhead():
    def draw(page):
        page.setFont("Vera", 9)  # the letterhead in the small print of a sender block
        page.drawString(400, H - 110, "Bei Spiel GmbH")
        page.drawString(400, H - 125, "Ecke 12")
        page.setFont("Vera", 10)
        page.drawString(60, H - 160, "Theodor Est")
        page.drawString(60, H - 172, "Bahnstr. 42")
        page.drawString(60, H - 184, "88802 Spielkreis")
        page.drawString(60, H - 300, "Rechnung # RE-20140703/502 vom 03.07.2014")
        page.drawString(60, H - 500, "Summe inkl. USt: 571,04 €")
        page.drawString(400, H - 760, "IBAN DE88 2008 0000 0970 3757 00")
        page.drawString(400, H - 775, "Kontoinhaber: Max Mustermann")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["supplier"]["selected_value"]["content"] == "Bei Spiel GmbH"


def test_a_booking_id_is_the_reference_of_a_receipt_without_an_invoice_number():
    def draw(page):
        page.drawString(120, H - 50, "PAYMENT RECEIPT")
        draw_row(page, H - 85, ((50, "Guest Name: Sanjay"), (330, "Date: 31/12/2017")))
        draw_row(page, H - 150, ((320, "Booking ID"), (420, "Payment Mode")))
        draw_row(page, H - 160, ((320, "IBZY2087"), (420, "Cash at Hotel")))
        draw_row(page, H - 230, ((50, "Grand Total"), (450, "Rs 1939")))
    assert extract(pdf(draw), "invoice")["invoice_id"]["selected_value"]["content"] == "IBZY2087"


@pytest.mark.parametrize("line, number", [("Invoice No: #BLR_WFLD20151000982590", "BLR_WFLD20151000982590"),
                                          ("Rechnung Nr. #4711-A", "4711-A")])
def test_a_number_sign_glued_to_the_invoice_number_is_not_part_of_it(line, number):
    data = pdf(lambda page: draw_lines(page, 700, ["Retail Invoice", line, "Order Date: 15-10-2015"]))
    assert selected_content(extract(data, "invoice"), "invoice_id") == number


@pytest.mark.parametrize("title", ["HandelsrechnungNr.47110815vom31.10.2018",
                                   "Handelsrechnung Nr. 47110815 vom 31.10.2018"])
def test_a_title_read_without_its_spaces_still_gives_its_number(title):
    # OCR prints no spaces in a title photographed at an angle; the customer's number stands under it
    data = pdf(lambda page: draw_lines(page, 700, [title, "Nummer :12345676", "Summe 858,75 EUR"]))
    result = extract(data, "invoice")
    assert (selected_content(result, "invoice_id"), selected_content(result, "date")) == ("47110815", "2018-10-31")


def test_item_lines_that_add_up_to_the_total_leave_no_tax_where_nothing_else_adds_up():
    def draw(page):
        draw_row(page, 600, ((40, "Pos."), (80, "Menge"), (130, "Beschreibung"), (400, "VK-Preis"),
                             (480, "Zeilenbetrag")))
        page.drawString(400, 588, "Ohne")
        page.drawString(480, 588, "Ohne MwSt.")
        page.drawString(480, 576, "MwSt.")
        for index, (amount, name) in enumerate((("3,89", "Small Business StandardExchange 2010"),
                                                ("5,39", "Small Business QualityExchange 2010"),
                                                ("5,39", "Small Business QualityExchange 2010"))):
            y = 556 - 40 * index
            draw_row(page, y, ((40, str(index + 1)), (130, name), (400, amount), (480, amount)))
            page.drawString(130, y - 14, "Grundgebühr pro Einheit")
        page.drawString(380, 400, "Total EUR")
        page.drawRightString(540, 400, "14,67")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert result["subtotal"]["selected_value"]["content"] == pytest.approx(14.67)
    assert result["total_tax_amount"]["selected_value"]["content"] == pytest.approx(0.0)


@pytest.mark.parametrize("label, printed, sign, vat, country, currency", [
    ("GSTIN :", "24ABHPT7057L1Z3", "", "24ABHPT7057L1Z3", "IN", "INR"),
    ("ABN", "51 824 753 556", "$", "51824753556", "AU", "AUD"),  # the country tells which dollar
    ("GST/HST No.", "123456782", "$", "123456782", "CA", "CAD"),
    ("EIN:", "12-3456789", "$", "123456789", "US", "USD"),
    ("EIN:", "12-3456782", "$", "123456782", "US", "USD"),  # also a valid Canadian BN: the label tells
])
def test_a_tax_number_outside_the_eu_after_its_label(label, printed, sign, vat, country, currency):
    def draw(page):
        page.setFont("VeraBd", 14)
        page.drawString(40, H - 50, "Harbour Supplies Pty Ltd")
        page.setFont("Vera", 10)
        draw_lines(page, H - 70, ["12 Wharf Street", "Phone 0412 345 678", f"{label} {printed}"])
        draw_row(page, H - 150, ((40, "Invoice No: 1047"), (350, "Date: 03/04/2024")))
        draw_row(page, H - 200, ((40, "Consulting services"), (450, f"{sign}1,200.00")))
        draw_row(page, H - 230, ((350, "Total"), (450, f"{sign}1,200.00")))
    result = extract(pdf(draw), "invoice")
    assert (selected_content(result, "VAT_Number"), selected_content(result, "country")) == (vat, country)
    assert selected_content(result, "currency") == currency


def test_a_labelled_number_no_tax_check_accepts_and_an_unlabelled_valid_one_are_no_vat_number():
    def draw(page):
        page.drawString(40, H - 50, "Harbour Supplies")
        draw_lines(page, H - 70, ["ABN 51 824 753 557", "Ref 24ABHPT7057L1Z3"])
        draw_row(page, H - 230, ((350, "Total"), (450, "1,200.00")))
    assert selected_content(extract(pdf(draw), "invoice"), "VAT_Number") is None


def test_the_clients_vat_number_beside_the_suppliers_on_one_line():
    # the client's block and the supplier's bank details side by side: each number is placed where it stands
    def draw(page):
        page.setFont("Vera", 10)
        page.drawString(40, H - 50, "AZURE INTERIOR")
        draw_row(page, H - 200, ((60, "Bill To :"), (140, "Odoo SA"), (340, "Bank Name :"), (440, "Kotak Bank")))
        draw_lines(page, H - 212, ["Chaussée de Namur 40", "1367 Grand-Rosière"], x=140, step=12)
        draw_row(page, H - 260, ((60, "VAT No.:"), (140, "BE0477.472.701"), (340, "GST No.:"),
                                 (440, "24AAHCB6536E1ZV")))
        draw_row(page, H - 330, ((350, "Total"), (450, "541.10 €")))
    result = extract(pdf(draw), "invoice")
    assert selected_content(result, "VAT_Number") == "24AAHCB6536E1ZV"
    assert selected_content(extract(pdf(draw), "invoice", {"perspective": "supplier"}), "VAT_Number") == "BE0477472701"


def test_the_client_named_beside_its_heading_and_the_date_payment_terms_come_to():
    def draw(page):
        page.drawString(40, H - 50, "AZURE INTERIOR")
        draw_row(page, H - 120, ((350, "invoice no."), (460, "DATE")))
        draw_row(page, H - 132, ((350, "INV/2018/0057"), (460, "09/17/2018")))
        page.setFont("VeraBd", 11)
        draw_row(page, H - 200, ((60, "Bill To :"), (340, "Bank Name :")))
        page.setFont("Vera", 7)
        draw_row(page, H - 198, ((140, "Odoo SA"), (440, "Kotak Bank")))
        # the address as Odoo's demo bill prints it: the postcode on a line of its own
        draw_lines(page, H - 207, ["Chaussée de Namur 40", "Grand-Rosière", "1367", "Belgium"], x=140, step=9)
        page.setFont("Vera", 10)
        draw_row(page, H - 300, ((350, "Total"), (450, "541.10 €")))
        page.drawString(40, H - 360, "Payment Terms : 09/30/2018")
    result = extract(pdf(draw), "invoice")
    assert selected_content(result, "client") == "Odoo SA"
    assert (selected_content(result, "date"), selected_content(result, "due_date")) == ("2018-09-17", "2018-09-30")


@pytest.mark.parametrize("rows, totals", [  # totals: (untaxed, tax, total)
    # India: the central and the state half of the GST, the same amount under two names
    ([("Taxable Amount", "1,000.00"), ("CGST 9%", "90.00"), ("SGST 9%", "90.00"), ("Total", "1,180.00")],
     (1000.0, 180.0, 1180.0)),
    # prices that include the tax: the untaxed amount is printed nowhere, the total less the tax is it
    ([("Zwischensumme (inkl. MwSt.)", "119,00"), ("enthaltene MwSt. 19%", "19,00"), ("Gesamtbetrag", "119,00")],
     (100.0, 19.0, 119.0)),
    ([("Gesamtbetrag", "119,00"), ("darin enthalten 19% MwSt.", "19,00")], (100.0, 19.0, 119.0)),
    ([("Subtotal (incl. VAT)", "120.00"), ("VAT 20% included", "20.00"), ("Total", "120.00")], (100.0, 20.0, 120.0)),
    # Zoho's Indian layout: the subtotal says the tax is in it, the rates are glued to the taxes' names
    ([("Sub Total (Tax Inclusive)", "135.01"), ("CGST2.5 (2.5%)", "3.21"), ("SGST2.5 (2.5%)", "3.21"),
      ("Total", "135.01")], (128.59, 6.42, 135.01)),
    # (its label on two lines: "Sub Total" over "(Tax Inclusive)", the amount beside the second)
    ([("Sub Total", ""), ("(Tax Inclusive)", "135.01"), ("CGST2.5 (2.5%)", "3.21"), ("SGST2.5 (2.5%)", "3.21"),
      ("Total", "135.01")], (128.59, 6.42, 135.01)),
    # the total says the tax is in it, and no untaxed amount is printed
    ([("Total incl. VAT", "119.00"), ("VAT 19%", "19.00")], (100.0, 19.0, 119.0)),
])
def test_taxes_in_halves_and_taxes_included_in_the_prices(rows, totals):
    def draw(page):
        page.drawString(40, H - 50, "Muster Shop GmbH")
        page.drawString(40, H - 80, "Rechnung Nr. 4711   Datum: 01.02.2024")
        draw_row(page, H - 150, ((40, "Artikel A"), (450, rows[0][1] or rows[1][1])))
        draw_lines(page, H - 200, [label for label, _value in rows], x=300)
        draw_lines(page, H - 200, [value for _label, value in rows], x=450)
    assert totals_of(extract(pdf(draw), "invoice")) == pytest.approx(totals)



def test_a_tax_column_of_the_items_is_no_part_of_a_tax_included_in_the_prices():
    def draw(page):
        page.drawString(40, H - 50, "Prerna Tax Financial Services")
        page.drawString(40, H - 80, "Invoice # INV-000007   Invoice Date: 11/12/2023")
        draw_row(page, H - 140, ((40, "Item"), (200, "Qty"), (250, "Rate"), (320, "CGST Amt"), (400, "SGST Amt"),
                                 (480, "Amount")))
        draw_row(page, H - 155, ((40, "Blanket"), (200, "1.00"), (250, "135.01"), (320, "3.21"), (400, "3.21"),
                                 (480, "135.01")))
        draw_lines(page, H - 200, ["Sub Total (Tax Inclusive)", "CGST2.5 (2.5%)", "SGST2.5 (2.5%)", "Total"], x=300)
        draw_lines(page, H - 200, ["135.01", "3.21", "3.21", "135.01"], x=480)
    assert totals_of(extract(pdf(draw), "invoice")) == pytest.approx((128.59, 6.42, 135.01))


@pytest.mark.parametrize("heading, supplier", [
    ("Prerna Tax Financial Services", "Prerna Tax Financial Services"),  # Zoho's Indian demo bill
    ("TAX INVOICE", None),  # the document's title names no one
    ("Bill To", None),
])
def test_a_name_heading_the_bill_in_large_type_is_the_supplier_when_nothing_else_names_one(heading, supplier):
    def draw(page):
        page.setFont("VeraBd", 14)
        page.drawString(40, H - 50, heading)
        page.setFont("Vera", 8)
        draw_lines(page, H - 64, ["Gujarat", "India", "GSTIN 24ABHPT7057L1Z3", "urstaxadvisor@gmail.com"], step=10)
        draw_row(page, H - 130, ((40, "Invoice Date : 11/12/2023"), (300, "Bill To")))
        page.drawString(300, H - 140, "Mr Customer")
        draw_row(page, H - 260, ((300, "Total"), (480, "135.01")))
    assert selected_content(extract(pdf(draw), "invoice"), "supplier") == supplier


def test_a_number_inside_a_description_stays_and_a_currency_code_after_a_price_leaves_it():
    from engine.tests.documents import draw_lines, draw_row

    def draw(page):
        y = draw_lines(page, 800, ["Muster Bürobedarf GmbH", "USt-IdNr.: DE136695976", "RECHNUNG",
                                   "Rechnungsnummer RE-4711", "Rechnungsdatum: 24.07.2014"])
        y -= 20
        draw_row(page, y, [(40, "Pos."), (80, "Beschreibung"), (300, "Menge"), (360, "Einzelpreis"), (460, "Betrag")])
        for pos, text, qty, price, amount in (("1", "Kopierpapier A4, 500 Blatt", "10", "4,50 EUR", "45,00 EUR"),
                                              ("2", "Kugelschreiber blau", "20", "0,75 EUR", "15,00 EUR")):
            y -= 16
            draw_row(page, y, [(40, pos), (80, text), (300, qty), (360, price), (460, amount)])
        draw_row(page, y - 30, [(360, "Nettobetrag:"), (460, "60,00 EUR")])
        draw_row(page, y - 46, [(360, "zzgl. 19 % MwSt.:"), (460, "11,40 EUR")])
        draw_row(page, y - 62, [(360, "Gesamtbetrag:"), (460, "71,40 EUR")])

    result = extract(pdf(draw), "invoice", {"user_lang": "en_US"})
    descriptions = [line["description"]["selected_value"]["content"] for line in result["invoice_lines"]]
    assert descriptions == ["Kopierpapier A4, 500 Blatt", "Kugelschreiber blau"]
