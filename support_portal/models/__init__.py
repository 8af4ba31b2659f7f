from . import res_company
from . import res_config_settings
from . import res_partner
from . import support_ticket
from . import support_service_statement
from . import support_contract
from . import support_dashboard
