"""The remote providers of the client role, against a fake HTTP session (the Odoo tier tests them for real)."""
import json

import requests

from protocol import client, extract_api, smartscan


class FakeResponse:
    def __init__(self, status, payload):
        self.status_code = status
        self._payload = payload
        self.text = json.dumps(payload)

    def json(self):
        return self._payload

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(str(self.status_code))


class FakeSession:
    """Answers by path; records every call."""

    def __init__(self, routes):
        self.routes = routes
        self.calls = []

    def post(self, url, json=None, timeout=None, headers=None):
        path = url.split("example.test", 1)[1]
        self.calls.append((path, json, headers))
        answer = self.routes.get(path)
        if answer is None:
            return FakeResponse(404, {})
        if isinstance(answer, Exception):
            raise answer
        return answer(json) if callable(answer) else answer


def rpc(result):
    return FakeResponse(200, {"jsonrpc": "2.0", "id": 1, "result": result})


def test_parse_and_results_v12x():
    session = FakeSession({
        "/api/extract/invoice/1/parse": rpc(extract_api.status_body("success", document_uuid="u1")),
        "/api/extract/invoice/1/get_result_batch": rpc({"u1": extract_api.status_body("processing")}),
    })
    api = client.ExtractApiClient("https://example.test/", "tok", session=session)
    parsed = api.parse("invoice", "QUJD", {"user_lang": "fr_FR"}, "https://me/hook")
    assert parsed["status"] == "success" and parsed["document_token"] == "u1"
    path, body, _ = session.calls[0]
    assert body["jsonrpc"] == "2.0" and body["params"]["account_token"] == "tok"
    assert body["params"]["version"] == 122 and body["params"]["webhook_url"] == "https://me/hook"
    assert api.get_result_batch("invoice", ["u1"])["u1"]["status"] == "processing"


def test_old_server_falls_back_to_legacy_v120():
    legacy_result = {"total": {"selected_value": {"content": 12.0}, "words": [{"content": 12.0}]},
                     "date": {"selected_value": {"content": "2024-01-02 00:00:00"}, "words": []},
                     "global_taxes_amount": {"selected_value": {"content": 2.0}, "words": []}}
    session = FakeSession({
        "/iap/invoice_extract/parse": rpc({"status_code": 0, "status_msg": "Success", "document_id": 7}),
        "/iap/invoice_extract/get_results": rpc({"7": {"status_code": 0, "status_msg": "Success",
                                                       "results": [legacy_result]}}),
        "/iap/invoice_extract/validate": rpc({"status_code": 0, "status_msg": "Success"}),
    })
    api = client.ExtractApiClient("https://example.test", "tok", session=session)
    parsed = api.parse("invoice", "QUJD")
    assert parsed == {"status": "success", "status_msg": "Success", "document_token": "legacy:7"}
    entry = api.get_result_batch("invoice", ["legacy:7"])["legacy:7"]
    features = entry["results"][0]
    assert entry["status"] == "success"
    assert features["total"]["candidates"] == [{"content": 12.0}]
    assert features["date"]["selected_value"]["content"] == "2024-01-02"
    assert features["total_tax_amount"]["selected_value"]["content"] == 2.0
    assert api.validate_batch("invoice", {"legacy:7": {"total": {"content": 12.0}}})["status"] == "success"
    assert session.calls[-1][1]["params"]["document_id"] == 7


def test_network_down_is_a_status():
    session = FakeSession({"/api/extract/invoice/1/parse": requests.ConnectionError("refused")})
    api = client.ExtractApiClient("https://example.test", "tok", session=session)
    assert api.parse("invoice", "QUJD")["status"] == client.NO_CONNECTION
    down = FakeSession({"/api/extract/expense/1/get_result_batch": requests.Timeout("slow")})
    entries = client.ExtractApiClient("https://example.test", "t", session=down).get_result_batch("expense", ["a"])
    assert entries["a"]["status"] == client.NO_CONNECTION


def test_server_statuses_pass_through():
    session = FakeSession({"/api/extract/invoice/1/parse": rpc(extract_api.status_body("error_no_credit"))})
    assert client.ExtractApiClient("https://example.test", "t", session=session).parse(
        "invoice", "QUJD")["status"] == "error_no_credit"


def test_smartscan_client():
    annotation = {"totalInclVat": [{"value": "578.00", "confidence": {"level": "VERY_HIGH"},
                                    "boundingBox": {"normalizedVertices": [{"x": 0.4, "y": 0.5}, {"x": 0.5, "y": 0.5},
                                                                           {"x": 0.5, "y": 0.52},
                                                                           {"x": 0.4, "y": 0.52}]}}],
                  "orderDate": [{"value": "2019-01-01", "confidence": {"level": "HIGH"}}],
                  "text": "hello", "feedbackId": "f1"}
    session = FakeSession({"/v1/document:annotate": FakeResponse(200, annotation),
                           "/v1/feedback:create": FakeResponse(200, {})})
    api = client.SmartscanClient("https://example.test", "tok", session=session)
    answer, result = api.annotate("QUJD")
    assert answer == {"status": "success", "document_token": "f1"}
    assert session.calls[0][2]["Authorization"] == "Bearer tok"
    assert result["total"]["selected_value"]["content"] == 578.0
    assert result["total"]["selected_value"]["coords"][:2] == [0.45, 0.51]
    assert result["date"]["selected_value"]["content"] == "2019-01-01"
    true_values = smartscan.validation_true_values({"total": {"content": 578.0}, "date": {"content": "2019-01-01"},
                                                     "supplier": {"content": "x"}})
    assert true_values == {"total_incl_vat": 578.0, "order_date": {"year": 2019, "month": 1, "day": 1}}
    assert api.feedback("f1", true_values)["status"] == "success"
    limited = FakeSession({"/v1/document:annotate": FakeResponse(429, {})})
    assert client.SmartscanClient("https://example.test", "t", session=limited).annotate("QUJD")[1] is None
