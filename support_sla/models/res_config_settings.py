from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The statistical objectives of the SLA report (L3, L4), in the one
    Support settings page."""

    _inherit = "res.config.settings"

    support_assignment_objective = fields.Float(
        string="Assignment objective (%)",
        config_parameter="support_sla.assignment_objective",
        help="Share of the month's tickets to assign within the target.",
    )
    support_resolution_objective = fields.Float(
        string="Resolution objective (%)",
        config_parameter="support_sla.resolution_objective",
        help="Share of the month's tickets to resolve within the target.",
    )
    support_waiting_vendor_effect = fields.Selection(
        [
            ("pause", "Pause the clocks"),
            ("run", "Keep the clocks running"),
        ],
        string="While waiting on a vendor",
        config_parameter="support_sla.waiting_vendor_effect",
        default="pause",
        help="What the SLA clocks do while a ticket waits for a fix from the "
        "owner of the code (Odoo SA, the OCA, a module's author).",
    )
