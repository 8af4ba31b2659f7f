from . import test_priority
from . import test_ticket
from . import test_mail_gateway
from . import test_security
from . import test_views
from . import test_ui
from . import test_monitoring
