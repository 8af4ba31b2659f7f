"""Fields of a service statement a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

STATEMENT_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "contract_id",
        "partner_id",
        "company_id",
        "currency_id",
        "date_start",
        "date_end",
        "plan_name",
        "generated_on",
        "sent_on",
        "hours_balance",
        "hours_drawn",
        "hours_overage",
        "hours_purchased",
        "hours_reserved",
        "amount_invoiced",
        "tickets_opened",
        "tickets_resolved",
        "tickets_open_end",
        "sla_breached",
        "sla_compliance",
        "sla_decided",
        "sla_met",
        "evaluation",
        "evaluation_comment",
        "evaluation_date",
        "evaluation_partner_id",
        "evaluation_score",
        "line_ids",
        "charts_html",
    }
)


class SupportServiceStatement(models.Model):
    _name = "support.service.statement"
    _inherit = ["support.service.statement", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """The month's figures sent to the customer (T7)."""
        return super()._portal_readable_fields() | STATEMENT_PORTAL_READABLE_FIELDS
