"""CV layouts: labelled names with particles, names on two lines, big names beside small contact details,
phone labels after the number — as text layers and as scans."""
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader

from engine import extract
from engine.tests.documents import FONT, FONT_BOLD, image_bytes, render_pdf, unicode_font
from engine.tests.documents import drawn_pdf as cv

W, H = A4


def labelled_dutch(page):
    page.setFont("VeraBd", 16)
    page.drawString(50, H - 60, "Curriculum Vitae")
    page.setFont("Vera", 10)
    y = H - 100
    for label, value in (("Naam", "Pieter van den Berg"), ("Adres", "Keizersgracht 12, 1015 CS Amsterdam"),
                         ("Telefoon", "+31 20 123 4567"), ("Mobiel", "+31 6 12345678"),
                         ("E-mail", "p.vandenberg@ziggo.nl")):
        page.drawString(50, y, label)
        page.drawString(170, y, ": " + value)
        y -= 14
    page.setFont("VeraBd", 12)
    page.drawString(50, y - 20, "Werkervaring")


def name_on_two_lines(page):
    page.setFont("VeraBd", 30)
    page.drawString(50, H - 70, "ANNA")
    page.drawString(50, H - 105, "ROSSI")
    page.setFont("Vera", 11)
    page.drawString(50, H - 125, "Ingegnere Informatico")
    page.setFont("Vera", 9)
    for offset, text in ((60, "Tel: +39 02 1234 5678"), (72, "Cell: +39 333 123 4567"),
                         (84, "anna.rossi@libero.it"), (96, "Via Roma 1, 20121 Milano")):
        page.drawString(350, H - offset, text)
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 170, "ESPERIENZA")


def big_name_beside_contacts(page):
    page.setFont("Vera", 9)
    page.drawRightString(W - 50, H - 40, "joao.silva@sapo.pt")
    page.drawRightString(W - 50, H - 52, "Telefone: +351 21 123 4567")
    page.drawRightString(W - 50, H - 64, "Telemóvel: +351 912 345 678")
    page.setFont("VeraBd", 20)
    page.drawString(50, H - 60, "João Pedro Silva")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 110, "Experiência Profissional")


def us_resume(page):
    page.setFont("VeraBd", 22)
    page.drawString(50, H - 60, "Emily Johnson")
    page.setFont("Vera", 10)
    page.drawString(50, H - 78, "New York, NY 10001 • (917) 555-0123 (cell) • Home: (212) 555-0147 • "
                                "emily.johnson@outlook.com")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 120, "PROFESSIONAL EXPERIENCE")
    page.setFont("Vera", 10)
    page.drawString(50, H - 150, "References: John Smith, (212) 555-0199, john.smith@gs.com")


def name_and_title_on_one_line(page):
    page.setFont("VeraBd", 22)
    page.drawCentredString(W / 2, H - 60, "Lena Schmidt | Data Scientist")
    page.setFont("Vera", 10)
    page.drawCentredString(W / 2, H - 80, "Berlin • (+49) 30 1234 5678 • lena.schmidt@posteo.de")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 120, "Berufserfahrung")


def made_up_international_number(page):
    page.setFont("VeraBd", 24)
    page.drawString(50, H - 60, "John Doe")
    page.setFont("Vera", 10)
    page.drawString(50, H - 80, "street and number -- postcode city")
    page.drawString(50, H - 94, "+1 (234) 567 890 • john@doe.org • www.johndoe.com")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 130, "Education")


def resume_word_and_degree_beside_the_name(page):
    page.setFont("VeraBd", 24)
    page.drawString(50, H - 60, "JAN KÜSTER M.SC. RESUME")
    page.setFont("Vera", 10)
    page.drawString(50, H - 80, "Bremen, Germany · info@jankuester.de · +49 176 3131 8774")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 120, "Experience")


