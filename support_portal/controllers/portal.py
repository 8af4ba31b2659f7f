"""The customer's support desk in the portal (P1-P3, C6, T2, T7, L5).

Security rules of the portal controllers (this file, ``ticket.py`` and
``ticket_form.py``):
- every route reads a ticket only after ``_document_check_access`` (record
  rules of support_ticket, or the ticket's own access token);
- lists search as the current user, so the record rules decide (P2);
- ``sudo()`` is used only on records that passed that check, or on records
  the server chose itself (the user's contract), never on ids of the request;
- state changes are POST routes with Odoo's CSRF check.

This file holds the support home, the contract and hours pages, and the
helpers the ticket pages and the new-ticket form share.
"""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.support_ticket.tools import uploads

from ..tools import ticket_form

# the tickets of the last list, for the ticket page's pager
TICKETS_HISTORY = "my_support_tickets_history"
# what the support home shows of a ticket
HOME_TICKET_FIELDS = [
    "number",
    "name",
    "stage_id",
    "is_waiting_customer",
    "is_resolved",
    "is_closed",
]
# what the ticket page shows of the ticket, read with the access check
TICKET_PAGE_FIELDS = [
    "number",
    "name",
    "description",
    "stage_id",
    "priority",
    "impact",
    "urgency",
    "type_id",
    "scope_item_id",
    "partner_id",
    "commercial_partner_id",
    "company_id",
    "contract_id",
    "screen_url",
    "document_name",
    "is_waiting_customer",
    "is_resolved",
    "is_closed",
    "date_resolved",
    "date_closed",
    "create_date",
    "write_date",
    "access_token",
]


