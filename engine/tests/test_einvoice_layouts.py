"""Layouts of e-invoice samples as their generators print them (XML stylesheets, Factur-X examples): credit
notes, related documents, labelled currencies, net amounts in parts, kerned runs, address blocks."""
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from engine import extract
from engine.reading.loader import load
from engine.tests.documents import draw_lines, draw_row, line_values, selected_content, unicode_font
from engine.tests.documents import drawn_pdf as pdf

W, H = A4


def totals_block(page, y, lines):
    for label, amount in lines:
        page.drawString(300, y, label)
        page.drawRightString(550, y, amount)
        y -= 14


def test_a_credit_note_is_numbered_after_its_title_and_the_invoice_date_is_no_number():
    def draw(page):
        draw_lines(page, H - 50, ["Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France",
                            "TVA : FR11999999998 - SIRET : 99999999800010"])
        page.setFont("VeraBd", 14)
        page.drawString(40, H - 110, "Avoir AV-2017-0005")
        page.setFont("Vera", 10)
        page.drawString(40, H - 230, "Date de facture")
        page.drawString(160, H - 230, "16/11/2017")
        page.drawString(40, H - 300, "Facture liée")
        page.drawString(160, H - 300, "FA-2017-0010")
        totals_block(page, H - 400, [("Total HT", "-218,48 €"), ("Total taxes", "-14,99 €"),
                                     ("Total TTC", "-233,47 €")])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert selected_content(result, "invoice_id") == "AV-2017-0005"
    assert "16/11/2017" not in [c["content"] for c in result["invoice_id"]["candidates"]]
    assert selected_content(result, "date") == "2017-11-16"


def test_the_number_of_a_related_document_on_a_later_page_is_not_the_invoice_number():
    def draw(page):
        page.drawString(40, H - 110, "Rechnungskorrektur Nr. RK21012345 vom 16.09.2018")
        totals_block(page, H - 400, [("Summe netto", "-7,67"), ("USt. 19%", "-1,12"), ("Gesamtbetrag", "-8,79")])
        page.showPage()
        page.setFont("Vera", 10)
        page.drawString(40, H - 60, "Ursprungsbeleg-Nr: R87654321012345")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "invoice_id") == "RK21012345"


def test_the_date_of_the_associated_invoice_is_not_the_invoice_date():
    def draw(page):
        draw_lines(page, H - 50, ["FACTURE N° : F20180027", "Date : 31/12/2018"], x=300)
        draw_lines(page, H - 300, ["N° DE FACTURE ASSOCIÉE : F20180003", "DATE DE FACTURE ASSOCIÉE : 30/11/2018",
                             "DATE DE DEBUT DE PRESTATION : 01/12/2018"])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert selected_content(result, "date") == "2018-12-31"
    assert selected_content(result, "invoice_id") == "F20180027"


def test_the_number_and_date_of_the_invoice_a_credit_note_corrects_are_not_its_own():
    def draw(page):
        draw_lines(page, H - 50, ["Northwind Supplies Ltd", "VAT GB123456782"])
        draw_lines(page, H - 120, ["CREDIT NOTE CN-2024-017", "Date: 12/03/2024"], x=360)
        # the corrected invoice, labelled more strongly than the credit note's own number and date
        draw_lines(page, H - 250, ["Associated invoice no.: INV-2024-0042", "Previous invoice date: 01/02/2024"])
        totals_block(page, H - 400, [("Subtotal", "-100.00"), ("VAT 20%", "-20.00"), ("Total", "-120.00")])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_GB"})
    assert selected_content(result, "date") == "2024-03-12"
    assert selected_content(result, "invoice_id") == "CN-2024-017"


def test_a_labelled_currency_wins_over_codes_counted_elsewhere():
    def draw(page):
        draw_lines(page, H - 60, ["Rechnungswährung : GBP", "Währung der Umsatzsteuerbuchung : EUR"])
        draw_lines(page, H - 200, ["Steuerbetrag in EUR: 183,14 EUR", "Umrechnungskurs EUR/GBP 0,89",
                             "Buchungswährung EUR"])
        totals_block(page, H - 400, [("Summe netto", "858,75"), ("USt. 19%", "163,16"), ("Gesamtbetrag", "1.021,91")])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "currency") == "GBP"