def europass_mobile_then_fixed_line(page):
    page.setFont("Vera", 10)
    page.drawString(50, H - 60, "Curriculum vitae")
    page.drawString(50, H - 90, "PERSONAL INFORMATION")
    page.setFont(unicode_font(), 14)  # Vera has no Ż
    page.drawString(200, H - 90, "Łukasz Żółkiewski")
    page.setFont("Vera", 9)
    page.drawString(200, H - 110, "ul. Marszałkowska 10, 00-590 Warszawa (Polska)")
    page.drawString(200, H - 124, "+48 601 234 567")
    page.drawString(320, H - 124, "+48 22 123 45 67")
    page.drawString(200, H - 138, "lukasz.zolkiewski@wp.pl")
    page.setFont("Vera", 10)
    page.drawString(50, H - 170, "WORK EXPERIENCE")


def europass_heading_beside_the_name(page):
    # on a scan OCR reads "PERSONAL INFORMATION Betty Smith" as one line
    page.setFont("Vera", 10)
    page.drawString(50, H - 60, "Curriculum vitae")
    page.setFont("Vera", 8)
    page.drawRightString(180, H - 90, "PERSONAL INFORMATION")
    page.setFont("Vera", 14)
    page.drawString(192, H - 90, "Betty Smith")
    page.setFont("Vera", 9)
    page.drawString(192, H - 110, "32 Reading rd, Birmingham B26 3QJ United Kingdom")
    page.drawString(192, H - 124, "+44 7123456789")
    page.drawString(300, H - 124, "+44 2012345679")
    page.drawString(192, H - 138, "smith@kotmail.com")
    page.drawString(192, H - 160, "Gender Female | Date of birth 01 March 1975")
    page.setFont("Vera", 10)
    page.drawString(50, H - 190, "WORK EXPERIENCE")


def name_beside_small_print(page):
    # on a scan OCR reads the name and the small print beside it as one line; the web address spells the name
    page.setFont("Vera", 24)
    page.drawString(150, H - 50, "Debarghya Das")
    page.setFont("Vera", 7)
    page.drawString(345, H - 50, "Last Updated on 21st January 2015")
    page.setFont("Vera", 9)
    page.drawString(200, H - 80, "debarghyadas.com | fb.co/dd")
    page.drawString(180, H - 92, "deedy@fb.com | +1 607 379 5733 | dd367@cornell.edu")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 130, "EDUCATION")
    page.drawString(50, H - 150, "CORNELL UNIVERSITY")


def name_comma_title_and_contact_line(page):
    # Odoo's demo CVs: "Name, Job title" and the phone between the address and the e-mail, with no label
    page.setFont("VeraBd", 18)
    page.drawCentredString(W / 2, H - 50, "Cécile Donth, Developer Python")
    page.setFont("Vera", 10)
    page.drawCentredString(W / 2, H - 72, "California, United States, 98765411, c-cile72@msn.example.com")
    page.setFont("VeraBd", 11)
    page.drawString(50, H - 110, "EMPLOYMENT HISTORY")
    page.setFont("Vera", 10)
    page.drawString(200, H - 110, "2016 — 2018  Junior Python Developer, CodeFemme Solutions")


def phone_label_above_in_a_sidebar(page):
    page.setFont("VeraBd", 22)
    page.drawString(50, H - 60, "John Bruno")
    page.setFont("Vera", 10)
    page.drawString(50, H - 80, "Marketing and Community Manager")
    for offset, text in ((120, "Details"), (140, "Phone"), (154, "9988774455"), (200, "Email"),
                         (214, "johnnyboy@gmail.example.com")):
        page.drawString(50, H - offset, text)
    page.drawString(250, H - 120, "Profile")
    page.drawString(250, H - 140, "As an accomplished Marketing and Content Manager with 4 years of experience")


def tagline_over_the_name_its_web_address_spells(page):
    # the biggest words are a tagline; the CV's own address spells the name in the small print under it
    page.setFont("VeraBd", 24)
    page.drawString(50, H - 60, "Creative Technologist")
    page.setFont("Vera", 10)
    page.drawString(50, H - 80, "Jan Küster · Bremen, Germany · info@jankuester.com · www.jankuester.com")
    page.drawString(50, H - 94, "Mobile: +49 176 3131 8774 · github.com/jankapunkt")
    page.setFont("VeraBd", 12)
    page.drawString(50, H - 130, "Experience")


