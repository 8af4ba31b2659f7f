from odoo import api, fields, models
from odoo.tools import ormcache


class SupportTicketStage(models.Model):
    """T6 stages: new, triaged, in progress, waiting on customer, resolved,
    closed. The flags, not the names, drive the behaviour."""

    _name = "support.ticket.stage"
    _description = "Support Ticket Stage"
    _inherit = ["support.worker.cache.mixin"]
    _order = "sequence, id"
    _worker_cache_fields = ("sequence", "active")  # _first_stage_id

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed in the kanban view.",
    )
    active = fields.Boolean(default=True)
    is_triage = fields.Boolean(
        string="To Triage",
        help="Tickets in this stage wait for triage: type and priority.",
    )
    is_in_progress = fields.Boolean(
        string="Work in Progress",
        help="A customer's answer on a ticket waiting on them moves it back to "
        "the first stage with this flag.",
    )
    is_waiting_customer = fields.Boolean(
        string="Waiting on Customer",
        help="The ticket waits for an answer of the customer (SLA clock paused).",
    )
    is_waiting_vendor = fields.Boolean(
        string="Waiting on Vendor",
        help="The ticket waits for a fix from the owner of the code (Odoo SA, "
        "the OCA, a module's author) or for its installation in a patch run; "
        "whether the SLA clock pauses is a setting.",
    )
    is_resolved = fields.Boolean(
        string="Resolved Stage",
        help="A solution was delivered; the ticket can now be closed.",
    )
    is_closed = fields.Boolean(
        string="Closed Stage",
        help="The ticket is finished. Only resolved tickets can be closed, "
        "unless a support manager closes it.",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        counts = dict(
            self.env["support.ticket"]._read_group(
                [("stage_id", "in", self.ids)], ["stage_id"], ["__count"]
            )
        )
        for stage in self:
            stage.ticket_count = counts.get(stage, 0)

    # the first stage, the default of new tickets (cached per worker)
    @api.model
    @ormcache()
    def _first_stage_id(self):
        return self.sudo().with_context(active_test=True).search([], limit=1).id
