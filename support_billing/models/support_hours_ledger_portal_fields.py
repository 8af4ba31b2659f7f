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
        "portal_label",
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

    portal_label = fields.Char(
        string="Label",
        compute="_compute_portal_label",
        help="The description, or a neutral label for a request of the customer "
        "that the current user may not open.",
    )

    @api.model
    def _portal_readable_fields(self):
        """Hours credited and drawn (B2, B3) and the line's label; not the
        description (a ticket's subject), ticket, pack or invoice behind it."""
        return super()._portal_readable_fields() | LEDGER_PORTAL_READABLE_FIELDS

    @api.depends("name", "ticket_id")
    @api.depends_context("uid")
    def _compute_portal_label(self):
        """Outside the company, a line names a ticket only to those who may
        open the ticket: a non-key contact reads "another request of your
        company" for a colleague's ticket, with its hours."""
        hidden = self._portal_hidden()
        neutral = self.env._("Another request of your company")
        for entry in self:
            entry.portal_label = neutral if entry in hidden else entry.sudo().name

    @api.depends("name", "ticket_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        if self.env.user._is_internal():
            super()._compute_display_name()
            return
        for entry in self:
            entry.display_name = entry.portal_label

    def _portal_hidden(self):
        """The entries of requests the current user may not open (a colleague's
        request for a contact who is not a key user); none for employees.
        Decided by the user, not the environment: our pages read the ledger
        with ``sudo()`` and still show a contact only its own requests."""
        if self.env.user._is_internal():
            return self.browse()
        lines = self.sudo()
        tickets = lines.ticket_id
        # with_user drops sudo: the real user's rights decide
        allowed = tickets.with_user(self.env.user)._filtered_access("read")
        return self.browse(
            line.id
            for line in lines
            if line.ticket_id and line.ticket_id not in allowed
        )
