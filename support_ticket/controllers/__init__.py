from . import monitoring
from . import mail
