from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.support_contract.access import check_support_group

# S5: who fixes upstream, by the owner of the code
UPSTREAM_BY_OWNER = {
    "odoo_community": "odoo_sa",
    "odoo_enterprise": "odoo_sa",
    "third_party": "oca",
}
STATES = [
    ("to_report", "To Report"),
    ("reported", "Reported"),
    ("fixed", "Fixed Upstream"),
    ("released", "Released"),
]
_STATE_DATES = {
    "reported": "date_reported",
    "fixed": "date_fixed",
    "released": "date_released",
}


class SupportUpstreamReport(models.Model):
    """A bug of code the provider does not own, reported to its owner (S5):
    Odoo SA, the OCA or the module's author. Its state follows the fix from
    the report to its release; the release puts the ticket in the next patch
    run of its environment."""

    _name = "support.upstream.report"
    _description = "Upstream Bug Report"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "support.ticket",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="ticket_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    where = fields.Selection(
        [
            ("odoo_sa", "Odoo SA"),
            ("oca", "Odoo Community Association (OCA)"),
            ("author", "The Module's Author"),
        ],
        string="Reported To",
        required=True,
        tracking=True,
        compute="_compute_where",
        store=True,
        readonly=False,
        precompute=True,
    )
    author = fields.Char(
        string="Author", help="Who maintains the module, when it is not Odoo SA."
    )
    module_name = fields.Char(
        string="Module", help="Technical name of the module concerned."
    )
    url = fields.Char(string="URL", tracking=True, help="The issue or bug report.")
    reference = fields.Char(
        tracking=True, help="The number of the report or pull request upstream."
    )
    state = fields.Selection(
        STATES, required=True, default="to_report", tracking=True, index=True
    )
    date_reported = fields.Date(readonly=True, copy=False)
    date_fixed = fields.Date(string="Fixed On", readonly=True, copy=False)
    date_released = fields.Date(string="Released On", readonly=True, copy=False)
    note = fields.Text()

    @api.depends("ticket_id.code_ownership")
    def _compute_where(self):
        for report in self:
            if not report.where:
                report.where = UPSTREAM_BY_OWNER.get(
                    report.ticket_id.code_ownership, "odoo_sa"
                )

    def _compute_display_name(self):
        labels = dict(self._fields["where"]._description_selection(self.env))
        for report in self:
            what = report.reference or report.ticket_id.display_name or ""
            report.display_name = f"{labels.get(report.where, '')}: {what}"

    @api.constrains("url")
    def _check_url(self):
        for report in self:
            url = (report.url or "").strip()
            if url and not url.lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._("The report's URL must start with http:// or https://.")
                )

    @api.constrains("state", "url", "reference")
    def _check_reported_somewhere(self):
        for report in self:
            if report.state != "to_report" and not (report.url or report.reference):
                raise ValidationError(
                    self.env._(
                        "Give the URL or the reference of the report upstream of "
                        "%(ticket)s before marking it reported.",
                        ticket=report.ticket_id.display_name,
                    )
                )

    # ------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._after_state_change(dict.fromkeys(reports.ids, False))
        return reports

    def write(self, vals):
        old = {report.id: report.state for report in self}
        res = super().write(vals)
        if "state" in vals:
            self._after_state_change(old)
        return res

    def _after_state_change(self, old_states):
        """Dates of the new states; the ticket waits on the vendor once the
        bug is reported and goes to the next patch run once it is released."""
        today = fields.Date.context_today(self)
        changed = self.filtered(lambda r: old_states.get(r.id) != r.state)
        for state, reports in changed.grouped("state").items():
            date_field = _STATE_DATES.get(state)
            if date_field:
                reports.filtered(lambda r, f=date_field: not r[f]).write(
                    {date_field: today}
                )
        reported = changed.filtered(lambda r: r.state in ("reported", "fixed"))
        reported.ticket_id._wait_on_vendor()
        released = changed.filtered(lambda r: r.state == "released")
        if released:
            released.ticket_id._on_upstream_fix_released(released)

    # ------------------------------------------------------------ actions
    def _set_state(self, state):
        check_support_group(self, "agent")
        self.write({"state": state})
        return True

    def action_mark_reported(self):
        return self._set_state("reported")

    def action_mark_fixed(self):
        return self._set_state("fixed")

    def action_mark_released(self):
        return self._set_state("released")
