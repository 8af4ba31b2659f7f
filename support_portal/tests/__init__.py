from . import test_ticket_form_tools
from . import test_portal_access
from . import test_portal_form
from . import test_portal_queries
from . import test_portal_tour
from . import test_portal_sla_hours
from . import test_statement
from . import test_dashboard
