# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The engine subpackage is pure Python and never imports odoo; the Odoo parts come below it.
from . import models
from . import controllers
from . import wizards
