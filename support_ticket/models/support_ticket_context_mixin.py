from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Models a ticket may point to (T2) when they are installed; any other record
# is named in ``document_name``.
DOCUMENT_MODELS = [
    "sale.order",
    "account.move",
    "purchase.order",
    "stock.picking",
    "project.task",
    "product.product",
    "product.template",
    "res.partner",
    "res.users",
]


class SupportTicketContextMixin(models.AbstractModel):
    """How a request reached the desk and what it is about (T1, T2, S5): the
    channel, the contact method, the screen and the business document
    concerned, who owns the code. Mixed into ``support.ticket``."""

    _name = "support.ticket.context.mixin"
    _description = "Support Ticket Context"

    code_ownership = fields.Selection(
        [
            ("odoo_community", "Odoo Community"),
            ("odoo_enterprise", "Odoo Enterprise"),
            ("third_party", "OCA or Third-Party App"),
            ("provider_localisation", "Our Localisation Modules"),
            ("customer_custom", "Customer's Customisation"),
        ],
        tracking=True,
        help="Who owns the code concerned, hence who fixes it and who pays.",
    )
    channel = fields.Selection(
        [
            ("portal", "Portal"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("emergency", "Emergency Line"),
            ("monitoring", "Monitoring"),
        ],
        required=True,
        default="phone",
        tracking=True,
    )
    # ------------------------------------------------------------ context (t2)
    screen_url = fields.Char(string="Screen URL")
    document_ref = fields.Reference(
        selection="_selection_document_ref", string="Business Document"
    )
    document_name = fields.Char(
        help="Name of the record concerned when it cannot be linked "
        "(a product, a user, a document of another database).",
    )
    contact_method = fields.Selection(
        [("email", "Email"), ("phone", "Phone"), ("portal", "Portal")],
        string="Preferred Contact Method",
        required=True,
        default="email",
    )

    @api.model
    def _selection_document_ref(self):
        return [
            (model, self.env[model]._description)
            for model in DOCUMENT_MODELS
            if model in self.env
        ]

    # ------------------------------------------------------------ checks
    @api.constrains("screen_url")
    def _check_screen_url(self):
        for ticket in self:
            url = (ticket.screen_url or "").strip()
            if url and not url.lower().startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._("The screen URL must start with http:// or https://.")
                )

    @api.model
    def _check_document_access(self, reference):
        """T2: a ticket may point only to a record its author can read."""
        if isinstance(reference, models.BaseModel):
            record = reference
        else:
            try:
                model, res_id = str(reference).split(",")
                record = self.env[model].browse(int(res_id))
            except (KeyError, ValueError) as exc:
                raise ValidationError(
                    self.env._("%(ref)s is not a valid document.", ref=reference)
                ) from exc
        if not record.exists():
            raise ValidationError(
                self.env._(
                    "The business document %(ref)s does not exist.", ref=reference
                )
            )
        try:
            record.check_access("read")
        except AccessError as exc:
            raise ValidationError(
                self.env._(
                    "You cannot refer to %(ref)s: you are not allowed to read it.",
                    ref=reference,
                )
            ) from exc
