"""The monitoring route takes Alertmanager and Grafana bodies (up to 100
alerts a call): the body limit grows from 16 KB to 256 KB when it is still
the shipped value; a limit an administrator chose is kept."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_ticket.models.support_monitoring_token import (
    DEFAULT_MAX_PAYLOAD_BYTES,
)

PARAM = "support_ticket.monitoring_max_payload_bytes"
PREVIOUS_DEFAULT = "16384"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    params = env["ir.config_parameter"].sudo()
    if params.get_param(PARAM) == PREVIOUS_DEFAULT:
        params.set_param(PARAM, str(DEFAULT_MAX_PAYLOAD_BYTES))
