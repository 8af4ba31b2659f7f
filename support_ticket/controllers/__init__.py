from . import monitoring