def test_office_hours_are_no_swiss_francs():
    def draw(page):
        draw_lines(page, H - 60, ["Währung: EUR"])
        draw_lines(page, H - 600, ["Mo.-Fr. 08.30 - 12.30 Uhr", "Mo.-Fr. 14.00 - 17.00 Uhr",
                                   "Mo.-Fr. 18.00 - 20.00 Uhr"])
        totals_block(page, H - 400, [("Summe netto", "100,00"), ("USt. 19%", "19,00"), ("Gesamtbetrag", "119,00")])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "currency") == "EUR"
    assert "CHF" not in [c["content"] for c in result["currency"]["candidates"]]


def test_an_untaxed_amount_printed_in_labelled_parts_adds_up_with_their_taxes():
    def draw(page):
        draw_lines(page, H - 60, ["Rechnung RE1001", "Belegdatum: 26.10.22"])
        draw_lines(page, H - 150, ["1  Suite Enterprise year monthly   1,00 Stk.   84,95   84,95",
                             "2  Suite Plus year yearly   1,00 Stk.   719,40   719,40"])
        totals_block(page, H - 300, [("Positionen netto", "804,35 €"), ("Versandkosten netto", "4,99 €"),
                                     ("Positionen USt. 19,00% auf 804,35 €", "152,83 €"),
                                     ("Versandkosten USt. 19,00% auf 4,99 €", "0,95 €"),
                                     ("Endsumme", "963,12 €")])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "total") == pytest.approx(963.12)
    assert selected_content(result, "subtotal") == pytest.approx(809.34)
    assert selected_content(result, "total_tax_amount") == pytest.approx(153.78)
    scores = [c["score"] for c in result["subtotal"]["candidates"]]
    assert scores == sorted(scores, reverse=True) and max(scores) <= 1.0


def draw_words(page, x, y, words, gap_em, font="Times-Roman", size=10):
    """Each word drawn on its own, ``gap_em`` apart: no space character in the file, pdfium infers them."""
    for word in words:
        page.drawString(x, y, word)
        x += stringWidth(word, font, size) + gap_em * size


def test_a_space_pdfium_infers_from_letter_spacing_inside_a_word_is_no_space():
    # generators that kern after an r start a new run there, a seventh of an em further on, and space their
    # words a quarter of an em apart: no space character in the file, pdfium infers them all
    def draw(page):
        page.setFont("Times-Roman", 10)
        draw_words(page, 100, 700, ["Taxiunter", "nehmen"], 0.14)
        draw_words(page, 100, 680, ["Gr", "undbesitz"], 0.14)
        draw_words(page, 100, 660, ["der", "betrag", "der", "abschläge", "und", "der", "zuschläge"], 0.3)
    words = [w.text for w in load(pdf(draw)).pages[0].words]
    assert words == ["Taxiunternehmen", "Grundbesitz", "der", "betrag", "der", "abschläge", "und", "der",
                     "zuschläge"]


SENTENCE = "please use the following communication for your payment"


def test_words_set_an_eighth_of_an_em_apart_stay_apart():
    # Odoo's reports space every word narrowly: the page's own spaces are the measure
    def draw(page):
        page.setFont("Times-Roman", 10)
        draw_words(page, 100, 700, SENTENCE.split(), 0.14)
    words = [w.text for w in load(pdf(draw)).pages[0].words]
    assert words == SENTENCE.split()


def test_the_heading_of_a_delivery_address_block_is_not_the_clients_name():
    def draw(page):
        draw_lines(page, H - 40, ["Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France"])
        draw_lines(page, H - 130, ["Adresse de livraison", "Ma jolie boutique", "35 rue de la République",
                             "69001 Lyon", "France"])
        draw_lines(page, H - 140, ["Ma jolie boutique", "Alexandre Payet", "35 rue de la République", "69001 Lyon",
                             "France"], x=330)
        draw_lines(page, H - 260, ["Date de facture 16/11/2017"])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert selected_content(result, "client") == "Ma jolie boutique"
    assert "Adresse de livraison" not in [c["content"] for c in result["client"]["candidates"]]


