# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import dataclasses
import json
import logging
import time
import uuid
from datetime import timedelta

from odoo import api, fields, models

from ...engine import DEFAULT_LIMITS, DocumentError, extract, kept_reads
from ...protocol import extract_api

_logger = logging.getLogger(__name__)

STATES = [("queued", "Queued"), ("processing", "Processing"), ("done", "Done"), ("error", "Error")]


def _json_text(value):
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) if value else False


class DigitizeDocument(models.Model):
    """A document received by the server role, its processing and its result."""

    _name = "digitize.document"
    _description = "Digitize document (server)"
    _order = "id desc"
    _rec_name = "uuid"

    uuid = fields.Char("Document token", required=True, index=True, readonly=True, copy=False,
                       default=lambda self: uuid.uuid4().hex)
    doc_type = fields.Selection([("invoice", "Invoice"), ("expense", "Expense"), ("applicant", "Applicant")],
                                "Document type", required=True, default="invoice")
    source = fields.Selection([("extract", "Extract API"), ("smartscan", "Smartscan API")], default="extract",
                              required=True)
    account_id = fields.Many2one("digitize.account", ondelete="set null", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    integration = fields.Boolean(help="Test mode (integration_token): not parsed, no credit spent.")
    local = fields.Boolean(help="Sent by this database's own client role (in-process, no credit).")
    # what the lists show: a local document is read through the Extract API's code, but nobody called that API
    sent_through = fields.Selection(
        [("local", "This database"), ("extract", "Extract API"), ("smartscan", "Smartscan API")],
        compute="_compute_sent_through", string="Sent through")
    state = fields.Selection(STATES, default="queued", required=True, index=True)
    status = fields.Char(default="processing", help="Extract API status of the document.")
    error_message = fields.Text()
    data = fields.Binary(attachment=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", ondelete="set null", copy=False, index="btree_not_null",
                                    help="The file of a local document: the record's own attachment, not a copy.")
    credit_refunded = fields.Boolean(copy=False, help="The credit taken at parse was given back (the document "
                                                      "ended in error).")
    user_infos = fields.Json(copy=False)
    dbuuid = fields.Char()
    version = fields.Integer()
    webhook_url = fields.Char()
    result = fields.Json(copy=False)
    attempts = fields.Integer(default=0)
    processing_started = fields.Datetime(copy=False)
    processed_at = fields.Datetime(copy=False)
    duration = fields.Float("Seconds", digits=(16, 3), copy=False)
    # the pages of a long scan read by earlier units of work (see _read_unit), until it is done
    page_reads = fields.Json(copy=False, prefetch=False)
    units = fields.Integer("Units of work", default=0, copy=False,
                           help="How many units of work (each within the workers' limits) reading it took.")
    webhook_state = fields.Selection([("none", "No webhook"), ("pending", "Pending"), ("sent", "Sent"),
                                      ("failed", "Failed")], default="none", required=True, index=True)
    webhook_attempts = fields.Integer(default=0)
    webhook_next_try = fields.Datetime()
    webhook_error = fields.Text(copy=False, readonly=True,
                                help="Why the last completion ping was refused or failed (cleared when one is sent).")
    validation = fields.Json(copy=False)
    validated_at = fields.Datetime("Validated on", copy=False)
    # the Json fields have no widget in the form: what an administrator reads is their indented text
    result_text = fields.Text("Result (JSON)", compute="_compute_json_texts")
    validation_text = fields.Text("Validation (JSON)", compute="_compute_json_texts")
    feedback_tags = fields.Json(copy=False)
    feedback_subject = fields.Char(copy=False)
    feedback_delete_requested = fields.Boolean(copy=False, index=True)

    _sql_constraints = [("uuid_unique", "unique(uuid)", "Document UUIDs are unique.")]

    @api.depends("source", "local")
    def _compute_sent_through(self):
        for document in self:
            document.sent_through = "local" if document.local else document.source

    @api.depends("result", "validation")
    def _compute_json_texts(self):
        for document in self:
            document.result_text = _json_text(document.result)
            document.validation_text = _json_text(document.validation)

    # ------------------------------------------------------------------------------------------- processing
    def _process(self, budget=None):
        """Run the engine on the documents and store the results (no commit: the queue commits). With a
        ``budget`` (what is left of the worker's limits, a WorkBudget), each document is read in a unit of work
        within it: a long scan not read to the end goes back to the queue with the pages read so far, and the
        next unit reads on. Returns the documents put back that way."""
        put_back = self.browse()
        for document in self:
            start = time.perf_counter()
            values = {"processed_at": fields.Datetime.now()}
            try:
                if document.integration:
                    result = extract_api.integration_result(document.doc_type)
                elif budget is None:
                    result = document._memory_extract(extract, document._file(), document.doc_type,
                                                      document.user_infos or {})
                else:
                    result = document._read_unit(budget)
                    if result is None:
                        put_back |= document
                        continue
                values.update(state="done", status="success", result=result, error_message=False)
            except DocumentError as exc:
                values.update(state="error", status=extract_api.ENGINE_ERRORS.get(exc.code, "error_internal"),
                              error_message=str(exc))
            except Exception as exc:  # the document must end in a state, whatever the engine did
                _logger.exception("Digitize: processing document %s failed", document.uuid)
                values.update(state="error", status="error_internal", error_message=repr(exc))
            finally:
                document.duration += time.perf_counter() - start
            values.update(page_reads=False, units=document.units + 1)
            if document.webhook_url:
                values.update(webhook_state="pending", webhook_next_try=fields.Datetime.now(), webhook_attempts=0)
            document.write(values)
        finished = self - put_back
        finished.filtered(lambda d: d.state == "error")._refund_credit()
        if any(d.webhook_url for d in finished):
            self.env.ref("digitize.ir_cron_digitize_webhooks")._trigger()
        local = finished.filtered("local")
        if local:
            # the in-process equivalent of a webhook: each record gets its result as soon as its document is
            # read, in this transaction, not when a poll comes after the whole queue run
            self.env["digitize.service"]._deliver_local(local.mapped("uuid"))
        return put_back

    def _read_unit(self, budget):
        """One unit of work on the document within ``budget``: its result, or None when the unit ended before
        the last page (the pages read are kept and the document is queued again: no new attempt). A unit that
        reads no page ends the document in timeout only if it had a fresh worker's budget."""
        self.ensure_one()
        # a unit with what a fresh worker has that reads no new page ends the document in timeout; one started
        # late in a worker's run (a cron run's last seconds) only lacked the time: queued again, no attempt
        fresh = budget.is_fresh()
        unit_seconds, unit_cpu, hard_seconds, hard_cpu = budget.unit()
        # no document-wide time budget here: each unit is bounded by the worker's limits instead, so a 50-page
        # scan takes as many units as it needs, and no more (a bound is never 0, which would mean none: nothing
        # left is as good as nothing)
        limits = dataclasses.replace(DEFAULT_LIMITS, max_seconds=0 if hard_seconds is None else max(hard_seconds, 1e-3),
                                     max_cpu_seconds=None if hard_cpu is None else max(hard_cpu, 1e-3))
        store = dict(self.page_reads or {})
        with kept_reads(store, unit_seconds, unit_cpu) as unit:
            try:
                return self._memory_extract(extract, self._file(), self.doc_type, self.user_infos or {},
                                            limits=limits)
            except DocumentError as exc:
                if exc.code != "timeout" or (fresh and not unit.new_reads):
                    raise
        _logger.info("Digitize: document %s read on in another unit of work (%s pages read, %s in this one)",
                     self.uuid, len(store), unit.new_reads)
        self.write({"page_reads": store, "state": "queued", "attempts": max(0, self.attempts - 1),
                    "units": self.units + 1})
        return None

    def _file(self):
        """The document's bytes: its attachment's for a local document, else the stored copy."""
        self.ensure_one()
        if self.attachment_id:
            return self.attachment_id.sudo().raw
        return base64.b64decode(self.data or b"")

    def _refund_credit(self):
        """Give back the credit taken at parse for documents that ended in error, once each (as ``iap_charge``
        gives back what a failed service took): the client pays for results only."""
        for document in self.filtered(lambda d: d.account_id and not d.credit_refunded and not d.integration):
            document.account_id._refund_credit()
            document.credit_refunded = True

    # ------------------------------------------------------------------------------------------- API answers
    def _result_entry(self, legacy):
        """The get_result entry of one document (v12x or v120 shape)."""
        self.ensure_one()
        if self.state in ("queued", "processing"):
            return extract_api.status_body("processing", legacy)
        if self.state == "error":
            return extract_api.status_body(self.status or "error_internal", legacy)
        result = self.result or {}
        if legacy:
            result = extract_api.legacy_result(result, self.doc_type)
        return extract_api.status_body("success", legacy, results=[result])

    def _store_validation(self, values):
        """Keep the user's final values once (the spec allows a single validation per document)."""
        self.ensure_one()
        if self.validated_at or not extract_api.check_validation(values, self.doc_type):
            return False
        self.write({"validation": values, "validated_at": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------------------------------- retention
    @api.model
    def _cron_purge(self):
        """Forget documents after ``digitize.retention_days`` (default 30). Validated documents keep their
        validation and result summary for learning; their file is dropped."""
        days = int(self.env["ir.config_parameter"].sudo().get_param("digitize.retention_days", 30) or 30)
        limit = fields.Datetime.now() - timedelta(days=days)
        old = self.sudo().search([("create_date", "<", limit)])
        kept = old.filtered("validated_at")
        kept.write({"data": False})
        (old - kept).unlink()
        deleted = self.sudo().search([("feedback_delete_requested", "=", True)])
        deleted.unlink()
        return len(old)
