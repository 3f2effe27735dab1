# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rolling-window rate limiting per token, kept in the database so that every worker and node shares it."""
from contextlib import closing
from datetime import timedelta

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from odoo import api, fields, models
from odoo.sql_db import db_connect

from ...protocol import smartscan


def _count_and_record(cr, key, limit, window, now):
    start = now - timedelta(seconds=window)
    # serialise the requests of one key so that concurrent ones cannot both take the last slot
    cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"digitize.rate:{key}",))
    cr.execute("SELECT count(*), min(at) FROM digitize_rate_event WHERE key = %s AND at > %s", (key, start))
    count, oldest = cr.fetchone()
    if count >= limit:
        retry = max(1, int((oldest + timedelta(seconds=window) - now).total_seconds()) + 1)
        return False, limit, 0, retry, retry
    cr.execute("INSERT INTO digitize_rate_event (key, at) VALUES (%s, %s)", (key, now))
    oldest = oldest or now
    reset = 0 if count == 0 else max(0, int((oldest + timedelta(seconds=window) - now).total_seconds()))
    return True, limit, limit - count - 1, reset, -1


class DigitizeRateEvent(models.Model):
    _name = "digitize.rate.event"
    _description = "Digitize API request (rate limiting)"
    _log_access = False

    key = fields.Char(required=True, index=True)
    at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _hit(self, key, limit, window=smartscan.RATE_WINDOW):
        """Record a request for ``key``; return (allowed, limit, remaining, reset seconds, retry-after seconds).

        Counted in a short transaction of its own, on its own connection, committed at once: at READ COMMITTED
        each statement sees the requests the others committed, so concurrent requests get distinct counts, and
        the per-key lock is released before the request goes on (a Smartscan annotate reads its document for
        seconds with no lock held). A request that fails later still counts, as a rate limit should."""
        now = fields.Datetime.now()
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            answer = _count_and_record(cr, key, limit, window, now)
            # its own connection's short transaction, not the request's: committed at once on purpose
            cr.commit()  # pylint: disable=invalid-commit
        return answer

    @api.model
    def _cron_purge(self):
        self.env.cr.execute("DELETE FROM digitize_rate_event WHERE at < %s",
                            (fields.Datetime.now() - timedelta(seconds=2 * smartscan.RATE_WINDOW),))
