from . import test_demo
from . import test_security
from . import test_support_contract
from . import test_support_plan
from . import test_support_contract_lifecycle
from . import test_portal_grant
from . import test_support_environment
