# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import digitize_token_wizard
from . import digitize_confirm_post
from . import digitize_reload_wizard
