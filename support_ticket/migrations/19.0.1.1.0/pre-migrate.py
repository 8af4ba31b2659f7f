"""T1 before the unique index of 19.0.1.1.0: one open ticket per contract and
monitoring alert key.

Two open tickets of a contract with the same alert key (two identical alerts
at once) would stop the index from being created. New alerts already went to
the newest of them; the older ones keep their alert key with a suffix naming
that ticket, so they no longer count as open tickets of the alert, with a log
line."""

import logging

_logger = logging.getLogger("odoo.addons.support_ticket.migrations")


def migrate(cr, version):
    cr.execute(
        """
        SELECT t.id, newest.id, t.monitoring_alert_key
          FROM support_ticket t
          JOIN LATERAL (
                SELECT n.id FROM support_ticket n
                 WHERE n.contract_id = t.contract_id
                   AND n.monitoring_alert_key = t.monitoring_alert_key
                   AND n.is_resolved IS NOT TRUE AND n.is_closed IS NOT TRUE
                   AND n.active IS NOT FALSE
                 ORDER BY n.id DESC LIMIT 1
               ) newest ON newest.id > t.id
         WHERE t.monitoring_alert_key IS NOT NULL AND t.is_resolved IS NOT TRUE
           AND t.is_closed IS NOT TRUE AND t.active IS NOT FALSE
        """
    )
    for ticket_id, newest_id, key in cr.fetchall():
        cr.execute(
            "UPDATE support_ticket SET monitoring_alert_key = %s WHERE id = %s",
            [f"{key} (duplicate of ticket {newest_id})", ticket_id],
        )
        _logger.info(
            "ticket %s: a second open ticket of alert %r; new alerts go to "
            "ticket %s, this one's key is now marked as a duplicate",
            ticket_id,
            key,
            newest_id,
        )