def test_the_window_address_under_the_return_address_line_names_the_client():
    def draw(page):
        draw_lines(page, H - 120, ["Bei Spiel GmbH", "Ecke 12", "12345 Stadthausen"], x=450)
        page.setFont(unicode_font(), 7)  # Vera has no ●
        page.drawString(82, H - 158, "Bei Spiel GmbH  ●  Ecke 12  ●  12345 Stadthausen  ●  Germany")
        page.setFont("Vera", 10)
        # the generator prints the postcode and the town with no space between
        draw_lines(page, H - 172, ["Theodor Est", "Bahnstr. 42", "88802Spielkreis", "Deutschland / Germany"], x=71)
        draw_lines(page, H - 340, ["Invoice # RE-20190610/507 issued at 2019-06-10"])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_US"})
    assert selected_content(result, "supplier") == "Bei Spiel GmbH"
    assert selected_content(result, "client") == "Theodor Est"


def test_no_client_rather_than_the_suppliers_name_twice():
    def draw(page):
        draw_lines(page, H - 120, ["Bei Spiel GmbH", "Ecke 12", "12345 Stadthausen"], x=450)
        page.setFont(unicode_font(), 10)  # Vera has no ●
        draw_lines(page, H - 160, ["Bei Spiel GmbH  ●  Ecke 12  ●  12345 Stadthausen"], x=82)
        page.setFont("Vera", 10)
        draw_lines(page, H - 200, ["Rechnung # RE-20171118/506 von 18.11.2017"])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "supplier") == "Bei Spiel GmbH"
    assert selected_content(result, "client") != "Bei Spiel GmbH"


def test_a_customer_address_heading_and_a_number_label_before_the_name():
    def draw(page):
        page.drawString(40, H - 80, "SELLER TRADE NAME")
        page.drawString(300, H - 80, "Adresse du Client")
        page.drawString(40, H - 94, "LE FOURNISSEUR")
        page.drawString(40, H - 108, "35 rue d'ici")
        page.drawString(300, H - 108, "LE CLIENT")
        page.drawString(40, H - 122, "75018 PARIS, FR")
        page.drawString(300, H - 128, "58 rue de la mer")
        page.drawString(300, H - 142, "06000 NICE")
        draw_lines(page, H - 300, ["Käufer:", "Nummer : Liselotte Müllermann", "Beispielstraße 24", "12345 Berlin"])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    clients = [c["content"] for c in result["client"]["candidates"]]
    assert selected_content(result, "client") == "LE CLIENT"
    assert "Liselotte Müllermann" in clients and "Nummer : Liselotte Müllermann" not in clients


def test_a_printed_zero_tax_under_a_net_total_beats_item_amounts_summed_as_taxes():
    def draw(page):
        draw_lines(page, H - 60, ["Invoice FA-2017-0008", "Invoice date 11/13/2017"])
        page.drawString(40, H - 200, "Description")
        page.drawString(250, H - 200, "Quantity   Unit Price   Disc.")
        page.drawString(480, H - 200, "Price w/o")
        page.drawString(490, H - 212, "Tax")
        for y, (text, amount) in zip((H - 230, H - 246, H - 262), (
                ("Nougat de l'Abbaye 250g   8 Unit(s)   4.55 €   10%", "32.76 €"),
                ("Biscuits aux raisins 300g   20 Unit(s)   3.20 €", "64.00 €"),
                ("Huile d'olive à l'ancienne   100 Liter(s)   19.80 €", "1,980.00 €"))):
            page.drawString(40, y, text)
            page.drawRightString(550, y, amount)
        page.drawString(120, H - 290, "Tax        Base        Amount")
        page.drawString(430, H - 290, "Net total 2,076.76 €")
        page.drawString(40, H - 306, "TVA 0% livraisons intracommunautaires   2,076.76 €   0.00 €")
        page.drawString(430, H - 306, "Tax Total   0.00 €")
        page.drawString(430, H - 326, "Total 2,076.76 €")
    result = extract(pdf(draw), "invoice", {"user_lang": "en_US"})
    assert selected_content(result, "total") == pytest.approx(2076.76)
    assert selected_content(result, "subtotal") == pytest.approx(2076.76)
    assert selected_content(result, "total_tax_amount") == pytest.approx(0.0)


