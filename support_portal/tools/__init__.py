from . import ticket_form
from . import charts
from . import statement
from . import articles
