from odoo import models

# what an add-on brings to a contract's schedule
SCHEDULE_FIELDS = {"resource_calendar_id", "critical_only", "covers_public_holidays"}


class SupportAddon(models.Model):
    """An add-on's availability changes the schedule of the contracts that
    hold it: the cached schedule keys are dropped
    (``support.contract._sla_schedule_keys``)."""

    _inherit = "support.addon"

    def write(self, vals):
        res = super().write(vals)
        if SCHEDULE_FIELDS & set(vals):
            self.env["support.contract"]._sla_schedule_changed()
        return res
