# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# server/: the server role, answering the Extract API and Smartscan for remote clients and for this database.
# client/: the client role, digitizing the attachments of this database's records through a provider.
from . import server
from . import client
