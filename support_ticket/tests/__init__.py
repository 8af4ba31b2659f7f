from . import test_monitoring
