from . import support_plan
from . import support_addon
from . import support_scope_item
from . import support_scope_coverage
from . import support_contract
from . import support_contract_lifecycle
from . import support_contract_addon_line
from . import res_partner
