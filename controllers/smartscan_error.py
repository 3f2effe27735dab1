# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Smartscan API's error answer, a wire-format object (no Odoo in it)."""


# moves to protocol/smartscan.py
class SmartscanError(Exception):
    """An HTTP error answer of the Smartscan API: (HTTP status, gRPC-style code name, message)."""

    GRPC = {400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 413: 8, 429: 8, 500: 13}

    def __init__(self, http_status, message):
        super().__init__(message)
        self.http_status = http_status
        self.message = message
        self.headers = None  # the rate-limit headers, once the call was counted

    def payload(self):
        return {"code": self.GRPC.get(self.http_status, 2), "message": self.message, "details": []}
