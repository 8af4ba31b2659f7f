from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.support_contract.access import check_support_group

from ..tools.desk import URGENCIES
from ..tools.monitoring import DEFAULT_SEVERITY_MAP, parse_severity_map
from .support_ticket_monitoring import SEVERITY_URGENCY


class SupportContract(models.Model):
    _inherit = "support.contract"

    ticket_ids = fields.One2many("support.ticket", "contract_id", string="Tickets")
    team_id = fields.Many2one(
        "support.team",
        string="Support team",
        tracking=True,
        index=True,
        check_company=True,
        default=lambda self: self._default_team_id(),
        help="The team that handles the contract's tickets, whatever the channel "
        "(portal, email, phone, emergency line, monitoring).",
    )
    dedicated_team = fields.Boolean(related="plan_id.dedicated_team")
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    monitoring_token_ids = fields.One2many(
        "support.monitoring.token",
        "contract_id",
        string="Monitoring Tokens",
        groups="support_contract.group_support_manager",
    )
    has_monitoring = fields.Boolean(
        related="plan_id.has_monitoring", string="Proactive Monitoring"
    )
    monitoring_ticket_count = fields.Integer(compute="_compute_monitoring_ticket_count")
    monitoring_severity_map = fields.Text(
        string="Alert Severities",
        default=DEFAULT_SEVERITY_MAP,
        help="One line per severity label of the customer's alerts: "
        "severity = urgency (high, medium or low). Severities not listed keep "
        "the usual meaning (critical, major, error: high; warning: medium; "
        "minor, info: low).",
    )
    monitoring_auto_resolve = fields.Boolean(
        string="Resolve on Recovery",
        help="When the monitoring system reports that an alert is resolved, "
        "its ticket is resolved too; otherwise the recovery is only noted on "
        "the ticket.",
    )

    @api.model
    def _default_team_id(self, company=None):
        """The company's first team."""
        company = company or self.env.company
        return (
            self.env["support.team"]
            .sudo()
            .search([("company_id", "in", [company.id, False])], limit=1)
            .sudo(False)
        )

    @api.constrains("team_id", "plan_id")
    def _check_dedicated_team(self):
        for contract in self:
            if contract.plan_id.dedicated_team and not contract.team_id:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s promises a dedicated support team: choose "
                        "the team of contract %(contract)s.",
                        plan=contract.plan_id.display_name,
                        contract=contract.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "team_id" not in vals:
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["team_id"] = self._default_team_id(company).id
        return super().create(vals_list)

    def write(self, vals):
        old_teams = {}
        if "team_id" in vals:
            old_teams = {c.id: c.team_id for c in self if c.team_id}
        res = super().write(vals)
        if old_teams:
            self.filtered(
                lambda c: c.id in old_teams and c.team_id != old_teams[c.id]
            )._move_open_tickets(old_teams)
        return res

    def _move_open_tickets(self, old_teams):
        """A contract changed team: its open tickets follow, each with a note;
        an agent outside the new team hands the ticket over to the team's
        assignment method. ``old_teams``: contract id -> previous team."""
        tickets = (
            self.env["support.ticket"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", self.ids),
                    ("is_closed", "=", False),
                    ("is_resolved", "=", False),
                ]
            )
        )
        for contract in self:
            team = contract.team_id.sudo()
            moved = tickets.filtered(
                lambda t, c=contract: t.contract_id == c and t.team_id != c.team_id
            )
            if not moved:
                continue
            outsiders = moved.filtered(
                lambda t, tm=team: (
                    t.user_id and t.user_id not in tm.member_ids | tm.leader_id
                )
            )
            moved.write({"team_id": team.id})
            outsiders.write({"user_id": False})
            # the team's assignment method picks the agents of those unassigned
            waiting = moved.filtered(lambda t: not t.user_id)
            for ticket, agent in zip(
                waiting, team._pick_agents(len(waiting)), strict=True
            ):
                if agent:
                    ticket.user_id = agent
            note = self.env._(
                "Moved to team %(team)s: the support team of contract %(contract)s "
                "changed (it was %(old)s).",
                team=team.display_name or "-",
                contract=contract.display_name,
                old=old_teams[contract.id].display_name,
            )
            for ticket in moved:
                ticket.message_post(body=note, subtype_xmlid="mail.mt_note")

    def _compute_ticket_count(self):
        counts = dict(
            self.env["support.ticket"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.ticket_count = counts.get(contract, 0)

    def action_view_tickets(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_ticket.support_ticket_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"search_default_open": 0}
        return action

    # ------------------------------------------------------------ monitoring (t1)
    @api.constrains("monitoring_severity_map")
    def _check_monitoring_severity_map(self):
        for contract in self:
            try:
                parse_severity_map(contract.monitoring_severity_map, URGENCIES)
            except ValueError as exc:
                raise ValidationError(
                    self.env._(
                        "Alert severities, line %(line)s: write one severity "
                        "per line as severity = urgency, the urgency being "
                        "high, medium or low.",
                        line=exc.args[0],
                    )
                ) from exc

    def _monitoring_severity_urgency(self):
        """``{severity: urgency}`` of this contract's alerts (T1, T4)."""
        self.ensure_one()
        mapping = dict(SEVERITY_URGENCY)
        mapping.update(parse_severity_map(self.monitoring_severity_map, URGENCIES))
        return mapping

    def _compute_monitoring_ticket_count(self):
        counts = dict(
            self.env["support.ticket"]._read_group(
                [("contract_id", "in", self.ids), ("channel", "=", "monitoring")],
                ["contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.monitoring_ticket_count = counts.get(contract, 0)

    def action_rotate_monitoring_token(self):
        """Revoke the contract's active tokens and issue a new one, shown once
        in a dialog (T1, C1: plans with proactive monitoring only)."""
        check_support_group(self, "manager")
        self.ensure_one()
        self.check_access("write")
        if not self.plan_id.has_monitoring:
            raise UserError(
                self.env._(
                    "The plan %(plan)s of contract %(contract)s does not include "
                    "proactive monitoring: no monitoring token can be issued.",
                    plan=self.plan_id.display_name,
                    contract=self.display_name,
                )
            )
        if self.state != "active":
            raise UserError(
                self.env._(
                    "Contract %(contract)s is not active: activate it before "
                    "issuing a monitoring token.",
                    contract=self.display_name,
                )
            )
        # two rotations at once must leave one active token: the second waits
        # here, then its stale view of the tokens is a serialization failure
        # and Odoo replays it
        self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE id = %s FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                self.id,
            )
        )
        Token = self.env["support.monitoring.token"]
        Token.sudo().search(
            [("contract_id", "=", self.id), ("state", "=", "active")]
        ).action_revoke()
        token, plain = Token._issue(self)
        self.message_post(
            body=self.env._(
                "New monitoring token %(hint)s issued; the previous ones are revoked.",
                hint=token.display_name,
            )
        )
        # the secret travels only in this action's context: it is not stored
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Monitoring Token"),
            "res_model": "support.monitoring.token.reveal",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_contract_id": self.id,
                "default_token": plain,
            },
        }

    def action_view_monitoring_tickets(self):
        check_support_group(self, "agent")
        self.ensure_one()
        action = self.action_view_tickets()
        action["domain"] = [
            ("contract_id", "=", self.id),
            ("channel", "=", "monitoring"),
        ]
        return action
