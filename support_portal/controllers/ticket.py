"""The customer's tickets in the portal: the list, the ticket page, the reply,
the rating and the reopening (P2, T7, L5). Security rules: see ``portal.py``."""

from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import groupby as groupbyelem
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import ticket_form
from .portal import TICKETS_HISTORY, SupportCustomerPortal

REPLY_MAX = ticket_form.DESCRIPTION_MAX
FEEDBACK_MAX = 2000
RATING_VALUES = {"5": 5, "3": 3, "1": 1}
TICKET_PAGE = "support_portal.portal_support_ticket_page"
LIST_FIELDS = [
    "number",
    "name",
    "stage_id",
    "priority",
    "partner_id",
    "commercial_partner_id",
    "type_id",
    "create_date",
    "write_date",
    "is_waiting_customer",
    "is_resolved",
    "is_closed",
]


class SupportTicketListPortal(SupportCustomerPortal):
    """The list of the customer's tickets (P2)."""

    _tickets_per_page = 20

    # ------------------------------------------------------------ filters
    def _support_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All")},
            "open": {"label": _("Open")},
            "waiting": {"label": _("Waiting on you")},
            "resolved": {"label": _("Resolved")},
        }

    def _support_searchbar_sortings(self):
        _ = request.env._
        return {
            "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
            "priority": {
                "label": _("Priority"),
                "order": "priority desc, create_date desc, id desc",
            },
            "stage": {
                "label": _("Status"),
                "order": "stage_id, create_date desc, id desc",
            },
            "update": {"label": _("Last update"), "order": "write_date desc, id desc"},
        }

    def _support_searchbar_groupby(self):
        _ = request.env._
        return {
            "none": {"label": _("None")},
            "stage": {"label": _("Status"), "field": "stage_id"},
            "priority": {"label": _("Priority"), "field": "priority"},
            "type": {"label": _("Type"), "field": "type_id"},
            "requester": {"label": _("Requester"), "field": "partner_id"},
        }

    def _support_searchbar_inputs(self):
        _ = request.env._
        return {
            "all": {"input": "all", "label": _("Search in subject and number")},
            "content": {"input": "content", "label": _("Search in description")},
            "requester": {"input": "requester", "label": _("Search in requester")},
        }

    # ------------------------------------------------------------ list
    def _prepare_support_searchbar(self, sortby, filterby, groupby, search_in, search):
        """The searchbar's options and the request's choices among them (an
        unknown choice falls back to the default)."""
        searchbar = {
            "searchbar_sortings": self._support_searchbar_sortings(),
            "searchbar_filters": self._support_searchbar_filters(),
            "searchbar_groupby": self._support_searchbar_groupby(),
            "searchbar_inputs": self._support_searchbar_inputs(),
        }
        for key, value, options, default in (
            ("sortby", sortby, "searchbar_sortings", "date"),
            ("filterby", filterby, "searchbar_filters", "open"),
            ("groupby", groupby, "searchbar_groupby", "none"),
            ("search_in", search_in, "searchbar_inputs", "all"),
        ):
            searchbar[key] = value if value in searchbar[options] else default
        searchbar["search"] = (search or "").replace("\x00", "").strip()[:200]
        return searchbar

    def _support_search_tickets(self, searchbar, page):
        """``(tickets of the page, pager, group field)``: P2, the record rules
        decide which tickets the user reads (key users their company's, other
        contacts their own)."""
        Ticket = request.env["support.ticket"]
        domain = self._support_filter_domain(
            searchbar["filterby"]
        ) & self._support_search_domain(searchbar["search_in"], searchbar["search"])
        url_args = {
            key: searchbar[key]
            for key in ("sortby", "filterby", "groupby", "search_in", "search")
        }
        pager = portal_pager(
            url="/my/tickets",
            url_args=url_args,
            total=Ticket.search_count(domain),
            page=page,
            step=self._tickets_per_page,
        )
        order = searchbar["searchbar_sortings"][searchbar["sortby"]]["order"]
        group_field = searchbar["searchbar_groupby"][searchbar["groupby"]].get("field")
        if group_field:
            order = f"{group_field}, {order}"
        # one query per table for the whole page, whatever its size
        tickets = Ticket.search_fetch(
            domain,
            LIST_FIELDS,
            order=order,
            limit=self._tickets_per_page,
            offset=pager["offset"],
        )
        # the requesters, read with the user's contact and company: the
        # tickets passed the record rules, their requesters may be shown
        self._support_prefetch_partners(
            tickets.partner_id | tickets.commercial_partner_id
        )
        return tickets, pager, group_field

    def _support_group_tickets(self, tickets, group_field):
        if not group_field:
            return [(False, tickets)] if tickets else []
        return [
            (key, tickets.browse().concat(*records))
            for key, records in groupbyelem(tickets, lambda t: t[group_field])
        ]

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_support_tickets(
        self,
        page=1,
        sortby="date",
        filterby="open",
        groupby="none",
        search_in="all",
        search=None,
        **kw,
    ):
        if not request.env["support.ticket"].has_access("read"):
            return request.redirect("/my")
        searchbar = self._prepare_support_searchbar(
            sortby, filterby, groupby, search_in, search
        )
        tickets, pager, group_field = self._support_search_tickets(searchbar, page)
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(searchbar)
        values.update(
            {
                "page_name": "support_tickets",
                "title": self._support_title(request.env._("Tickets")),
                "default_url": "/my/tickets",
                "grouped_tickets": self._support_group_tickets(tickets, group_field),
                "names": tickets._portal_names(["stage_id", "type_id"]),
                "group_field": group_field,
                "priority_labels": self._support_selection_labels("priority"),
                "pager": pager,
                "show_requester": bool(tickets.partner_id - partner),
                "can_open_ticket": partner._support_portal_can_open_ticket(),
            }
        )
        request.session[TICKETS_HISTORY] = tickets.ids[:100]
        return request.render("support_portal.portal_my_support_tickets", values)


