"""Text-layer invoices in seven languages and their number/date formats, rendered by the tests themselves."""
import json

import pytest

from engine import extract
from engine.fields.invoice import FEATURES
from engine.tests.documents import InvoiceSpec, invoice_pdf

SPECS = {
    "en": InvoiceSpec(),
    "fr": InvoiceSpec(lang="fr", supplier="Atelier Dupont SARL", supplier_vat="FR40303265045",
                      iban="FR14 2004 1010 0505 0001 3M02 606", bic="BNPAFRPPXXX", number="F-2024-118",
                      lines=[("Révision chaudière", 2, 1234.5), ("Pièces détachées", 4, 17.25)]),
    "de": InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                      iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX", number="RE-4711"),
    "nl": InvoiceSpec(lang="nl", supplier="Bakkerij Jansen B.V.", supplier_vat="NL004495445B01",
                      iban="NL91 ABNA 0417 1643 00", bic="ABNANL2A", number="2024/0815"),
    "es": InvoiceSpec(lang="es", supplier="Distribuciones Garcia S.L.", supplier_vat="ESB58378431",
                      iban="ES91 2100 0418 4502 0005 1332", bic="CAIXESBBXXX", number="FAC-0099"),
    "it": InvoiceSpec(lang="it", supplier="Rossi Forniture S.r.l.", supplier_vat="IT00743110157",
                      iban="IT60 X054 2811 1010 0000 0123 456", bic="BPMOIT22XXX", number="2024-77"),
    "pt": InvoiceSpec(lang="pt", supplier="Ferreira & Filhos Lda", supplier_vat="PT501964843",
                      iban="PT50 0002 0123 1234 5678 9015 4", bic="CGDIPTPL", number="FT 2024/123"),
}
LANG_CODES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE", "nl": "nl_NL", "es": "es_ES", "it": "it_IT", "pt": "pt_PT"}


def selected(result, name):
    value = result[name].get("selected_value")
    return value["content"] if value else None


@pytest.fixture(scope="module", params=sorted(SPECS))
def extracted(request):
    spec = SPECS[request.param]
    return spec, extract(invoice_pdf(spec), "invoice", {"user_lang": LANG_CODES[request.param]})


def test_amounts(extracted):
    spec, result = extracted
    assert selected(result, "total") == pytest.approx(spec.total, abs=0.005)
    assert selected(result, "subtotal") == pytest.approx(spec.subtotal, abs=0.005)
    assert selected(result, "total_tax_amount") == pytest.approx(spec.tax, abs=0.005)


def test_dates_and_number(extracted):
    spec, result = extracted
    assert selected(result, "date") == "{:04d}-{:02d}-{:02d}".format(*spec.date)
    assert selected(result, "due_date") == "{:04d}-{:02d}-{:02d}".format(*spec.due)
    assert selected(result, "invoice_id") == spec.number


def test_parties_and_bank(extracted):
    spec, result = extracted
    assert selected(result, "supplier") == spec.supplier
    assert selected(result, "client") == spec.client
    assert selected(result, "VAT_Number") == spec.supplier_vat
    assert selected(result, "iban") == spec.iban
    swift = json.loads(selected(result, "SWIFT_code"))
    assert swift["bic"] == spec.bic and swift["country_code"] == spec.bic[4:6]
    assert selected(result, "currency") == ("GBP" if spec.lang == "en" else "EUR")
    assert selected(result, "email") == spec.email


def test_lines(extracted):
    spec, result = extracted
    lines = [(line["quantity"]["selected_value"]["content"], line["unit_price"]["selected_value"]["content"],
              line["subtotal"]["selected_value"]["content"], line["description"]["selected_value"]["content"])
             for line in result["invoice_lines"]]
    assert lines == [(float(q), p, round(q * p, 2), d) for d, q, p in spec.lines]


def test_perspective_supplier_returns_the_clients_vat():
    spec = InvoiceSpec(lang="de", supplier="Muster Werkzeug GmbH", supplier_vat="DE136695976",
                       client_vat="DE811907980", iban="DE89 3704 0044 0532 0130 00")
    data = invoice_pdf(spec)
    as_client = extract(data, "invoice", {"user_company_vat": "DE811907980", "perspective": "client"})
    as_supplier = extract(data, "invoice", {"user_company_vat": "DE136695976", "perspective": "supplier"})
    assert selected(as_client, "VAT_Number") == "DE136695976"
    assert selected(as_supplier, "VAT_Number") == "DE811907980"


def test_user_company_name_is_the_client():
    spec = InvoiceSpec(client="Globex Handels AG", supplier="Initech Services Ltd")
    result = extract(invoice_pdf(spec), "invoice", {"user_company_name": "Globex Handels AG"})
    assert selected(result, "client") == "Globex Handels AG"
    assert selected(result, "supplier") == "Initech Services Ltd"


def test_credit_note_amounts_stay_negative():
    spec = InvoiceSpec(lang="de", lines=[("Gutschrift Retoure", 2, -12.5)], supplier="Muster Werkzeug GmbH")
    result = extract(invoice_pdf(spec), "invoice", {"user_lang": "de_DE"})
    assert selected(result, "total") == pytest.approx(spec.total, abs=0.005)
    assert spec.total < 0


def test_result_has_the_extract_api_shape(extracted):
    _spec, result = extracted
    assert set(FEATURES) | {"full_text_annotation"} == set(result)
    assert isinstance(result["full_text_annotation"], str) and result["full_text_annotation"]
    for name in FEATURES:
        if name == "invoice_lines":
            continue
        feature = result[name]
        candidates = feature["candidates"]
        scores = [c["score"] for c in candidates]
        if name == "purchase_order":
            assert "selected_values" in feature
        elif candidates:
            assert feature["selected_value"] == candidates[0]
        else:
            assert "selected_value" not in feature
        assert scores == sorted(scores, reverse=True) or name in ("total", "subtotal", "total_tax_amount", "date",
                                                                  "due_date")
        for cand in candidates:
            assert set(cand) >= {"content", "coords", "page"}
            assert len(cand["coords"]) == 5 and all(0 <= v <= 1 for v in cand["coords"][:4])
            assert cand["page"] == 0
    for line in result["invoice_lines"]:
        for name, feature in line.items():
            assert name in ("description", "discount", "product", "quantity", "subtotal", "total", "taxes", "unit",
                            "unit_price")
            assert "selected_value" in feature or "selected_values" in feature  # clients read it unguarded
    # a number's box is where it was printed: the total sits in the lower right quarter
    cx, cy, w, h, angle = result["total"]["selected_value"]["coords"]
    assert cx > 0.6 and 0.4 < cy < 0.8 and w > 0 and h > 0 and angle == 0
