from odoo import api, models


class SupportContractAddonLine(models.Model):
    """An add-on line changes the schedule of its contract's clocks: the
    cached schedule keys are dropped (``support.contract._sla_schedule_keys``)."""

    _inherit = "support.contract.addon.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self.env["support.contract"]._sla_schedule_changed()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self.env["support.contract"]._sla_schedule_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["support.contract"]._sla_schedule_changed()
        return res
