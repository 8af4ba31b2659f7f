"""Fields that support_billing adds to tickets and contracts and that a portal
user may read (``support.portal.field.access``): what is billed and the
hours balance; never the adjustment, override or rule behind them."""

TICKET_BILLING_PORTAL_READABLE_FIELDS = frozenset(
    {
        "billable",
        "billed_hours",
        "is_change_request",
        "quote_state",
        "quote_portal_url",
    }
)

CONTRACT_BILLING_PORTAL_READABLE_FIELDS = frozenset(
    {
        "hours_balance",
        "hours_overage",
        "hours_ledger_ids",
        "pending_reserved_hours",
        "pending_reserved_date",
    }
)
