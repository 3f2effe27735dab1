"""Both directions of each mapping, composed: what one side writes, the other reads back.

extract_api: a v12x result → ``legacy_result`` (what the server answers a v120 client) → ``from_legacy`` (what the
client reads from an old server). smartscan: an engine result → ``annotate_response`` → ``to_extract_result``;
validation values → ``validation_true_values`` → ``feedback_validation``. Plus the wire error ``SmartscanError``.
"""
import copy

import pytest

from protocol import extract_api, smartscan

DATES = ("date", "due_date")


def engine_like_result():
    """The fixed test-mode result (every invoice feature, invoice lines with taxes), with scores and two
    candidates for some features, as the engine gives them."""
    result = copy.deepcopy(extract_api.integration_result("invoice"))
    for _name, feature in result.items():
        if isinstance(feature, dict) and feature.get("selected_value"):
            feature["selected_value"]["score"] = 0.9
            feature["candidates"] = [dict(feature["selected_value"])]
    result["total"]["candidates"].append({"content": 100.0, "coords": [0.6, 0.7, 0.1, 0.02, 0.0], "page": 0,
                                          "score": 0.3})
    result["date"]["candidates"].append({"content": "2024-02-14", "coords": [0.2, 0.3, 0.1, 0.02, 0.0], "page": 0,
                                         "score": 0.4})
    return result


def test_a_result_through_the_legacy_shape_and_back_keeps_what_that_shape_carries():
    original = engine_like_result()
    legacy = extract_api.legacy_result(copy.deepcopy(original), "invoice")
    entry = extract_api.status_body("success", legacy=True, results=[legacy])
    back = extract_api.from_legacy(entry, token="legacy:7")
    assert back["status"] == "success" and back["document_token"] == "legacy:7"
    features = back["results"][0]
    for name, feature in original.items():
        if name == "invoice_lines":
            # each line's features come back with the legacy ``words`` beside their candidates
            assert [{k: {x: y for x, y in v.items() if x != "words"} for k, v in line.items()}
                    for line in features[name]] == feature
        elif not isinstance(feature, dict):
            assert features[name] == feature, name  # full_text_annotation
        elif name in DATES:
            assert features[name]["selected_value"] == feature["selected_value"], name
            # (the candidates keep the time the legacy shape gave them: from_legacy cuts it off the selected
            # value only)
            assert [dict(c, content=c["content"][:10]) for c in features[name]["candidates"]] == \
                feature["candidates"], name
        else:
            assert {k: v for k, v in features[name].items() if k != "words"} == feature, name
    assert "global_taxes_amount" in features and features["global_taxes"]["selected_values"][0]["content"] == 21.0


def test_a_legacy_error_status_comes_back_as_its_status_name():
    for status in extract_api.STATUSES:
        assert extract_api.from_legacy(extract_api.status_body(status, legacy=True))["status"] == status


FEATURES_BACK = ("total", "subtotal", "total_tax_amount", "date", "due_date", "invoice_id", "VAT_Number", "iban",
                 "currency", "country")


def test_a_result_through_the_annotate_response_and_back_keeps_its_values():
    original = engine_like_result()
    settings = smartscan.requested_features([{"type": "DEFAULT", "maxResults": 5, "minConfidence": "VERY_LOW"},
                                             {"type": "IBAN", "maxResults": 5, "minConfidence": "VERY_LOW"},
                                             {"type": "TEXT"}])
    response = smartscan.annotate_response(original, settings, [(1240, 1754)])
    back = smartscan.to_extract_result(response)
    assert sorted(name for name in back if name != "full_text_annotation") == sorted(FEATURES_BACK)
    for name in FEATURES_BACK:
        assert back[name]["selected_value"]["content"] == original[name]["selected_value"]["content"], name
        assert [c["content"] for c in back[name]["candidates"]] == [c["content"] for c in original[name]["candidates"]]
        coords = original[name]["selected_value"]["coords"][:4]
        assert back[name]["selected_value"]["coords"][:4] == pytest.approx(coords)
        assert back[name]["selected_value"]["score"] == 1.0  # VERY_HIGH, the level of 0.9
    assert back["total"]["candidates"][1]["score"] == pytest.approx(0.4)  # LOW, the level of 0.3
    assert back["full_text_annotation"] == original["full_text_annotation"]


def test_validation_values_through_true_values_and_back():
    values = {"total": {"content": 121.0}, "subtotal": {"content": 100.0}, "total_tax_amount": {"content": 21.0},
              "date": {"content": "2024-01-15"}, "due_date": {"content": "2024-02-14"},
              "invoice_id": {"content": "INV/2024/0001"}, "currency": {"content": "EUR"}}
    true_values = smartscan.validation_true_values(values)
    assert set(true_values) == set(smartscan.TRUE_VALUES)
    assert smartscan.feedback_validation(true_values) == values
    # what Smartscan has no true value for is left out, and so is an empty validation
    assert smartscan.validation_true_values({"supplier": {"content": "ACME"}, "total": {"content": ""}}) == {}


def test_smartscan_error_is_the_wire_answer():
    error = smartscan.SmartscanError(429, "rate limit reached")
    assert (error.http_status, error.message, str(error), error.headers) == (429, "rate limit reached",
                                                                             "rate limit reached", None)
    assert error.payload() == {"code": 8, "message": "rate limit reached", "details": []}
    assert smartscan.SmartscanError(401, "x").payload()["code"] == 16
    assert smartscan.SmartscanError(418, "x").payload()["code"] == 2  # UNKNOWN for a status with no gRPC code
    assert isinstance(error, Exception) and not isinstance(error, smartscan.BadRequest)
