from . import test_billed_time
from . import test_ledger
from . import test_invoicing
from . import test_access
from . import test_quotes_settings
from . import test_billing_run
from . import test_timer_ui