def test_an_iban_whose_groups_stand_far_apart_is_read_whole_even_with_a_bad_checksum():
    def draw(page):
        page.drawString(40, H - 300, "Kontoname : Verkehrsbetriebe GmbH")
        page.drawString(40, H - 314, "IBAN")
        page.drawString(100, H - 314, ":")
        for index, group in enumerate("DE12 1234 5678 9012 3456 78".split()):
            page.drawString(110 + 36 * index, H - 314, group)
        page.drawString(340, H - 314, "BIC")  # a label in a column of its own: no group of the IBAN
        page.drawString(380, H - 314, "COBADEFFXXX")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert selected_content(result, "iban") == "DE12 1234 5678 9012 3456 78"


def item_table(page, rows):
    """The stylesheet's item table: Pos | Beschreibung | Nettopreis | Menge | USt. | Nettobetrag, a row per
    printed line (None leaves a cell empty)."""
    xs = (40, 80, 260, 330, 400, 540)
    for x, text in zip(xs, ("Pos", "Beschreibung", "Nettopreis", "Menge", "USt.", "Nettobetrag")):
        page.drawString(x, H - 200, text)
    y = H - 220
    for cells in rows:
        for x, text in zip(xs, cells):
            if text:
                page.drawRightString(x + 20, y, text) if x == 540 else page.drawString(x, y, text)
        y -= 12
    page.drawString(300, y - 30, "Positionssumme")
    page.drawRightString(560, y - 30, "164,30")


def test_a_row_whose_amount_is_on_its_second_line_of_description_is_one_line():
    def draw(page):
        item_table(page, [("3", "Mineralwasser Medium", "5,4900", "20 Stk", "7 %", None),
                          (None, "4000001234561 12 x 1,0l PET", None, None, None, "109,80"),
                          ("4", "Pfand", "2,7700", "20", "19 %", None),
                          (None, "4000001234578", None, None, None, "55,40")])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(20.0, 5.49, 109.8), (20.0, 2.77, 55.4)]


def test_labelled_amounts_under_an_item_are_no_line_of_their_own():
    def draw(page):
        item_table(page, [("1", "Zitronensäure 100ml", "1,0000", "100 Stk", "19 %", "100,00"),
                          (None, "Bruttopreis : 1,50 Abschlag : 0,03   Artikelrabatt 1   Abschlag : 0,02", None, None,
                           None, None),
                          ("2", "Gelierzucker Extra 250g", "1,4500", "50 Stk", "7 %", "72,50"),
                          (None, "Artikelrabatt 1:   Basis: 75,00 €   Rabatt: -0,03 €/Stk.", None, None, None,
                           None)])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(100.0, 1.0, 100.0), (50.0, 1.45, 72.5)]
    assert "Abschlag" not in result["invoice_lines"][0]["description"]["selected_value"]["content"]


def test_an_amount_on_the_next_line_that_is_no_product_of_the_row_is_still_its_amount():
    # insurance: the amount holds the insurance tax, so quantity × net price does not make it
    def draw(page):
        item_table(page, [("1", "Verbundene Wohngebäudeversicherung", "1.000,0000", "1", "0 %", None),
                          (None, None, None, None, None, "1.163,40"),
                          (None, "Enthält 16,34 % Versicherungssteuer = 163,40 €", None, None, None, None),
                          ("2", "Vollkasko SF25", "117,6471", "1", "0 %", "140,00"),
                          (None, "Enthält 19 % Versicherungssteuer = 22,3529 €", None, None, None, None)])
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(1.0, 1000.0, 1163.4), (1.0, 117.6471, 140.0)]


