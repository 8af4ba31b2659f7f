"""The customer's support desk in the portal (P1-P3, C6, T2, T7, L5).

Security rules of this controller:
- every route reads a ticket only after ``_document_check_access`` (record
  rules of support_ticket, or the ticket's own access token);
- lists search as the current user, so the record rules decide (P2);
- ``sudo()`` is used only on records that passed that check, or on records
  the server chose itself (the user's contract), never on ids of the request;
- state changes are POST routes with Odoo's CSRF check.
"""

import json
import secrets

from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import groupby as groupbyelem
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools import ticket_form

FORM_TOKENS_KEY = "support_portal_form_tokens"
REPLY_MAX = ticket_form.DESCRIPTION_MAX
FEEDBACK_MAX = 2000
PORTAL_TYPE_CODES = ("defect", "support", "change_request")
RATING_VALUES = {"5": 5, "3": 3, "1": 1}


class SupportCustomerPortal(CustomerPortal):
    _tickets_per_page = 20

    # ================================================================ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "support_ticket_count" in counters:
            Ticket = request.env["support.ticket"]
            values["support_ticket_count"] = (
                Ticket.search_count(self._support_filter_domain("open"))
                if Ticket.has_access("read")
                else 0
            )
        if not counters:
            partner = request.env.user.partner_id
            values["support_has_contract"] = bool(
                not request.env.user._is_public() and partner._support_portal_contract()
            )
        return values

    # ================================================================ helpers
    def _support_error_message(self, code, params):
        _ = request.env._
        messages = {
            "required": _("Please fill in this field."),
            "too_long": _(
                "Please keep it under %(max)s characters (you typed %(length)s).",
                **params,
            )
            if code == "too_long"
            else "",
            "control_chars": _(
                "This field contains invisible control characters (such as NUL "
                "bytes): please retype it."
            ),
            "markup": _(
                "Scripts and active HTML are not accepted: describe the problem "
                "in plain text."
            ),
            "url": _(
                "Enter the full address of the screen, starting with http:// or "
                "https://."
            ),
            "choice": _("Choose one of the proposed options."),
            "invalid": _("This value is not valid."),
            "type": _("Choose one of the proposed request types."),
            "scope": _("Choose a subject from your plan's catalogue."),
            "forged": _(
                "The request contained fields that only the support team sets "
                "(%(fields)s). Nothing was created.",
                fields=params.get("fields", ""),
            ),
            "unexpected": _(
                "The request contained unknown fields (%(fields)s). Nothing was "
                "created.",
                fields=params.get("fields", ""),
            ),
            "token": _(
                "This form was already sent or has expired. Check your tickets "
                "before sending it again."
            ),
            "file_name": _("A file has an invalid name."),
            "file_type": _(
                "%(name)s: this type of file is not accepted. Accepted types: "
                "%(allowed)s.",
                name=params.get("name", ""),
                allowed=params.get("allowed", ""),
            ),
            "file_content": _(
                "%(name)s: the content of this file is not accepted (web page, "
                "script or program).",
                name=params.get("name", ""),
            ),
            "file_empty": _("%(name)s is empty.", name=params.get("name", "")),
            "file_size": _(
                "%(name)s is larger than %(max_mb)s MB.",
                name=params.get("name", ""),
                max_mb=params.get("max_mb", ""),
            ),
            "file_count": _("Attach at most %(max)s files.", max=params.get("max", "")),
            "closed": _(
                "This ticket is closed: reopen it to continue the conversation."
            ),
            "rating": _("Choose how satisfied you are."),
            "rated": _("You already rated this ticket. Thank you!"),
            "not_rateable": _("A ticket can be rated once it is resolved."),
            "reopen": _("The period to reopen this ticket is over."),
        }
        return messages.get(code) or messages["invalid"]

    def _support_errors_to_messages(self, errors):
        return {
            field: self._support_error_message(code, params)
            for field, (code, params) in errors.items()
        }

    def _support_uploaded_files(self, key="attachments"):
        """``[(filename, data, mimetype)]`` of the uploaded files (a file input
        may send an empty part when nothing was chosen)."""
        files = []
        for upload in request.httprequest.files.getlist(key):
            if not upload or (not upload.filename and not upload.content_length):
                continue
            data = upload.read()
            if not upload.filename and not data:
                continue
            files.append((upload.filename or "", data, guess_mimetype(data)))
        return files

    def _support_check_files(self, files, company):
        allowed, max_bytes, max_count = company.sudo()._support_portal_upload_limits()
        return ticket_form.check_files(
            [(name, len(data), mimetype) for name, data, mimetype in files],
            allowed,
            max_bytes,
            max_count,
        )

    def _support_author(self, ticket_sudo):
        """The partner speaking: the logged-in user, or the ticket's contact
        when the page was opened with the ticket's access token."""
        user = request.env.user
        if user._is_public():
            return ticket_sudo.partner_id
        return user.partner_id

    def _support_ticket_access(self, ticket_id, access_token=None):
        """The ticket, sudo-ed only once the current user may read it or gave
        its token; NotFound otherwise (no hint whether it exists)."""
        try:
            return self._document_check_access(
                "support.ticket", int(ticket_id), access_token=access_token or None
            )
        except (AccessError, MissingError, ValueError) as exc:
            raise NotFound() from exc

    def _support_ticket_url(self, ticket_sudo, access_token=None, anchor=None):
        url = f"/my/tickets/{ticket_sudo.id}"
        if access_token:
            url += f"?access_token={access_token}"
        if anchor:
            url += f"#{anchor}"
        return url

    # ================================================================ filters
    def _support_filter_domain(self, filterby):
        domains = {
            "all": Domain.TRUE,
            "open": Domain("is_resolved", "=", False) & Domain("is_closed", "=", False),
            "waiting": Domain("is_waiting_customer", "=", True)
            & Domain("is_closed", "=", False),
            "resolved": Domain("is_resolved", "=", True)
            | Domain("is_closed", "=", True),
        }
        return domains.get(filterby, domains["all"])

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

    def _support_search_domain(self, search_in, search):
        if not search:
            return Domain.TRUE
        if search_in == "content":
            return Domain("description", "ilike", search)
        if search_in == "requester":
            return Domain("partner_id.name", "ilike", search)
        return Domain("name", "ilike", search) | Domain("number", "ilike", search)

    # ================================================================ list
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
        Ticket = request.env["support.ticket"]
        if not Ticket.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        sortings = self._support_searchbar_sortings()
        filters = self._support_searchbar_filters()
        groupbys = self._support_searchbar_groupby()
        inputs = self._support_searchbar_inputs()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "open"
        groupby = groupby if groupby in groupbys else "none"
        search_in = search_in if search_in in inputs else "all"
        search = (search or "").replace("\x00", "").strip()[:200]

        # P2: record rules decide which tickets the user reads (key users
        # their company's, other contacts their own).
        domain = self._support_filter_domain(filterby) & self._support_search_domain(
            search_in, search
        )
        total = Ticket.search_count(domain)
        url_args = {
            "sortby": sortby,
            "filterby": filterby,
            "groupby": groupby,
            "search_in": search_in,
            "search": search,
        }
        pager = portal_pager(
            url="/my/tickets",
            url_args=url_args,
            total=total,
            page=page,
            step=self._tickets_per_page,
        )
        order = sortings[sortby]["order"]
        group_field = groupbys[groupby].get("field")
        if group_field:
            order = f"{group_field}, {order}"
        tickets = Ticket.search(
            domain,
            order=order,
            limit=self._tickets_per_page,
            offset=pager["offset"],
        )
        # one query per field set for the whole page, whatever its size
        tickets.fetch(
            [
                "number",
                "name",
                "stage_id",
                "priority",
                "partner_id",
                "type_id",
                "create_date",
                "write_date",
                "is_waiting_customer",
                "is_resolved",
                "is_closed",
            ]
        )
        tickets.stage_id.fetch(["name"])
        tickets.type_id.fetch(["name"])
        tickets.partner_id.fetch(["name"])
        if group_field:
            grouped = [
                (key, Ticket.concat(*records))
                for key, records in groupbyelem(tickets, lambda t: t[group_field])
            ]
        else:
            grouped = [(False, tickets)] if tickets else []
        partner = request.env.user.partner_id
        priorities = dict(
            Ticket._fields["priority"]._description_selection(request.env)
        )
        values.update(
            {
                "page_name": "support_tickets",
                "default_url": "/my/tickets",
                "grouped_tickets": grouped,
                "group_field": group_field,
                "priority_labels": priorities,
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_groupby": groupbys,
                "groupby": groupby,
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
                "show_requester": bool(tickets.partner_id - partner),
                "can_open_ticket": partner._support_portal_can_open_ticket(),
            }
        )
        request.session["my_support_tickets_history"] = tickets.ids[:100]
        return request.render("support_portal.portal_my_support_tickets", values)

    # ================================================================ ticket page
    def _support_ticket_page_values(self, ticket_sudo, access_token, **kw):
        values = self._prepare_portal_layout_values()
        partner = self._support_author(ticket_sudo)
        messages = ticket_sudo._portal_messages()
        messages.fetch(["body", "date", "author_id", "attachment_ids", "message_type"])
        messages.author_id.fetch(["name"])
        messages.attachment_ids.fetch(["name", "mimetype", "file_size"])
        Ticket = request.env["support.ticket"]
        env = request.env
        values.update(
            {
                "page_name": "support_ticket",
                "ticket": ticket_sudo,
                "messages": messages,
                "sla_clocks": ticket_sudo._portal_sla_clocks(),
                "priority_labels": dict(
                    Ticket._fields["priority"]._description_selection(env)
                ),
                "impact_labels": dict(
                    Ticket._fields["impact"]._description_selection(env)
                ),
                "urgency_labels": dict(
                    Ticket._fields["urgency"]._description_selection(env)
                ),
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
            ticket_sudo, access_token, values, "my_support_tickets_history", False
        )

    @http.route(
        ["/my/tickets/<int:ticket_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_support_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "support.ticket", ticket_id, access_token=access_token
            )
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
        return request.render("support_portal.portal_support_ticket_page", values)

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
        files = self._support_uploaded_files()
        errors = {}
        if ticket_sudo.is_closed:
            errors["message"] = ("closed", {})
        elif ticket_form.has_control_chars(text):
            errors["message"] = ("control_chars", {})
        elif not text and not files:
            errors["message"] = ("required", {})
        elif len(text) > REPLY_MAX:
            errors["message"] = ("too_long", {"max": REPLY_MAX, "length": len(text)})
        file_errors = self._support_check_files(files, ticket_sudo.company_id)
        if file_errors:
            errors["attachments"] = file_errors[0]
        if errors:
            values = self._support_ticket_page_values(
                ticket_sudo,
                access_token,
                reply_errors=self._support_errors_to_messages(errors),
                reply_text=text.replace("\x00", ""),
            )
            response = request.render(
                "support_portal.portal_support_ticket_page", values
            )
            response.status_code = 400
            return response
        author = self._support_author(ticket_sudo)
        # L5: the ticket's _message_post_after_hook resumes a waiting ticket.
        message_sudo = ticket_sudo.message_post(
            body=plaintext2html(text) if text else "",
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[(name, data) for name, data, _mimetype in files],
        )
        url = self._support_ticket_url(
            ticket_sudo, access_token, anchor=f"message-{message_sudo.id}"
        )
        sep = "&" if "?" in url.split("#")[0] else "?"
        base, anchor = url.split("#")
        return request.redirect(f"{base}{sep}done=replied#{anchor}")

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
        errors = {}
        if not ticket_sudo._portal_can_rate():
            errors["rating"] = ("not_rateable", {})
        elif ticket_sudo._portal_rating(partner):
            errors["rating"] = ("rated", {})
        elif rating not in RATING_VALUES:
            errors["rating"] = ("rating", {})
        if ticket_form.has_control_chars(feedback):
            errors["feedback"] = ("control_chars", {})
        elif len(feedback) > FEEDBACK_MAX:
            errors["feedback"] = (
                "too_long",
                {"max": FEEDBACK_MAX, "length": len(feedback)},
            )
        if errors:
            values = self._support_ticket_page_values(
                ticket_sudo,
                access_token,
                rating_errors=self._support_errors_to_messages(errors),
            )
            response = request.render(
                "support_portal.portal_support_ticket_page", values
            )
            response.status_code = 400
            return response
        token = ticket_sudo._rating_get_access_token(partner)
        ticket_sudo.rating_apply(
            RATING_VALUES[rating], token=token, feedback=feedback or None
        )
        url = self._support_ticket_url(ticket_sudo, access_token)
        sep = "&" if "?" in url else "?"
        return request.redirect(f"{url}{sep}done=rated")

    @http.route(
        ["/my/tickets/<int:ticket_id>/reopen"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_support_ticket_reopen(self, ticket_id, access_token=None, **kw):
        ticket_sudo = self._support_ticket_access(ticket_id, access_token)
        if not ticket_sudo._portal_can_reopen():
            values = self._support_ticket_page_values(
                ticket_sudo,
                access_token,
                rating_errors=self._support_errors_to_messages(
                    {"reopen": ("reopen", {})}
                ),
            )
            response = request.render(
                "support_portal.portal_support_ticket_page", values
            )
            response.status_code = 400
            return response
        author = self._support_author(ticket_sudo)
        ticket_sudo.message_post(
            body=request.env._(
                "%(name)s reopened the ticket from the portal.", name=author.name
            ),
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        ticket_sudo._portal_reopen()
        url = self._support_ticket_url(ticket_sudo, access_token)
        sep = "&" if "?" in url else "?"
        return request.redirect(f"{url}{sep}done=reopened")

    # ================================================================ new ticket
    def _support_new_ticket_context(self):
        """``(partner, contract)`` of the current user, and whether they may
        open tickets (C6)."""
        partner = request.env.user.partner_id
        contract = partner._support_portal_contract()
        return partner, contract, partner._support_portal_can_open_ticket(contract)

    def _support_portal_types(self):
        return request.env["support.ticket.type"].search(
            [("code", "in", PORTAL_TYPE_CODES)]
        )

    def _support_catalogue(self, contract):
        """P3: the scope items of the customer's plan, by coverage."""
        plan = contract.plan_id
        items = request.env["support.scope.item"].search([])
        catalogue = {"included": [], "free": [], "billable": [], "out_of_scope": []}
        if not plan:
            return catalogue, items.browse()
        items.coverage_ids.fetch(["plan_id", "coverage", "note"])
        for item in items:
            coverage = plan._get_coverage(item)
            catalogue.setdefault(coverage, []).append(item)
        selectable = items.browse(
            [
                item.id
                for key in ("included", "free", "billable")
                for item in catalogue[key]
            ]
        )
        return catalogue, selectable

    def _support_priority_matrix(self):
        Matrix = request.env["support.priority.matrix"]
        matrix = Matrix._get_matrix()
        return {
            f"{impact}|{urgency}": prio for (impact, urgency), prio in matrix.items()
        }

    def _support_issue_form_token(self):
        token = secrets.token_urlsafe(24)
        tokens = list(request.session.get(FORM_TOKENS_KEY, []))[-9:]
        tokens.append(token)
        request.session[FORM_TOKENS_KEY] = tokens
        return token

    def _support_consume_form_token(self, token):
        tokens = list(request.session.get(FORM_TOKENS_KEY, []))
        if not token or not isinstance(token, str) or token not in tokens:
            return False
        tokens.remove(token)
        request.session[FORM_TOKENS_KEY] = tokens
        return True

    def _support_new_ticket_values(self, contract, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        catalogue, selectable = self._support_catalogue(contract)
        Ticket = request.env["support.ticket"]
        company = contract.sudo().company_id
        allowed, max_bytes, max_count = company._support_portal_upload_limits()
        priorities = dict(
            Ticket._fields["priority"]._description_selection(request.env)
        )
        values.update(
            {
                "page_name": "support_new_ticket",
                "contract": contract,
                "catalogue": catalogue,
                "scope_items": selectable,
                "ticket_types": self._support_portal_types(),
                "priority_labels": priorities,
                "priority_matrix_json": json.dumps(self._support_priority_matrix()),
                "priority_labels_json": json.dumps(priorities),
                "form": form or {},
                "errors": errors or {},
                "form_token": self._support_issue_form_token(),
                "allowed_extensions": ", ".join(sorted(allowed)),
                "accept_extensions": ",".join(f".{ext}" for ext in sorted(allowed)),
                "max_upload_mb": max_bytes // (1024 * 1024),
                "max_files": max_count,
            }
        )
        return values

    def _support_not_allowed(self, contract):
        """403 page for contacts who may not open tickets (C6)."""
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "support_new_ticket", "contract": contract})
        response = request.render("support_portal.portal_support_not_allowed", values)
        response.status_code = 403
        return response

    @http.route(["/my/tickets/new"], type="http", auth="user", website=True)
    def portal_support_new_ticket(self, **kw):
        _partner, contract, allowed = self._support_new_ticket_context()
        if not allowed:
            return self._support_not_allowed(contract)
        values = self._support_new_ticket_values(contract)
        return request.render("support_portal.portal_support_new_ticket", values)

    @http.route(
        ["/my/tickets/create"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_support_create_ticket(self, **post):
        partner, contract, allowed = self._support_new_ticket_context()
        if not allowed:
            return self._support_not_allowed(contract)
        form = {key: value for key, value in post.items() if isinstance(value, str)}
        files = self._support_uploaded_files()
        vals, errors = ticket_form.validate_ticket_form(post)
        # ids of the request are checked against what this customer may choose,
        # read with the customer's rights (never sudo).
        if vals["type_id"] and vals["type_id"] not in self._support_portal_types().ids:
            errors["type_id"] = ("type", {})
        if vals["scope_item_id"]:
            __, selectable = self._support_catalogue(contract)
            if vals["scope_item_id"] not in selectable.ids:
                errors["scope_item_id"] = ("scope", {})
        file_errors = self._support_check_files(files, contract.sudo().company_id)
        if file_errors:
            errors["attachments"] = file_errors[0]
        if not errors and not self._support_consume_form_token(post.get("form_token")):
            errors["__form__"] = ("token", {})
        if errors:
            clean_form = {
                key: value.replace("\x00", "")[: ticket_form.DESCRIPTION_MAX]
                for key, value in form.items()
                if key in ticket_form.FORM_FIELDS
            }
            values = self._support_new_ticket_values(
                contract, clean_form, self._support_errors_to_messages(errors)
            )
            response = request.render(
                "support_portal.portal_support_new_ticket", values
            )
            response.status_code = 400
            return response
        ticket_sudo = self._support_create_ticket(partner, contract, vals, files)
        return request.redirect(f"/my/tickets/{ticket_sudo.id}/confirmation")

    def _support_create_ticket(self, partner, contract, vals, files):
        """Create the ticket: the server sets the customer, contract, company,
        channel and stage (P1); the request gave only the form's values."""
        contract_sudo = contract.sudo()
        stage = request.env["support.ticket.stage"].sudo().search([], limit=1)
        ticket_vals = {
            "name": vals["name"],
            "description": plaintext2html(vals["description"]),
            "impact": vals["impact"],
            "urgency": vals["urgency"],
            "type_id": vals["type_id"] or False,
            "scope_item_id": vals["scope_item_id"] or False,
            "screen_url": vals["screen_url"] or False,
            "document_name": vals["document_name"] or False,
            "contact_method": vals["contact_method"],
            "partner_id": partner.id,
            "contract_id": contract_sudo.id,
            "company_id": contract_sudo.company_id.id,
            "channel": "portal",
            "stage_id": stage.id,
        }
        if partner.email:
            ticket_vals["email_from"] = partner.email
        Ticket = (
            request.env["support.ticket"]
            .sudo()
            .with_company(contract_sudo.company_id)
            .with_context(mail_create_nolog=True)
        )
        ticket_sudo = Ticket.create(ticket_vals)
        ticket_sudo.message_subscribe(partner.ids)
        if files:
            ticket_sudo.message_post(
                body=Markup("<p>%s</p>")
                % request.env._("Files attached to the request."),
                author_id=partner.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachments=[(name, data) for name, data, _mimetype in files],
            )
        template = request.env.ref(
            "support_portal.mail_template_ticket_confirmation",
            raise_if_not_found=False,
        )
        if template:
            template.sudo().send_mail(
                ticket_sudo.id,
                email_layout_xmlid="mail.mail_notification_light",
            )
        return ticket_sudo

    @http.route(
        ["/my/tickets/<int:ticket_id>/confirmation"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_support_ticket_confirmation(self, ticket_id, **kw):
        try:
            ticket_sudo = self._document_check_access("support.ticket", ticket_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        Ticket = request.env["support.ticket"]
        values.update(
            {
                "page_name": "support_ticket",
                "ticket": ticket_sudo,
                "priority_labels": dict(
                    Ticket._fields["priority"]._description_selection(request.env)
                ),
            }
        )
        return request.render(
            "support_portal.portal_support_ticket_confirmation", values
        )

    # ================================================================ contract
    def _support_user_contract(self):
        """The contract of the user's company, read with the user's rights
        (P2: the portal rule of support_contract); empty when none."""
        partner = request.env.user.partner_id
        contract = partner._support_portal_contract()
        if contract and not contract.has_access("read"):
            return contract.browse()
        return contract

    def _support_home_values(self):
        values = self._prepare_portal_layout_values()
        contract = self._support_user_contract()
        Ticket = request.env["support.ticket"]
        partner = request.env.user.partner_id
        open_domain = self._support_filter_domain("open")
        alert_tickets = Ticket.browse()
        if "sla_state" in Ticket._fields:
            alert_tickets = Ticket.search(
                open_domain & Domain("sla_state", "in", ("breached", "at_risk")),
                limit=20,
            )
        values.update(
            {
                "page_name": "support_home",
                "contract": contract,
                "open_tickets": Ticket.search(
                    open_domain, limit=5, order="write_date desc"
                ),
                "open_count": Ticket.search_count(open_domain),
                "waiting_count": Ticket.search_count(
                    self._support_filter_domain("waiting")
                ),
                "alert_tickets": alert_tickets,
                "hours_balance": contract.hours_balance
                if contract and "hours_balance" in contract._fields
                else None,
                "can_open_ticket": partner._support_portal_can_open_ticket(contract),
                "is_key_user": bool(
                    contract and partner in contract.sudo().key_user_ids
                ),
            }
        )
        return values

    @http.route(["/my/support"], type="http", auth="user", website=True)
    def portal_support_home(self, **kw):
        if not request.env["support.ticket"].has_access("read"):
            return request.redirect("/my")
        return request.render(
            "support_portal.portal_support_home", self._support_home_values()
        )

    @http.route(["/my/support/contract"], type="http", auth="user", website=True)
    def portal_support_contract(self, **kw):
        contract = self._support_user_contract()
        values = self._prepare_portal_layout_values()
        contract_sudo = contract.sudo()
        values.update(
            {
                "page_name": "support_contract",
                "contract": contract_sudo,
                "availability": contract_sudo._describe_availability()
                if contract_sudo
                else "",
                "addon_lines": contract_sudo._get_addon_lines_in_force()
                if contract_sudo
                else [],
                "key_users": contract_sudo.key_user_ids,
                "hours_balance": contract_sudo.hours_balance
                if contract_sudo and "hours_balance" in contract_sudo._fields
                else None,
            }
        )
        return request.render("support_portal.portal_support_contract", values)

    @http.route(["/my/support/hours"], type="http", auth="user", website=True)
    def portal_support_hours(self, **kw):
        contract = self._support_user_contract()
        contract_sudo = contract.sudo()
        partner = request.env.user.partner_id
        statement = []
        invoices = []
        if contract_sudo and hasattr(contract_sudo, "_get_ledger_statement"):
            statement = contract_sudo._get_ledger_statement()
        # invoices: the key users act for the company (C6)
        if (
            contract_sudo
            and "support_invoice_ids" in contract_sudo._fields
            and partner in contract_sudo.key_user_ids
        ):
            for move in contract_sudo.support_invoice_ids.filtered(
                lambda m: m.state == "posted"
            ):
                invoices.append(
                    {
                        "name": move.name,
                        "date": move.invoice_date,
                        "amount": move.amount_total,
                        "currency": move.currency_id,
                        "state": move.payment_state,
                        "url": move.get_portal_url(),
                    }
                )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_hours",
                "contract": contract_sudo,
                "hours_balance": contract_sudo.hours_balance
                if contract_sudo and "hours_balance" in contract_sudo._fields
                else None,
                "statement": statement,
                "invoices": invoices,
                "today": fields.Date.context_today(contract_sudo),
            }
        )
        return request.render("support_portal.portal_support_hours", values)
