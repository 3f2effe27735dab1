# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_digitize_applicant
from . import test_applicant_review
