from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    support_agents_see_all = fields.Boolean(
        string="Agents See All Tickets",
        help="When set, support agents see every ticket of the company, not "
        "only those of their teams.",
    )
