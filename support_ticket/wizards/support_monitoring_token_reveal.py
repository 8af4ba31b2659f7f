from odoo import fields, models


class SupportMonitoringTokenReveal(models.TransientModel):
    """Shows a freshly issued token once. The dialog is never saved: it has
    no save button, so the secret is not written to the database."""

    _name = "support.monitoring.token.reveal"
    _description = "New Monitoring Token"

    contract_id = fields.Many2one("support.contract", readonly=True)
    token = fields.Char(readonly=True)
