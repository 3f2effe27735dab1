# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import digitize_account
from . import digitize_document
from . import digitize_document_queue
from . import digitize_document_webhook
from . import digitize_valet_key
from . import digitize_rate_event
from . import digitize_server_api
from . import digitize_memory
from . import digitize_document_preview
