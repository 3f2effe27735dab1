# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ....protocol import extract_api
from .base import Provider


class LocalProvider(Provider):
    """This database's own server role, called in-process: no token, no credit, no HTTP. The server document
    points at the record's attachment instead of holding a copy of the file."""

    kind = "local"

    def _server(self):
        return self.env["digitize.server"].sudo().with_company(self.company).with_context(digitize_local=True)

    def parse(self, doc_type, attachment, user_infos=None, webhook_url=None):
        return self._server()._extract_call(doc_type, "parse", {
            "attachment_id": attachment.id, "user_infos": user_infos or {},
            "version": extract_api.LATEST_VERSIONS[doc_type]}, route_version=2)

    def get_result_batch(self, doc_type, tokens):
        return self._server()._extract_call(doc_type, "get_result_batch", {"documents_uuids": tokens})

    def validate_batch(self, doc_type, documents):
        return self._server()._extract_call(doc_type, "validate_batch", {"documents": documents})
