# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ....protocol.client import ExtractApiClient
from .base import Provider


class ExtractApiProvider(Provider):
    """A remote server speaking the Extract API (JSON-RPC), this addon's server role on another database or
    any compatible endpoint; it pings ``webhook_url`` when a result is ready."""

    kind = "extract_api"

    def _client(self):
        return ExtractApiClient(self.company.digitize_endpoint, self.company.digitize_account_token)

    def parse(self, doc_type, attachment, user_infos=None, webhook_url=None):
        dbuuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return self._client().parse(doc_type, self._b64(attachment), user_infos, webhook_url, dbuuid)

    def get_result_batch(self, doc_type, tokens):
        return self._client().get_result_batch(doc_type, tokens)

    def validate_batch(self, doc_type, documents):
        return self._client().validate_batch(doc_type, documents)
