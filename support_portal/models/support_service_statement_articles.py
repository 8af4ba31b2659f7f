from odoo import api, fields, models

STATEMENT_ARTICLE_PORTAL_FIELDS = frozenset({"articles_read", "articles_deflections"})


class SupportServiceStatement(models.Model):
    """The knowledge base in the monthly statement: articles the customer's
    contacts read, and questions an article answered without a ticket."""

    _inherit = "support.service.statement"

    articles_read = fields.Integer(
        string="Articles Read",
        readonly=True,
        aggregator="sum",
        help="Knowledge articles read by the customer's contacts this month "
        "(once per contact, article and day).",
    )
    articles_deflections = fields.Integer(
        string="Answered by an Article",
        readonly=True,
        aggregator="sum",
        help="Times a contact said an article answered the question they were "
        "about to send as a ticket.",
    )

    @api.model
    def _collect(self, contract, date_start):
        vals, lines = super()._collect(contract, date_start)
        contract = contract.sudo()
        start, stop, _tz = self._utc_bounds(contract, date_start, vals["date_end"])
        vals.update(self._collect_articles(contract, start, stop))
        return vals, lines

    @api.model
    def _collect_articles(self, contract, start, stop):
        counts = dict(
            self.env["support.article.log"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "=", contract.partner_id.id),
                    ("company_id", "=", contract.company_id.id),
                    ("date", ">=", start),
                    ("date", "<", stop),
                ],
                groupby=["kind"],
                aggregates=["__count"],
            )
        )
        return {
            "articles_read": counts.get("read", 0),
            "articles_deflections": counts.get("deflection", 0),
        }

    @api.model
    def _portal_readable_fields(self):
        return super()._portal_readable_fields() | STATEMENT_ARTICLE_PORTAL_FIELDS
