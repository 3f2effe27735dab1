# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Digitize Recruitment",
    "summary": "Digitize CVs into applicants with Digitize (installed by itself when Recruitment is installed)",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Recruitment",
    "author": "Digitize developers",
    "website": "https://github.com/digitize/digitize",
    "license": "LGPL-3",
    "depends": ["digitize", "hr_recruitment"],
    "data": [
        "data/digitize_actions.xml",
        "views/hr_applicant_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_backend": ["digitize_hr_recruitment/static/src/views/**/*"],
        "web.assets_tests": ["digitize_hr_recruitment/static/tests/tours/**/*"],
    },
    "auto_install": True,
}
