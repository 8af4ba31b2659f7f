"""Fields of a service statement a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

STATEMENT_PORTAL_READABLE_FIELDS = frozenset(
    {
        "amount_invoiced",
        "charts_html",
        "company_id",
        "contract_id",
        "currency_id",
        "date_end",
        "date_start",
        "display_name",
        "evaluation",
        "evaluation_comment",
        "evaluation_date",
        "evaluation_partner_id",
        "evaluation_score",
        "generated_on",
        "hours_balance",
        "hours_drawn",
        "hours_overage",
        "hours_purchased",
        "hours_reserved",
        "id",
        "line_ids",
        "name",
        "partner_id",
        "plan_name",
        "sent_on",
        "sla_breached",
        "sla_compliance",
        "sla_decided",
        "sla_met",
        "tickets_open_end",
        "tickets_opened",
        "tickets_resolved",
    }
)

STATEMENT_LINE_PORTAL_READABLE_FIELDS = frozenset(
    {
        "company_id",
        "count_a",
        "count_b",
        "date_a",
        "date_b",
        "display_name",
        "extra",
        "goal",
        "id",
        "label",
        "minutes",
        "parent_id",
        "pause_line_ids",
        "priority",
        "section",
        "sequence",
        "sla_ref",
        "statement_id",
        "sublabel",
        "ticket_id",
        "ticket_name",
        "ticket_number",
        "value",
    }
)


class SupportServiceStatement(models.Model):
    _name = "support.service.statement"
    _inherit = ["support.service.statement", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The month's figures sent to the customer (T7)."""
        return super()._portal_readable_fields() | STATEMENT_PORTAL_READABLE_FIELDS


class SupportServiceStatementLine(models.Model):
    _name = "support.service.statement.line"
    _inherit = ["support.service.statement.line", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """A line of the statement as the customer reads it."""
        return super()._portal_readable_fields() | STATEMENT_LINE_PORTAL_READABLE_FIELDS
