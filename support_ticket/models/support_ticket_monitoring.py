from markupsafe import Markup, escape
from psycopg2.errors import UniqueViolation

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ConcurrencyError

# T1: the alert's severity gives the ticket's urgency (T4); the impact of a
# monitoring alert is system-wide. Aliases of common monitoring tools are
# accepted; anything else is refused with HTTP 422.
SEVERITY_URGENCY = {
    "critical": "high",
    "high": "high",
    "major": "high",
    "error": "high",
    "warning": "medium",
    "medium": "medium",
    "minor": "low",
    "low": "low",
    "info": "low",
}


class SupportTicket(models.Model):
    _inherit = "support.ticket"

    monitoring_alert_key = fields.Char(
        string="Alert Key",
        index=True,
        copy=False,
        readonly=True,
        help="Identifies the alert in the customer's monitoring system: a new "
        "alert with the same key is added to this ticket while it is open.",
    )
    monitoring_token_id = fields.Many2one(
        "support.monitoring.token",
        string="Monitoring Token",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    monitoring_severity = fields.Char(readonly=True, copy=False)
    monitoring_alert_count = fields.Integer(
        string="Alerts Received", readonly=True, copy=False
    )
    monitoring_last_alert = fields.Datetime(
        string="Last Alert", readonly=True, copy=False
    )

    # T1: one open ticket per contract and alert key, whatever the timing of
    # two identical alerts (the second one's transaction is replayed)
    _monitoring_open_alert_uniq = models.UniqueIndex(
        "(contract_id, monitoring_alert_key) WHERE monitoring_alert_key IS NOT NULL"
        " AND is_resolved IS NOT TRUE AND is_closed IS NOT TRUE"
        " AND active IS NOT FALSE",
        "A contract has one open ticket per monitoring alert key.",
    )

    @api.model
    def _monitoring_open_tickets(self, contract, alert_keys):
        """``{alert key: open ticket}`` of ``contract`` (dedupe): another
        contract's ticket of the same key is never found."""
        tickets = self.sudo().search(
            [
                ("contract_id", "=", contract.id),
                ("monitoring_alert_key", "in", list(alert_keys)),
                ("is_resolved", "=", False),
                ("is_closed", "=", False),
            ],
            order="id",
        )
        return {ticket.monitoring_alert_key: ticket for ticket in tickets}

    @api.model
    def _monitoring_detail_labels(self):
        _ = self.env._
        return {
            "labels": _("Labels"),
            "values": _("Values"),
            "started": _("Started"),
            "dashboard": _("Dashboard"),
            "panel": _("Panel"),
            "silence": _("Silence"),
        }

    @api.model
    def _monitoring_description(self, alert):
        labels = self._monitoring_detail_labels()
        rows = [
            (self.env._("Source"), alert.get("source")),
            (self.env._("Severity"), alert["severity"]),
            (self.env._("Alert key"), alert["alert_key"]),
        ] + [(labels[key], value) for key, value in alert.get("details", ())]
        body = Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li><b>%s</b>: %s</li>") % (label, value)
            for label, value in rows
            if value
        )
        if alert.get("description"):
            body += Markup("<p>%s</p>") % escape(alert["description"])
        return body

    def _monitoring_repeat(self, alert, now, recovered):
        """Record on the open ticket ``self`` a repeated alert (or its
        recovery) of its key: count, time, severity and a note."""
        self.ensure_one()
        self.write(
            {
                "monitoring_alert_count": self.monitoring_alert_count + 1,
                "monitoring_last_alert": now,
                "monitoring_severity": alert["severity"],
            }
        )
        if recovered:
            intro = self.env._("The monitoring system reports a recovery:")
        else:
            intro = self.env._("The monitoring system repeats the alert:")
        self.message_post(
            body=Markup("<p>%s %s</p>") % (intro, alert["summary"])
            + self._monitoring_description(alert),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _monitoring_resolve(self):
        """The customer's monitoring reports the recovery and the contract
        says so (``monitoring_auto_resolve``): the ticket is resolved."""
        self._move_to_stage("is_resolved")
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "Resolved: the monitoring system reports the alert resolved."
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _monitoring_vals(self, token, alert, urgency, now):
        contract = token.contract_id
        vals = {
            "name": alert["summary"],
            "description": self._monitoring_description(alert),
            "partner_id": contract.partner_id.id,
            "contract_id": contract.id,
            "company_id": contract.company_id.id,
            "channel": "monitoring",
            "impact": "system",
            "urgency": urgency,
            "monitoring_alert_key": alert["alert_key"],
            "monitoring_token_id": token.id,
            "monitoring_severity": alert["severity"],
            "monitoring_alert_count": 1,
            "monitoring_last_alert": now,
        }
        if alert.get("url"):
            vals["screen_url"] = alert["url"]
        return vals

    def _monitoring_intake(self, token, alert):
        """Open a ticket for a validated ``alert`` or add it to the open ticket
        of the same key (T1). ``alert``: ``alert_key``, ``summary``,
        ``severity`` (a severity of the contract's map), optional
        ``description``, ``source``, ``url``, ``status`` (``firing`` |
        ``resolved``), ``details``. Return ``(ticket, outcome)``, see
        ``_monitoring_intake_batch``."""
        return self._monitoring_intake_batch(token, [alert])[0]

    def _monitoring_intake_batch(self, token, alerts):
        """Each validated alert of ``alerts`` (distinct keys) opens a ticket
        or updates the open ticket of its key; the new tickets are created in
        one call. Return ``[(ticket, outcome)]`` in the order of ``alerts``,
        outcome ``created`` | ``updated`` | ``resolved`` | ``ignored`` (the
        recovery of an alert without an open ticket)."""
        contract = token.contract_id
        # the alert is recorded by OdooBot (not the public user of the request)
        tickets = self.with_user(SUPERUSER_ID).with_company(contract.company_id)
        now = fields.Datetime.now()
        urgencies = contract._monitoring_severity_urgency()
        open_tickets = tickets._monitoring_open_tickets(
            contract, [alert["alert_key"] for alert in alerts]
        )
        results, new = [], []
        for alert in alerts:
            ticket = open_tickets.get(alert["alert_key"], tickets.browse())
            recovered = alert.get("status") == "resolved"
            if ticket:
                ticket._monitoring_repeat(alert, now, recovered)
                outcome = "updated"
                if recovered and contract.monitoring_auto_resolve:
                    ticket._monitoring_resolve()
                    outcome = "resolved"
                results.append((ticket, outcome))
            elif recovered:
                results.append((ticket, "ignored"))
            else:
                urgency = urgencies[alert["severity"]]
                new.append(
                    (len(results), tickets._monitoring_vals(token, alert, urgency, now))
                )
                results.append(None)
        if new:
            created = tickets._monitoring_create([vals for _i, vals in new])
            for (index, _vals), ticket in zip(new, created, strict=True):
                results[index] = (ticket, "created")
        return results

    def _monitoring_create(self, vals_list):
        try:
            with self.env.cr.savepoint():
                created = self.with_context(mail_create_nosubscribe=True).create(
                    vals_list
                )
                created.flush_recordset()
        except UniqueViolation as exc:
            # an identical alert opened the ticket meanwhile: the request is
            # replayed (odoo.service.model.retrying) and updates that ticket
            raise ConcurrencyError(
                "Another transaction opened the ticket of this alert."
            ) from exc
        return created
