from . import support_contract_override_wizard
