import ast

from odoo import api, fields, models
from odoo.tools import ormcache

from odoo.addons.mail.tools.alias_error import AliasError
from odoo.addons.support_contract.access import check_support_group

from ..tools import desk


class SupportTeam(models.Model):
    """A support team: members, an email alias creating tickets and the way
    new tickets are assigned to its members."""

    _name = "support.team"
    _description = "Support Team"
    _inherit = ["mail.alias.mixin", "mail.thread", "support.worker.cache.mixin"]
    _order = "sequence, name"
    # the default team of a user (_default_team_id_for) is cached per worker
    _worker_cache_fields = (
        "active",
        "company_id",
        "leader_id",
        "member_ids",
        "sequence",
        "name",
    )

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    member_ids = fields.Many2many(
        "res.users",
        "support_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False)]",
    )
    assignment_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("round_robin", "Round Robin"),
            ("least_open", "Least Open Tickets"),
        ],
        default="manual",
        required=True,
        tracking=True,
        help="How new tickets of this team get an agent: by hand, each member "
        "in turn, or the member with the fewest open tickets.",
    )
    unknown_sender_policy = fields.Selection(
        [
            ("contact", "Create a stand-alone contact"),
            ("bounce", "Bounce with a polite reply"),
        ],
        string="Unknown Senders",
        default="contact",
        required=True,
        tracking=True,
        help="An email from an address no contact has, of a domain no customer "
        "lists: either a ticket for a new contact without customer nor "
        "contract, to be sorted out by an agent, or a polite automatic reply "
        "and no ticket.",
    )
    # Read from the team's tickets, never stored: a new ticket writes no shared
    # row, so concurrent tickets never fail to serialize on the team.
    last_assigned_user_id = fields.Many2one(
        "res.users",
        string="Last Assigned Agent",
        compute="_compute_last_assigned_user_id",
    )
    ticket_ids = fields.One2many("support.ticket", "team_id", string="Tickets")
    open_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    triage_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    unassigned_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    critical_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    warning_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    my_ticket_count = fields.Integer(compute="_compute_ticket_counts")

    def _compute_last_assigned_user_id(self):
        for team in self:
            team.last_assigned_user_id = team._last_assigned_agent()

    def _last_assigned_agent(self):
        """The agent of the team's most recently assigned ticket."""
        self.ensure_one()
        if not self.id:
            return self.env["res.users"]
        last = (
            self.env["support.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("team_id", "=", self.id),
                    ("user_id", "!=", False),
                    ("date_assigned", "!=", False),
                ],
                order="date_assigned desc, id desc",
                limit=1,
            )
        )
        return last.user_id

    def _compute_ticket_counts(self):
        Ticket = self.env["support.ticket"]
        base = [("team_id", "in", self.ids), ("is_closed", "=", False)]
        counters = {
            "open_ticket_count": [("is_resolved", "=", False)],
            "triage_ticket_count": [("is_triage", "=", True)],
            "unassigned_ticket_count": [
                ("user_id", "=", False),
                ("is_resolved", "=", False),
            ],
            "critical_ticket_count": [
                ("is_business_critical", "=", True),
                ("is_resolved", "=", False),
            ],
            "warning_ticket_count": [("has_entitlement_warning", "=", True)],
            "my_ticket_count": [
                ("user_id", "=", self.env.uid),
                ("is_resolved", "=", False),
            ],
        }
        for field_name, extra in counters.items():
            counts = dict(Ticket._read_group(base + extra, ["team_id"], ["__count"]))
            for team in self:
                team[field_name] = counts.get(team, 0)

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("support.ticket").id
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            values["alias_defaults"] = defaults
        return values

    def _alias_get_error(self, message, message_dict, alias):
        """A new email to the team's alias (the team is the alias's parent)
        from an unknown sender of an unlisted domain bounces when the team
        says so; replies to a ticket are checked on the ticket."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or len(self) != 1 or self.unknown_sender_policy != "bounce":
            return error
        if self.env["support.ticket"]._gateway_sender_known(message_dict):
            return False
        return AliasError(
            "error_support_unknown_sender",
            self.env._("restricted to the known customers of the team"),
        )

    # ------------------------------------------------------------ assignment
    def _get_open_ticket_counts(self):
        """``{user_id: open tickets}`` of the team members (all teams)."""
        self.ensure_one()
        counts = dict.fromkeys(self.member_ids.ids, 0)
        groups = (
            self.env["support.ticket"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", self.member_ids.ids),
                    ("is_closed", "=", False),
                    ("is_resolved", "=", False),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        for user, count in groups:
            counts[user.id] = count
        return counts

    def _pick_agent(self):
        """The agent a new ticket of this team goes to, per the assignment
        method (empty for manual assignment or a team without members)."""
        return self._pick_agents(1)[0]

    def _pick_agents(self, count):
        """The agents ``count`` new tickets of this team go to, in turn (each
        pick counts the previous ones): a list of ``res.users`` (empty ones
        for manual assignment or a team without members)."""
        self.ensure_one()
        Users = self.env["res.users"]
        if self.assignment_method not in ("round_robin", "least_open"):
            return [Users] * count
        members = self.member_ids.filtered("active")
        last = self._last_assigned_agent().id or None
        counts = {}
        if self.assignment_method == "least_open":
            open_counts = self._get_open_ticket_counts()
            counts = {uid: open_counts.get(uid, 0) for uid in members.ids}
        picks = []
        for _i in range(count):
            if self.assignment_method == "round_robin":
                last = desk.pick_round_robin(members.ids, last)
            else:
                last = desk.pick_least_open(counts, last)
                if last is not None:
                    counts[last] += 1
            picks.append(Users.browse(last or []))
        return picks

    @api.model
    def _default_for_user(self, user=None, company=None):
        user = user or self.env.user
        company = company or self.env.company
        return self.browse(self._default_team_id_for(user.id, company.id))

    @api.model
    @ormcache("user_id", "company_id")
    def _default_team_id_for(self, user_id, company_id):
        """The first team of the company that ``user_id`` belongs to (any team
        of the company for ``user_id`` 0); cached per worker, cleared on every
        worker when a team changes."""
        # only a team the user belongs to: a ticket without team stays in the
        # shared pool every agent sees
        domain = [("company_id", "in", [company_id, False])]
        if user_id:
            domain += ["|", ("member_ids", "in", user_id), ("leader_id", "=", user_id)]
        teams = self.sudo().with_context(active_test=True)
        return teams.search(domain, limit=1).id

    # ------------------------------------------------------------ actions
    def _action_tickets(self, extra_domain, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["display_name"] = f"{self.name}: {name}"
        action["domain"] = [("team_id", "=", self.id), *extra_domain]
        action["context"] = {"default_team_id": self.id}
        return action

    def action_open_tickets(self):
        check_support_group(self, "agent")
        return self._action_tickets(
            [("is_closed", "=", False)], self.env._("Open Tickets")
        )

    def action_triage_tickets(self):
        check_support_group(self, "agent")
        return self._action_tickets(
            [("is_triage", "=", True), ("is_closed", "=", False)],
            self.env._("To Triage"),
        )

    def action_unassigned_tickets(self):
        check_support_group(self, "agent")
        return self._action_tickets(
            [("user_id", "=", False), ("is_closed", "=", False)],
            self.env._("Unassigned"),
        )

    def action_critical_tickets(self):
        check_support_group(self, "agent")
        return self._action_tickets(
            [("is_business_critical", "=", True), ("is_closed", "=", False)],
            self.env._("Business-Critical"),
        )

    def action_warning_tickets(self):
        check_support_group(self, "agent")
        return self._action_tickets(
            [("has_entitlement_warning", "=", True), ("is_closed", "=", False)],
            self.env._("Entitlement Warnings"),
        )
