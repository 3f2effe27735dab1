# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The server role's memory of validated documents, in PostgreSQL: one memory per account, and the database's
own for its client role's local documents. The engine's Memory (engine/memory) does the learning and the
reading; :class:`OdooStore` is where it keeps what it learned (the same interface as its SQLite store)."""
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from ...engine.memory import Memory

_logger = logging.getLogger(__name__)


class OdooStore:
    """One owner's memory: an account's, or the database's own for one company (``account`` empty). Every query
    is scoped to the owner, so one account's (or company's) validations never reach another's results."""

    def __init__(self, env, account, company=None):
        self.env = env
        self.account_id = account.id or False
        self.company_id = (account.company_id if account else company or env.company).id
        self.Supplier = env["digitize.memory.supplier"].sudo()
        self.Evidence = env["digitize.memory.evidence"].sudo()
        self.Lesson = env["digitize.memory.lesson"].sudo()

    def _owner(self):
        if self.account_id:
            return [("account_id", "=", self.account_id)]
        # the database's own memory is per company: one company's bills never change another's readings
        return [("account_id", "=", False), ("company_id", "=", self.company_id)]

    def _take_turn(self):
        """Lessons of one memory one after the other. Its owner's row (the account's; the company's for the
        database's own memory) is updated: a concurrent lesson waits for it, then fails to serialize and its
        request runs again, seeing this lesson's suppliers instead of creating the same one twice."""
        if self.account_id:
            self.env.cr.execute("UPDATE digitize_account SET write_date = write_date WHERE id = %s",
                                (self.account_id,))
        else:
            self.env.cr.execute("UPDATE res_company SET write_date = write_date WHERE id = %s", (self.company_id,))

    def key_frequencies(self, keys):
        if not keys:
            return {}
        groups = self.Evidence._read_group(self._owner() + [("key", "in", list(keys))], ["key"], ["__count"])
        return dict(groups)

    def key_holders(self, keys):
        holders = {}
        if keys:
            for row in self.Evidence.search_read(self._owner() + [("key", "in", list(keys))],
                                                 ["key", "supplier_id", "count"]):
                holders.setdefault(row["key"], {})[row["supplier_id"][0]] = row["count"]
        return holders

    def supplier_heads(self, sids):
        suppliers = self.Supplier.search(self._owner() + [("id", "in", list(sids))])
        return {supplier.id: (supplier.documents, supplier.name) for supplier in suppliers}

    def _supplier(self, sid):
        return self.Supplier.search(self._owner() + [("id", "=", sid)])

    def load(self, sid):
        supplier = self._supplier(sid)
        return dict(supplier.data or {}, docs=supplier.documents, name=supplier.name) if supplier else None

    def create_supplier(self):
        return self.Supplier.create({"account_id": self.account_id, "company_id": self.company_id,
                                     "documents": 0, "data": {"facts": {}, "seq": 0}}).id

    def save_supplier(self, sid, record):
        self._supplier(sid).write({
            "documents": record["docs"], "name": record.get("name") or False,
            "last_validation": fields.Datetime.now(),
            "data": {"facts": record.get("facts", {}), "seq": record.get("seq", 0)}})

    def delete_supplier(self, sid):
        self._supplier(sid).unlink()  # its evidence and lessons go with it (ondelete cascade)

    def bump_keys(self, sid, deltas):
        # in SQL, one statement: concurrent lessons of one supplier add up instead of overwriting each other
        if not deltas:
            return
        self.Evidence.flush_model()
        self.env.cr.execute(
            "INSERT INTO digitize_memory_evidence (supplier_id, account_id, company_id, key, count, create_uid, "
            "create_date, write_uid, write_date) "
            "SELECT %s, %s, %s, t.key, t.delta, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC' "
            "FROM unnest(%s::varchar[], %s::int[]) AS t(key, delta) "
            "ON CONFLICT (supplier_id, key) DO UPDATE SET count = digitize_memory_evidence.count + EXCLUDED.count, "
            "write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date",
            (sid, self.account_id or None, self.company_id, self.env.uid, self.env.uid,
             list(deltas), list(deltas.values())))
        self.env.cr.execute("DELETE FROM digitize_memory_evidence WHERE supplier_id = %s AND count <= 0", (sid,))
        self.Evidence.invalidate_model()

    def _lesson(self, ref):
        return self.Lesson.search(self._owner() + [("ref", "=", ref)], limit=1)

    def get_lesson(self, ref):
        lesson = self._lesson(ref)
        return (lesson.supplier_id.id, lesson.data) if lesson else None

    def put_lesson(self, ref, sid, lesson):
        # one lesson per document and owner, kept by a unique index: teaching it again replaces it
        self.Lesson.flush_model()
        self.env.cr.execute(
            "INSERT INTO digitize_memory_lesson (ref, supplier_id, account_id, company_id, data, create_uid, "
            "create_date, write_uid, write_date) "
            "VALUES (%s, %s, %s, %s, %s::jsonb, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC') "
            "ON CONFLICT ((COALESCE(account_id, 0)), company_id, ref) "
            "DO UPDATE SET supplier_id = EXCLUDED.supplier_id, data = EXCLUDED.data, "
            "write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date",
            (ref, sid, self.account_id or None, self.company_id, json.dumps(lesson), self.env.uid, self.env.uid))
        self.Lesson.invalidate_model()

    def drop_lesson(self, ref):
        self._lesson(ref).unlink()

    def commit(self):
        pass  # the request's transaction commits


