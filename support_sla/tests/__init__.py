from . import test_sla_events
from . import test_sla_watcher
from . import test_sla_policy
from . import test_sla_calendar
from . import test_sla_report
from . import test_shipped_policies
from . import test_sla_cron
from . import test_sla_concurrency
