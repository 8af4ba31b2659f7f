"""T7 before the unique index of 19.0.1.1.0: one rating per customer and ticket.

A ticket rated twice by the same customer (two ratings posted at once) would
stop the index from being created: the first rating counts, the later ones are
set back to "not consumed" (kept, out of the averages), with a log line."""

import logging

_logger = logging.getLogger("odoo.addons.support_portal.migrations")


def migrate(cr, version):
    cr.execute(
        """
        UPDATE rating_rating r
           SET consumed = false
          FROM rating_rating first
         WHERE r.res_model = 'support.ticket' AND r.consumed
           AND first.res_model = 'support.ticket' AND first.consumed
           AND first.res_id = r.res_id AND first.partner_id = r.partner_id
           AND first.id < r.id
     RETURNING r.id, r.res_id
        """
    )
    for rating_id, ticket_id in set(cr.fetchall()):
        _logger.info(
            "ticket %s: rating %s of a customer who had already rated it is no "
            "longer counted (one rating per customer and ticket)",
            ticket_id,
            rating_id,
        )
