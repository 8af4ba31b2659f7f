from . import test_statement
from . import test_dashboard
