# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor bills filled from their document: partner by VAT, then IBAN, then name; dates, references, currency,
bank account, refunds, lines with matched purchase taxes, and the total of the document to the cent."""
import json
from difflib import SequenceMatcher

from odoo import Command, fields, models

from ...engine import compact_code

ROUNDING_TOLERANCE = 0.05


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "digitize.mixin"]
    _digitize_doc_type = "invoice"
    _digitize_mode_field = "digitize_invoice_mode"

    digitize_partner_suggestion = fields.Json(copy=False, readonly=True,
                                              help="Supplier read on the document when no partner matched.")

    def _digitize_extractable(self):
        return self.state == "draft" and self.is_purchase_document(include_receipts=True)

    def _message_set_main_attachment_id(self, attachments, force=False, filter_xml=True):
        result = super()._message_set_main_attachment_id(attachments, force=force, filter_xml=filter_xml)
        self._digitize_auto_send()
        return result

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._digitize_validate()
        return posted

    # ------------------------------------------------------------------------------------------- partner
    def _digitize_partner_domain(self):
        return [("company_id", "in", (False, self.company_id.id))]

    def _digitize_find_partner(self, vat, iban, name):
        Partner = self.env["res.partner"]
        domain = self._digitize_partner_domain()
        code = compact_code(vat)
        if len(code) >= 6:
            found = Partner.search(domain + [("vat", "ilike", code[-6:])]).filtered(
                lambda p: compact_code(p.vat) == code or compact_code(p.vat)[2:] == code[2:])
            if found:
                return found[0].commercial_partner_id
        if iban:
            bank = self.env["res.partner.bank"].search(
                [("sanitized_acc_number", "=", compact_code(iban))] + [("partner_id.company_id", "in", (
                    False, self.company_id.id))], limit=1)
            if bank:
                return bank.partner_id.commercial_partner_id
        if name and len(name) >= 3:
            candidates = Partner.search(domain + [("name", "ilike", name.split()[0])], limit=50)
            scored = sorted(((SequenceMatcher(None, p.name.lower(), name.lower()).ratio(), p) for p in candidates),
                            key=lambda pair: -pair[0])
            if scored and scored[0][0] >= 0.8:
                return scored[0][1].commercial_partner_id
        return Partner

    def action_digitize_create_partner(self):
        """Create the vendor read on the document (offered when no existing partner matched)."""
        self.ensure_one()
        suggestion = self.digitize_partner_suggestion or {}
        if not suggestion.get("name"):
            return False
        partner = self.env["res.partner"].create({
            "name": suggestion["name"], "vat": suggestion.get("vat") or False, "is_company": True,
            "company_id": self.company_id.id if suggestion.get("company_only") else False})
        self.write({"partner_id": partner.id, "digitize_partner_suggestion": False})
        if suggestion.get("iban"):
            self._digitize_set_bank(partner, suggestion["iban"], suggestion.get("bic"))
        return True

    def _digitize_set_bank(self, partner, iban, bic=None):
        Bank = self.env["res.partner.bank"]
        account = Bank.search([("sanitized_acc_number", "=", compact_code(iban)), ("partner_id", "=", partner.id)],
                              limit=1)
        if not account:
            values = {"acc_number": iban, "partner_id": partner.id}
            if bic:
                bank = self.env["res.bank"].search([("bic", "=", bic)], limit=1) or self.env["res.bank"].create(
                    {"name": bic, "bic": bic})
                values["bank_id"] = bank.id
            account = Bank.create(values)
        if not self.partner_bank_id or self.partner_bank_id.partner_id != partner:
            self.partner_bank_id = account

    # ------------------------------------------------------------------------------------------- taxes
    def _digitize_taxes(self, rate):
        """A purchase tax of ``rate`` percent, preferring those already used on this vendor's bills."""
        if rate is None:
            return self.env["account.tax"]
        taxes = self.env["account.tax"].search([
            ("type_tax_use", "=", "purchase"), ("amount_type", "=", "percent"),
            ("company_id", "parent_of", self.company_id.id), ("active", "=", True)])
        # a rate computed from rounded amounts (tax / subtotal) is only close to the nominal one
        matching = taxes.filtered(lambda t: abs(t.amount - rate) < 0.06 and not t.price_include)
        if not matching:
            return self.env["account.tax"]
        if self.partner_id:
            used = self.env["account.move.line"].search([
                ("partner_id", "=", self.partner_id.id), ("move_id.move_type", "in", ("in_invoice", "in_refund")),
                ("move_id.state", "=", "posted"), ("tax_ids", "in", matching.ids)], limit=1, order="id desc")
            preferred = used.tax_ids & matching
            if preferred:
                return preferred[:1]
        default = self.company_id.account_purchase_tax_id & matching
        return default or matching[:1]

    # ------------------------------------------------------------------------------------------- fill
    def _digitize_fill(self, results, force=False):
        self.ensure_one()
        value = self._digitize_value
        total, subtotal, tax = value(results, "total"), value(results, "subtotal"), value(results, "total_tax_amount")
        if total is not None and total < 0 and self.move_type == "in_invoice" and not self.invoice_line_ids:
            self.move_type = "in_refund"  # a credit note: amounts are entered positive on a refund
        sign = -1 if self.move_type == "in_refund" else 1
        total, subtotal, tax = (None if v is None else v * sign for v in (total, subtotal, tax))
        vat, iban = value(results, "VAT_Number"), value(results, "iban")
        supplier = value(results, "supplier")
        bic = None
        swift = value(results, "SWIFT_code")
        if swift:
            try:
                bic = json.loads(swift).get("bic")
            except (ValueError, AttributeError):
                bic = None
        values = {}
        if force or not self.partner_id:
            partner = self._digitize_find_partner(vat, iban, supplier)
            if partner:
                values["partner_id"] = partner.id
            elif supplier:
                values["digitize_partner_suggestion"] = {"name": supplier, "vat": vat, "iban": iban, "bic": bic}
        currency = value(results, "currency")
        if currency:
            record = self.env["res.currency"].search([("name", "=", str(currency).upper())], limit=1)
            if record and (force or self.currency_id == self.company_id.currency_id):
                values["currency_id"] = record.id
        if values:
            self.write(values)
        date, due = value(results, "date"), value(results, "due_date")
        dates = {}
        if date and (force or not self.invoice_date):
            dates["invoice_date"] = date
        if due and (force or not self.invoice_payment_term_id) and (not date or due >= date):
            dates.update(invoice_payment_term_id=False, invoice_date_due=due)
        reference = value(results, "invoice_id")
        if reference and (force or not self.ref):
            dates["ref"] = reference
        payment_reference = value(results, "payment_ref")
        if payment_reference and (force or not self.payment_reference):
            dates["payment_reference"] = payment_reference
        if dates:
            self.write(dates)
        if iban and self.partner_id and (force or not self.partner_bank_id):
            self._digitize_set_bank(self.partner_id, iban, bic)
        if force or not self.invoice_line_ids:
            self._digitize_fill_lines(results, subtotal, tax, total, sign, supplier)

    def _digitize_fill_lines(self, results, subtotal, tax, total, sign, label):
        lines = []
        for line in results.get("invoice_lines") or []:
            content = lambda feature, default=None, line=line: self._digitize_value(line, feature, default)  # noqa
            quantity = content("quantity", 1.0) or 1.0
            line_subtotal = content("subtotal")
            price = content("unit_price")
            if price is None and line_subtotal is not None:
                price = line_subtotal / quantity
            if price is None:
                continue
            rates = [c["content"] for c in (line.get("taxes") or {}).get("selected_values", [])]
            discount = content("discount", 0.0) or 0.0
            if 0 < discount < 100:
                price = price / (1 - discount / 100)  # the unit price comes after the discount, the bill line before
            lines.append({"name": content("description") or label or "/", "quantity": abs(quantity),
                          "price_unit": price * sign * (1 if quantity >= 0 else -1),
                          "discount": discount, "rate": rates[0] if rates else None})
        document_rate = None
        base = subtotal if subtotal is not None else (None if total is None else total - (tax or 0.0))
        if tax is not None and base:
            document_rate = round(100.0 * tax / base, 2)
        for line in lines:
            if line["rate"] is None:
                line["rate"] = document_rate  # one VAT rate on the document: the lines carry it
        if not lines or self.company_id.digitize_invoice_lines == "tax_groups":
            if base is None:
                return
            if lines and self.company_id.digitize_invoice_lines == "tax_groups":
                groups = {}
                for line in lines:
                    groups.setdefault(line["rate"], 0.0)
                    groups[line["rate"]] += line["price_unit"] * line["quantity"] * (1 - line["discount"] / 100)
                lines = [{"name": label or "/", "quantity": 1.0, "price_unit": amount, "rate": rate}
                         for rate, amount in groups.items()]
            else:
                lines = [{"name": label or self.ref or "/", "quantity": 1.0, "price_unit": base,
                          "rate": document_rate}]
        commands = [Command.clear()] if self.invoice_line_ids else []
        for line in lines:
            taxes = self._digitize_taxes(line.pop("rate"))
            commands.append(Command.create(dict(line, tax_ids=[Command.set(taxes.ids)])))
        self.write({"invoice_line_ids": commands})
        if total is not None:
            self._digitize_close_rounding_gap(total)

    def _digitize_close_rounding_gap(self, total):
        """Per-line rounding can leave the bill a cent away from the document: the tax line takes the cent."""
        gap = self.currency_id.round(total - self.amount_total)
        tax_line = self.line_ids.filtered(lambda line: line.display_type == "tax")[:1]
        if not gap or abs(gap) > ROUNDING_TOLERANCE or not tax_line:
            return
        direction = -1 if self.move_type in ("in_refund",) else 1
        tax_line.amount_currency += gap * direction
        tax_line.balance = self.currency_id._convert(tax_line.amount_currency, self.company_currency_id,
                                                     self.company_id, self.date or fields.Date.today())

    # ------------------------------------------------------------------------------------------- validation
    def _digitize_validation_values(self):
        self.ensure_one()
        bank = self.partner_bank_id

        def content(value):
            return {"content": value if value not in (False,) else None}

        lines = [{
            "description": line.name or "", "quantity": line.quantity, "unit_price": line.price_unit,
            "product": line.product_id.display_name or "",
            "taxes_amount": round(line.price_total - line.price_subtotal, 2),
            "taxes": [{"amount": t.amount, "type": "percent" if t.amount_type == "percent" else "fixed",
                       "price_include": t.price_include} for t in line.tax_ids],
            "subtotal": line.price_subtotal, "total": line.price_total,
        } for line in self.invoice_line_ids]
        return {
            "total": content(self.amount_total), "subtotal": content(self.amount_untaxed),
            "total_tax_amount": content(self.amount_tax),
            "date": content(fields.Date.to_string(self.invoice_date) if self.invoice_date else None),
            "due_date": content(fields.Date.to_string(self.invoice_date_due) if self.invoice_date_due else None),
            "invoice_id": content(self.ref), "supplier": content(self.partner_id.name),
            "VAT_Number": content(self.partner_id.vat), "currency": content(self.currency_id.name),
            "payment_ref": content(self.payment_reference), "iban": content(bank.acc_number),
            "SWIFT_code": content(bank.bank_bic),
            "merged_lines": self.company_id.digitize_invoice_lines == "tax_groups",
            "invoice_lines": {"lines": lines},
        }
