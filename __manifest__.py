# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Digitize",
    "summary": "Self-hosted document digitization: vendor bills (receipts and CVs with the bridge addons), "
    "no credits, no cloud",
    "version": "18.0.2.0.0",
    "category": "Accounting/Accounting",
    "author": "Digitize developers",
    "website": "https://github.com/digitize/digitize",
    "license": "LGPL-3",
    "depends": ["account"],
    "external_dependencies": {
        # distribution names, as Odoo 18 checks them (importlib.metadata.version), with requirements.txt's ranges;
        # tesserocr is left out: it serves only the optional Tesseract backend, RapidOCR is the default
        "python": [
            "Pillow>=9.4",
            "lxml>=4.9.3",
            "requests>=2.31",
            "pypdfium2>=4.30,<6",
            "rapidocr==3.10.0",
            "onnxruntime>=1.17,<2",
            "opencv-python-headless>=4.8,<5",
            "numpy>=1.24,<3",
            "threadpoolctl>=3.1",
            "python-stdnum>=1.19",
            "schwifty>=2024.1",
            "zxing-cpp>=2.2",
            "phonenumbers>=8.13",
        ],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/digitize_security.xml",
        "data/ir_cron.xml",
        "data/digitize_actions.xml",
        "views/digitize_server_views.xml",
        "views/digitize_memory_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/digitize_review_wizards_views.xml",
    ],
    "assets": {
        "web.assets_backend": ["digitize/static/src/**/*"],
        "web.assets_tests": ["digitize/static/tests/tours/**/*"],
        "web.assets_unit_tests": ["digitize/static/tests/**/*.test.js"],
    },
}
