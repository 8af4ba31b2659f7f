from . import support_ticket_priority_override
