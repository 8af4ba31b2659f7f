from . import support_service_statement
from . import support_statement_settings
from . import support_dashboard
