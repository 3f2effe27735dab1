# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Digitize",
    "summary": "Self-hosted document digitization: vendor bills, receipts and CVs, no credits, no cloud",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "Digitize developers",
    "website": "https://github.com/digitize/digitize",
    "license": "LGPL-3",
    "depends": ["account", "hr_expense", "hr_recruitment"],
    "external_dependencies": {
        "python": [
            "pypdfium2",
            "rapidocr==3.10.0",
            "onnxruntime",
            "opencv-python-headless",
            "numpy",
            "python-stdnum",
            "schwifty",
            "zxing-cpp",
            "phonenumbers",
        ],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/digitize_security.xml",
        "data/ir_cron.xml",
        "data/digitize_actions.xml",
        "views/digitize_server_views.xml",
        "views/digitize_client_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["digitize/static/tests/tours/**/*"],
    },
    "installable": True,
    "application": False,
}
