# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import digitize_account
from . import digitize_document
from . import digitize_queue
from . import digitize_webhook
from . import digitize_valet_key
from . import digitize_rate_event
from . import digitize_server
from . import res_company
from . import res_config_settings
from . import digitize_service
from . import digitize_mixin
from . import account_move
from . import hr_expense
from . import hr_applicant
