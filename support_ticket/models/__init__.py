from . import support_ticket_monitoring
from . import support_monitoring_token
