from . import support_ticket_priority_override
from . import support_monitoring_token_reveal
from . import support_article_insert