def one_word_name_on_a_banner(page):
    # a first name alone in large type over the job sought, white on a dark banner; the address spells it
    page.setFillColorRGB(0.2, 0.2, 0.2)
    page.rect(0, H - 130, W, 130, stroke=0, fill=1)
    page.setFillColorRGB(1, 1, 1)
    page.setFont("VeraBd", 30)
    page.drawCentredString(W / 2, H - 60, "Jose")
    page.setFont("Vera", 8)
    page.drawCentredString(W / 2, H - 78, "I T   I N T E R N")
    page.drawString(150, H - 112, "the.jose@gmail.example.com      California, United States      999666735")
    page.setFillColorRGB(0, 0, 0)
    page.setFont("VeraBd", 14)
    page.drawString(90, H - 180, "Profile")
    page.setFont("Vera", 10)
    page.drawString(90, H - 198, "As a recent graduate with a strong foundation in information technology, I am eager")


def chinese_name_over_headings(page):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page.setFont("STSong-Light", 24)
    page.drawString(300, H - 80, "李小龙")
    page.setFont("STSong-Light", 12)
    page.drawString(300, H - 110, "简历题目")  # "résumé title"
    page.setFont("Vera", 10)
    page.drawString(300, H - 130, "xiaolong@li.com.cn  +86 138 0013 8000")
    page.setFont("STSong-Light", 14)
    page.drawString(80, H - 170, "教育背景")  # "education"


CASES = [
    (labelled_dutch, "nl_NL", ("Pieter van den Berg", "p.vandenberg@ziggo.nl", "+31 20 123 4567", "+31 6 12345678")),
    (name_on_two_lines, "it_IT", ("ANNA ROSSI", "anna.rossi@libero.it", "+39 02 1234 5678", "+39 333 123 4567")),
    (big_name_beside_contacts, "pt_PT",
     ("João Pedro Silva", "joao.silva@sapo.pt", "+351 21 123 4567", "+351 912 345 678")),
    (us_resume, "en_US", ("Emily Johnson", "emily.johnson@outlook.com", "(212) 555-0147", "(917) 555-0123")),
    (name_and_title_on_one_line, "de_DE", ("Lena Schmidt", "lena.schmidt@posteo.de", "(+49) 30 1234 5678", None)),
    (made_up_international_number, "en_US", ("John Doe", "john@doe.org", "+1 (234) 567 890", None)),
    (resume_word_and_degree_beside_the_name, "de_DE",
     ("JAN KÜSTER", "info@jankuester.de", "+49 176 3131 8774", "+49 176 3131 8774")),
    (europass_mobile_then_fixed_line, "pl_PL",
     ("Łukasz Żółkiewski", "lukasz.zolkiewski@wp.pl", "+48 22 123 45 67", "+48 601 234 567")),
    (europass_heading_beside_the_name, "en_GB",
     ("Betty Smith", "smith@kotmail.com", "+44 2012345679", "+44 7123456789")),
    (name_beside_small_print, "en_US", ("Debarghya Das", "deedy@fb.com", "+1 607 379 5733", None)),
    (name_comma_title_and_contact_line, "en_US", ("Cécile Donth", "c-cile72@msn.example.com", "98765411", None)),
    (phone_label_above_in_a_sidebar, "en_US", ("John Bruno", "johnnyboy@gmail.example.com", "9988774455", None)),
    (chinese_name_over_headings, "zh_CN", ("李小龙", "xiaolong@li.com.cn", "+86 138 0013 8000", "+86 138 0013 8000")),
    (tagline_over_the_name_its_web_address_spells, "de_DE",
     ("Jan Küster", "info@jankuester.com", "+49 176 3131 8774", "+49 176 3131 8774")),
    (one_word_name_on_a_banner, "en_US", ("Jose", "the.jose@gmail.example.com", "999666735", None)),
]


def fields(result):
    return tuple((result[name].get("selected_value") or {}).get("content") for name in ("name", "email", "phone",
                                                                                         "mobile"))


@pytest.mark.parametrize("draw, lang, expected", CASES, ids=[case[0].__name__ for case in CASES])
def test_cv_text_layer(draw, lang, expected):
    assert fields(extract(cv(draw), "applicant", {"user_lang": lang})) == expected


