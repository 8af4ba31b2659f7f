from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_agents_see_all = fields.Boolean(
        related="company_id.support_agents_see_all", readonly=False
    )
