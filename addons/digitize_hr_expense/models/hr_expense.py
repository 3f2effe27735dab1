# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang
from odoo.tools.translate import LazyTranslate

from odoo.addons.digitize.models.client.account_move import ROUNDING_TOLERANCE
from odoo.addons.digitize.models.client.consistency import Amounts, find_mismatch
from odoo.addons.digitize.models.client.review_candidates import to_amount, to_date

_lt = LazyTranslate(__name__)

# the features a user reviews on the receipt: {feature: (form field, label)}
REVIEW_FEATURES = {
    "date": ("date", _lt("Expense date")),
    "total": ("total_amount_currency", _lt("Total")),
    "currency": ("currency_id", _lt("Currency")),
    "supplier": ("name", _lt("Merchant")),
}


class HrExpense(models.Model):
    _name = "hr.expense"
    _inherit = ["hr.expense", "digitize.mixin"]
    _digitize_doc_type = "expense"
    _digitize_mode_field = "digitize_expense_mode"

    digitize_document_total = fields.Float(
        "Total read", copy=False, help="The total read on the receipt, positive as the expense carries it.")
    digitize_document_currency = fields.Char(
        "Currency printed", copy=False, readonly=True, help="The ISO code of the currency read on the receipt.")

    def _digitize_extractable(self):
        return self.state in ("draft", "reported") and self.sheet_id.state not in ("approve", "post", "done")

    def _message_set_main_attachment_id(self, attachments, force=False, filter_xml=True):
        result = super()._message_set_main_attachment_id(attachments, force=force, filter_xml=filter_xml)
        self._digitize_auto_send()
        return result

    @api.depends("state", "digitize_state", "total_amount_currency", "currency_id", "digitize_document_total",
                 "digitize_document_currency")
    def _compute_digitize_mismatch(self):
        for expense in self:
            found = expense._digitize_find_mismatch()
            expense.digitize_mismatch = expense._digitize_mismatch_text(found) if found else False

    def _digitize_find_mismatch(self):
        if self.digitize_state != "waiting_validation" or not self._digitize_extractable() \
                or not self.digitize_document_total:
            return None
        return find_mismatch(Amounts(self.digitize_document_total, None, None),
                             Amounts(self.total_amount_currency, None, None), ROUNDING_TOLERANCE,
                             read_currency=self.digitize_document_currency, booked_currency=self.currency_id.name)

    def _digitize_mismatch_text(self, found):
        read_currency = self.currency_id
        if found.reason == "currency":
            read_currency = self.env["res.currency"].with_context(active_test=False).search(
                [("name", "=", found.details["read"])], limit=1) or self.currency_id
        text = self.env._("The receipt's total is %(read)s, the expense's %(booked)s.",
                          read=formatLang(self.env, found.read, currency_obj=read_currency),
                          booked=formatLang(self.env, found.booked, currency_obj=self.currency_id))
        if found.reason == "currency":
            return text + " " + self.env._("The receipt is in %(read)s, the expense in %(booked)s.", **found.details)
        return text + " " + self.env._("Check the amount read on the receipt.")

    def action_submit_expenses(self):
        # amounts unlike the receipt's are confirmed in a dialog first
        doubtful = self._digitize_to_confirm("action_submit_expenses")
        if doubtful:
            return self._digitize_confirm_dialog(doubtful)
        result = super().action_submit_expenses()
        self._digitize_validate()
        return result

    def _digitize_confirmed(self, doubtful):
        doubtful.digitize_total_confirmed = True
        return self.with_context(digitize_mismatch_confirmed=True).action_submit_expenses()

    def _digitize_reload_fields(self):
        return ["name", "date", "total_amount_currency", "currency_id", "digitize_document_total"]

    def _digitize_fill(self, results, force=False):
        self.ensure_one()
        value = self._digitize_value
        forced = lambda name: self._digitize_forced(force, name)  # noqa: E731
        values = {}
        total = value(results, "total")
        if total is not None and (forced("digitize_document_total") or not self.digitize_document_total):
            values["digitize_document_total"] = abs(total)
        if total is not None and (forced("total_amount_currency") or not self.total_amount_currency):
            values["total_amount_currency"] = abs(total)
        date = value(results, "date")
        # the date defaults to the day of entry: a different date was chosen by the user
        if date and (forced("date") or not self.date or self.date == fields.Date.to_date(self.create_date)):
            values["date"] = date
        notes = []
        currency = value(results, "currency")
        values["digitize_document_currency"] = str(currency or "").strip().upper() or False
        if currency:
            code = str(currency).upper()
            record = self.env["res.currency"].with_context(active_test=False).search([("name", "=", code)], limit=1)
            if not record.active:
                # never the company's currency in silence: the chatter says what the receipt is priced in
                notes.append(self.env._("currency %(code)s is not active: the expense stays in %(current)s",
                                        code=code, current=self.currency_id.name) if record else
                             self.env._("currency %(code)s is unknown: the expense stays in %(current)s",
                                        code=code, current=self.currency_id.name))
            elif forced("currency_id") or self.currency_id == self.company_id.currency_id:
                values["currency_id"] = record.id
                notes.append(self.env._("currency %s", code))
        # the merchant, else what was bought (the engine reads both for receipts)
        description = value(results, "supplier") or value(results, "description")
        if description and (forced("name") or self._digitize_name_is_placeholder()):
            values["name"] = description
        if not self.product_id:
            product = self.env["product.product"].search([
                ("can_be_expensed", "=", True), ("company_id", "in", (False, self.company_id.id))], limit=1)
            if product:
                values["product_id"] = product.id
        if values:
            self.write(values)
            if "total_amount_currency" in values and self.total_amount_currency != values["total_amount_currency"]:
                self.total_amount_currency = values["total_amount_currency"]  # the product change recomputed it
        return notes

    def _digitize_name_is_placeholder(self):
        """Whether the description was not typed: empty, the product's name, or the name of the uploaded file
        (Odoo's Upload button names the expense after the file, without its extension)."""
        self.ensure_one()
        if not self.name or self.name == self.product_id.display_name:
            return True
        for attachment in self._digitize_attachment() | self.attachment_ids:
            file_name = attachment.name or ""
            if self.name in (file_name, file_name.rsplit(".", 1)[0]):
                return True
        return False

    def _digitize_review_features(self):
        return REVIEW_FEATURES

    def _digitize_feature_contents(self):
        self.ensure_one()
        return {"date": fields.Date.to_string(self.date) if self.date else None,
                "total": self.total_amount_currency or None, "currency": self.currency_id.name,
                "supplier": self.name}

    def _digitize_content_matches(self, feature, current, content):
        if feature == "total" and isinstance(content, (int, float)) and not isinstance(content, bool):
            content = abs(content)  # a receipt's refund is entered positive
        return super()._digitize_content_matches(feature, current, content)

    def _digitize_pick_value(self, feature, content):
        try:
            if feature == "date":
                self.date = to_date(content)
            elif feature == "total":
                amount = abs(to_amount(content))
                self.write({"total_amount_currency": amount, "digitize_document_total": amount})
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("“%s” cannot be read as a date or an amount.", content)) from error
        if feature == "currency":
            code = str(content).strip().upper()
            currency = self.env["res.currency"].with_context(active_test=False).search([("name", "=", code)],
                                                                                        limit=1)
            if not currency:
                raise UserError(self.env._("The currency %s is not known in this database.", code))
            if not currency.active:
                raise UserError(self.env._("The currency %s is not active in this database: ask an accountant to "
                                           "activate it.", code))
            self.write({"currency_id": currency.id, "digitize_document_currency": code})
        elif feature == "supplier":
            self.name = str(content).strip()
        return True

    def _digitize_validation_values(self):
        self.ensure_one()
        return {"total": {"content": self.total_amount_currency},
                "date": {"content": fields.Date.to_string(self.date) if self.date else None},
                "currency": {"content": self.currency_id.name}, "description": {"content": self.name}}