class DigitizeMemorySupplier(models.Model):
    """A supplier one memory recognises, with what its validated documents taught."""

    _name = "digitize.memory.supplier"
    _description = "Digitize memory: supplier"
    _order = "last_validation desc, id desc"

    name = fields.Char("Supplier", readonly=True, help="The name as validated (the most validations).")
    account_id = fields.Many2one("digitize.account", ondelete="cascade", index=True, readonly=True,
                                 help="Whose validations taught it; empty: this database's own documents.")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    documents = fields.Integer(readonly=True, help="Validated documents that taught it.")
    last_validation = fields.Datetime("Last validation", readonly=True)
    taught_by = fields.Char("Taught by", compute="_compute_taught_by",
                            help="The service account whose validations taught it, or this database's own documents.")
    data = fields.Json(readonly=True)
    learned = fields.Text(compute="_compute_learned",
                          help="The most validated fact of each kind, with its weight: a validation counts 1, a "
                               "confirmed amount 2 and a box picked on the document 3.")
    lesson_ids = fields.One2many("digitize.memory.lesson", "supplier_id", readonly=True)

    @api.depends("account_id")
    def _compute_taught_by(self):
        for supplier in self:
            supplier.taught_by = supplier.account_id.name or _("This database")

    @api.depends("data")
    def _compute_learned(self):
        fields_read = {"total": _("Total"), "subtotal": _("Untaxed amount"), "total_tax_amount": _("Tax"),
                       "date": _("Date"), "due_date": _("Due date"), "invoice_id": _("Invoice number"),
                       "bill_reference": _("Reference"), "payment_ref": _("Payment reference")}
        for supplier in self:
            facts = (supplier.data or {}).get("facts", {})
            lines = []
            for fact in sorted(facts):
                if not facts[fact] or fact.endswith(".at"):
                    continue  # where a value stands among others of its label: how, not what, it learned
                value, (weight, _seq) = max(facts[fact].items(), key=lambda item: (item[1][0], item[1][1]))
                field = fact.split(".")[0]
                if fact.endswith(".label") and field in fields_read:
                    text = _("%(field)s: after “%(label)s”", field=fields_read[field], label=value)
                elif fact == "date.order":
                    text = _("Dates: day first") if value == "dmy" else _("Dates: month first")
                elif fact == "currency":
                    text = _("Currency: %s", value)
                elif fact == "id":
                    kind, number = value.split(":", 1) if ":" in value else ("", value)
                    text = _("IBAN: %s", number) if kind == "iban" else _("Tax number: %s", number)
                elif fact == "name":
                    text = _("Name: %s", value)
                else:
                    continue
                lines.append(_("%(fact)s (weight %(weight)s)", fact=text, weight=format(weight, "g")))
            supplier.learned = "\n".join(lines)

    def action_forget(self):
        """Forget these suppliers: their next documents are read as first seen. Back to the list: the form's
        record is gone (reloading it showed an error)."""
        self.unlink()
        action = self.env["ir.actions.act_window"]._for_xml_id("digitize.action_digitize_memory_supplier")
        return dict(action, target="main")


