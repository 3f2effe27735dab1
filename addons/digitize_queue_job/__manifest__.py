# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Digitize on Job Queue",
    "summary": "Digitize's documents as OCA queue_job jobs on a 'digitize' channel, spread over every worker and node",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "Digitize developers",
    "website": "https://github.com/digitize/digitize",
    "license": "LGPL-3",
    "depends": ["digitize", "queue_job"],
    "data": ["data/queue_job_data.xml"],
    "auto_install": True,
}
