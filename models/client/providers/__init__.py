# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One provider object per kind, all with the same face (``parse``, ``get_result_batch``, ``validate_batch``), the
way Odoo's ``iap`` gives one seam per service: ``digitize.service`` picks one from ``company.digitize_provider``
and never asks which it is again."""
from .extract_api import ExtractApiProvider
from .local import LocalProvider
from .smartscan import SmartscanProvider

PROVIDERS = {provider.kind: provider for provider in (LocalProvider, ExtractApiProvider, SmartscanProvider)}


def provider_for(env, company):
    """The provider object of ``company`` (its ``digitize_provider``), bound to ``env``."""
    company = company.sudo()
    return PROVIDERS[company.digitize_provider](env, company)
