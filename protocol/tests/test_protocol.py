"""Protocol codecs shared by the server and the client roles."""
import base64
import json

import pytest

from protocol import extract_api, jsonrpc, smartscan


def body(**payload):
    return json.dumps(payload).encode()


def test_jsonrpc_envelope_accepts_a_call():
    request_id, params = jsonrpc.parse_request(body(jsonrpc="2.0", method="call", id="a1", params={"x": 1}))
    assert request_id == "a1" and params == {"x": 1}


@pytest.mark.parametrize("raw, code", [
    (b"not json", jsonrpc.PARSE_ERROR),
    (b"[1, 2]", jsonrpc.INVALID_REQUEST),
    (body(method="call", id=1, params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="1.0", method="call", id=1, params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="2.0", id=1, params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="2.0", method=5, id=1, params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="2.0", method="call", params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="2.0", method="call", id=True, params={}), jsonrpc.INVALID_REQUEST),
    (body(jsonrpc="2.0", method="call", id=1), jsonrpc.INVALID_PARAMS),
    (body(jsonrpc="2.0", method="call", id=1, params=[1]), jsonrpc.INVALID_PARAMS),
])
def test_jsonrpc_envelope_errors(raw, code):
    with pytest.raises(jsonrpc.EnvelopeError) as caught:
        jsonrpc.parse_request(raw)
    response = caught.value.response()
    assert response["error"]["code"] == code and response["jsonrpc"] == "2.0" and "result" not in response


def test_status_bodies_match_the_spec_tables():
    assert extract_api.status_body("success") == {"status": "success", "status_code": 0, "status_msg": "Success"}
    assert extract_api.status_body("error_no_credit", legacy=True) == {
        "status_code": 3, "status_msg": "You don't have enough credit"}
    assert extract_api.status_body("error_maintenance")["status_code"] == 9
    assert extract_api.status_body("error_unsupported_format")["status_msg"] == "Unsupported file format"
    assert extract_api.status_body("error_validation_format")["status_code"] == 12
    assert extract_api.status_body("processing", legacy=True) == {"status_code": 1, "status_msg": "Not ready"}


def test_versions():
    assert extract_api.is_legacy(120, "invoice") and extract_api.is_legacy("120", "expense")
    assert not extract_api.is_legacy(122, "invoice") and not extract_api.is_legacy(None, "invoice")
    assert not extract_api.is_legacy(102, "applicant")


def test_first_pdf_wins():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\nxxxx").decode()
    pdf = base64.b64encode(b"%PDF-1.4 yyy").decode()
    assert extract_api.pick_document([png, pdf]) == b"%PDF-1.4 yyy"
    assert extract_api.pick_document([png]).startswith(b"\x89PNG")
    for bad in ([], "abc", [1], None):
        with pytest.raises(extract_api.RequestError):
            extract_api.pick_document(bad)


def test_document_keys_aliases():
    assert extract_api.document_keys({"document_uuid": "u1"}) == ["u1"]
    assert extract_api.document_keys({"document_token": "u2"}) == ["u2"]
    assert extract_api.document_keys({"document_id": 7}) == ["7"]
    assert extract_api.document_keys({"documents_uuids": ["a", "b"]}, batch=True) == ["a", "b"]
    assert extract_api.document_keys({"documents_ids": [1, 2]}, batch=True) == ["1", "2"]
    with pytest.raises(extract_api.RequestError):
        extract_api.document_keys({"documents_ids": "1"}, batch=True)


def test_user_infos_are_cleaned():
    cleaned = extract_api.clean_user_infos(
        {"user_lang": "fr_FR", "perspective": "weird", "evil": "x", "user_email": ""})
    assert cleaned == {"user_lang": "fr_FR"}
    assert extract_api.clean_user_infos("nope") == {}


def test_legacy_result_shape():
    cand = {"content": "2024-01-15", "coords": [0.1, 0.1, 0.1, 0.1, 0], "page": 0}
    tax = {"content": 21.0, "coords": [0, 0, 0, 0, 0], "page": 0, "amount_type": "percent"}
    result = {"date": {"selected_value": cand, "candidates": [cand]},
              "total_tax_amount": {"selected_value": {"content": 21.0}, "candidates": [{"content": 21.0}]},
              "invoice_lines": [{"taxes": {"selected_values": [tax], "candidates": [tax]}}],
              "full_text_annotation": "x"}
    legacy = extract_api.legacy_result(result, "invoice")
    assert legacy["date"]["selected_value"]["content"] == "2024-01-15 00:00:00"
    assert legacy["date"]["words"][0]["content"] == "2024-01-15 00:00:00"
    assert "total_tax_amount" not in legacy and legacy["global_taxes_amount"]["selected_value"]["content"] == 21.0
    assert legacy["global_taxes"]["selected_values"][0]["amount_type"] == "percent"


def test_validation_format():
    assert extract_api.check_validation({"total": {"content": 12.5}, "merged_lines": True}, "invoice")
    assert extract_api.check_validation({"invoice_lines": {"lines": [{"description": "x", "subtotal": 1.0}]}},
                                        "invoice")
    for bad in ({}, [], {"total": 12.5}, {"merged_lines": "yes"}, {"invoice_lines": {"lines": "x"}},
                {"invoice_lines": [1]}):
        assert not extract_api.check_validation(bad, "invoice")