SCANNED = [case for case in CASES if case[0] in (
    name_on_two_lines, big_name_beside_contacts, name_and_title_on_one_line, europass_heading_beside_the_name,
    name_beside_small_print, name_comma_title_and_contact_line, phone_label_above_in_a_sidebar,
    one_word_name_on_a_banner)]


@pytest.mark.parametrize("draw, lang, expected", SCANNED, ids=[case[0].__name__ for case in SCANNED])
def test_cv_scanned(draw, lang, expected):
    scan = image_bytes(render_pdf(cv(draw), dpi=150))
    assert fields(extract(scan, "applicant", {"user_lang": lang})) == expected


def cv_picture(name):
    """The picture of a scanned CV's top: the name, room for contact details at y 140–175, a heading."""
    image = Image.new("RGB", (1240, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.text((100, 60), name, font=ImageFont.truetype(FONT_BOLD, 48), fill="black")
    draw.text((100, 250), "Experience", font=ImageFont.truetype(FONT_BOLD, 30), fill="black")
    return image, draw


def test_icons_between_contact_details_on_a_scan():
    # contact details separated by icons and no spaces: OCR drops the icons and would glue the items together
    image, draw = cv_picture("Mara Lindqvist")
    font, x = ImageFont.truetype(FONT, 22), 200
    for index, item in enumerate(["+46 70 123 45 67", "mara.lindqvist@telia.se", "www.lindqvist.se"]):
        if index:
            draw.ellipse((x + 8, 150, x + 30, 172), fill="black")
            x += 38
        draw.text((x, 148), item, font=font, fill="black")
        x += draw.textlength(item, font=font)
    result = extract(image_bytes(image), "applicant", {"user_lang": "sv_SE"})
    assert fields(result) == ("Mara Lindqvist", "mara.lindqvist@telia.se", "+46 70 123 45 67", "+46 70 123 45 67")


@pytest.mark.parametrize("printed, name", [
    ("JAN KÜSTERIRESUME", "JAN KÜSTER"),  # OCR of "JAN KÜSTER | RESUME": the bar read as I, the spaces lost
    ("JAN KÜSTERIM.SC.", "JAN KÜSTER"),
    ("JAN KÜSTER IRESUME", "JAN KÜSTER"),
    ("Jane Roe, PhD", "Jane Roe"),
    ("MARCO ROSSI", "MARCO ROSSI"),
])
def test_what_follows_a_name_on_its_line_is_not_the_name(printed, name):
    def draw(page):
        page.setFont("VeraBd", 24)
        page.drawString(50, H - 60, printed)
        page.setFont("Vera", 10)
        page.drawString(50, H - 80, "someone@example.org")
        page.setFont("VeraBd", 12)
        page.drawString(50, H - 120, "Experience")
    assert fields(extract(cv(draw), "applicant"))[0] == name


@pytest.mark.parametrize("printed, name", [
    ("李小龙", "李小龙"), ("小龙 李", "李小龙"), ("李 小龙", "李小龙"), ("山田 太郎", "山田 太郎"),
    ("教育背景", ""), ("李", ""), ("Li Xiaolong", ""),
])
def test_chinese_names_are_written_family_name_first(printed, name):
    from engine.fields.applicant import _han_name

    assert _han_name(printed) == name


def test_a_scan_with_an_invisible_ocr_layer_is_read_again():
    # the picture of a CV with a cheap OCR layer under it (render mode 3): the layer lost the dot of the domain
    picture, draw = cv_picture("Kelly Wallant")
    draw.text((100, 140), "Miami, United States, 879895515, kelly@wallant.example.com",
              font=ImageFont.truetype(FONT, 24), fill="black")

    def draw_page(page):
        page.drawImage(ImageReader(picture), 0, H - 300, width=W, height=W * 600 / 1240)
        layer = page.beginText(50, H - 60)
        layer.setTextRenderMode(3)
        layer.setFont("Vera", 10)
        for text in ("Kelly Wallant", "Miami, United States, 879895515, kelly@wallantexample.com", "Experience"):
            layer.textLine(text)
        page.drawText(layer)
    result = fields(extract(cv(draw_page), "applicant", {"user_lang": "en_US"}))
    assert result[:2] == ("Kelly Wallant", "kelly@wallant.example.com")
