from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.support_contract.access import check_support_group

# S5: the code owner of a ticket, from the origin of the module it names
OWNER_BY_ORIGIN = {
    "odoo_community": "odoo_community",
    "odoo_enterprise": "odoo_enterprise",
    "oca_third_party": "third_party",
    "provider_localisation": "provider_localisation",
    "customer_custom": "customer_custom",
}


class SupportTicket(models.Model):
    """The module a ticket is about (its origin defaults the code owner, S5)
    and the patch run that installs its fix (C3): a released upstream fix or
    a provider fix goes into the environment's next patch run, whose
    completion resolves the ticket."""

    _name = "support.ticket"
    _inherit = ["support.ticket"]

    environment_module_id = fields.Many2one(
        "support.environment.module",
        string="Module",
        index="btree_not_null",
        domain="[('environment_id', '=', environment_id)]",
        help="The module of the environment the request is about; its origin "
        "tells who owns the code.",
    )
    code_ownership = fields.Selection(
        compute="_compute_code_ownership",
        store=True,
        readonly=False,
        precompute=True,
    )
    patch_run_id = fields.Many2one(
        "support.patch.run",
        string="Patch Run",
        index="btree_not_null",
        readonly=True,
        copy=False,
        tracking=True,
        help="The patch run that installs the fix.",
    )

    @api.depends("environment_module_id.origin")
    def _compute_code_ownership(self):
        for ticket in self:
            origin = ticket.environment_module_id.origin
            ticket.code_ownership = OWNER_BY_ORIGIN.get(origin, ticket.code_ownership)

    @api.constrains("environment_module_id", "environment_id", "patch_run_id")
    def _check_environment_module(self):
        for ticket in self:
            run = ticket.patch_run_id
            if run and run.environment_id != ticket.environment_id:
                raise ValidationError(
                    self.env._(
                        "A ticket's fix is installed by a patch run of its own "
                        "environment."
                    )
                )
            module = ticket.environment_module_id
            if module and module.environment_id != ticket.environment_id:
                raise ValidationError(
                    self.env._(
                        "The module %(module)s is not one of the modules of the "
                        "ticket's environment.",
                        module=module.name,
                    )
                )

    # ------------------------------------------------------------ actions
    def action_fix_in_next_patch(self):
        """A provider fix is ready: it is installed in the environment's next
        patch run."""
        check_support_group(self, "agent")
        for ticket in self:
            if not ticket._patch_next_run():
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s has no environment with a patch "
                        "agreement and a patch window: install the fix "
                        "yourself.",
                        ticket=ticket.display_name,
                    )
                )
        self._schedule_fix_install()
        return True

    # ------------------------------------------------------------ patching
    def _patch_next_run(self):
        self.ensure_one()
        if not self.environment_id or self.is_resolved or self.is_closed:
            return self.env["support.patch.run"]
        return self.environment_id.sudo()._patch_next_run()

    def _schedule_fix_install(self):
        """Tickets whose environment is patched go into its next patch run;
        the others come back in progress."""
        scheduled = self.env["support.ticket"]
        for ticket in self:
            run = ticket._patch_next_run()
            if not run:
                continue
            ticket.sudo().patch_run_id = run
            ticket.message_post(
                body=self.env._(
                    "The fix will be installed on %(environment)s in the patch "
                    "run of %(date)s.",
                    environment=ticket.environment_id.display_name,
                    date=run._local_day(),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            scheduled |= ticket
        return (
            scheduled | super(SupportTicket, self - scheduled)._schedule_fix_install()
        )
