# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor bills filled from their document: partner by VAT, then IBAN, then name; dates, references, currency,
bank account, refunds, lines with matched purchase taxes, and the total of the document to the cent."""
import json
import re
import unicodedata
from difflib import SequenceMatcher

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round, formatLang
from odoo.tools.translate import LazyTranslate

from ...engine import compact_code
from .consistency import Amounts, find_mismatch
from .review_candidates import to_amount, to_date

_lt = LazyTranslate(__name__)

ROUNDING_TOLERANCE = 0.05
CASH_ROUNDING_STEPS = (0.05, 0.1)  # the coins totals are printed rounded to (CHF, SEK, receipts' "TOTAL ROUNDED")
# below this share of agreeing name tokens, the partner of a VAT number or IBAN is not the printed supplier
NAME_AGREEMENT = 0.5
# legal forms and filler words: "Muster GmbH" and "Muster AG & Co. KG" name the same supplier
LEGAL_FORMS = {
    "ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "cv", "ek", "eg", "ev", "gbr", "gmbh", "inc",
    "kg", "kgaa", "limited", "llc", "llp", "ltd", "mbh", "nv", "oy", "plc", "sa", "sarl", "sas", "se", "spa",
    "sl", "srl", "ug", "ohg", "und", "and", "et", "the", "haftungsbeschrankt", "bvba", "sprl", "ou", "pty",
}


def name_tokens(name):
    """The distinctive words of a company name: lower case, unaccented, without legal forms and punctuation."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower().replace("&", " ")
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text)  # "e.K." → "ek."
    words = re.findall(r"\w+", text)
    return [w for w in words if w not in LEGAL_FORMS and len(w) > 1]


def name_agreement(first, second):
    """Share (0-1) of the shorter name's words found, exactly or nearly (OCR), in the other; 1 when a name has
    no distinctive word left (nothing to disagree on)."""
    tokens_a, tokens_b = name_tokens(first), name_tokens(second)
    if not tokens_a or not tokens_b:
        return 1.0
    shorter, longer = sorted((tokens_a, tokens_b), key=len)
    found = sum(1 for token in shorter if any(
        token == other or SequenceMatcher(None, token, other).ratio() >= 0.8 for other in longer))
    # "Muster" alone against "Muster Werkzeug": the printed name may add words, but not only disagree
    joined = SequenceMatcher(None, "".join(tokens_a), "".join(tokens_b)).ratio()
    return max(found / len(shorter), joined)


# the features a user reviews on the bill's document: {feature: (form field, label)}
REVIEW_FEATURES = {
    "supplier": ("partner_id", _lt("Vendor")),
    "VAT_Number": ("partner_id", _lt("Vendor's VAT number")),
    "invoice_id": ("ref", _lt("Bill reference")),
    "date": ("invoice_date", _lt("Bill date")),
    "due_date": ("invoice_date_due", _lt("Due date")),
    "total": ("digitize_document_total", _lt("Total")),
    "subtotal": ("digitize_document_untaxed", _lt("Untaxed amount")),
    "total_tax_amount": ("digitize_document_tax", _lt("Tax")),
    "currency": ("currency_id", _lt("Currency")),
    "iban": ("partner_bank_id", _lt("Bank account")),
    "payment_ref": ("payment_reference", _lt("Payment reference")),
}
# what a fill writes, and a reload may replace
RELOAD_FIELDS = ["partner_id", "ref", "invoice_date", "invoice_date_due", "payment_reference", "currency_id",
                 "partner_bank_id", "digitize_document_untaxed", "digitize_document_tax", "digitize_document_total",
                 "invoice_line_ids"]
DOCUMENT_AMOUNTS = {"total": "digitize_document_total", "subtotal": "digitize_document_untaxed",
                    "total_tax_amount": "digitize_document_tax"}


