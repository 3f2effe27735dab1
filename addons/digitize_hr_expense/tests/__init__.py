# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_digitize_expense
from . import test_expense_review
