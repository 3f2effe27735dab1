# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import extract_api
from . import smartscan
from . import webhook
