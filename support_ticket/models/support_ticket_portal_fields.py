"""Fields of a ticket a portal user may read.

Declared for ``support.portal.field.access``: any other field is refused
to portal users over RPC."""

from odoo import api, models

TICKET_PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "number",
        "name",
        # the customer's environment the ticket is about (issue 14)
        "environment_id",
        "environment_version",
        "environment_edition",
        "description",
        "partner_id",
        "commercial_partner_id",
        "contract_id",
        "plan_id",
        "company_id",
        "user_id",
        "stage_id",
        "tag_ids",
        "type_id",
        "type_code",
        "scope_item_id",
        "scope_coverage",
        "code_ownership",
        "channel",
        "impact",
        "urgency",
        "priority",
        "business_critical",
        "is_business_critical",
        "screen_url",
        "document_ref",
        "document_name",
        "contact_method",
        "date_assigned",
        "date_first_response",
        "date_resolved",
        "date_closed",
        "date_last_stage_update",
        "is_resolved",
        "is_closed",
        "is_waiting_customer",
        "active",
        "create_date",
        "write_date",
        "access_token",
        "access_url",
        "website_message_ids",
        "message_is_follower",
        "has_message",
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
