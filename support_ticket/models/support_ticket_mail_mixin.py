from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools.mail import email_split_and_format
from odoo.tools.mimetypes import guess_mimetype

from ..tools import desk


class SupportTicketMailMixin(models.AbstractModel):
    """The mail gateway of support tickets: a new email opens a ticket (the
    sender's contact found or created, CC addresses following it), a reply
    updates it, and a message in the chatter tells whether the agent answered
    or the customer replied. Mixed into ``support.ticket`` before
    ``mail.thread``, whose methods it extends."""

    _name = "support.ticket.mail.mixin"
    _description = "Support Ticket Mail Gateway"

    # ------------------------------------------------------------ subtypes
    def _creation_subtype(self):
        # the cached xmlid look-up, not env.ref (which queries the record)
        return self.env["mail.message.subtype"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("support_ticket.mt_ticket_new")
        )

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("support_ticket.mt_ticket_stage")
        return super()._track_subtype(init_values)

    def _notify_get_reply_to(self, default=None, author_id=False):
        aliases = self.sudo().team_id._notify_get_reply_to(
            default=default, author_id=author_id
        )
        res = {ticket.id: aliases.get(ticket.team_id.id) for ticket in self}
        leftover = self.filtered(lambda t: not res.get(t.id))
        if leftover:
            res.update(
                super(SupportTicketMailMixin, leftover)._notify_get_reply_to(
                    default=default, author_id=author_id
                )
            )
        return res

    # ------------------------------------------------------------ gateway
    @api.model
    def _gateway_partner_from_email(self, email_from):
        """Contact for an unknown sender: a new contact under the customer
        that lists the sender's email domain, else a stand-alone contact
        flagged unknown (no customer, so no contract). Returns
        ``(partner, unknown)``."""
        Partner = self.env["res.partner"].sudo()
        name, email = tools.parse_contact_from_email(email_from)
        if not email:
            return Partner, True
        company = self._gateway_company_from_domain(desk.email_domain(email))
        partner = Partner.create(
            {
                "name": name or email,
                "email": email,
                "parent_id": company.id or False,
                "type": "contact",
            }
        )
        return partner, not company

    @api.model
    def _gateway_company_from_domain(self, domain):
        """The customer that lists ``domain`` among its support email domains
        (exact, normalized comparison); nothing for a free mailbox or an
        unlisted domain."""
        Partner = self.env["res.partner"].sudo()
        if not desk.is_company_domain(domain):
            return Partner
        return Partner._support_company_of_domains([domain])[:1].commercial_partner_id

    @api.model
    def _gateway_sender_known(self, msg_dict):
        """Whether an incoming email comes from a known contact or from a
        domain a customer lists."""
        if msg_dict.get("author_id"):
            return True
        _name, email = tools.parse_contact_from_email(msg_dict.get("email_from") or "")
        domain = desk.email_domain(email) if email else None
        return bool(self._gateway_company_from_domain(domain))

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        email_from = msg_dict.get("email_from") or ""
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        unknown = False
        if not partner and email_from:
            partner, unknown = self._gateway_partner_from_email(email_from)
            if partner:
                msg_dict["author_id"] = partner.id
        values.setdefault("channel", "email")
        values.setdefault("contact_method", "email")
        values.setdefault("partner_id", partner.id or False)
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("name", msg_dict.get("subject") or self.env._("(no subject)"))
        values["unknown_customer"] = unknown
        # the batch creation subscribes the requester (support_subscribe_requester)
        ticket = super(
            SupportTicketMailMixin,
            self.with_context(support_subscribe_requester=True),
        ).message_new(msg_dict, custom_values=values)
        ticket = ticket.with_env(self.env)
        if partner and partner != ticket.partner_id:
            ticket.message_subscribe(partner.ids)
        ticket._subscribe_cc(msg_dict)
        return ticket

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        if self.env.context.get("support_defer_followers"):
            return True  # new tickets: _auto_subscribe_batch does it per group
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def message_update(self, msg_dict, update_vals=None):
        res = super().message_update(msg_dict, update_vals=update_vals)
        self._subscribe_cc(msg_dict)
        return res

    def _subscribe_cc(self, msg_dict):
        """Incoming CC addresses become followers (contacts created if needed)."""
        emails = email_split_and_format(msg_dict.get("cc") or "")
        if not emails:
            return
        for ticket in self:
            partners = ticket._partner_find_from_emails_single(emails, no_create=False)
            partners = partners.filtered(lambda p: p.id)
            if partners:
                ticket.message_subscribe(partners.ids)

    # ------------------------------------------------------------ customers
    def message_post(self, **kwargs):
        # every door (our portal, /mail/message/post, RPC) ends here; sudo()
        # keeps the caller's user, which decides
        if not self.env.user._is_internal():
            self._support_check_customer_post(kwargs)
        return super().message_post(**kwargs)

    def _message_update_content(
        self, message, /, *, body, attachment_ids=None, **kwargs
    ):
        if attachment_ids and not self.env.user._is_internal():
            self._support_check_customer_post({"attachment_ids": attachment_ids})
        return super()._message_update_content(
            message, body=body, attachment_ids=attachment_ids, **kwargs
        )

    def _support_check_customer_post(self, kwargs):
        """Refuse a customer's message on a closed ticket, and attachments
        beyond the portal's limits (type, size, count)."""
        self.ensure_one()
        if self.is_closed and not self._support_is_own_rating(kwargs.get("rating_id")):
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is closed: reopen it to continue the "
                    "conversation.",
                    ticket=self.sudo().display_name,
                )
            )
        files = [
            (att.name, att.file_size, att.mimetype)
            for att in self.env["ir.attachment"]
            .sudo()
            .browse(kwargs.get("attachment_ids") or [])
        ]
        for attachment in kwargs.get("attachments") or ():
            name, content = attachment[0], attachment[1]
            if isinstance(content, str):
                content = content.encode()
            files.append((name, len(content or b""), guess_mimetype(content or b"")))
        if files:
            self.env["ir.attachment"]._support_raise_upload_errors(
                self.sudo().company_id, files
            )

    def _support_is_own_rating(self, rating_id):
        """Whether ``rating_id`` is a rating of this ticket still without its
        message: the customer's rating of a closed ticket is posted."""
        if not rating_id or "rating.rating" not in self.env:
            return False  # rating is installed by support_portal
        rating = self.env["rating.rating"].sudo().browse(rating_id).exists()
        return bool(
            rating
            and rating.res_model == self._name
            and rating.res_id == self.id
            and not rating.message_id
        )

    # ------------------------------------------------------------ replies
    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        comment = self.env.ref("mail.mt_comment")
        if message.message_type not in ("comment", "email") or (
            message.subtype_id != comment
        ):
            return res
        author = message.author_id
        if author == self.env.ref("base.partner_root"):
            return res  # automatic messages are neither answers nor replies
        # an email from an address without contact is the customer's too
        employee = any(not user.share for user in author.user_ids)
        if employee:
            self.filtered(lambda t: not t.date_first_response).sudo().write(
                {"date_first_response": fields.Datetime.now()}
            )
            self._on_public_reply(message)
        else:
            waiting = self.filtered("is_waiting_customer")
            stage = self._get_stage("is_in_progress")
            if waiting and stage:
                # T6/L5: the customer answered, the ticket goes back to work.
                waiting.sudo().write({"stage_id": stage.id})
            self._on_customer_reply(message)
        return res