class SupportCustomerPortal(CustomerPortal):
    # ------------------------------------------------------------ home
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

    # ------------------------------------------------------------ helpers
    def _support_errors_to_messages(self, errors):
        """``{field: translated message}`` of ``{field: (code, params)}``."""
        return ticket_form.error_messages(request.env._, errors)

    def _support_render(self, template, values, status=400):
        """Render ``template`` with ``status``: a page shown again with the
        errors of its form (400), or a refusal (403)."""
        response = request.render(template, values)
        response.status_code = status
        return response

    def _support_title(self, *parts):
        """The browser tab's title: ``Ticket SUP-0042 - Support``."""
        return " - ".join([*filter(None, parts), request.env._("Support")])

    def _support_ticket_title(self, ticket_sudo):
        return self._support_title(
            request.env._("Ticket %(number)s", number=ticket_sudo.number)
        )

    def _support_selection_labels(self, field):
        """``{value: label}`` of a selection field of the ticket."""
        Ticket = request.env["support.ticket"]
        return dict(Ticket._fields[field]._description_selection(request.env))

    def _support_uploaded_files(self, key="attachments", company=None):
        """``[(filename, data, mimetype)]`` of the uploaded files (a file input
        may send an empty part when nothing was chosen). Each file is read up
        to one byte past the company's size limit, never whole: a larger file
        is refused by its size without filling the memory."""
        company = (company or request.env.company).sudo()
        max_bytes = company._support_portal_upload_limits()[1]
        files = []
        for upload in request.httprequest.files.getlist(key):
            if not upload or (not upload.filename and not upload.content_length):
                continue
            data = upload.read(max_bytes + 1)
            if not upload.filename and not data:
                continue
            files.append((upload.filename or "", data, guess_mimetype(data)))
        return files

    def _support_file_error(self, files, company):
        """The first ``(code, params)`` error of the uploaded ``files`` against
        the company's limits, or ``None``."""
        allowed, max_bytes, max_count = company.sudo()._support_portal_upload_limits()
        errors = uploads.check_files(
            [(name, len(data), mimetype) for name, data, mimetype in files],
            allowed,
            max_bytes,
            max_count,
        )
        return errors[0] if errors else None

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

    def _support_search_domain(self, search_in, search):
        if not search:
            return Domain.TRUE
        if search_in == "content":
            return Domain("description", "ilike", search)
        if search_in == "requester":
            return Domain("partner_id.name", "ilike", search)
        return Domain("name", "ilike", search) | Domain("number", "ilike", search)

    def _support_author(self, ticket_sudo):
        """The partner speaking: the logged-in user, or the ticket's contact
        when the page was opened with the ticket's access token."""
        user = request.env.user
        if user._is_public():
            return ticket_sudo.partner_id
        return user.partner_id

    def _support_page_ticket(self, ticket_id, access_token=None):
        """The ticket of its page, sudo-ed once the current user may read it,
        read in one query with the fields the page shows and its neighbours
        of the last list (the page's pager): a search as the user, so the
        record rules decide; without them, the ticket's own token opens it
        (``_document_check_access``, which raises otherwise)."""
        Ticket = request.env["support.ticket"].with_context(active_test=False)
        if not request.env.user._is_public() and Ticket.has_access("read"):
            history = request.session.get(TICKETS_HISTORY, [])
            ids = [ticket_id]
            if ticket_id in history:
                at = history.index(ticket_id)
                ids += history[max(at - 1, 0) : at + 2]
            tickets = Ticket.search_fetch([("id", "in", ids)], TICKET_PAGE_FIELDS)
            if ticket_id in tickets.ids:
                return tickets.sudo().filtered(lambda t: t.id == ticket_id)
        return self._document_check_access(
            "support.ticket", ticket_id, access_token=access_token
        )

    def _support_prefetch_partners(self, partners):
        """Read in one query the contacts a page shows, with the user's own
        contact that the portal's layout reads."""
        (partners | request.env.user.partner_id).sudo().fetch(None)

    def _support_ticket_access(self, ticket_id, access_token=None):
        """The ticket, sudo-ed only once the current user may read it or gave
        its token; NotFound otherwise (no hint whether it exists)."""
        try:
            return self._document_check_access(
                "support.ticket", int(ticket_id), access_token=access_token or None
            )
        except (AccessError, MissingError, ValueError) as exc:
            raise NotFound() from exc

    # ------------------------------------------------------------ contract
    def _support_user_contract(self):
        """The contract of the user's company, read with the user's rights
        (P2: the portal rule of support_contract); empty when none."""
        partner = request.env.user.partner_id
        contract = partner._support_portal_contract()
        if contract and not contract.has_access("read"):
            return contract.browse()
        return contract

    def _support_hours_balance(self, contract):
        """The contract's hours balance; ``None`` without contract or hours."""
        if contract and "hours_balance" in contract._fields:
            return contract.hours_balance
        return None

    def _support_home_values(self):
        values = self._prepare_portal_layout_values()
        contract = self._support_user_contract()
        Ticket = request.env["support.ticket"]
        partner = request.env.user.partner_id
        open_domain = self._support_filter_domain("open")
        alert_tickets = Ticket.browse()
        if "sla_state" in Ticket._fields:
            alert_tickets = Ticket.search_fetch(
                open_domain & Domain("sla_state", "in", ("breached", "at_risk")),
                HOME_TICKET_FIELDS,
                limit=20,
            )
        open_tickets = Ticket.search_fetch(
            open_domain, HOME_TICKET_FIELDS, limit=5, order="write_date desc"
        )
        is_key_user = bool(contract) and contract._support_is_key_user(partner)
        values.update(
            {
                "page_name": "support_home",
                "title": self._support_title(),
                "contract": contract,
                "open_tickets": open_tickets,
                "names": (alert_tickets | open_tickets)._portal_names(["stage_id"]),
                **self._support_home_counts(),
                "alert_tickets": alert_tickets,
                "hours_balance": self._support_hours_balance(contract),
                "can_open_ticket": is_key_user
                or partner._support_portal_can_open_ticket(contract),
                "is_key_user": is_key_user,
            }
        )
        return values

    def _support_home_counts(self):
        """``open_count`` and ``waiting_count`` of the user's tickets, in one
        query (the user's rights: the record rules decide, P2)."""
        groups = request.env["support.ticket"]._read_group(
            Domain("is_closed", "=", False),
            ["is_resolved", "is_waiting_customer"],
            ["__count"],
        )
        return {
            "open_count": sum(n for resolved, _w, n in groups if not resolved),
            "waiting_count": sum(n for _r, waiting, n in groups if waiting),
        }

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
                "title": self._support_title(request.env._("Contract")),
                "contract": contract_sudo,
                "availability": contract_sudo._describe_availability()
                if contract_sudo
                else "",
                "addon_lines": contract_sudo._get_addon_lines_in_force()
                if contract_sudo
                else [],
                "key_users": contract_sudo.key_user_ids,
                "hours_balance": self._support_hours_balance(contract_sudo),
            }
        )
        return request.render("support_portal.portal_support_contract", values)

    # ------------------------------------------------------------ hours
    def _support_invoices(self, contract_sudo, partner):
        """The posted support invoices of the contract, for its key users only
        (they act for the company, C6)."""
        if not (
            contract_sudo
            and "support_invoice_ids" in contract_sudo._fields
            and partner in contract_sudo.key_user_ids
        ):
            return []
        return [
            {
                "name": move.name,
                "date": move.invoice_date,
                "amount": move.amount_total,
                "currency": move.currency_id,
                "state": move.payment_state,
                "url": move.get_portal_url(),
            }
            for move in contract_sudo.support_invoice_ids.filtered(
                lambda m: m.state == "posted"
            )
        ]

    @http.route(["/my/support/hours"], type="http", auth="user", website=True)
    def portal_support_hours(self, **kw):
        contract_sudo = self._support_user_contract().sudo()
        partner = request.env.user.partner_id
        statement = []
        if contract_sudo and hasattr(contract_sudo, "_get_ledger_statement"):
            statement = contract_sudo._get_ledger_statement()
        # a line links to its ticket when the user may open that ticket
        ticket_ids = {line["ticket_id"] for line in statement if line.get("ticket_id")}
        openable = request.env["support.ticket"].search(
            [("id", "in", list(ticket_ids))]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_hours",
                "title": self._support_title(request.env._("Hours")),
                "contract": contract_sudo,
                "hours_balance": self._support_hours_balance(contract_sudo),
                "statement": statement,
                "openable_ticket_ids": set(openable.ids),
                "invoices": self._support_invoices(contract_sudo, partner),
                "today": fields.Date.context_today(contract_sudo),
            }
        )
        return request.render("support_portal.portal_support_hours", values)
