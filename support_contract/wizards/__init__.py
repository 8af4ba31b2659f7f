from . import support_contract_override_wizard
from . import support_environment_import_wizard
