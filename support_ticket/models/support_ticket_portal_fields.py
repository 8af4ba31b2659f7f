"""Fields of a ticket a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TICKET_PORTAL_READABLE_FIELDS = frozenset(
    {
        "access_token",
        "access_url",
        "active",
        "business_critical",
        "channel",
        "code_ownership",
        "commercial_partner_id",
        "company_id",
        "contact_method",
        "contract_id",
        "create_date",
        "date_assigned",
        "date_closed",
        "date_first_response",
        "date_last_stage_update",
        "date_resolved",
        "description",
        "display_name",
        "document_name",
        "document_ref",
        "has_message",
        "id",
        "impact",
        "is_business_critical",
        "is_closed",
        "is_resolved",
        "is_waiting_customer",
        "message_is_follower",
        "name",
        "number",
        "partner_id",
        "plan_id",
        "priority",
        "scope_coverage",
        "scope_item_id",
        "screen_url",
        "stage_id",
        "tag_ids",
        "type_code",
        "type_id",
        "urgency",
        "user_id",
        "website_message_ids",
        "write_date",
    }
)


class SupportTicket(models.Model):
    _name = "support.ticket"
    _inherit = ["support.ticket", "support.portal.field.access"]

    @api.model
    def _portal_readable_fields(self):
        """What the customer told and what it may follow; no entitlement warnings,
        override reasons, team or internal counters."""
        return super()._portal_readable_fields() | TICKET_PORTAL_READABLE_FIELDS