class SupportTicketPortal(SupportCustomerPortal):
    """The ticket page, its attachments, the reply, the rating and the
    reopening (T7, L5)."""

    # ------------------------------------------------------------ helpers
    def _support_ticket_url(self, ticket_sudo, access_token=None, anchor=None):
        url = f"/my/tickets/{ticket_sudo.id}"
        if access_token:
            url += f"?access_token={access_token}"
        if anchor:
            url += f"#{anchor}"
        return url

    def _support_done_redirect(self, ticket_sudo, access_token, done, anchor=None):
        """Back to the ticket page, which thanks the customer for ``done``."""
        url = self._support_ticket_url(ticket_sudo, access_token)
        sep = "&" if "?" in url else "?"
        url = f"{url}{sep}done={done}"
        return request.redirect(f"{url}#{anchor}" if anchor else url)

    # ------------------------------------------------------------ ticket page
    def _support_ticket_page_values(self, ticket_sudo, access_token, **kw):
        partner = self._support_author(ticket_sudo)
        messages = ticket_sudo._portal_messages()
        self._support_prefetch_partners(
            partner
            | ticket_sudo.partner_id
            | ticket_sudo.commercial_partner_id
            | messages.author_id
        )
        messages.attachment_ids.fetch(["name", "mimetype", "file_size"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_ticket",
                "title": self._support_ticket_title(ticket_sudo),
                "ticket": ticket_sudo,
                "messages": messages,
                "sla_clocks": ticket_sudo._portal_sla_clocks(),
                "names": ticket_sudo._portal_names(
                    ["stage_id", "type_id", "scope_item_id"]
                ),
                "priority_labels": self._support_selection_labels("priority"),
                "impact_labels": self._support_selection_labels("impact"),
                "urgency_labels": self._support_selection_labels("urgency"),
                "can_reply": not ticket_sudo.is_closed,
                "can_rate": ticket_sudo._portal_can_rate(),
                "my_rating": ticket_sudo._portal_rating(partner)
                if ticket_sudo._portal_can_rate()
                else False,
                "can_reopen": ticket_sudo._portal_can_reopen(),
                "reopen_deadline": ticket_sudo._portal_reopen_deadline(),
                "access_token_param": access_token or "",
                "token_query": f"?access_token={access_token}" if access_token else "",
                "reply_errors": kw.get("reply_errors") or {},
                "reply_text": kw.get("reply_text") or "",
                "rating_errors": kw.get("rating_errors") or {},
                "action_message": kw.get("action_message") or "",
            }
        )
        return self._get_page_view_values(
            ticket_sudo, access_token, values, TICKETS_HISTORY, False
        )

    def _support_ticket_page_errors(self, ticket_sudo, access_token, key, errors, **kw):
        """The ticket page again, with the ``errors`` of one of its forms
        (``key``: ``reply_errors`` or ``rating_errors``), status 400."""
        values = self._support_ticket_page_values(
            ticket_sudo,
            access_token,
            **{key: self._support_errors_to_messages(errors)},
            **kw,
        )
        return self._support_render(TICKET_PAGE, values)

    @http.route(
        ["/my/tickets/<int:ticket_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_support_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._support_page_ticket(ticket_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        notice = {
            "replied": request.env._("Your message was sent."),
            "rated": request.env._("Thank you for your rating!"),
            "reopened": request.env._("The ticket was reopened."),
        }.get(kw.get("done"), "")
        values = self._support_ticket_page_values(
            ticket_sudo, access_token, action_message=notice
        )
        return request.render(TICKET_PAGE, values)

    @http.route(
        ["/my/tickets/<int:ticket_id>/attachments/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_support_ticket_attachment(
        self, ticket_id, attachment_id, access_token=None, **kw
    ):
        ticket_sudo = self._support_ticket_access(ticket_id, access_token)
        # only files of the public conversation, never those of internal notes
        attachment = ticket_sudo._portal_public_attachments().filtered(
            lambda a: a.id == attachment_id
        )
        if not attachment:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------ reply
    def _support_reply_errors(self, ticket_sudo, text, files):
        errors = {}
        closed = ticket_sudo.is_closed
        if error := ticket_form.reply_error(closed, text, bool(files), REPLY_MAX):
            errors["message"] = error
        if file_error := self._support_file_error(files, ticket_sudo.company_id):
            errors["attachments"] = file_error
        return errors

    @http.route(
        ["/my/tickets/<int:ticket_id>/reply"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_support_ticket_reply(
        self, ticket_id, access_token=None, message=None, **kw
    ):
        ticket_sudo = self._support_ticket_access(ticket_id, access_token)
        text = (message or "").strip() if isinstance(message, str) else ""
        files = self._support_uploaded_files(company=ticket_sudo.company_id)
        errors = self._support_reply_errors(ticket_sudo, text, files)
        if errors:
            return self._support_ticket_page_errors(
                ticket_sudo,
                access_token,
                "reply_errors",
                errors,
                reply_text=text.replace("\x00", ""),
            )
        author = self._support_author(ticket_sudo)
        # L5: the ticket's _message_post_after_hook resumes a waiting ticket.
        message_sudo = ticket_sudo.message_post(
            body=plaintext2html(text) if text else "",
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[(name, data) for name, data, _mimetype in files],
        )
        return self._support_done_redirect(
            ticket_sudo, access_token, "replied", anchor=f"message-{message_sudo.id}"
        )

    # ------------------------------------------------------------ rating
    def _support_rating_errors(self, ticket_sudo, partner, rating, feedback):
        errors = {}
        if not ticket_sudo._portal_can_rate():
            errors["rating"] = ("not_rateable", {})
        elif ticket_sudo._portal_rating(partner):
            errors["rating"] = ("rated", {})
        elif rating not in RATING_VALUES:
            errors["rating"] = ("rating", {})
        if error := ticket_form.check_text(feedback, FEEDBACK_MAX):
            errors["feedback"] = error
        return errors

    @http.route(
        ["/my/tickets/<int:ticket_id>/rate"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_support_ticket_rate(
        self, ticket_id, access_token=None, rating=None, feedback=None, **kw
    ):
        """T7: the customer rates the handling of a resolved ticket, once."""
        ticket_sudo = self._support_ticket_access(ticket_id, access_token)
        partner = self._support_author(ticket_sudo)
        feedback = (feedback or "").strip() if isinstance(feedback, str) else ""
        errors = self._support_rating_errors(ticket_sudo, partner, rating, feedback)
        if errors:
            return self._support_ticket_page_errors(
                ticket_sudo, access_token, "rating_errors", errors
            )
        ticket_sudo._portal_apply_rating(
            partner, RATING_VALUES[rating], feedback or None
        )
        return self._support_done_redirect(ticket_sudo, access_token, "rated")

    # ------------------------------------------------------------ reopen
    @http.route(
        ["/my/tickets/<int:ticket_id>/reopen"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_support_ticket_reopen(
        self, ticket_id, access_token=None, reason=None, **kw
    ):
        """The customer reopens a resolved ticket, saying why (logged)."""
        ticket_sudo = self._support_ticket_access(ticket_id, access_token)
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        errors = {}
        if not ticket_sudo._portal_can_reopen():
            errors["reopen"] = ("reopen", {})
        elif not reason:
            errors["reopen_reason"] = ("required", {})
        elif error := ticket_form.check_text(reason, FEEDBACK_MAX):
            errors["reopen_reason"] = error
        if errors:
            return self._support_ticket_page_errors(
                ticket_sudo, access_token, "rating_errors", errors
            )
        author = self._support_author(ticket_sudo)
        # reopened first: a closed ticket refuses the customer's messages
        ticket_sudo._portal_reopen()
        ticket_sudo.message_post(
            body=Markup("<p>%s</p>%s")
            % (
                request.env._(
                    "%(name)s reopened the ticket from the portal:", name=author.name
                ),
                plaintext2html(reason),
            ),
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return self._support_done_redirect(ticket_sudo, access_token, "reopened")
