from odoo import models
from odoo.tools.misc import format_date

from odoo.addons.support_contract.access import check_support_group


class SupportServiceStatementDisplay(models.AbstractModel):
    """How a service statement shows itself: its lines by section, its time
    zone, month and durations, its printout and its portal page."""

    _name = "support.service.statement.display"
    _description = "Service Statement: Display"

    def _lines(self, section):
        self.ensure_one()
        return self.line_ids.filtered(lambda ln: ln.section == section).sorted(
            "sequence"
        )

    def _tz_name(self):
        self.ensure_one()
        contract = self.sudo().contract_id
        return (
            contract.resource_calendar_id.tz
            or contract.company_id.partner_id.tz
            or "UTC"
        )

    def _month_label(self):
        self.ensure_one()
        return format_date(self.env, self.date_start, date_format="MMMM y")

    def _fmt_minutes(self, minutes):
        """Business minutes as "5 h 30 min" / "45 min" (support_sla's formatter)."""
        return self.env["support.ticket.sla"]._format_minutes(minutes or 0)

    # ------------------------------------------------------------ printing
    def action_print(self):
        check_support_group(self, "agent")
        return self.env.ref(
            "support_portal.action_report_service_statement"
        ).report_action(self)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Service statement %(name)s", name=self.name)

    def _portal_url(self):
        self.ensure_one()
        return f"/my/support/statements/{self.id}"
