from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError

# what the ticket page shows of a message
PORTAL_MESSAGE_FIELDS = [
    "body",
    "date",
    "author_id",
    "email_from",
    "message_type",
    "attachment_ids",
]


class SupportTicket(models.Model):
    _name = "support.ticket"
    _inherit = ["support.ticket", "rating.mixin"]

    # The one-time token of the portal form the ticket was created from: in the
    # database (not the session), so that a double submit or Odoo's replay of
    # the request after a serialization failure finds the ticket already made.
    portal_form_token = fields.Char(
        copy=False, readonly=True, index="btree_not_null", groups="base.group_system"
    )

    _portal_form_token_uniq = models.Constraint(
        "UNIQUE(portal_form_token)",
        "This form was already sent.",
    )

    # ------------------------------------------------------------ portal helpers
    # Every helper below runs on a ticket the controller already checked the
    # access to (``_document_check_access``); they read as superuser only what
    # the customer is entitled to see.

    def _portal_message_domain(self):
        """P1: the conversation the customer sees: comments and emails of a
        public subtype, never internal notes nor tracking messages."""
        return [
            ("model", "=", self._name),
            ("res_id", "in", self.ids),
            ("message_type", "in", ("comment", "email", "email_outgoing")),
            ("is_internal", "=", False),
            ("subtype_id", "!=", False),
            ("subtype_id.internal", "=", False),
        ]

    def _portal_messages(self):
        """The public conversation, read with what the page shows of it in
        one query (the files' links in a second one)."""
        self.ensure_one()
        return (
            self.env["mail.message"]
            .sudo()
            .search_fetch(
                self._portal_message_domain(),
                PORTAL_MESSAGE_FIELDS,
                order="date asc, id asc",
            )
        )

    def _portal_names(self, fnames):
        """``{record: name}`` of the many2one fields ``fnames`` (stage, type,
        ...) of the tickets, read in one query (joined), however many the
        tickets and the fields; the pages show these names."""
        groupby = [spec for fname in fnames for spec in (fname, f"{fname}.name")]
        names = {}
        if self:
            for row in self.sudo()._read_group([("id", "in", self.ids)], groupby):
                names.update(
                    (record, name)
                    for record, name in zip(row[::2], row[1::2], strict=True)
                    if record
                )
        return names

    def _portal_public_attachments(self):
        """Attachments the customer may download: those of public messages."""
        return self._portal_messages().attachment_ids

    def _portal_reopen_deadline(self):
        """The last moment the customer may reopen the ticket, or False."""
        self.ensure_one()
        if not (self.is_resolved or self.is_closed):
            return False
        days = self.company_id.sudo().support_portal_reopen_days
        resolved = self.date_resolved or self.date_closed or self.write_date
        if days <= 0 or not resolved:
            return False
        return resolved + timedelta(days=days)

    def _portal_can_reopen(self):
        deadline = self._portal_reopen_deadline()
        return bool(deadline and fields.Datetime.now() <= deadline)

    def _portal_can_rate(self):
        """T7: the handling is rated once the ticket is resolved."""
        self.ensure_one()
        return bool(self.is_resolved or self.is_closed)

    def _portal_rating(self, partner):
        """The rating ``partner`` gave on this ticket, if any."""
        self.ensure_one()
        return self.sudo().rating_ids.filtered(
            lambda r: r.consumed and r.partner_id == partner
        )[:1]

    def init(self):
        super().init()
        # T7: one rating per customer and ticket, even when two are posted at
        # once (the rating module's own table, for this model only)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS rating_rating_support_ticket_once
                ON rating_rating (res_id, partner_id)
             WHERE consumed AND res_model = 'support.ticket'
            """
        )

    def _portal_apply_rating(self, partner, rate, feedback):
        """Record ``partner``'s rating, once: a rating sent twice at once
        breaks the unique index; Odoo replays the request, which then finds
        the first rating (the controller refuses it)."""
        self.ensure_one()
        token = self._rating_get_access_token(partner)
        try:
            with self.env.cr.savepoint():
                self.rating_apply(rate, token=token, feedback=feedback)
                self.env.flush_all()
        except UniqueViolation as exc:
            raise ConcurrencyError("ticket rated twice at once") from exc

    @api.model
    def _portal_form_ticket(self, partner, token):
        """The ticket ``partner`` already created from the form ``token``."""
        if not token or not isinstance(token, str):
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("portal_form_token", "=", token), ("partner_id", "=", partner.id)],
                limit=1,
            )
        )

    def _portal_sla_clocks(self):
        """The SLA clocks of support_sla (``_get_sla_portal_clocks``) in the
        shape the portal shows: ``name``, ``state`` (``at_risk`` when warned),
        ``state_label``, ``deadline``, ``time_left`` (business time, text),
        ``reached`` and ``pauses`` (``start``, ``end``, ``reason``). Empty when
        support_sla gives no clock (L1, L5)."""
        self.ensure_one()
        if not hasattr(self, "_get_sla_portal_clocks"):
            return []
        clocks = []
        for clock in self._get_sla_portal_clocks() or []:
            state = clock.get("state")
            if clock.get("at_risk") and state == "running":
                state = "at_risk"
            clocks.append(
                {
                    "name": clock.get("label") or clock.get("name") or "",
                    "state": state,
                    "state_label": clock.get("state_label") or state or "",
                    "deadline": clock.get("deadline") or False,
                    "time_left": clock.get("time_left") or "",
                    "reached": clock.get("date_reached") or False,
                    "pauses": [
                        {
                            "start": pause.get("date_start") or pause.get("start"),
                            "end": pause.get("date_end") or pause.get("end") or False,
                            "reason": pause.get("reason") or "",
                        }
                        for pause in clock.get("pauses") or []
                    ],
                }
            )
        return clocks

    def _portal_reopen(self):
        """Reopen from the portal (the controller checked the period)."""
        if hasattr(self, "action_reopen"):
            self.action_reopen()
            return
        stage = self.env["support.ticket.stage"].search(
            [
                ("is_resolved", "=", False),
                ("is_closed", "=", False),
                ("is_waiting_customer", "=", False),
                ("is_triage", "=", False),
            ],
            limit=1,
        )
        if stage:
            self.write({"stage_id": stage.id})
