from collections import defaultdict

from markupsafe import Markup

from odoo import api, models

# values that decide the automatic followers of a new ticket: the relations
# whose followers follow it (the team) and the assigned agent
AUTO_SUBSCRIBE_FIELDS = ("team_id", "user_id")
# defaults whose computation reads the database: computed once per batch
BATCH_DEFAULTS = ("team_id", "stage_id")


class SupportTicketCreateMixin(models.AbstractModel):
    """Ticket creation in batches (issue 13): what Odoo would do per ticket
    (defaults, numbers, followers, creation message) done once for the batch.
    Mixed into ``support.ticket``."""

    _name = "support.ticket.create.mixin"
    _description = "Support Ticket Batch Creation"

    # ------------------------------------------------------------ before
    @api.model
    def _prepare_create_defaults(self, vals_list):
        """The defaults that search (team, stage) computed once, not per ticket."""
        missing = [f for f in BATCH_DEFAULTS if any(f not in v for v in vals_list)]
        if not missing:
            return
        defaults = self.default_get(missing)
        for vals in vals_list:
            for fname in missing:
                if fname not in vals and fname in defaults:
                    vals[fname] = defaults[fname]

    def _prepare_contract_teams(self, vals_list):
        """Routing: these tickets go to their contract's team, set in their
        values so that the team's assignment method picks their agent. The
        contract found for the customer is set too (one look-up per customer
        of the batch, none again in the contract's compute)."""
        Contract = self.env["support.contract"]
        found = {}
        for vals in vals_list:
            contract = Contract.browse(vals.get("contract_id"))
            if not contract and vals.get("partner_id"):
                customer = (
                    self.env["res.partner"]
                    .browse(vals["partner_id"])
                    .commercial_partner_id
                )
                if customer.id not in found:
                    found[customer.id] = customer._get_support_contract()
                contract = found[customer.id]
                if contract:
                    vals["contract_id"] = contract.id
            team = contract.sudo().team_id
            if team:
                vals["team_id"] = team.id

    # ------------------------------------------------------------ numbers
    def _assign_numbers(self):
        """Ticket numbers from each company's sequence, one call per company."""
        by_company = defaultdict(list)
        for ticket in self:
            if not ticket.number:
                by_company[ticket.company_id or self.env.company].append(ticket)
        for company, tickets in by_company.items():
            numbers = self._draw_standard_numbers(company, len(tickets))
            if numbers is None:
                sequence = self._ticket_sequence(company)
                numbers = self._next_numbers(sequence, len(tickets))
            # through the field, not write(): one cache update per ticket, one
            # UPDATE for all at the flush (a number is set once, never tracked)
            field = self._fields["number"]
            for ticket, number in zip(tickets, numbers, strict=True):
                field.write(ticket, number)
        self.modified(["number"])

    @api.model
    def _draw_standard_numbers(self, company, count):
        """``count`` numbers of the company's ticket sequence, found and drawn in
        one query when it is a plain PostgreSQL sequence; None otherwise (no
        sequence yet, no gap, date ranges: see ``_next_numbers``)."""
        self.env["ir.sequence"].flush_model()
        self.env.cr.execute(
            """
            SELECT seq.id,
                   CASE WHEN seq.implementation = 'standard'
                             AND NOT COALESCE(seq.use_date_range, FALSE)
                        THEN nextval('ir_sequence_' || lpad(seq.id::text, 3, '0'))
                   END
              FROM (SELECT id, implementation, use_date_range FROM ir_sequence
                     WHERE code = 'support.ticket' AND company_id = %s AND active
                     ORDER BY name, id LIMIT 1) seq,
                   generate_series(1, %s)
            """,
            [company.id, count],
        )
        rows = self.env.cr.fetchall()
        if not rows or rows[0][1] is None:
            return None
        sequence = self.env["ir.sequence"].sudo().browse(rows[0][0])
        prefix, suffix = sequence._get_prefix_suffix()
        padding = sequence.padding
        return [f"{prefix}{value:0{padding}d}{suffix}" for _sid, value in rows]

    @api.model
    def _ticket_sequence(self, company):
        """Per-company sequence: each company numbers its tickets on its own."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "support.ticket"), ("company_id", "=", company.id)],
            limit=1,
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Support Tickets (%(company)s)", company=company.name
                    ),
                    "code": "support.ticket",
                    "prefix": "TCK/%(year)s/",
                    "padding": 5,
                    "company_id": company.id,
                }
            )
        return sequence

    @api.model
    def _next_numbers(self, sequence, count):
        """``count`` numbers of ``sequence`` in one database call (a sequence by
        date ranges draws them one by one)."""
        if sequence.use_date_range or count == 1:
            return [sequence._next() for _i in range(count)]
        step = sequence.number_increment
        if sequence.implementation == "standard":
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                [f"ir_sequence_{sequence.id:03d}", count],
            )
            values = [row[0] for row in self.env.cr.fetchall()]
        else:
            sequence.flush_recordset(["number_next"])
            self.env.cr.execute(
                "UPDATE ir_sequence SET number_next = number_next + %s "
                "WHERE id = %s RETURNING number_next",
                [step * count, sequence.id],
            )
            first = self.env.cr.fetchone()[0] - step * count
            sequence.invalidate_recordset(["number_next"])
            values = [first + step * i for i in range(count)]
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{value:0{sequence.padding}d}{suffix}" for value in values]

    # ------------------------------------------------------------ after
    def _after_create_mail(self, vals_list):
        """Followers and creation messages of new tickets, in batches."""
        context = self.env.context
        if not context.get("tracking_disable"):
            followed = self._auto_subscribe_batch(vals_list)
            if not context.get("mail_create_nolog"):
                self._log_creation_batch(followed)
        if context.get("support_subscribe_requester"):
            # after the creation message: the requester is not notified of it
            by_partner = defaultdict(list)
            for ticket in self.filtered("partner_id"):
                by_partner[ticket.partner_id.id].append(ticket.id)
            for partner_id, ids in by_partner.items():
                self.browse(ids).message_subscribe([partner_id])

    def _auto_subscribe_batch(self, vals_list):
        """mail.thread's automatic followers of new records, per group of
        tickets of the same team and agent instead of per ticket. Returns the
        ids of the tickets that may have got followers besides their creator."""
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[8:] in AUTO_SUBSCRIBE_FIELDS
        }
        user = self.env.user
        # mail.thread.create already made the creator a follower
        creator_follows = bool(
            not self.env.context.get("mail_create_nosubscribe")
            and user.active
            and not user.share
        )
        groups = defaultdict(list)
        followed = set()
        for ticket, vals in zip(self, vals_list, strict=True):
            values = {**defaults, **vals}
            if creator_follows and values.get("user_id") == user.id:
                values["user_id"] = False
            if values.get("message_follower_ids") or values.get("message_partner_ids"):
                followed.add(ticket.id)
            key = tuple((f, values.get(f) or False) for f in AUTO_SUBSCRIBE_FIELDS)
            groups[key].append(ticket.id)
        # the followers of a team follow its new tickets: none, nothing to add
        team_ids = {dict(key)["team_id"] for key in groups} - {False}
        followed_teams = set()
        if team_ids:
            followed_teams = set(
                self.env["mail.followers"]
                .sudo()
                .search_fetch(
                    [
                        ("res_model", "=", "support.team"),
                        ("res_id", "in", list(team_ids)),
                    ],
                    ["res_id"],
                )
                .mapped("res_id")
            )
        for key, ids in groups.items():
            values = dict(key)
            if values["team_id"] not in followed_teams:
                values["team_id"] = False
            if values["team_id"] or values["user_id"]:
                self.browse(ids)._message_auto_subscribe(
                    values, followers_existing_policy="update"
                )
                followed.update(ids)
        return followed

    def _log_creation_batch(self, followed):
        """The "ticket created" message of each new ticket: posted (notifying)
        on the tickets of ``followed`` (ids of tickets that may have followers
        besides their author), created in one batch (nothing to notify) on the
        others."""
        author = self.env.user.partner_id
        quiet = self.filtered(lambda t: t.id not in followed)
        for ticket in self - quiet:
            ticket.sudo().message_post(
                subtype_id=ticket._creation_subtype().id,
                author_id=author.id,
                body=ticket._creation_body(),
            )
        if quiet:
            quiet._log_creation_quiet(author)

    def _creation_body(self):
        self.ensure_one()
        # summary="o_mail_notification" hides the body in the chatter (as Odoo)
        return (
            Markup('<div summary="o_mail_notification"><p>%s</p></div>')
            % self._creation_message()
        )

    def _log_creation_quiet(self, author):
        """Creation messages that notify nobody, in one create()."""
        subtype = self[:1]._creation_subtype()
        author_id, email_from = self._message_compute_author(author.id, None)
        # as mail.thread's _message_log_batch: nobody to reply to a notice
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author_id
        )[False]
        values_list = [
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": self._name,
                "res_id": ticket.id,
                "message_type": "notification",
                "subtype_id": subtype.id,
                "body": ticket._creation_body(),
                "email_add_signature": False,
                "reply_to": reply_to,
                "record_alias_domain_id": False,
                "record_company_id": ticket.company_id.id,
            }
            for ticket in self
        ]
        return self.sudo()._message_create(values_list)
