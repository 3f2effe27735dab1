# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


class Provider:
    """Answers the client role's three calls for one company. Answers are Extract API shaped: ``parse`` gives
    {"status", "status_msg", "document_token"} (and "result" when the provider answers at once),
    ``get_result_batch`` {token: entry}, ``validate_batch`` {"status"}."""

    kind = None

    def __init__(self, env, company):
        self.env = env
        self.company = company  # sudo: the tokens are readable by the system only

    def parse(self, doc_type, attachment, user_infos=None, webhook_url=None):
        raise NotImplementedError

    def get_result_batch(self, doc_type, tokens):
        raise NotImplementedError

    def validate_batch(self, doc_type, documents):
        raise NotImplementedError

    @staticmethod
    def _b64(attachment):
        """The attachment's content as the base64 text the remote APIs carry."""
        return attachment.sudo().datas.decode()
