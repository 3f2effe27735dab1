# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the "Received documents" form needs to show a document with the boxes of its result."""
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Extract API feature -> label of its boxes; other features are shown by their name
FEATURE_LABELS = {
    "supplier": _lt("Vendor"), "VAT_Number": _lt("Tax ID"), "invoice_id": _lt("Reference"),
    "date": _lt("Date"), "due_date": _lt("Due date"), "total": _lt("Total"), "subtotal": _lt("Untaxed amount"),
    "total_tax_amount": _lt("Tax amount"), "currency": _lt("Currency"), "iban": _lt("IBAN"),
    "SWIFT_code": _lt("BIC"), "payment_ref": _lt("Payment reference"), "client": _lt("Customer"),
    "email": _lt("Email"), "website": _lt("Website"), "country": _lt("Country"), "name": _lt("Name"),
    "phone": _lt("Phone"), "mobile": _lt("Mobile"), "aba": _lt("ABA routing number"),
    "purchase_order": _lt("Purchase order"),
}


def _same_box(first, second):
    return (first.get("content") == second.get("content") and first.get("coords") == second.get("coords")
            and (first.get("page") or 0) == (second.get("page") or 0))


def _feature_boxes(feature):
    """A result feature as the box layer reads it (the shape of a record's digitize_candidates): the candidates
    with coordinates, and the index of the selected value among them."""
    candidates = [dict(c) for c in feature.get("candidates") or [] if isinstance(c, dict) and c.get("coords")]
    chosen = feature.get("selected_value")
    selected = None
    if isinstance(chosen, dict) and chosen.get("coords"):
        selected = next((i for i, c in enumerate(candidates) if _same_box(c, chosen)), None)
        if selected is None:  # a selected value not among the candidates is still shown, as chosen
            candidates.append(dict(chosen))
            selected = len(candidates) - 1
    return candidates, selected


class DigitizeDocumentPreview(models.Model):
    _inherit = "digitize.document"

    preview = fields.Json("Document and boxes", compute="_compute_preview",
                          help="The document's address and type, and the boxes of its result, for the form.")

    @api.depends("result", "attachment_id", "data")
    def _compute_preview(self):
        for document in self:
            source = document._preview_source()
            document.preview = source and dict(source, features=document._preview_features())

    def _preview_source(self):
        """The address the web client shows the document from, and its type; False without a file."""
        self.ensure_one()
        if self.attachment_id:
            attachment = self.attachment_id.sudo()
            return {"url": f"/web/content/{attachment.id}", "mimetype": attachment.mimetype or ""}
        if not self.id or not self.data:
            return False
        stored = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", "data")], limit=1)
        return {"url": f"/web/content/{self._name}/{self.id}/data", "mimetype": stored.mimetype or ""}

    def _preview_features(self):
        self.ensure_one()
        result = self.result if isinstance(self.result, dict) else {}
        features = {}
        # the features of the labels' table first, in its order (vendor, reference, dates, amounts...)
        order = list(FEATURE_LABELS)
        for name, feature in sorted(result.items(), key=lambda item: (
                order.index(item[0]) if item[0] in order else len(order), item[0])):
            if not isinstance(feature, dict):
                continue
            candidates, selected = _feature_boxes(feature)
            if candidates:
                label = FEATURE_LABELS.get(name)
                features[name] = {
                    "field": name,
                    "label": self.env._(label) if label else name.replace("_", " ").capitalize(),
                    "selected": selected,
                    "candidates": candidates,
                }
        return features
