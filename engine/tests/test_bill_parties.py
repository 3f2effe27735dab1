"""Who the bill is from and to, on layouts of real bills (telecom, retail, hotel, test fixtures): a letterhead
that is only a logo, labels printed over their values, titles and slogans above the address window."""
from reportlab.lib.pagesizes import A4

from engine import extract
from engine.tests.documents import candidate_contents, draw_lines, selected_content
from engine.tests.documents import drawn_pdf as pdf

W, H = A4


def test_a_company_whose_letterhead_is_a_logo_is_named_by_its_own_domain():
    def draw(page):
        draw_lines(page, H - 110, ["Date de facture : 02/11/2019", "N° de facture : 11608848301659"])
        draw_lines(page, H - 200, ["M DE LATTRE ALEXIS", "ALEXINUX SARL", "35 B RUE MONTGOLFIER", "69100 VILLEURBANNE"],
             x=320)
        draw_lines(page, H - 320, ["Vos services Bouygues Telecom      10,83      12,99",
                             "TVA 20,00 % payée sur les débits      2,17",
                             "Montant de la facture      12,99"])
        draw_lines(page, H - 600, ["Pour connaître nos tarifs, rendez-vous sur bouyguestelecom.fr rubrique Tarifs."])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert selected_content(result, "supplier") == "Bouygues Telecom"
    assert "bouyguestelecom.fr" in candidate_contents(result, "website")


def test_a_field_name_over_its_value_is_no_name():
    def draw(page):
        draw_lines(page, H - 90, ["Free Service Abonné", "75371 Paris Cedex 08"])
        draw_lines(page, H - 160, ["de Lattre Alexis", "35 RUE du logiciel libre", "69100 VILLEURBANNE"], x=300)
        page.drawString(40, H - 260, "Adresse email de contact")
        page.drawString(300, H - 260, "Nom de l’abonné")
        page.drawString(40, H - 274, "alexis@example.org")
        page.drawString(300, H - 274, "de Lattre Alexis")
        page.drawString(300, H - 288, "35 RUE du logiciel libre")
        page.drawString(300, H - 302, "69100 VILLEURBANNE")
        draw_lines(page, H - 340, ["Facture n°562044387 du 02 Juillet 2015", "Somme à payer 29.99 € TTC"])
        draw_lines(page, H - 700, ["Free SAS au capital de 3.441.812 Euros, voir http://www.free.fr/assistance/"])
    result = extract(pdf(draw), "invoice", {"user_lang": "fr_FR"})
    assert selected_content(result, "client") == "de Lattre Alexis"
    assert "Nom de l’abonné" not in candidate_contents(result, "client")
    assert selected_content(result, "supplier") in ("Free Service Abonné", "Free SAS")


def test_the_title_and_a_slogan_above_the_address_window_are_not_the_clients_name():
    def draw(page):
        page.setFont("VeraBd", 12)
        page.drawString(40, H - 55, "FACTUUR.")
        page.setFont("Vera", 10)
        page.drawString(420, H - 55, "Coolblue B.V.")
        draw_lines(page, H - 66, ["Weena 664", "3012 CN Rotterdam"], x=420)
        draw_lines(page, H - 72, ["Dat betaal ik zelf wel.", "", "Pino Bluebird", "Sessamestreet 32",
                                  "1025 RX Amsterdam"])
        draw_lines(page, H - 160, ["Factuurnummer: 993548900", "Factuurdatum: 19 april 2014"])
    result = extract(pdf(draw), "invoice", {"user_lang": "nl_NL"})
    assert selected_content(result, "client") == "Pino Bluebird"
    assert selected_content(result, "supplier") == "Coolblue B.V."


def test_a_client_heading_in_a_row_of_column_labels_heads_the_value_under_it_only():
    def draw(page):
        page.drawString(80, H - 130, "Factuuradres")
        page.drawString(300, H - 130, "Afleveradres")
        draw_lines(page, H - 144, ["Strategic Corp", "T.a.v. bosd", "Fakestreet 46", "3500 MJ Utrecht"], x=80)
        draw_lines(page, H - 144, ["bosd", "Fakestreet 46", "3500 MJ Utrecht"], x=300)
        for x, label, value in ((40, "Klant", "SCONL0303006280999"), (170, "Order", "SCONL000000444"),
                                (280, "Factuur datum", "8-9-2022"), (370, "Factuur", "VF1005193039"),
                                (470, "Vervaldatum", "22-9-2022")):
            page.drawString(x, H - 280, label)
            page.drawString(x, H - 294, value)
        page.drawString(40, H - 330, "Artikel")
        page.drawString(120, H - 330, "Omschrijving")
        page.drawString(40, H - 344, "E103184")
        page.drawString(120, H - 344, "Onderhoudsset CA6707/10   1 PCS   49,99")
    result = extract(pdf(draw), "invoice", {"user_lang": "nl_NL"})
    assert selected_content(result, "client") == "Strategic Corp"
    assert "Artikel Omschrijving" not in candidate_contents(result, "client")
    # the client's name is not offered as the supplier, whose data is an image on the real bill
    assert selected_content(result, "supplier") != "Strategic Corp"


