from . import portal
from . import ticket
from . import ticket_form
from . import statement
from . import environment
from . import patch
from . import article
