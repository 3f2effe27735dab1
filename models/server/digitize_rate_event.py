# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rolling-window rate limiting per token, kept in the database so that every worker and node shares it."""
from datetime import timedelta

from odoo import api, fields, models

from ...protocol import smartscan


class DigitizeRateEvent(models.Model):
    _name = "digitize.rate.event"
    _description = "Digitize API request (rate limiting)"
    _log_access = False

    key = fields.Char(required=True, index=True)
    at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _hit(self, key, limit, window=smartscan.RATE_WINDOW):
        """Record a request for ``key``; return (allowed, limit, remaining, reset seconds, retry-after seconds)."""
        now = fields.Datetime.now()
        start = now - timedelta(seconds=window)
        cr = self.env.cr
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

    @api.model
    def _cron_purge(self):
        self.env.cr.execute("DELETE FROM digitize_rate_event WHERE at < %s",
                            (fields.Datetime.now() - timedelta(seconds=2 * smartscan.RATE_WINDOW),))
