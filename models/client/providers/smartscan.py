# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ....protocol import extract_api
from ....protocol.client import SmartscanClient
from ....protocol.smartscan import validation_true_values
from .base import Provider

SMARTSCAN_DOC_TYPES = ("invoice", "expense")


class SmartscanProvider(Provider):
    """A Smartscan API: request/reply (the result comes with the parse answer, nothing to poll), invoices and
    receipts only; validation goes back as ``feedback:create``."""

    kind = "smartscan"

    def _client(self):
        return SmartscanClient(self.company.digitize_smartscan_endpoint, self.company.digitize_smartscan_token)

    def parse(self, doc_type, attachment, user_infos=None, webhook_url=None):
        if doc_type not in SMARTSCAN_DOC_TYPES:
            return {"status": "error_unsupported_format", "status_msg": "Smartscan reads invoices and receipts"}
        answer, result = self._client().annotate(self._b64(attachment))
        if answer["status"] == "success":
            answer["result"] = result  # request/reply: the result travels with the parse answer
        return answer

    def get_result_batch(self, doc_type, tokens):
        return {token: extract_api.status_body("error_document_not_found") for token in tokens}

    def validate_batch(self, doc_type, documents):
        client = self._client()
        status = "success"
        for token, values in documents.items():
            true_values = validation_true_values(values)
            if true_values and client.feedback(token, true_values)["status"] != "success":
                status = "error_internal"
        return {"status": status}
