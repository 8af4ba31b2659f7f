from . import support_billing_wizard
from . import support_pack_wizard
from . import support_migration_quote_wizard
from . import support_migration_quote_line
from . import support_billed_time_wizard
from . import support_timer_stop_wizard
from . import support_call_log_wizard