class DigitizeMemoryEvidence(models.Model):
    """A key printed on a supplier's documents (tax number, phone, letterhead word), with how many."""

    _name = "digitize.memory.evidence"
    _description = "Digitize memory: evidence"

    supplier_id = fields.Many2one("digitize.memory.supplier", required=True, ondelete="cascade", index=True)
    account_id = fields.Many2one("digitize.account", ondelete="cascade")
    company_id = fields.Many2one(related="supplier_id.company_id", store=True)
    key = fields.Char(required=True)
    count = fields.Integer(default=1)

    def init(self):
        cr = self.env.cr
        cr.execute("CREATE INDEX IF NOT EXISTS digitize_memory_evidence_owner_key "
                   "ON digitize_memory_evidence (account_id, key)")
        # rows a supplier's key got twice (before the unique index) are added up into its first
        cr.execute("""UPDATE digitize_memory_evidence e SET count = d.total
                        FROM (SELECT supplier_id, key, MIN(id) AS first, SUM(count) AS total
                                FROM digitize_memory_evidence GROUP BY supplier_id, key HAVING COUNT(*) > 1) d
                       WHERE e.id = d.first""")
        cr.execute("""DELETE FROM digitize_memory_evidence e USING digitize_memory_evidence f
                       WHERE e.supplier_id = f.supplier_id AND e.key = f.key AND e.id > f.id""")
        cr.execute("CREATE UNIQUE INDEX IF NOT EXISTS digitize_memory_evidence_supplier_key "
                   "ON digitize_memory_evidence (supplier_id, key)")


class DigitizeMemoryLesson(models.Model):
    """What one validated document taught, kept so that it can be taken back."""

    _name = "digitize.memory.lesson"
    _description = "Digitize memory: lesson"

    ref = fields.Char(required=True, index=True)
    supplier_id = fields.Many2one("digitize.memory.supplier", required=True, ondelete="cascade", index=True)
    account_id = fields.Many2one("digitize.account", ondelete="cascade")
    company_id = fields.Many2one(related="supplier_id.company_id", store=True)
    data = fields.Json()

    def init(self):
        cr = self.env.cr
        # a document taught twice at once (before the unique index): its latest lesson stands
        cr.execute("""DELETE FROM digitize_memory_lesson e USING digitize_memory_lesson f
                        WHERE e.ref = f.ref AND e.company_id = f.company_id
                          AND COALESCE(e.account_id, 0) = COALESCE(f.account_id, 0) AND e.id < f.id""")
        # a lesson is one per document's reference and owner (an account, or a company's own memory)
        cr.execute("CREATE UNIQUE INDEX IF NOT EXISTS digitize_memory_lesson_owner_ref "
                   "ON digitize_memory_lesson ((COALESCE(account_id, 0)), company_id, ref)")


