# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import hmac
import secrets

from odoo import _, api, fields, models


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DigitizeAccount(models.Model):
    """A client of this server's Extract API / Smartscan API. The token is shown once and stored hashed."""

    _name = "digitize.account"
    _description = "Digitize service account"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    token_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    token_hint = fields.Char("Token ends with", readonly=True, copy=False)
    unlimited = fields.Boolean(help="Parse without spending credits.")
    credits = fields.Integer(default=0, help="Each queued document takes one credit, given back when it ends in "
                                             "error.")
    document_ids = fields.One2many("digitize.document", "account_id")
    document_count = fields.Integer(compute="_compute_document_count")

    _sql_constraints = [("token_hash_unique", "unique(token_hash)", "Two accounts cannot share a token.")]

    def _compute_document_count(self):
        counts = dict(self.env["digitize.document"]._read_group(
            [("account_id", "in", self.ids)], ["account_id"], ["__count"]))
        for account in self:
            account.document_count = counts.get(account, 0)

    def _set_new_token(self):
        """Give the account a new token and return it: the only moment it exists in clear text."""
        self.ensure_one()
        token = secrets.token_hex(32)
        self.sudo().write({"token_hash": hash_token(token), "token_hint": token[-4:]})
        return token

    def action_generate_token(self):
        self.ensure_one()
        token = self._set_new_token()
        wizard = self.env["digitize.token.wizard"].create({"account_id": self.id, "token": token})
        return {
            "type": "ir.actions.act_window",
            "name": _("New token"),
            "res_model": "digitize.token.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _find_by_token(self, token):
        """The active account of ``token`` (compared on its hash, in constant time), else an empty recordset."""
        if not isinstance(token, str) or not token or len(token) > 512:
            return self.browse()
        digest = hash_token(token)
        account = self.sudo().search([("token_hash", "=", digest)], limit=1)
        if account and hmac.compare_digest(account.token_hash, digest):
            return account
        return self.browse()

    def _consume_credit(self):
        """Spend one credit atomically; False when none is left."""
        self.ensure_one()
        if self.unlimited:
            return True
        # a concurrent parse that spent a credit first makes this a serialization failure: expected, and the
        # API's routes run the call again (controllers/routing.py), so it is not logged as a bad query
        self.env.cr.execute(
            "UPDATE digitize_account SET credits = credits - 1 WHERE id = %s AND credits > 0 RETURNING credits",
            (self.id,), log_exceptions=False)
        spent = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["credits"])
        return spent

    def _refund_credit(self):
        """Give back one credit spent by ``_consume_credit`` (nothing to give back to an unlimited account)."""
        self.ensure_one()
        if self.unlimited:
            return
        self.env.cr.execute("UPDATE digitize_account SET credits = credits + 1 WHERE id = %s", (self.id,))
        self.invalidate_recordset(["credits"])

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents"),
            "res_model": "digitize.document",
            "view_mode": "list,form",
            "domain": [("account_id", "=", self.id)],
        }
