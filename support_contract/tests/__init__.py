from . import test_support_contract
