# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Digitize Expenses",
    "summary": "Digitize receipts into expenses with Digitize (installed by itself when Expenses is installed)",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Expenses",
    "author": "Digitize developers",
    "website": "https://github.com/digitize/digitize",
    "license": "LGPL-3",
    "depends": ["digitize", "hr_expense"],
    "data": [
        "data/digitize_actions.xml",
        "views/hr_expense_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "auto_install": True,
}
