# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The engine and protocol subpackages are pure Python and never import odoo; the Odoo parts are loaded only
# when Odoo imports this folder as an addon (pytest imports it as a plain package for the pure tests).
if __name__.startswith("odoo.addons."):
    from . import controllers
    from . import models
    from . import wizards