def test_a_column_named_on_the_line_above_the_header_is_a_column():
    def draw(page):
        page.drawString(520, H - 176, "Positions")
        page.drawString(520, H - 188, "betrag")
        draw_row(page, H - 200, ((40, "Pos"), (80, "Beschreibung"), (260, "Nettopreis"), (330, "Menge"), (400, "USt.")))
        draw_row(page, H - 220, ((40, "1"), (80, "Kfz-Haftpflicht SF25"), (260, "67,2244"), (330, "1 Stk"),
                                 (400, "0 %"), (520, "80,00")))
        page.drawString(300, H - 300, "Summe Positionen")
        page.drawRightString(560, H - 300, "80,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(1.0, 67.2244, 80.0)]


def test_header_cells_read_as_one_segment_are_columns_each():
    def draw(page):
        draw_row(page, H - 200, ((40, "Pos"), (80, "Beschreibung"), (250, "Nettopreis")))
        cells = "Menge Steuersatz Nettobetrag"
        page.drawString(330, H - 200, cells)  # one run of text, as OCR returns close header cells
        x_of = {word: 330 + stringWidth(cells[:cells.index(word)], "Vera", 10) for word in cells.split()}
        draw_row(page, H - 220, ((40, "1"), (80, "Kfz-Haftpflicht SF25"), (250, "67,2244"), (x_of["Menge"], "1"),
                                 (x_of["Steuersatz"], "0 %")))
        page.drawRightString(x_of["Nettobetrag"] + stringWidth("Nettobetrag", "Vera", 10), H - 220, "80,00")
        page.drawString(300, H - 300, "Summe Positionen")
        page.drawRightString(560, H - 300, "80,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(1.0, 67.2244, 80.0)]


def test_a_column_named_under_the_header_beside_another_column_is_a_column():
    def draw(page):
        draw_row(page, H - 200, ((40, "Pos"), (80, "Beschreibung"), (260, "Nettopreis"), (330, "Menge"),
                                 (470, "USt. Positions-")))
        page.drawString(500, H - 212, "betrag")
        draw_row(page, H - 232, ((40, "1"), (80, "Verbundene Wohngebäudeversicherung"), (260, "1.000,0000"),
                                 (330, "1 Stk"), (470, "0 %")))
        page.drawRightString(560, H - 232, "1.163,40")
        page.drawString(300, H - 300, "Summe Positionen")
        page.drawRightString(560, H - 300, "1.163,40")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(1.0, 1000.0, 1163.4)]


def test_a_table_of_allowances_whose_header_ocr_misread_ends_the_items():
    def draw(page):
        xs = (40, 80, 260, 330, 400, 540)
        draw_row(page, H - 200, zip(xs, ("Pos", "Beschreibung", "Nettopreis", "Menge", "USt.", "Nettobetrag")))
        draw_row(page, H - 220, zip(xs, ("1", "Zitronensäure 100ml", "1,0000", "-5 Stk", "19 %", "-5,00")))
        page.drawString(40, H - 260, "Zu- und Abschläge:")
        # "8": the "%" of the header as OCR read it
        draw_row(page, H - 280, zip((40, 120, 200, 280, 360, 540),
                                    ("Art", "8", "Basisbetrag", "Basismenge", "Steuer", "Betrag")))
        draw_row(page, H - 294, zip((40, 120, 280, 360, 540),
                                    ("Abschlag", "Rechnungsrabatt 1", "-5,00", "19 % UST (S)", "0,10")))
        page.drawString(300, H - 340, "Positionssumme")
        page.drawRightString(560, H - 340, "-5,00")
    result = extract(pdf(draw), "invoice", {"user_lang": "de_DE"})
    assert line_values(result) == [(-5.0, 1.0, -5.0)]


@pytest.mark.parametrize("sentence, lang", [("Please remit until 2020-07-11.", "en_US"),
                                            ("Pay until 2020-07-11", "en_US"), ("Pagare entro il 11/07/2020", "it_IT")])
def test_a_sentence_asking_for_payment_by_a_day_gives_the_due_date(sentence, lang):
    def draw(page):
        draw_lines(page, H - 100, ["Invoice # RE-20200620/508 issued at 2020-06-20", "Date of delivery 2020-06-20"])
        draw_lines(page, H - 400, [sentence])
    result = extract(pdf(draw), "invoice", {"user_lang": lang})
    assert selected_content(result, "due_date") == "2020-07-11"
