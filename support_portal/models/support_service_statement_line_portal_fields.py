"""Fields of a service statement line a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

STATEMENT_LINE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "statement_id",
        "sequence",
        "section",
        "label",
        "sublabel",
        "value",
        "goal",
        "extra",
        "count_a",
        "count_b",
        "date_a",
        "date_b",
        "minutes",
        "priority",
        "sla_ref",
        "ticket_id",
        "ticket_name",
        "ticket_number",
        "parent_id",
        "pause_line_ids",
        "company_id",
    }
)


class SupportServiceStatementLine(models.Model):
    _name = "support.service.statement.line"
    _inherit = ["support.service.statement.line", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """A line of the statement as the customer reads it."""
        return super()._portal_readable_fields() | STATEMENT_LINE_PORTAL_READABLE_FIELDS
