# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.2.0.0 moves expenses and applicants out of ``digitize`` into the bridge addons ``digitize_hr_expense`` and
``digitize_hr_recruitment``. Without this script, upgrading ``digitize`` would leave the moved fields, views and
actions owned by a module that no longer declares them, and Odoo would delete them at the end of the upgrade,
dropping the columns (digitize_state, digitize_document_uuid, … of hr_expense / hr_applicant, the company's modes).
So, before ``digitize`` is loaded: the bridge of each installed HR app is marked 'to install' (Odoo installs it in
the same run, after ``digitize``) and the records' xmlids are handed over to it."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# bridge -> (the HR app it needs, the ir_model_data names it takes over from digitize, as LIKE patterns)
BRIDGES = {
    "digitize_hr_expense": ("hr_expense", [
        "%hr_expense%", "%digitize_expense_mode%", "action_digitize_expenses"]),
    "digitize_hr_recruitment": ("hr_recruitment", [
        "%hr_applicant%", "%digitize_applicant_mode%", "action_digitize_applicants"]),
}
INSTALLED = ("installed", "to upgrade", "to install")


def _state(cr, module):
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (module,))
    row = cr.fetchone()
    return row[0] if row else None


def migrate(cr, version):
    if not version:
        return
    wanted = [bridge for bridge, (app, _names) in BRIDGES.items() if _state(cr, app) in INSTALLED]
    if not wanted:
        return
    if any(_state(cr, bridge) is None for bridge in wanted):
        # the module list was not refreshed (an upgrade started from the Apps menu): read the addons path now
        api.Environment(cr, SUPERUSER_ID, {})["ir.module.module"].update_list()
    for bridge in wanted:
        app, names = BRIDGES[bridge]
        state = _state(cr, bridge)
        if state is None:
            _logger.error("Digitize: %s is not on the addons path; the %s data of digitize may be lost", bridge, app)
            continue
        if state not in INSTALLED:
            cr.execute("UPDATE ir_module_module SET state = 'to install' WHERE name = %s", (bridge,))
        cr.execute(r"""
            UPDATE ir_model_data SET module = %s
             WHERE module = 'digitize' AND name LIKE ANY(%s)
               -- the values of the mixin's digitize_state stay with digitize, which defines the field (as on a
               -- fresh install); only the company modes' values move with their fields
               AND name NOT LIKE 'selection\_\_hr\_%%\_\_digitize\_state\_\_%%'
               AND NOT EXISTS (SELECT 1 FROM ir_model_data other
                                WHERE other.module = %s AND other.name = ir_model_data.name)
        """, (bridge, names, bridge))
        _logger.info("Digitize: %s marked to install, %s xmlids handed over from digitize", bridge, cr.rowcount)
