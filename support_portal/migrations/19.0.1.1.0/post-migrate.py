"""The statement rules now check the customer as well as the key users.

Their file is ``noupdate``: an update keeps the old domains, so it is loaded
again here as on a first install."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env,
        "support_portal",
        "security/support_statement_security.xml",
        {},
        mode="init",
    )
