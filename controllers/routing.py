# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID
from odoo.http import request
from odoo.service.model import retrying

# JSON in, JSON out, no session, no CSRF token (server-to-server); auth="none" routes are read-only by default.
POST_ROUTE = {"type": "http", "auth": "none", "methods": ["POST"], "csrf": False, "save_session": False,
              "readonly": False}


def call_retrying(env, func):
    """``func(env)`` in ``env``'s transaction, run again in a fresh one after a serialization failure or a lock
    conflict, as Odoo does for its own RPC: two clients spending the credits of one account both get an answer."""
    return retrying(lambda: func(env), env)


def api_env():
    """The request's environment as the superuser: API calls have no logged-in user, and storing a file (an XML
    e-invoice among them) needs one."""
    return request.env(user=SUPERUSER_ID)
