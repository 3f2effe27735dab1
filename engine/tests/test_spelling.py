"""Known words OCR misread one letter of: mail services and trade words."""
import pytest
from reportlab.lib.pagesizes import A4

from engine import extract
from engine.fields.contact import mail_service_spelling
from engine.fields.spelling import Vocabulary
from engine.tests.documents import drawn_pdf as cv

H = A4[1]


@pytest.mark.parametrize("read, meant", [
    ("david.strongarm@gmall.com", "david.strongarm@gmail.com"),
    ("jane.roe@hotmaiI.co.uk", "jane.roe@hotmail.co.uk"),
    ("b.smith@yah0o.fr", "b.smith@yahoo.fr"),
    ("jane@ymail.com", "jane@ymail.com"),  # a service of its own, not a misread gmail
    ("jane@gmall-design.com", "jane@gmall-design.com"),
    ("info@jankuester.com", "info@jankuester.com"),
    ("not an address", "not an address"),
])
def test_a_mail_service_misread_one_letter_of(read, meant):
    assert mail_service_spelling(read) == meant


def test_a_word_as_near_two_known_words_is_left_alone():
    vocabulary = Vocabulary(["mark", "narr"])
    assert vocabulary.respell("NARK") == "NARK"  # N for M, or K for R: nothing says which
    assert Vocabulary(["mart"]).respell("NART") == "MART"
    assert Vocabulary(["mart"]).respell("Nart") == "Mart"
    assert Vocabulary(["mart"]).respell("KART") == "KART"  # K and M are not confused


def test_a_cv_email_with_a_misread_mail_service():
    def draw(page):
        page.setFont("VeraBd", 24)
        page.drawString(50, H - 60, "David Armstrong")
        page.setFont("Vera", 10)
        page.drawString(50, H - 80, "david.strongarm@gmall.com · +1 555 0100 200")
        page.setFont("VeraBd", 12)
        page.drawString(50, H - 120, "Experience")
    result = extract(cv(draw), "applicant")
    assert result["email"]["selected_value"]["content"] == "david.strongarm@gmail.com"
