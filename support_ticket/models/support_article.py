from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.support_contract.access import check_support_group

ARTICLE_URL = "/my/support/articles/%s"


class SupportArticle(models.Model):
    """A knowledge-base article the provider publishes to its customers: read
    in the portal, suggested while a ticket is written, linked in replies.

    Customers read only the published articles of their provider meant for
    all customers or for the plan of their active contract (record rule on
    ``portal_visible``). Title and body are translated (one version per
    language, Odoo's translations)."""

    _name = "support.article"
    _description = "Knowledge Article"
    _order = "sequence, id desc"
    _rec_name = "title"
    _check_company_auto = True

    title = fields.Char(required=True, translate=True)
    body = fields.Html(
        translate=True,
        sanitize=True,
        help="Text, images and links to video recordings; scripts and forms "
        "are removed.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    scope_item_ids = fields.Many2many(
        "support.scope.item", string="Scope Items", check_company=True
    )
    tag_ids = fields.Many2many("support.ticket.tag", string="Tags")
    audience = fields.Selection(
        [("all", "All customers"), ("plans", "Chosen plans")],
        # not required in the database: a required field's "!= False" is
        # optimised away before the portal field check (the form requires it)
        default="all",
    )
    plan_ids = fields.Many2many("support.plan", string="Plans", check_company=True)
    is_published = fields.Boolean(string="Published", copy=False, index=True)
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)
    ticket_id = fields.Many2one(
        "support.ticket",
        string="From Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    portal_url = fields.Char(string="Portal Address", compute="_compute_portal_url")
    read_count = fields.Integer(string="Reads", compute="_compute_log_counts")
    deflection_count = fields.Integer(
        string="Questions Answered",
        compute="_compute_log_counts",
        help="Times a customer said this article answered the question they "
        "were about to send as a ticket.",
    )
    portal_visible = fields.Boolean(
        compute="_compute_portal_visible", search="_search_portal_visible"
    )

    def _compute_portal_url(self):
        for article in self:
            article.portal_url = ARTICLE_URL % article.id if article.id else False

    def _compute_log_counts(self):
        Log = self.env["support.article.log"].sudo()
        counts = {
            (article.id, kind): count
            for article, kind, count in Log._read_group(
                [("article_id", "in", self.ids)],
                groupby=["article_id", "kind"],
                aggregates=["__count"],
            )
        }
        for article in self:
            article.read_count = counts.get((article.id, "read"), 0)
            article.deflection_count = counts.get((article.id, "deflection"), 0)

    def _compute_portal_visible(self):
        visible = self.search([("id", "in", self.ids), ("portal_visible", "=", True)])
        for article in self:
            article.portal_visible = article in visible

    @api.model
    def _portal_audience_domain(self, partner):
        """The articles ``partner``'s company may read: published, of the
        provider of its active contract, for all customers or its plan."""
        contract = partner.sudo().commercial_partner_id._get_support_contract()
        if not contract:
            return Domain.FALSE
        return (
            Domain("is_published", "=", True)
            & Domain("company_id", "=", contract.company_id.id)
            & (
                Domain("audience", "=", "all")
                | Domain("plan_ids", "in", contract.plan_id.ids)
            )
        )

    @api.model
    def _search_portal_visible(self, operator, value):
        if operator != "in":
            return NotImplemented
        if True in value and False in value:
            return Domain.TRUE
        # the audience fields are not the customer's to search: the ids come
        # from a query of the superuser, for the current user's partner
        domain = self._portal_audience_domain(self.env.user.partner_id)
        visible = Domain(
            "id", "in", self.sudo().with_context(active_test=False)._search(domain)
        )
        return visible if True in value else ~visible

    @api.constrains("audience", "plan_ids")
    def _check_audience(self):
        for article in self:
            if article.audience == "plans" and not article.plan_ids:
                raise ValidationError(
                    self.env._(
                        "Choose the plans whose customers read the article "
                        "“%(title)s”, or publish it to all customers.",
                        title=article.title,
                    )
                )

    def action_publish(self):
        check_support_group(self, "agent")
        self.filtered(lambda a: not a.is_published).write(
            {"is_published": True, "date_published": fields.Datetime.now()}
        )
        return True

    def action_unpublish(self):
        check_support_group(self, "agent")
        self.write({"is_published": False})
        return True

    def action_view_logs(self):
        check_support_group(self, "agent")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reads and answered questions"),
            "res_model": "support.article.log",
            "view_mode": "list",
            "domain": [("article_id", "=", self.id)],
        }

    def _support_visible_to(self, partner):
        """The articles of ``self`` the customer ``partner`` may read."""
        domain = self._portal_audience_domain(partner)
        return self.sudo().filtered_domain(domain).sudo(self.env.su)