def _name_key(name):
    """A company name's letters and digits, lower case, without accents (how names are compared)."""
    return "".join(char for char in unicodedata.normalize("NFKD", name or "") if char.isalnum()).lower()


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "digitize.mixin"]
    _digitize_doc_type = "invoice"
    _digitize_mode_field = "digitize_invoice_mode"

    digitize_partner_suggestion = fields.Json(copy=False, readonly=True,
                                              help="Supplier read on the document when no partner matched.")
    digitize_vendor_check = fields.Json(
        copy=False, readonly=True,
        help="The vendor chosen by its VAT number or IBAN although the document prints another name: "
             "{partner_id, text}.")
    digitize_vendor_warning = fields.Char(compute="_compute_digitize_vendor_warning")
    digitize_currency_code = fields.Char(
        "Currency read", copy=False, readonly=True,
        help="The document's currency when it could not be applied to the bill (inactive or unknown here).")
    digitize_currency_inactive = fields.Boolean(compute="_compute_digitize_currency_inactive")
    digitize_document_total = fields.Float(
        "Total read", copy=False, tracking=True, help="The total read on the document, as the bill carries it.")
    digitize_document_untaxed = fields.Float(
        "Untaxed amount read", copy=False, tracking=True,
        help="The untaxed amount read on the document, as the bill carries it.")
    digitize_document_tax = fields.Float(
        "Tax read", copy=False, tracking=True, help="The tax amount read on the document, as the bill carries it.")
    digitize_document_currency = fields.Char(
        "Currency printed", copy=False, readonly=True, help="The ISO code of the currency read on the document.")
    digitize_missing_taxes = fields.Json(
        copy=False, readonly=True, help="The tax rates read on the document that had no purchase tax here.")

    @api.depends("partner_id", "digitize_vendor_check")
    def _compute_digitize_vendor_warning(self):
        for move in self:
            check = move.digitize_vendor_check or {}
            move.digitize_vendor_warning = check.get("text") if check.get("partner_id") == move.partner_id.id \
                else False

    @api.depends("digitize_currency_code")
    def _compute_digitize_currency_inactive(self):
        for move in self:
            move.digitize_currency_inactive = bool(move.digitize_currency_code and move._digitize_currency(
                move.digitize_currency_code).filtered(lambda c: not c.active))

    def _digitize_extractable(self):
        return self.state == "draft" and self.is_purchase_document(include_receipts=True)

    def _message_set_main_attachment_id(self, attachments, force=False, filter_xml=True):
        result = super()._message_set_main_attachment_id(attachments, force=force, filter_xml=filter_xml)
        self._digitize_auto_send()
        return result

    def action_post(self):
        # the Confirm button: amounts unlike the document's are confirmed in a dialog first
        # a bill Odoo refuses anyway (no vendor) gets Odoo's error first, not the question
        doubtful = self._digitize_to_confirm("action_post").filtered("partner_id")
        if doubtful:
            return self._digitize_confirm_dialog(doubtful)
        return super().action_post()

    def _digitize_confirmed(self, doubtful):
        doubtful.digitize_total_confirmed = True
        return self.with_context(digitize_mismatch_confirmed=True).action_post()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._digitize_validate()
        return posted

    # ------------------------------------------------------------------------------------------- partner
    def _digitize_partner_domain(self):
        return [("company_id", "in", (False, self.company_id.id))]

    def _digitize_find_partner(self, vat, iban, name):
        """(partner, how) where how is "vat", "iban" or "name"; an empty recordset and None if none matched."""
        Partner = self.env["res.partner"]
        domain = self._digitize_partner_domain()
        code = compact_code(vat)
        if len(code) >= 6:
            # VAT numbers are stored as typed ("DE 136 695 976"): compare them without spaces and punctuation
            query = Partner._search(domain + [("vat", "!=", False)])
            query.add_where(SQL("regexp_replace(upper(res_partner.vat), '[^0-9A-Z]', '', 'g') LIKE %s",
                                f"%{code[-6:]}"))
            found = Partner.browse(query.get_result_ids()).filtered(
                lambda p: compact_code(p.vat) == code or compact_code(p.vat)[2:] == code[2:])
            if found:
                return found[0].commercial_partner_id, "vat"
        if iban:
            bank = self.env["res.partner.bank"].search(
                [("sanitized_acc_number", "=", compact_code(iban))] + [("partner_id.company_id", "in", (
                    False, self.company_id.id))], limit=1)
            if bank:
                return bank.partner_id.commercial_partner_id, "iban"
        if name and len(name) >= 3:
            # names compared without punctuation or spaces: "MR. D.I.Y. (M)" is the partner "MR D.I.Y (M)"
            first = name.split()[0].strip(".,;:()[]{}'\"-/&*") or name.split()[0]
            candidates = Partner.search(domain + [("name", "ilike", first)], limit=50)
            wanted = _name_key(name)
            scored = sorted(((SequenceMatcher(None, _name_key(p.name), wanted).ratio(), p) for p in candidates),
                            key=lambda pair: -pair[0])
            if scored and scored[0][0] >= 0.8:
                return scored[0][1].commercial_partner_id, "name"
        return Partner, None

    @staticmethod
    def _digitize_names_agree(partner, printed):
        """Whether the printed supplier name can be this partner (or its company): True when nothing is printed."""
        if not printed or not partner:
            return True
        names = {partner.name, partner.commercial_partner_id.name} - {False}
        return any(name_agreement(name, printed) >= NAME_AGREEMENT for name in names)

    def action_digitize_create_partner(self):
        """Create the vendor read on the document (offered when no existing partner matched)."""
        self.ensure_one()
        suggestion = self.digitize_partner_suggestion or {}
        if not suggestion.get("name"):
            return False
        partner = self.env["res.partner"].create({
            "name": suggestion["name"], "vat": suggestion.get("vat") or False, "is_company": True,
            "country_id": self._digitize_supplier_country(suggestion).id,
            "company_id": self.company_id.id if suggestion.get("company_only") else False})
        self.write({"partner_id": partner.id, "digitize_partner_suggestion": False, "digitize_vendor_check": False})
        if suggestion.get("iban"):
            self._digitize_set_bank(partner, suggestion["iban"], suggestion.get("bic"))
        return True

    def _digitize_supplier_country(self, suggestion):
        """The country a new vendor's VAT number or IBAN names by its prefix (Greece's VAT numbers say EL)."""
        for code in (suggestion.get("vat"), suggestion.get("iban")):
            prefix = compact_code(code)[:2]
            if prefix.isalpha():
                country = self.env["res.country"].search([("code", "=", "GR" if prefix == "EL" else prefix)], limit=1)
                if country:
                    return country
        return self.env["res.country"]

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
        return account

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

    def _digitize_vendor_account(self, taxes):
        """The expense account of this vendor's last posted bill line taxed as ``taxes`` (untaxed when empty):
        a vendor's next bill is booked as its last ones were, rate by rate. Empty when the vendor has none."""
        if not self.partner_id:
            return self.env["account.account"]
        domain = [
            ("partner_id", "=", self.partner_id.commercial_partner_id.id), ("company_id", "=", self.company_id.id),
            ("display_type", "=", "product"), ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("in_invoice", "in_refund", "in_receipt")),
            ("account_id.deprecated", "=", False)]
        domain.append(("tax_ids", "in", taxes.ids) if taxes else ("tax_ids", "=", False))
        return self.env["account.move.line"].search(domain, limit=1, order="date desc, id desc").account_id

    # ------------------------------------------------------------------------------------------- fill
    def _digitize_fill(self, results, force=False):
        """Fill the bill from ``results``; return the notes of what matched and what did not (for the chatter)."""
        self.ensure_one()
        notes = []
        value = self._digitize_value
        total, subtotal, tax = value(results, "total"), value(results, "subtotal"), value(results, "total_tax_amount")
        if total is not None and total < 0 and self.move_type == "in_invoice" and not self.invoice_line_ids:
            self.move_type = "in_refund"  # a credit note: amounts are entered positive on a refund
            notes.append(self.env._("negative total: the bill became a refund"))
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
        forced = lambda name: self._digitize_forced(force, name) or not self[name]  # noqa: E731
        values = {name: amount or 0.0 for name, amount in (
            ("digitize_document_total", total), ("digitize_document_untaxed", subtotal), ("digitize_document_tax", tax))
            if forced(name)}
        values["digitize_document_currency"] = str(value(results, "currency") or "").strip().upper() or False
        if forced("partner_id"):
            values.update(self._digitize_fill_partner(vat, iban, supplier, bic, notes))
        values.update(self._digitize_fill_currency(value(results, "currency"),
                                                   self._digitize_forced(force, "currency_id"), notes))
        self.write(values)
        date, due = value(results, "date"), value(results, "due_date")
        dates = {}
        if date and forced("invoice_date"):
            dates["invoice_date"] = date
        if due and (self._digitize_forced(force, "invoice_date_due") or not self.invoice_payment_term_id) and (
                not date or due >= date):
            dates.update(invoice_payment_term_id=False, invoice_date_due=due)
        reference = value(results, "invoice_id")
        if reference and forced("ref"):
            dates["ref"] = reference
        payment_reference = value(results, "payment_ref")
        if payment_reference and forced("payment_reference"):
            dates["payment_reference"] = payment_reference
        if dates:
            self.write(dates)
        if iban and self.partner_id and forced("partner_bank_id"):
            if self.digitize_vendor_warning or not self._digitize_names_agree(self.partner_id, supplier):
                # a bank account on the wrong partner would send its payments to the document's supplier
                notes.append(self.env._("bank account %(iban)s not added to %(partner)s: the document names "
                                        "%(supplier)s", iban=iban, partner=self.partner_id.display_name,
                                        supplier=supplier))
            else:
                account = self._digitize_set_bank(self.partner_id, iban, bic)
                if self._digitize_forced(force, "partner_bank_id"):
                    self.partner_bank_id = account
        if forced("invoice_line_ids"):
            self._digitize_fill_lines(results, subtotal, tax, total, sign, supplier, notes=notes)
        return notes

    def _digitize_fill_partner(self, vat, iban, supplier, bic, notes):
        """The partner values of the bill from what the document prints; notes say how the vendor matched."""
        partner, how = self._digitize_find_partner(vat, iban, supplier)
        values = {"digitize_vendor_check": False}
        if not partner:
            if supplier:
                values["digitize_partner_suggestion"] = {"name": supplier, "vat": vat, "iban": iban, "bic": bic}
                notes.append(self.env._("vendor %s not found in the contacts", supplier))
            return values
        values["partner_id"] = partner.id
        key = {"vat": vat, "iban": iban}.get(how)
        if how == "name":
            notes.append(self.env._("vendor matched by name: %s", partner.display_name))
        elif not self._digitize_names_agree(partner, supplier):
            if how == "vat":
                text = self.env._("VAT %(key)s belongs to %(partner)s, the document names %(supplier)s: check the "
                                  "vendor.", key=key, partner=partner.display_name, supplier=supplier)
            else:
                text = self.env._("IBAN %(key)s belongs to %(partner)s, the document names %(supplier)s: check the "
                                  "vendor.", key=key, partner=partner.display_name, supplier=supplier)
            values["digitize_vendor_check"] = {"partner_id": partner.id, "text": text}
            notes.append(text)
        elif how == "vat":
            notes.append(self.env._("vendor matched by VAT %s", key))
        else:
            notes.append(self.env._("vendor matched by IBAN %s", key))
        return values

    def _digitize_currency(self, code):
        """The currency of ISO code ``code``, active or not (an empty recordset for an unknown code)."""
        return self.env["res.currency"].with_context(active_test=False).search(
            [("name", "=", str(code).strip().upper())], limit=1)

    def _digitize_fill_currency(self, code, force, notes):
        """The bill takes the document's currency; never silently the company's instead: an inactive or unknown
        currency is kept in ``digitize_currency_code`` for the form's banner (and its Activate button)."""
        if not code:
            return {"digitize_currency_code": False}
        code = str(code).strip().upper()
        currency = self._digitize_currency(code)
        if not currency or not currency.active:
            if currency:
                notes.append(self.env._("currency %(code)s is not active: the bill stays in %(current)s until %(code)s "
                                        "is activated", code=code, current=self.currency_id.name))
            else:
                notes.append(self.env._("currency %(code)s is unknown: the bill stays in %(current)s", code=code,
                                        current=self.currency_id.name))
            return {"digitize_currency_code": code}
        if force or self.currency_id == self.company_id.currency_id or self.currency_id == currency:
            notes.append(self.env._("currency %s", code))
            return {"currency_id": currency.id, "digitize_currency_code": False}
        notes.append(self.env._("currency %(code)s read, %(current)s kept (chosen on the bill)", code=code,
                                current=self.currency_id.name))
        return {"digitize_currency_code": False}

    def action_digitize_activate_currency(self):
        """Activate the document's currency (account managers) and apply it, with the document's amounts, to the
        bill: no new upload needed."""
        self.ensure_one()
        code = self.digitize_currency_code
        currency = self._digitize_currency(code) if code else self.env["res.currency"]
        if not currency:
            raise UserError(self.env._("The currency %s is not known in this database.", code or "?"))
        if not currency.active:
            currency.check_access("write")  # account managers (and administrators) may change currencies
            currency.active = True
        # the open form shows the currency and its amounts at once (the currency field was hidden before)
        reload = {"type": "ir.actions.client", "tag": "soft_reload"}
        if self.state != "draft":
            self.digitize_currency_code = False
            return reload
        self.write({"currency_id": currency.id, "digitize_currency_code": False})
        if self.digitize_document_total and self.invoice_line_ids:
            self._digitize_close_rounding_gap(self.digitize_document_total)
        self.message_post(body=self.env._("Currency %s activated and applied to the bill by Digitize.", currency.name))
        return reload

    def _digitize_fill_lines(self, results, subtotal, tax, total, sign, label, notes=None):
        notes = [] if notes is None else notes
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
        missing = []
        for line in lines:
            rate = line.pop("rate")
            taxes = self._digitize_taxes(rate)
            if rate is not None and not taxes and rate not in missing:
                missing.append(rate)
            values = dict(line, tax_ids=[Command.set(taxes.ids)])
            account = self._digitize_vendor_account(taxes)
            if account:
                values["account_id"] = account.id
            commands.append(Command.create(values))
        for rate in missing:
            notes.append(self.env._("tax %s %% not found: line left without tax", format(rate, "g")))
        self.write({"invoice_line_ids": commands, "digitize_missing_taxes": missing or False})
        if total is not None:
            self._digitize_close_rounding_gap(total, tax, notes)

    def _digitize_close_rounding_gap(self, total, tax=None, notes=None):
        """Per-line rounding can leave the bill a cent away from the document: the tax line takes the cent. A total
        printed rounded to the coin (a receipt's "TOTAL ROUNDED 33.90" for lines of 33.92) is a cash rounding:
        it is met with a rounding line, the taxes kept as printed."""
        notes = [] if notes is None else notes
        gap = self.currency_id.round(total - self.amount_total)
        if not gap or abs(gap) > ROUNDING_TOLERANCE:
            return
        step = self._digitize_cash_rounding_step(total, tax)
        if step:
            self._digitize_add_cash_rounding(step, total, gap, notes)
            return
        tax_line = self.line_ids.filtered(lambda line: line.display_type == "tax")[:1]
        if not tax_line:
            return
        direction = -1 if self.move_type in ("in_refund",) else 1
        tax_line.amount_currency += gap * direction
        tax_line.balance = self.currency_id._convert(tax_line.amount_currency, self.company_currency_id,
                                                     self.company_id, self.date or fields.Date.today())

    def _digitize_cash_rounding_step(self, total, tax):
        """The coin step (0.05, 0.10) the printed total is rounded to, when the gap is one: the printed total is
        a multiple of it, the bill's total rounds to it, and the taxes are the printed ones (else the gap is
        the taxes' rounding cent)."""
        currency = self.currency_id
        if tax is not None and currency.compare_amounts(tax, self.amount_tax):
            return None
        for step in CASH_ROUNDING_STEPS:
            if currency.is_zero(total - float_round(total, precision_rounding=step)) and currency.is_zero(
                    total - float_round(self.amount_total, precision_rounding=step)):
                return step
        return None

    def _digitize_add_cash_rounding(self, step, total, gap, notes):
        """Odoo's cash rounding when the company has one for this step (with its accounts), else a rounding line
        on the bill, without tax: the bill's total is the printed one."""
        rounding = self.env["account.cash.rounding"].search([
            ("rounding", "=", step), ("strategy", "=", "add_invoice_line"), ("rounding_method", "=", "HALF-UP")])
        rounding = rounding.filtered(lambda r: r.profit_account_id and r.loss_account_id)[:1]
        if rounding and not self.invoice_cash_rounding_id:
            self.invoice_cash_rounding_id = rounding
            if not self.currency_id.compare_amounts(total, self.amount_total):
                notes.append(self.env._("printed total %(total)s is rounded to %(step)s: cash rounding %(name)s "
                                        "applied", total=total, step=step, name=rounding.name))
                return
            self.invoice_cash_rounding_id = False
        gap = self.currency_id.round(total - self.amount_total)
        self.write({"invoice_line_ids": [Command.create({
            "name": self.env._("Rounding of the printed total"), "quantity": 1.0, "price_unit": gap,
            "tax_ids": [Command.clear()]})]})
        notes.append(self.env._("printed total %(total)s is rounded to %(step)s: rounding line of %(gap)s added",
                                total=total, step=step, gap=gap))

    # ------------------------------------------------------------------------------------------- consistency
    @api.depends("state", "move_type", "digitize_state", "currency_id", "amount_total", "amount_untaxed",
                 "amount_tax", "digitize_document_total", "digitize_document_untaxed", "digitize_document_tax",
                 "digitize_document_currency", "digitize_missing_taxes")
    def _compute_digitize_mismatch(self):
        for move in self:
            found = move._digitize_find_mismatch()
            move.digitize_mismatch = move._digitize_mismatch_text(found) if found else False

    def _digitize_read_amounts(self):
        """The amounts read on the document (None where not read); the untaxed amount or the tax follows from
        the two others."""
        total = self.digitize_document_total or None
        untaxed = self.digitize_document_untaxed or None
        tax = self.digitize_document_tax or None
        if total is not None and untaxed is not None and tax is None:
            tax = self.currency_id.round(total - untaxed)
        elif total is not None and tax is not None and untaxed is None:
            untaxed = self.currency_id.round(total - tax)
        return Amounts(total, untaxed, tax)

    def _digitize_find_mismatch(self):
        """The consistency.Mismatch of a draft digitized bill whose amounts differ from the document's, or None."""
        if self.state != "draft" or self.digitize_state != "waiting_validation" \
                or not self.is_purchase_document(include_receipts=True) or not self.invoice_line_ids:
            return None
        read = self._digitize_read_amounts()
        if read == Amounts(None, None, None):
            return None
        booked = Amounts(self.amount_total, self.amount_untaxed, self.amount_tax)
        missing = [rate for rate in self.digitize_missing_taxes or [] if not self._digitize_taxes(rate)]
        if not missing and read.tax and read.untaxed and self.currency_id.is_zero(self.amount_tax):
            rate = round(100.0 * read.tax / read.untaxed, 2)  # one rate on the document, none on the lines
            if not self._digitize_taxes(rate):
                missing = [rate]
        return find_mismatch(read, booked, ROUNDING_TOLERANCE, read_currency=self.digitize_document_currency,
                             booked_currency=self.currency_id.name, missing_rates=missing)

    def _digitize_mismatch_text(self, found):
        """Both amounts and the likely reason, as the banner and the confirmation dialog say them."""
        names = {"total": self.env._("total"), "untaxed": self.env._("untaxed amount"), "tax": self.env._("tax")}
        read_currency = self.currency_id
        if found.reason == "currency":
            read_currency = self._digitize_currency(found.details["read"]) or self.currency_id

        def money(amount, currency=self.currency_id):
            return formatLang(self.env, amount or 0.0, currency_obj=currency)

        text = self.env._("The document's %(amount)s is %(read)s, the bill's %(booked)s.", amount=names[found.amount],
                          read=money(found.read, read_currency), booked=money(found.booked))
        details = found.details
        if found.reason == "currency":
            reason = self.env._("The document is in %(read)s, the bill in %(booked)s.", **details)
        elif found.reason == "discount":
            reason = self.env._("The lines add up to %(lines)s, %(percent)s %% more than the document's untaxed "
                                "amount %(document)s: a discount line is likely missing.",
                                lines=money(details["lines"]), document=money(details["document"]),
                                percent=format(details["percent"], "g"))
        elif found.reason == "lines":
            reason = self.env._("The lines add up to %(lines)s, not to the document's untaxed amount %(document)s: "
                                "a line is missing or misread.",
                                lines=money(details["lines"]), document=money(details["document"]))
        elif found.reason == "missing_tax":
            reason = self.env._("There is no purchase tax with rate %s %% for this company: the lines have no tax.",
                                format(details["rate"], "g"))
        elif found.reason == "taxes":
            reason = self.env._("The taxes of the lines come to %(lines)s, the document's to %(document)s: check the "
                                "lines' taxes.", lines=money(details["lines"]), document=money(details["document"]))
        else:
            reason = self.env._("Check the lines and the amounts read on the document.")
        return f"{text} {reason}"

    # ------------------------------------------------------------------------------------------- reload
    def _digitize_reload_fields(self):
        return list(RELOAD_FIELDS)

    def _digitize_snapshot(self):
        snapshot = super()._digitize_snapshot()
        # the lines by what they say: a fill creates new ones each time
        snapshot["invoice_line_ids"] = [
            [line.name or "", round(line.quantity, 4), round(line.price_unit, 4), round(line.discount, 2),
             sorted(line.tax_ids.ids)] for line in self.invoice_line_ids]
        return snapshot

    def _digitize_field_label(self, field_name):
        labels = {"ref": self.env._("Bill Reference"), "invoice_date": self.env._("Bill Date"),
                  "invoice_line_ids": self.env._("Invoice Lines"), "partner_id": self.env._("Vendor")}
        return labels.get(field_name) or super()._digitize_field_label(field_name)

    def _digitize_display(self, field_name):
        if field_name == "invoice_line_ids":
            lines = self.invoice_line_ids
            amount = formatLang(self.env, sum(lines.mapped("price_subtotal")), currency_obj=self.currency_id)
            if len(lines) == 1:
                return self.env._("1 line, %s untaxed", amount)
            return self.env._("%(count)s lines, %(amount)s untaxed", count=len(lines), amount=amount)
        return super()._digitize_display(field_name)

    # ------------------------------------------------------------------------------------------- review
    def _digitize_review_features(self):
        return REVIEW_FEATURES

    def _digitize_sign(self):
        return -1 if self.move_type == "in_refund" else 1

    def _digitize_feature_contents(self):
        self.ensure_one()
        suggestion = self.digitize_partner_suggestion or {}
        contents = {
            "supplier": self.partner_id.name or (suggestion.get("name") if not self.partner_id else None),
            "VAT_Number": self.partner_id.vat or (suggestion.get("vat") if not self.partner_id else None),
            "invoice_id": self.ref, "payment_ref": self.payment_reference,
            "date": fields.Date.to_string(self.invoice_date) if self.invoice_date else None,
            "due_date": fields.Date.to_string(self.invoice_date_due) if self.invoice_date_due else None,
            "currency": self.digitize_currency_code or self.currency_id.name,
            "iban": self.partner_bank_id.acc_number,
        }
        for feature, field_name in DOCUMENT_AMOUNTS.items():
            contents[feature] = self[field_name] * self._digitize_sign() if self[field_name] else None
        return contents

    def _digitize_content_matches(self, feature, current, content):
        if not current or not content:
            return False
        if feature == "supplier":
            return name_agreement(str(current), str(content)) >= NAME_AGREEMENT
        if feature in ("VAT_Number", "iban"):
            first, second = compact_code(current), compact_code(content)
            return bool(first) and (first == second or first[2:] == second[2:] and len(first) > 6)
        return super()._digitize_content_matches(feature, current, content)

    def _digitize_pick_value(self, feature, content):
        if feature in ("supplier", "VAT_Number"):
            return self._digitize_pick_partner(feature, str(content or "").strip())
        field_name = REVIEW_FEATURES[feature][0]
        try:
            if feature in DOCUMENT_AMOUNTS:
                self[field_name] = to_amount(content) * self._digitize_sign()
            elif feature == "date":
                self.invoice_date = to_date(content)
            elif feature == "due_date":
                self.write({"invoice_payment_term_id": False, "invoice_date_due": to_date(content)})
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("“%s” cannot be read as a date or an amount.", content)) from error
        if feature in ("invoice_id", "payment_ref"):
            self[field_name] = str(content).strip()
        elif feature == "currency":
            values = self._digitize_fill_currency(content, True, [])  # an inactive one: the banner offers it
            self.write(dict(values, digitize_document_currency=str(content).strip().upper()))
        elif feature == "iban":
            if not self.partner_id:
                raise UserError(self.env._("Choose the vendor first: the bank account %s is added to it.", content))
            # the supplier the document names: the user's pick, else the one read (not the one the bill carries)
            entry = (self.digitize_candidates or {}).get("supplier") or {}
            supplier = self._digitize_review_content("supplier") if entry.get("picked") else \
                (entry.get("candidates") or [{}])[0].get("content")
            if self.digitize_vendor_warning or not self._digitize_names_agree(self.partner_id, supplier):
                # as the fill: a bank account on the wrong partner would send its payments to another company
                raise UserError(self.env._(
                    "The document names %(supplier)s, not %(partner)s: check the vendor before adding the bank "
                    "account %(iban)s to it.", supplier=supplier, partner=self.partner_id.display_name, iban=content))
            self.partner_bank_id = self._digitize_set_bank(self.partner_id, str(content))
        return True

    def _digitize_pick_partner(self, feature, content):
        """The vendor of the VAT number or name the user picked, else the "Create vendor" suggestion for it."""
        if feature == "VAT_Number":
            partner, _how = self._digitize_find_partner(content, None, None)
        else:
            partner, _how = self._digitize_find_partner(None, None, content)
        if partner:
            self.write({"partner_id": partner.id, "digitize_partner_suggestion": False,
                        "digitize_vendor_check": False})
            return True
        suggestion = dict(self.digitize_partner_suggestion or {})
        if feature == "VAT_Number":
            suggestion["vat"] = content
            name = suggestion.get("name") or self._digitize_review_content("supplier")
            if not name:
                raise UserError(self.env._("No contact has the VAT number %s: pick the vendor's name on the "
                                           "document to create it.", content))
            suggestion["name"] = name
        else:
            suggestion.update(name=content, vat=suggestion.get("vat") or self._digitize_review_content("VAT_Number"))
        self.write({"partner_id": False, "digitize_partner_suggestion": suggestion, "digitize_vendor_check": False})
        return True

    def _digitize_review_content(self, feature):
        """The content of the candidate the record carries for ``feature``, else the best read one."""
        entry = (self.digitize_candidates or {}).get(feature) or {}
        candidates = entry.get("candidates") or []
        if not candidates:
            return None
        selected = entry.get("selected")
        return candidates[selected if selected is not None else 0]["content"]

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
            # a bill kept in another currency than the document's (inactive or unknown here) would teach the
            # document's supplier a currency it does not use: the document's own code is the truth
            "VAT_Number": content(self.partner_id.vat),
            "currency": content(self.digitize_currency_code or self.currency_id.name),
            "payment_ref": content(self.payment_reference), "iban": content(bank.acc_number),
            "SWIFT_code": content(bank.bank_bic),
            "merged_lines": self.company_id.digitize_invoice_lines == "tax_groups",
            "invoice_lines": {"lines": lines},
        }