class DigitizeDocument(models.Model):
    _inherit = "digitize.document"

    memory_digest = fields.Json(copy=False, help="The words of the document as read, kept until it is validated "
                                                 "so that the validation teaches the memory.")

    def _memory(self):
        """The memory this document reads with and teaches: its account's, or the database's own for a local
        document; None for the rest (integration and demo documents)."""
        self.ensure_one()
        if self.integration:
            return None
        return self._memory_for(self.account_id, self.local, self.user_infos, self.company_id)

    @api.model
    def _memory_for(self, account, local=False, user_infos=None, company=None):
        """The memory of ``account`` (when ``local``: this database's client role's own, that of ``company``,
        by default the current one); None without either."""
        if not (local or account):
            return None
        own_vat = (user_infos or {}).get("user_company_vat")
        owner = self.env["digitize.account"] if local else account.sudo()
        return _Guarded(Memory(OdooStore(self.env, owner, company or self.env.company), own_ids=[own_vat]))

    def _memory_extract(self, extract, data, *args, **kwargs):
        """``extract(data, ...)`` with this document's memory; keeps the words read for a later lesson."""
        memory = self._memory()
        result = extract(data, *args, memory=memory, **kwargs)
        if memory is not None and memory.digest:
            self.memory_digest = memory.digest
        return result

    def _memory_learn(self):
        """Teach the memory this document's validation."""
        for document in self.filtered(lambda d: d.validation and d.memory_digest):
            memory = document._memory()
            if memory is None:
                continue
            try:
                with self.env.cr.savepoint():
                    memory.store._take_turn()
                    memory.learn_digest(document.memory_digest, _validated_contents(document.validation),
                                        document.uuid, document.doc_type)
            except Exception as exc:  # a lesson lost is no reason to refuse the validation that carried it
                if getattr(exc, "pgcode", None) in PG_CONCURRENCY_ERRORS_TO_RETRY:
                    raise  # another lesson of this memory at once: the whole call runs again
                _logger.exception("Digitize: the memory could not learn from document %s", document.uuid)

    def _memory_forget(self):
        for document in self:
            memory = document._memory()
            if memory is not None:
                memory.store._take_turn()
                memory.forget_document(document.uuid)

    def _store_validation(self, values):
        stored = super()._store_validation(values)
        if stored:
            self._memory_learn()
        return stored

    def unlink(self):
        self.filtered("validated_at")._memory_forget()  # only a validated document taught anything
        return super().unlink()

    @api.model
    def _cron_purge(self):
        """The words kept for a lesson go with the file, after the retention period."""
        done = super()._cron_purge()
        days = int(self.env["ir.config_parameter"].sudo().get_param("digitize.retention_days", 30) or 30)
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=days)),
                            ("memory_digest", "!=", False)]).write({"memory_digest": False})
        return done


class _Guarded:
    """A memory whose failure to recall leaves the extractors' result as it is (and is logged)."""

    def __init__(self, memory):
        self.memory = memory

    def __getattr__(self, name):
        return getattr(self.memory, name)

    def recall(self, result, pages, doc_type=None, user_infos=None):
        try:
            with self.memory.store.env.cr.savepoint():  # a failed query must not abort the request's transaction
                self.memory.recall(result, pages, doc_type, user_infos)
        except Exception:  # a bug of the memory must not cost the document its reading
            _logger.exception("Digitize: recall from the memory failed; the document is read without it")


def _validated_contents(validation):
    """{feature: content or {content, coords, page, picked, confirmed}} of a validation (Extract API values
    are {"content": …}; Smartscan feedback values are already contents)."""
    values = {}
    for name, value in (validation or {}).items():
        if isinstance(value, dict) and "content" in value:
            values[name] = value
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[name] = value
    return values


class DigitizeAccount(models.Model):
    _inherit = "digitize.account"

    memory_supplier_count = fields.Integer("Suppliers learned", compute="_compute_memory_supplier_count")

    def _compute_memory_supplier_count(self):
        counts = dict(self.env["digitize.memory.supplier"]._read_group(
            [("account_id", "in", self.ids)], ["account_id"], ["__count"]))
        for account in self:
            account.memory_supplier_count = counts.get(account, 0)

    def action_view_memory(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Learned suppliers"), "res_model":
                "digitize.memory.supplier", "view_mode": "list,form", "domain": [("account_id", "=", self.id)]}

    def action_forget_memory(self):
        """Forget everything this account's validations taught."""
        self.env["digitize.memory.supplier"].search([("account_id", "in", self.ids)]).unlink()
        return True