def test_labels_before_a_guests_name_and_words_inside_a_domain():
    def draw(page):
        draw_lines(page, H - 50, ["PAYMENT RECEIPT"], x=120)
        page.drawString(40, H - 85, "Guest Name: Sanjay")
        page.drawString(330, H - 85, "Date: 31/12/2017")
        for x, label, value in ((40, "Hotel Details", "OYO 4189 Resort Nanganallur,"), (250, "Check In", "31/12/2017"),
                                (340, "Check Out", "01/01/2018"), (450, "Rooms", "1")):
            page.drawString(x, H - 115, label)
            page.drawString(x, H - 127, value)
        draw_lines(page, H - 200, ["Room Charges    Rs 1939 x 1 Night x 1 Room    Rs 1939", "Grand Total    Rs 1939"])
        draw_lines(page, H - 450, ["Note : All Payment to be made in favor of", "Oravel Stays Pvt. Ltd.",
                             "Chennai - 600114"])
        draw_lines(page, H - 700, ["Corporate Office: Gurgaon -122001 | Email: contactus@oyorooms.com"])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_IN"})
    assert "Rooms" not in candidate_contents(result, "supplier")
    assert selected_content(result, "supplier") == "Oravel Stays Pvt. Ltd."
    assert "Guest Name: Sanjay" not in candidate_contents(result, "client")


def test_an_identifier_that_holds_a_label_word_is_no_label():
    def draw(page):
        draw_lines(page, H - 120, ["This is an empty invoice for the OCA account_invoice_import module test suite.",
                             "so that account_invoice_import_invoice2data will never extract anything from it !"])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_US"})
    assert "import_invoice2data" not in candidate_contents(result, "invoice_id")


def test_a_name_that_starts_like_a_label_keeps_its_first_letters():
    def draw(page):
        draw_lines(page, H - 60, ["ACME Tools Ltd", "1 High Street", "London EC1A 1BB"])
        draw_lines(page, H - 150, ["Bill To:", "Nomura Holdings Inc.", "9 Market Road", "Leeds LS1 4AP"])
        draw_lines(page, H - 250, ["Invoice No: 4521", "Invoice Date: 03/02/2024"])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_GB"})
    assert selected_content(result, "client") == "Nomura Holdings Inc."


def test_a_title_of_several_words_above_the_address_block_is_no_name():
    def draw(page):
        draw_lines(page, H - 50, ["OYO PAYMENT RECEIPT", "Sanjay Kumar", "Koilstraße 25", "60311 Frankfurt"])
        draw_lines(page, H - 200, ["Booking ID IBZY2087", "Date: 31/12/2017", "Grand Total  Rs 1939"])
    result = extract(pdf(draw), "invoice", {"user_lang": "en_IN"})
    assert selected_content(result, "client") == "Sanjay Kumar"


def test_what_a_party_candidate_is_is_its_kind_not_its_score():
    """The sender line and a signed name are told by Candidate.kind (fields/weights.py), which is not part of the
    result nor of a candidate's equality."""
    from engine.fields import weights
    from engine.fields.candidates import Candidate
    from engine.fields.parties import party_candidates
    from engine.fields.tokens import line_texts
    from engine.reading.loader import load

    def draw(page):
        draw_lines(page, H - 150, ["Alphabet · Lilienthalallee 26 · 80939 München"], x=60)
        draw_lines(page, H - 175, ["Adatum Corporation", "Musterstraße 5", "10115 Berlin"], x=60)
        draw_lines(page, H - 500, ["Mit freundlichen Grüßen", "Anna Schmidt"], x=60)
    suppliers, clients = party_candidates(line_texts(load(pdf(draw)).pages))
    kinds = {c.content: c.kind for c in suppliers}
    assert kinds["Alphabet"] == weights.KIND_SENDER_LINE
    assert kinds["Anna Schmidt"] == weights.KIND_SIGNATURE
    sender = next(c for c in suppliers if c.kind == weights.KIND_SENDER_LINE)
    assert sender.score == weights.SENDER_LINE
    # the client's address under the sender line scores as such (0.45 + 0.1 left + 0.2 under the sender + 0.05)
    adatum = next(c for c in clients if c.content.startswith("Adatum"))
    assert abs(adatum.score - 0.8) < 1e-9
    assert Candidate("X", 0.7, kind=weights.KIND_SENDER_LINE) == Candidate("X", 0.7)
    assert "kind" not in Candidate("X", 0.7, kind=weights.KIND_SENDER_LINE).as_json()
