from . import resource_calendar
from . import support_sla_policy
from . import support_ticket_sla
from . import support_ticket_sla_pause
from . import support_contract
from . import support_plan
from . import support_ticket
