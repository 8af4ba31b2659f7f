from odoo import fields, models

# the setting's values: pause the clocks while a ticket waits on the vendor,
# or let them run
VENDOR_EFFECT_PARAM = "support_sla.waiting_vendor_effect"


class SupportTicket(models.Model):
    """The SLA effect of waiting on the vendor (S5): by default the clocks
    pause with the reason "waiting on the vendor" while a ticket is in a
    waiting-on-vendor stage and resume when it leaves it; a setting lets them
    run instead."""

    _name = "support.ticket"
    _inherit = ["support.ticket"]

    def _sla_paused_lines(self, reason):
        """Paused clocks whose open pause has ``reason``."""
        return self._sla_open_lines(states=("paused",)).filtered(
            lambda ln: any(
                not pause.date_end and pause.reason == reason for pause in ln.pause_ids
            )
        )

    def _sla_vendor_pauses(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(VENDOR_EFFECT_PARAM, "pause")
        )
        return value != "run"

    def _on_stage_change(self, old_stages):
        now = fields.Datetime.now()
        for ticket in self:
            old = old_stages.get(ticket.id)
            if old and old.is_waiting_vendor and not ticket.stage_id.is_waiting_vendor:
                ticket._sla_paused_lines("waiting_vendor")._sla_resume(now)
        res = super()._on_stage_change(old_stages)
        if not self._sla_vendor_pauses():
            return res
        for ticket in self:
            old = old_stages.get(ticket.id)
            stage = ticket.stage_id
            if (
                stage.is_waiting_vendor
                and not (stage.is_resolved or stage.is_closed)
                and not (old and old.is_waiting_vendor)
            ):
                ticket._sla_open_lines()._sla_pause(now, "waiting_vendor")
        return res
