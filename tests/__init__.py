# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_engine_in_odoo
from . import test_server_extract_api
from . import test_server_queue
from . import test_server_smartscan
from . import test_client_bills
from . import test_server_access
from . import test_server_concurrency
from . import test_server_formats
from . import test_server_credits
from . import test_client_providers
from . import test_client_messages
from . import test_client_crons
from . import test_client_fill
from . import test_client_review
from . import test_client_consistency
from . import test_server_webhook
from . import test_settings_digitize
