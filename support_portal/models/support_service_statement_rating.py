from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.statement import average


class SupportServiceStatementRating(models.AbstractModel):
    """The ticket ratings of the month and the customer's evaluation of the
    month itself (T7)."""

    _name = "support.service.statement.rating"
    _description = "Service Statement: Ratings"

    @api.model
    def _collect_ratings(self, contract, start, stop, vals, lines):
        if "rating.rating" not in self.env:
            return False
        tickets = (
            self.env["support.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search([("contract_id", "=", contract.id)])
        )
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "support.ticket"),
                    ("res_id", "in", tickets.ids),
                    ("consumed", "=", True),
                    ("rating", ">", 0),
                    ("write_date", ">=", start),
                    ("write_date", "<", stop),
                ],
                order="write_date, id",
            )
        )
        by_id = {t.id: t for t in tickets}
        for rating in ratings:
            ticket = by_id.get(rating.res_id)
            lines.append(
                {
                    "section": "rating",
                    "ticket_id": ticket.id if ticket else False,
                    "ticket_number": ticket.number if ticket else "",
                    "ticket_name": ticket.name if ticket else "",
                    "label": rating.partner_id.name or "",
                    "sublabel": (rating.feedback or "")[:500],
                    "value": rating.rating,
                }
            )
        vals.update(
            rating_count=len(ratings),
            rating_avg=average(ratings.mapped("rating")),
        )
        return bool(ratings)

    # ------------------------------------------------------------ evaluation
    def _can_evaluate(self, partner):
        """T7: key users of the contract, once the month is over."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return bool(
            partner
            and partner in self.sudo().contract_id.key_user_ids
            and today > self.date_end
        )

    def _evaluate(self, partner, score, comment):
        """Record the customer's overall rating and comment (the controller
        checked ``_can_evaluate``)."""
        self.ensure_one()
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise ValidationError(
                self.env._("Choose a rating from 1 (very dissatisfied) to 5.")
            )
        if not self._can_evaluate(partner):
            raise UserError(
                self.env._(
                    "Only the key users of the contract evaluate a month, once "
                    "it is over."
                )
            )
        comment = (comment or "").strip()
        if len(comment) > 2000:
            raise ValidationError(
                self.env._("The comment is limited to 2000 characters.")
            )
        self.sudo().write(
            {
                "evaluation": str(score),
                "evaluation_score": score,
                "evaluation_comment": comment or False,
                "evaluation_partner_id": partner.id,
                "evaluation_date": fields.Datetime.now(),
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "%(partner)s rated the month %(score)s/5.",
                partner=partner.name,
                score=score,
            ),
            author_id=partner.id,
        )
