"""Fields of an hours ledger line a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, fields, models

LEDGER_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "contract_id",
        "company_id",
        "partner_id",
        "date",
        "entry_type",
        "source",
        "hours",
        "period_start",
        "covered_hours",
        "overage_hours",
        "remaining_hours",
        "balance_after",
        "source_summary",
    }
)


class SupportHoursLedger(models.Model):
    _name = "support.hours.ledger"
    _inherit = ["support.hours.ledger", "support.portal.field.access"]

    # declared to portal users but computed from the whole ledger, whose
    # descriptions they may not read: computed as superuser
    covered_hours = fields.Float(compute_sudo=True)
    overage_hours = fields.Float(compute_sudo=True)
    remaining_hours = fields.Float(compute_sudo=True)
    balance_after = fields.Float(compute_sudo=True)
    source_summary = fields.Char(compute_sudo=True)

    @api.model
    def _portal_readable_fields(self):
        """Hours credited and drawn (B2, B3); not the description (a ticket's
        subject), ticket, pack or invoice behind a line."""
        return super()._portal_readable_fields() | LEDGER_PORTAL_READABLE_FIELDS

    @api.depends_context("uid")
    def _compute_display_name(self):
        """Outside the company, a line names a ticket only to those who may
        open the ticket: a non-key contact reads "another request of your
        company" for a colleague's ticket, with its hours."""
        if self.env.su or self.env.user._is_internal():
            super()._compute_display_name()
            return
        lines = self.sudo()
        tickets = lines.ticket_id
        hidden = tickets - tickets.with_env(self.env)._filtered_access("read")
        for line, line_sudo in zip(self, lines, strict=True):
            line.display_name = (
                self.env._("Another request of your company")
                if line_sudo.ticket_id in hidden
                else line_sudo.name
            )
