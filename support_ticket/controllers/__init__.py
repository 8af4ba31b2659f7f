from . import monitoring
from . import mail
from . import monitoring_webhook
