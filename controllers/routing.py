# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# JSON in, JSON out, no session, no CSRF token (server-to-server); auth="none" routes are read-only by default.
POST_ROUTE = {"type": "http", "auth": "none", "methods": ["POST"], "csrf": False, "save_session": False,
              "readonly": False}
