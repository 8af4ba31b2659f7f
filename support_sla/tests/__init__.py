from . import test_sla_events
from . import test_sla_watcher
