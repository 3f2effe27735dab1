# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The client role's IAP-like service: parse, get_result_batch and validate_batch, answered by the company's
provider — this database's server role in-process (default), a remote Extract API endpoint, or Smartscan."""
import logging

from odoo import api, models
from odoo.exceptions import UserError

from ...engine import DocumentError, document_format
from .providers import provider_for

_logger = logging.getLogger(__name__)

# the Extract API statuses the engine's reasons (DocumentError codes) end in
ENGINE_STATUSES = ("error_unsupported_format", "error_password_protected", "error_unsupported_size")


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
    def _records_to_write(self, model, ids):
        """The existing records ``ids`` of the digitized ``model`` (named by a wizard, that is by the user),
        checked writable by the current user; a UserError for a model Digitize does not fill."""
        if model not in self._digitized_models():
            raise UserError(self.env._("%s is not digitized.", model))
        records = self.env[model].browse(ids).exists()
        records.check_access("write")
        return records

    @api.model
    def _deliver_local(self, uuids):
        """Fill the records whose documents this database's own server role just read (``uuids``)."""
        for model in self._digitized_models():
            self.env[model].sudo().search([("digitize_document_uuid", "in", uuids)])._digitize_poll()

    @api.model
    def _cron_poll(self):
        """Ask the providers for the results of every record waiting for one; the cron's progress says how many
        records got their result (or error) and how many waiting ones this run did not reach."""
        done = remaining = 0
        for model in self._digitized_models():
            counts = self.env[model].sudo()._cron_digitize_poll()  # every company; each record uses its own
            if isinstance(counts, tuple):
                done, remaining = done + counts[0], remaining + counts[1]
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _cron_validate(self):
        """Send the validated values of confirmed records back to their providers, in batches."""
        for model in self._digitized_models():
            self.env[model].sudo()._cron_digitize_validate()

    # ------------------------------------------------------------------------------------------- provider calls
    def _provider(self, company):
        return provider_for(self.env, company)

    @api.model
    def _parse(self, company, doc_type, attachment, user_infos=None, webhook_url=None):
        """{"status", "status_msg", "document_token"} for ``attachment`` (an ir.attachment); with the local
        provider a refused file also gets the engine's reason, "error_code" (corrupt, empty, …)."""
        provider = self._provider(company)
        answer = provider.parse(doc_type, attachment, user_infos, webhook_url)
        if provider.kind == "local" and answer.get("status") in ENGINE_STATUSES:
            try:
                document_format(attachment.sudo().raw)  # what the server role checked: bytes only, no reading
            except DocumentError as exc:
                answer = dict(answer, error_code=exc.code)
        return answer

    @api.model
    def _get_result_batch(self, company, doc_type, tokens):
        """{token: entry}; with the local provider an error entry also gets the engine's reason, "error_code",
        which the server document keeps at the head of its error message ("corrupt: …")."""
        provider = self._provider(company)
        entries = provider.get_result_batch(doc_type, tokens)
        failed = [token for token, entry in entries.items() if entry.get("status") in ENGINE_STATUSES]
        if provider.kind == "local" and failed:
            documents = self.env["digitize.document"].sudo().search([("uuid", "in", failed), ("local", "=", True)])
            for document in documents:
                code = (document.error_message or "").split(":", 1)[0].strip()
                if code in DocumentError.CODES:
                    entries[document.uuid] = dict(entries[document.uuid], error_code=code)
        return entries

    @api.model
    def _validate_batch(self, company, doc_type, documents):
        return self._provider(company).validate_batch(doc_type, documents)
