# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What bills, expenses and applicants share: the digitization states Odoo users know, the buttons, the
polling and validation crons. Each model says how results fill it (``_digitize_fill``) and what it sends back
as validation (``_digitize_validation_values``)."""
import contextlib
import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools.sql import column_exists, create_column, table_exists
from odoo.tools.translate import LazyTranslate

from .review_candidates import needs_review, same_content, shown_candidates

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)

STATES = [
    ("no_extract_requested", "No extract requested"),
    ("not_enough_credit", "Not enough credits"),
    ("error_status", "An error occurred"),
    ("waiting_extraction", "Waiting extraction"),
    ("extract_not_ready", "Waiting extraction, but it is not ready"),
    ("waiting_validation", "Waiting validation"),
    ("to_validate", "To validate"),
    ("done", "Completed flow"),
]
MESSAGES = {
    "error_internal": _lt("An error occurred during the digitization."),
    "error_document_not_found": _lt("The document could not be found by the digitization service."),
    "error_unsupported_format": _lt("This file format cannot be digitized (PDF, PNG, JPG, BMP, TIFF or GIF)."),
    "error_no_connection": _lt("The digitization service is not reachable. Please retry later."),
    "error_maintenance": _lt("The digitization service is under maintenance. Please retry later."),
    "error_password_protected": _lt("The PDF is protected by a password."),
    "error_too_many_pages": _lt("The document has too many pages."),
    "error_invalid_account_token": _lt("The digitization account token is invalid; check the Digitize settings."),
    "error_unsupported_size": _lt("The document is too large to be digitized."),
    "error_no_credit": _lt("The digitization account has no credit left."),
    "error_no_attachment": _lt("Attach the document first."),
    "error_validation_format": _lt("The digitization service refused the validated values."),
}
# the engine's precise reasons (DocumentError codes), known for documents this database reads itself (local
# provider): several of them share one Extract API status ("corrupt" and "empty" are error_unsupported_format)
ENGINE_MESSAGES = {
    "unsupported_format": _lt("This file format cannot be digitized (PDF, PNG, JPG, BMP, TIFF or GIF)."),
    "empty": _lt("The file is empty (or a PDF without pages): there is nothing to digitize."),
    "corrupt": _lt("The file is damaged and cannot be read. Export or scan the document again."),
    "encrypted": _lt("The PDF is protected by a password. Upload a copy without the password."),
    "too_large": _lt("The document is too large to be digitized (file size, pages or image size)."),
    "timeout": _lt("Reading the document took too long. Try a smaller file or fewer pages."),
}
WAITING = ("waiting_extraction", "extract_not_ready")


class DigitizeMixin(models.AbstractModel):
    _name = "digitize.mixin"
    _description = "Digitize: fill records from their document"
    _digitize_doc_type = "invoice"
    _digitize_mode_field = "digitize_invoice_mode"

    digitize_state = fields.Selection(STATES, default="no_extract_requested", required=True, copy=False,
                                      string="Digitization")
    digitize_status = fields.Char(copy=False)
    digitize_error_code = fields.Char(
        copy=False, readonly=True, help="The engine's reason of an error (corrupt, encrypted, timeout…), when known.")
    digitize_message = fields.Char(compute="_compute_digitize_message")
    digitize_document_uuid = fields.Char(copy=False, readonly=True, index="btree_not_null")
    digitize_provider = fields.Char(copy=False, readonly=True)
    digitize_can_send = fields.Boolean(compute="_compute_digitize_can_send")
    # what the user may review on the document, per Extract API feature (see _digitize_store_candidates); dropped
    # once the record is validated
    digitize_candidates = fields.Json(copy=False, readonly=True)
    # the features the user picked on the document: {feature: {content, coords, page}}, sent with the validation
    digitize_picks = fields.Json(copy=False, readonly=True)
    # the values the fill wrote, per field ({field: value as _digitize_snapshot gives it}): a field whose value
    # differs from it was changed by the user, and a new fill leaves it alone unless asked to
    digitize_fill_values = fields.Json(copy=False, readonly=True)
    # what filling again from the result would give ({field: {"value", "display"}}), known when the result came
    digitize_result_values = fields.Json(copy=False, readonly=True)
    digitize_can_reload = fields.Boolean(compute="_compute_digitize_can_reload")
    # why the amounts read on the document and the record's differ (empty when they agree)
    digitize_mismatch = fields.Char(compute="_compute_digitize_mismatch")
    digitize_total_confirmed = fields.Boolean(
        copy=False, readonly=True, help="The user confirmed the record's total although the document reads another.")
    digitize_to_review = fields.Boolean(
        "To review", compute="_compute_digitize_to_review", store=True, readonly=True,
        help="A value read on the document scored low or had a close rival, and nobody picked one yet.")

    def _auto_init(self):
        # created empty: on a database with many bills nothing is to review yet, and Odoo would otherwise compute
        # the new column for every record at install
        cr = self.env.cr
        if self._auto and table_exists(cr, self._table) and not column_exists(cr, self._table, "digitize_to_review"):
            create_column(cr, self._table, "digitize_to_review", "boolean")
        return super()._auto_init()

    @api.depends("digitize_status", "digitize_state", "digitize_error_code")
    def _compute_digitize_message(self):
        for record in self:
            if record.digitize_state in WAITING:
                record.digitize_message = _("The document is being digitized.")
            elif record.digitize_state == "not_enough_credit":
                record.digitize_message = str(MESSAGES["error_no_credit"])
            elif record.digitize_state == "error_status":
                message = ENGINE_MESSAGES.get(record.digitize_error_code) or MESSAGES.get(
                    record.digitize_status, MESSAGES["error_internal"])
                record.digitize_message = str(message)
            else:
                record.digitize_message = False

    @api.depends("digitize_candidates")
    def _compute_digitize_to_review(self):
        for record in self:
            record.digitize_to_review = any(
                feature.get("review") and not feature.get("picked")
                for feature in (record.digitize_candidates or {}).values())

    @api.depends(lambda self: ["digitize_result_values", "digitize_state"] + self._digitize_reload_fields())
    def _compute_digitize_can_reload(self):
        for record in self:
            if record.digitize_result_values or record.digitize_state != "waiting_validation":
                record.digitize_can_reload = bool(record._digitize_reload_changes())
            else:  # filled before the fill was remembered: what the document gives is known once asked
                record.digitize_can_reload = record._digitize_extractable()

    def _compute_digitize_mismatch(self):
        self.digitize_mismatch = False  # models with amounts read on the document override it

    def _digitize_company(self):
        return self.company_id or self.env.company

    def _digitize_mode(self):
        return self._digitize_company()[self._digitize_mode_field]

    def _digitize_extractable(self):
        """Whether the record can still be filled (draft bill, unreported expense, …): overridden per model."""
        return True

    def _digitize_attachment(self):
        return self.message_main_attachment_id

    @api.depends("digitize_state", "message_main_attachment_id")
    def _compute_digitize_can_send(self):
        for record in self:
            record.digitize_can_send = bool(
                record._digitize_mode() != "no_send" and record.message_main_attachment_id
                and record.digitize_state in ("no_extract_requested", "not_enough_credit", "error_status")
                and record._digitize_extractable())

    # ------------------------------------------------------------------------------------------- upload
    def _digitize_user_infos(self):
        company = self._digitize_company()
        return {"user_company_vat": company.vat or "", "user_company_name": company.name,
                "user_company_country_code": company.country_id.code or "", "user_lang": self.env.user.lang or "",
                "user_email": self.env.user.email or "", "perspective": "client"}

    def _digitize_webhook_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return f"{base}/digitize/webhook" if base else None

    def _digitize_upload(self):
        """Send the main attachment to the provider; never raises for a provider's answer."""
        self.ensure_one()
        attachment = self._digitize_attachment()
        if not attachment:
            self.write({"digitize_state": "error_status", "digitize_status": "error_no_attachment"})
            return False
        company = self._digitize_company()
        answer = self.env["digitize.service"]._parse(company, self._digitize_doc_type, attachment,
                                                    self._digitize_user_infos(), self._digitize_webhook_url())
        status = answer.get("status", "error_internal")
        values = {"digitize_status": status, "digitize_provider": company.digitize_provider,
                  "digitize_error_code": answer.get("error_code") or False}
        if status == "success":
            values.update(digitize_state="waiting_extraction", digitize_document_uuid=answer.get("document_token"))
        elif status == "error_no_credit":
            values["digitize_state"] = "not_enough_credit"
        else:
            values["digitize_state"] = "error_status"
        self.write(values)
        if status == "success" and answer.get("result") is not None:
            self._digitize_apply({"status": "success", "results": [answer["result"]]})  # Smartscan: request/reply
        elif status == "success":
            self.env.ref("digitize.ir_cron_digitize_client_poll")._trigger()
        return status == "success"

    def _digitize_send(self):
        for record in self:
            try:
                with self.env.cr.savepoint():
                    record._digitize_upload()
            except Exception:  # one bad file must not cost the others
                _logger.exception("Digitize: upload of %s %s failed", record._name, record.id)
                record.write({"digitize_state": "error_status", "digitize_status": "error_internal"})

    def action_digitize(self):
        records = self.filtered(lambda r: r.digitize_state in ("no_extract_requested", "not_enough_credit",
                                                                "error_status"))
        if not records:
            raise UserError(_("These documents are already digitized or being digitized."))
        if any(not r._digitize_attachment() for r in records):
            raise UserError(str(MESSAGES["error_no_attachment"]))
        records._digitize_send()
        return True

    def action_digitize_batch(self):
        """List action: send every selected record that can be digitized, and say how many went."""
        eligible = self.filtered(lambda r: r.digitize_can_send)
        eligible._digitize_send()
        sent = eligible.filtered(lambda r: r.digitize_state == "waiting_extraction")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if sent else "warning",
                "message": _("%(sent)s of %(total)s documents sent for digitization; %(skipped)s skipped.",
                             sent=len(sent), total=len(self), skipped=len(self) - len(sent)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_digitize_retry(self):
        self.write({"digitize_state": "no_extract_requested", "digitize_status": False,
                    "digitize_document_uuid": False, "digitize_error_code": False})
        return self.action_digitize()

    def action_digitize_reload(self):
        """Fetch the result again and show what filling the record from it would replace, field by field (the
        digitize.reload.wizard applies the ticked ones)."""
        self.ensure_one()
        entry = self._digitize_fetch_result()
        results = (entry.get("results") or [{}])[0]
        self.digitize_result_values = self._digitize_simulate_fill(results)
        changes = self._digitize_reload_changes()
        if not changes:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "type": "info", "message": _("The document gives nothing new: every value is already on the record."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}
        return self.env["digitize.reload.wizard"]._digitize_open(self, changes)

    def _digitize_fetch_result(self):
        """The provider's successful result of this record's document, asked again (never taken from the
        browser); a UserError when the record cannot be filled again or the provider has no result."""
        self.check_access("write")
        if not self.digitize_document_uuid or not self._digitize_extractable():
            raise UserError(_("This record can no longer be filled from its document."))
        company = self._digitize_company()
        entry = self.env["digitize.service"].with_company(company)._get_result_batch(
            company, self._digitize_doc_type, [self.digitize_document_uuid]).get(self.digitize_document_uuid) or {}
        if entry.get("status") != "success":
            raise UserError(str(MESSAGES.get(entry.get("status"), MESSAGES["error_internal"])))
        return entry

    def _digitize_auto_send(self):
        """Called when a record gets its main attachment: digitize now if the company wants it automatic."""
        auto = self.filtered(lambda r: r._digitize_mode() == "auto_send" and r.message_main_attachment_id
                             and r.digitize_state == "no_extract_requested" and r._digitize_extractable())
        auto._digitize_send()

    # ------------------------------------------------------------------------------------------- results
    def _digitize_poll(self, force=False):
        """Ask the provider for the results of these records (batched per company), fill what is ready."""
        for company in self.mapped(lambda r: r._digitize_company()):
            records = self.filtered(
                lambda r, company=company: r._digitize_company() == company and r.digitize_document_uuid)
            if not records:
                continue
            records = records.with_company(company)
            try:
                entries = self.env["digitize.service"]._get_result_batch(
                    company, self._digitize_doc_type, records.mapped("digitize_document_uuid"))
            except Exception:
                _logger.exception("Digitize: polling %s failed", self._name)
                continue
            for record in records:
                entry = entries.get(record.digitize_document_uuid) or {"status": "error_document_not_found"}
                try:
                    with self.env.cr.savepoint():
                        record._digitize_apply(entry, force=force)
                except Exception:
                    _logger.exception("Digitize: filling %s %s failed", record._name, record.id)

    def _digitize_apply(self, entry, force=False):
        status = entry.get("status", "error_internal")
        if status == "processing":
            self.digitize_state = "extract_not_ready"
        elif status == "error_no_connection":
            self.digitize_status = status  # keep waiting: the next poll may reach the service
        elif status != "success":
            self.write({"digitize_state": "error_status", "digitize_status": status,
                        "digitize_error_code": entry.get("error_code") or False})
        else:
            results = (entry.get("results") or [{}])[0]
            if force or self.digitize_state in WAITING:
                # each model's fill may return notes of what matched and what did not: one message says them all
                before = self._digitize_snapshot()
                notes = self._digitize_fill(results, force=force) or []
                self._digitize_remember_fill(before, force)
                self._digitize_store_candidates(results)
                self.digitize_result_values = self._digitize_simulate_fill(results)
                self._digitize_post_fill_message(notes)
            self.write({"digitize_state": "waiting_validation", "digitize_status": "success",
                        "digitize_error_code": False})
        if status not in ("processing", "error_no_connection"):  # a result or an error arrived
            self._digitize_notify_forms()

    def _digitize_notify_forms(self):
        """Tell the open forms of this record that its data changed (Odoo's bus): they reload themselves. Sent to
        the record's followers and its creator, who uploaded the document."""
        for partner in self.message_partner_ids | self.create_uid.partner_id:
            partner._bus_send("digitize_updated", {"model": self._name, "id": self.id})

    def _digitize_post_fill_message(self, notes):
        body = Markup("<p>%s</p>") % _("Data filled from the document by Digitize.")
        if notes:
            body += Markup("<ul>%s</ul>") % Markup().join(Markup("<li>%s</li>") % note for note in notes)
        self.message_post(body=body)

    def _digitize_fill(self, results, force=False):
        raise NotImplementedError

    @staticmethod
    def _digitize_value(results, feature, default=None):
        value = (results.get(feature) or {}).get("selected_value") or {}
        return value.get("content", default)

    # ------------------------------------------------------------------------------------------- fill memory
    @staticmethod
    def _digitize_forced(force, field_name):
        """Whether a fill with ``force`` (True, False, or the set of fields to replace) replaces ``field_name``."""
        return force is True or (isinstance(force, (set, frozenset)) and field_name in force)

    def _digitize_reload_fields(self):
        """The fields a fill writes and a reload may replace: overridden per model."""
        return []

    def _digitize_snapshot(self):
        """{field: the record's value in a comparable, JSON form} of the reload fields."""
        self.ensure_one()
        snapshot = {}
        for field_name in self._digitize_reload_fields():
            field, value = self._fields[field_name], self[field_name]
            if field.type == "many2one":
                value = value.id or False
            elif field.type in ("date", "datetime"):
                value = fields.Date.to_string(value) if value else False
            elif field.type in ("float", "monetary"):
                value = round(value or 0.0, 2)
            elif field.type in ("one2many", "many2many"):
                value = sorted(value.ids)
            snapshot[field_name] = value or False
        return snapshot

    def _digitize_field_label(self, field_name):
        """The name of ``field_name`` as the form shows it (the reload dialog lists fields by it)."""
        return self._fields[field_name].get_description(self.env)["string"]

    def _digitize_display(self, field_name):
        """The record's value of ``field_name`` as the user reads it."""
        field, value = self._fields[field_name], self[field_name]
        if field.type == "many2one":
            return value.display_name or ""
        if field.type in ("float", "monetary"):
            return f"{value:.2f}" if value else ""
        if field.type in ("one2many", "many2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "date":
            return fields.Date.to_string(value) if value else ""
        return str(value) if value else ""

    def _digitize_remember_fill(self, before, force):
        """Remember what the fill just wrote: the fields it changed, or was asked to replace."""
        after = self._digitize_snapshot()
        written = dict(self.digitize_fill_values or {})
        written.update({name: value for name, value in after.items()
                        if value != before.get(name) or self._digitize_forced(force, name)})
        self.digitize_fill_values = written

    def _digitize_simulate_fill(self, results):
        """What filling the record again from ``results``, replacing every field, would give: {field: {"value",
        "display"}}. The fill runs in a savepoint rolled back at once: nothing of it stays."""
        self.ensure_one()
        simulated = {}
        with contextlib.closing(self.env.cr.savepoint()):
            self._digitize_fill(results, force=True)
            for name, value in self._digitize_snapshot().items():
                simulated[name] = {"value": value, "display": self._digitize_display(name)}
        self.env.invalidate_all()  # the savepoint's rollback left the cache with the simulated values
        return simulated

    def _digitize_reload_changes(self):
        """[(field, current display, new display, changed by the user)] of the fields a reload would replace."""
        self.ensure_one()
        result = self.digitize_result_values or {}
        if not result or self.digitize_state != "waiting_validation" or not self._digitize_extractable():
            return []
        current, filled = self._digitize_snapshot(), self.digitize_fill_values or {}
        changes = []
        for name, new in result.items():
            if name in current and current[name] != new["value"]:
                user_changed = name not in filled or filled[name] != current[name]
                changes.append((name, self._digitize_display(name), new["display"], user_changed))
        return changes

    # ------------------------------------------------------------------------------------------- review
    def _digitize_review_features(self):
        """{feature: (form field, label)} of the features a user can review on the document: overridden per model."""
        return {}

    def _digitize_feature_contents(self):
        """{feature: the record's value in Extract API form}, to find the candidate the record carries."""
        return {}

    def _digitize_content_matches(self, feature, current, content):
        """Whether the record's value ``current`` of ``feature`` is the candidate ``content`` (models loosen it:
        a partner's name against the printed one)."""
        return same_content(current, content)

    def _digitize_selected_index(self, feature, candidates, current):
        # the same content first, then what the model accepts as the same (the first, best scored, one)
        for matches in (lambda c: same_content(current, c),
                        lambda c: self._digitize_content_matches(feature, current, c)):
            for index, candidate in enumerate(candidates):
                if matches(candidate["content"]):
                    return index
        return None

    def _digitize_store_candidates(self, results):
        """Keep the candidates of ``results`` that have a box on the document, marking the one the record got."""
        self.ensure_one()
        current = self._digitize_feature_contents()
        review = {}
        for feature, (field_name, label) in self._digitize_review_features().items():
            candidates = shown_candidates(results.get(feature))
            if not candidates:
                continue
            selected = self._digitize_selected_index(feature, candidates, current.get(feature))
            review[feature] = {"field": field_name, "label": str(label), "selected": selected, "picked": False,
                               "review": needs_review(candidates, selected), "candidates": candidates}
        self.write({"digitize_candidates": review or False, "digitize_picks": False})

    def _digitize_reviewable(self):
        return bool(self.digitize_candidates) and self.digitize_state == "waiting_validation" \
            and self._digitize_extractable()

    def action_digitize_pick(self, feature, index):
        """The user clicked candidate ``index`` of ``feature`` on the document: the record takes its value, as the
        fill would convert it. Returns True, or an action when a further step is needed."""
        self.ensure_one()
        self.check_access("write")
        if not self._digitize_reviewable():
            raise UserError(_("This record can no longer be reviewed on its document."))
        review = dict(self.digitize_candidates)
        entry = review.get(feature) if isinstance(feature, str) else None
        if not entry:
            raise UserError(_("Nothing was read on the document for “%s”.", feature))
        candidates = entry["candidates"]
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(candidates):
            raise UserError(_("There is no such value on the document for “%s”.", entry["label"]))
        candidate = candidates[index]
        result = self._digitize_pick_value(feature, candidate["content"])
        review[feature] = dict(entry, selected=index, picked=True)
        # a pick can change a field other features show too (a vendor picked by name: its VAT number)
        current = self._digitize_feature_contents()
        for other, other_entry in review.items():
            if other != feature and other_entry["field"] == entry["field"] and not other_entry.get("picked"):
                review[other] = dict(other_entry, selected=self._digitize_selected_index(
                    other, other_entry["candidates"], current.get(other)))
        picks = dict(self.digitize_picks or {})
        picks[feature] = {"content": candidate["content"], "coords": candidate["coords"], "page": candidate["page"]}
        self.write({"digitize_candidates": review, "digitize_picks": picks})
        return result if isinstance(result, dict) else True

    def _digitize_pick_value(self, feature, content):
        """Write the candidate ``content`` of ``feature`` as the fill converts it; may return an action."""
        raise NotImplementedError

    @api.model
    def _cron_digitize_poll(self, limit=200):
        """Poll up to ``limit`` waiting records; (done, remaining): how many got their result or error, how many
        waiting records this run did not reach."""
        waiting = self.search_count([("digitize_state", "in", WAITING)])
        records = self.search([("digitize_state", "in", WAITING)], limit=limit)
        records._digitize_poll()
        done = len(records.filtered(lambda r: r.digitize_state not in WAITING))
        return done, max(waiting - len(records), 0)

    # ------------------------------------------------------------------------------------------- validation
    def _digitize_validate(self):
        """The user confirmed the record (posted, submitted, hired): its values go back as feedback."""
        records = self.filtered(lambda r: r.digitize_state == "waiting_validation")
        if records:
            # nothing left to review on the document; the picks stay until the validation is sent
            records.write({"digitize_state": "to_validate", "digitize_candidates": False})
            self.env.ref("digitize.ir_cron_digitize_client_validate")._trigger()

    def _digitize_validation_values(self):
        raise NotImplementedError

    def _digitize_validation_payload(self):
        """The validation values, with the boxes the user picked and the total the user confirmed."""
        values = self._digitize_validation_values()
        current = None
        for feature, pick in (self.digitize_picks or {}).items():
            if feature not in values:
                current = current if current is not None else self._digitize_feature_contents()
                values[feature] = {"content": current.get(feature)}
            values[feature] = dict(values[feature], coords=pick["coords"], page=pick["page"], picked=True)
        if self.digitize_total_confirmed and isinstance(values.get("total"), dict):
            values["total"] = dict(values["total"], confirmed=True)
        return values

    # ------------------------------------------------------------------------------------------- confirmation
    def _digitize_clicked(self, method):
        """Whether this call is the user's click on ``method``'s button of these records (the web client's
        call_button): only then is a dialog an answer. Code calling the method (server actions, other addons,
        imports) gets its plain behaviour."""
        if not request or not request.httprequest.path.startswith("/web/dataset/call_button"):
            return False
        params = getattr(request, "params", None) or {}
        return params.get("model") == self._name and params.get("method") == method

    def _digitize_to_confirm(self, method):
        """The records whose amounts differ from their document's, to confirm in a dialog before ``method``."""
        if self.env.context.get("digitize_mismatch_confirmed") or not self._digitize_clicked(method):
            return self.browse()
        return self.filtered("digitize_mismatch")

    def _digitize_confirm_dialog(self, doubtful):
        """The dialog asking to confirm ``doubtful`` records (amounts unlike the document's) before going on."""
        return self.env["digitize.confirm.post"]._digitize_open(self, doubtful)

    def _digitize_confirmed(self, doubtful):
        """The user confirmed: ``doubtful`` records' totals are the truth; go on as the button would have."""
        raise NotImplementedError

    @api.model
    def _cron_digitize_validate(self, limit=200):
        records = self.search([("digitize_state", "=", "to_validate")], limit=limit)
        for company in records.mapped(lambda r: r._digitize_company()):
            batch = records.filtered(
                lambda r, company=company: r._digitize_company() == company and r.digitize_document_uuid)
            batch = batch.with_company(company)
            documents = {r.digitize_document_uuid: r._digitize_validation_payload() for r in batch}
            try:
                answer = self.env["digitize.service"]._validate_batch(company, self._digitize_doc_type, documents)
            except Exception:
                _logger.exception("Digitize: validation of %s failed", self._name)
                continue
            if answer.get("status") != "error_no_connection":
                batch.write({"digitize_state": "done", "digitize_picks": False})
        return len(records)
