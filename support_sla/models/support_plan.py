from odoo import api, models
from odoo.exceptions import ValidationError


class SupportPlan(models.Model):
    _inherit = "support.plan"

    @api.constrains("resource_calendar_id", "has_response_sla")
    def _check_sla_calendar(self):
        """A plan selling response times needs working hours to count them on (L1)."""
        for plan in self.filtered("has_response_sla"):
            calendar = plan.resource_calendar_id
            if calendar and not calendar._sla_windows():
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s sells response times but its availability "
                        "%(calendar)s has no working hours.",
                        plan=plan.display_name,
                        calendar=calendar.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "resource_calendar_id" in vals:
            # the contracts' cached schedule keys (_sla_schedule_keys)
            self.env["support.contract"]._sla_schedule_changed()
        return res
