# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client role's IAP-like service: parse, get_result_batch and validate_batch, answered by the company's
provider — this database's server role in-process (default), a remote Extract API endpoint, or Smartscan."""
import logging

from odoo import api, models

from ...protocol import client as remote
from ...protocol import extract_api

_logger = logging.getLogger(__name__)


class DigitizeService(models.AbstractModel):
    _name = "digitize.service"
    _description = "Digitize client service"

    @api.model
    def _digitized_models(self):
        """The models digitized here: every model inheriting ``digitize.mixin`` (bills from this addon, expenses
        and applicants from the bridge addons when they are installed)."""
        return [name for name in self.env.registry.descendants(["digitize.mixin"], "_inherit")
                if not self.env[name]._abstract]

    @api.model
    def _cron_poll(self):
        """Ask the providers for the results of every record waiting for one."""
        for model in self._digitized_models():
            self.env[model].sudo()._cron_digitize_poll()  # every company; each record uses its own

    @api.model
    def _cron_validate(self):
        """Send the validated values of confirmed records back to their providers, in batches."""
        for model in self._digitized_models():
            self.env[model].sudo()._cron_digitize_validate()

    # ------------------------------------------------------------------------------------------- providers
    def _remote(self, company):
        company = company.sudo()
        if company.digitize_provider == "extract_api":
            return remote.ExtractApiClient(company.digitize_endpoint, company.digitize_account_token)
        if company.digitize_provider == "smartscan":
            return remote.SmartscanClient(company.digitize_smartscan_endpoint, company.digitize_smartscan_token)
        return None

    @api.model
    def parse(self, company, doc_type, attachment, user_infos=None, webhook_url=None):
        """{"status", "status_msg", "document_token"} for ``attachment`` (an ir.attachment)."""
        document_b64 = attachment.sudo().datas.decode()
        provider = company.digitize_provider
        if provider == "local":
            return self._local_parse(company, doc_type, document_b64, user_infos)
        if provider == "smartscan":
            if doc_type != "invoice" and doc_type != "expense":
                return {"status": "error_unsupported_format", "status_msg": "Smartscan reads invoices and receipts"}
            answer, result = self._remote(company).annotate(document_b64)
            if answer["status"] == "success":
                answer["result"] = result  # request/reply: the result travels with the parse answer
            return answer
        dbuuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return self._remote(company).parse(doc_type, document_b64, user_infos, webhook_url, dbuuid)

    @api.model
    def get_result_batch(self, company, doc_type, tokens):
        if company.digitize_provider == "local":
            server = self.env["digitize.server"].sudo().with_context(digitize_local=True)
            return server._extract_call(doc_type, "get_result_batch", {"documents_uuids": tokens})
        if company.digitize_provider == "smartscan":
            return {token: extract_api.status_body("error_document_not_found") for token in tokens}
        return self._remote(company).get_result_batch(doc_type, tokens)

    @api.model
    def validate_batch(self, company, doc_type, documents):
        if company.digitize_provider == "local":
            server = self.env["digitize.server"].sudo().with_context(digitize_local=True)
            return server._extract_call(doc_type, "validate_batch", {"documents": documents})
        if company.digitize_provider == "smartscan":
            client = self._remote(company)
            status = "success"
            for token, values in documents.items():
                true_values = remote.smartscan_true_values(values)
                if true_values and client.feedback(token, true_values)["status"] != "success":
                    status = "error_internal"
            return {"status": status}
        return self._remote(company).validate_batch(doc_type, documents)

    def _local_parse(self, company, doc_type, document_b64, user_infos):
        server = self.env["digitize.server"].sudo().with_company(company).with_context(digitize_local=True)
        answer = server._extract_call(doc_type, "parse", {"documents": [document_b64], "user_infos": user_infos or {},
                                                         "version": extract_api.LATEST_VERSIONS[doc_type]},
                                     route_version=2)
        return answer