def test_integration_results_have_every_feature():
    from engine.fields.invoice import FEATURES

    result = extract_api.integration_result("invoice")
    assert set(FEATURES) <= set(result)
    assert result["total"]["selected_value"]["content"] == 121.0


def test_smartscan_features_and_confidence():
    settings = smartscan.requested_features([{"type": "DEFAULT"}, {"type": "CURRENCY", "maxResults": 2,
                                                                  "minConfidence": "VERY_LOW"}, {"type": "TEXT"}])
    assert settings["CURRENCY"] == (2, "VERY_LOW") and settings["INVOICE_NUMBER"] == (1, "HIGH")
    assert "TEXT" in settings and "IBAN" not in settings
    for bad in ([{"type": "NOPE"}], [{"type": "IBAN", "maxResults": 0}], [{"type": "IBAN", "minConfidence": "X"}],
                "DEFAULT", []):
        with pytest.raises(smartscan.BadRequest):
            smartscan.requested_features(bad)
    assert [smartscan.level_of(s) for s in (0.95, 0.7, 0.5, 0.3, 0.1)] == list(reversed(smartscan.LEVELS))


def test_smartscan_annotate_response():
    cand = {"content": 578.0, "coords": [0.5, 0.5, 0.1, 0.02, 0.0], "page": 0, "score": 0.9}
    low = {"content": 462.4, "coords": [0.5, 0.6, 0.1, 0.02, 0.0], "page": 0, "score": 0.3}
    result = {"total": {"selected_value": cand, "candidates": [cand, low]}, "full_text_annotation": "Cash paid"}
    response = smartscan.annotate_response(result, {"TOTAL_INCL_VAT": (2, "HIGH"), "TEXT": (1, "HIGH"),
                                                    "DOCUMENT_TYPE": (1, "HIGH")}, [(1000, 2000)])
    assert response["totalInclVat"] == [{
        "confidence": {"level": "VERY_HIGH"}, "value": "578.00", "text": "578.0",
        "boundingBox": {"normalizedVertices": [{"x": 0.45, "y": 0.49}, {"x": 0.55, "y": 0.49},
                                               {"x": 0.55, "y": 0.51}, {"x": 0.45, "y": 0.51}],
                        "vertices": [{"x": 450, "y": 980}, {"x": 550, "y": 980}, {"x": 550, "y": 1020},
                                     {"x": 450, "y": 1020}]}}]
    assert response["text"] == "Cash paid" and response["documentType"][0]["value"] == "Receipt"


def test_smartscan_base64_is_strict():
    assert smartscan.decode_content(base64.b64encode(b"abc").decode()) == b"abc"
    mime = base64.encodebytes(b"x" * 100).decode()
    for bad in (mime, "not base64!!", "", None):
        with pytest.raises(smartscan.BadRequest):
            smartscan.decode_content(bad)


def test_smartscan_feedback_to_validation():
    values = smartscan.feedback_validation({"currency": "DKK", "order_date": {"day": 1, "month": 2, "year": 2019},
                                            "total_incl_vat": 300.0})
    assert values == {"currency": {"content": "DKK"}, "date": {"content": "2019-02-01"}, "total": {"content": 300.0}}
    assert extract_api.check_validation(values, "invoice")
    for bad in ({}, {"nope": 1}, {"order_date": {"day": 1}}):
        with pytest.raises(smartscan.BadRequest):
            smartscan.feedback_validation(bad)


def fake_resolver(address):
    import socket

    def resolve(host, port, proto=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, proto, "", (address, port))]
    return resolve


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.1.5", "172.16.0.1", "::1", "fd00::1"])
def test_private_addresses_are_refused_unless_allowed(address):
    from protocol.netguard import UnsafeUrl, resolve_checked

    with pytest.raises(UnsafeUrl):
        resolve_checked("https://hook.example.com/x", resolve=fake_resolver(address))
    assert resolve_checked("https://hook.example.com/x", allow_private=True, resolve=fake_resolver(address))


@pytest.mark.parametrize("address", ["169.254.169.254", "169.254.170.2", "fe80::1", "0.0.0.0", "::",
                                     "fd00:ec2::254", "100.100.100.200", "224.0.0.1", "::ffff:169.254.169.254"])
def test_link_local_and_metadata_addresses_are_refused_even_when_private_ones_are_allowed(address):
    from protocol.netguard import UnsafeUrl, resolve_checked

    for allow_private in (False, True):
        with pytest.raises(UnsafeUrl):
            resolve_checked("https://hook.example.com/x", allow_private=allow_private, resolve=fake_resolver(address))


def test_public_http_urls_pass_and_other_schemes_do_not():
    from protocol.netguard import UnsafeUrl, resolve_checked

    assert resolve_checked("https://hook.example.com/x", resolve=fake_resolver("93.184.216.34"))
    for url in ("file:///etc/passwd", "ftp://example.com/x", "http://user:pw@example.com/", "https:///nohost", 5):
        with pytest.raises(UnsafeUrl):
            resolve_checked(url, resolve=fake_resolver("93.184.216.34"))
