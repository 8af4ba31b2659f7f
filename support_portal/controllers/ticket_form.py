"""The portal's new-ticket form (P1, P3, C6, T2, T4). Security rules: see
``portal.py``; the form's checks are the pure ``tools/ticket_form.py``."""

import json
import secrets

from markupsafe import Markup
from psycopg2.errors import UniqueViolation

from odoo import http
from odoo.exceptions import AccessError, ConcurrencyError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from ..tools import ticket_form
from .portal import SupportCustomerPortal

FORM_TOKENS_KEY = "support_portal_form_tokens"
PORTAL_TYPE_CODES = ("defect", "support", "change_request")
NEW_TICKET_PAGE = "support_portal.portal_support_new_ticket"


class SupportTicketFormPortal(SupportCustomerPortal):
    # ------------------------------------------------------------ helpers
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

    def _support_form_token_issued(self, token):
        """Whether ``token`` is one of the forms shown to this session. It is
        never removed from the session (Odoo's replay of a request reloads
        the session): the ticket made from it holds it in the database."""
        tokens = request.session.get(FORM_TOKENS_KEY, [])
        return bool(token and isinstance(token, str) and token in tokens)

    def _support_new_ticket_values(self, contract, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        catalogue, selectable = self._support_catalogue(contract)
        company = contract.sudo().company_id
        allowed, max_bytes, max_count = company._support_portal_upload_limits()
        priorities = self._support_selection_labels("priority")
        values.update(
            {
                "page_name": "support_new_ticket",
                "title": self._support_title(request.env._("Open a ticket")),
                "contract": contract,
                "catalogue": catalogue,
                "scope_items": selectable,
                "environments": self._support_environments(contract),
                "default_environment": contract.sudo().production_environment_id,
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

    def _support_environments(self, contract):
        """The customer's environments a request may be about, read with the
        customer's rights (issue 14): production first."""
        environments = request.env["support.environment"].search(
            [("partner_id", "=", contract.sudo().partner_id.id)]
        )
        return environments.sorted(lambda e: e.kind != "production")

    def _support_not_allowed(self, contract):
        """403 page for contacts who may not open tickets (C6)."""
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "support_new_ticket", "contract": contract})
        return self._support_render(
            "support_portal.portal_support_not_allowed", values, status=403
        )

    # ------------------------------------------------------------ new ticket
    @http.route(["/my/tickets/new"], type="http", auth="user", website=True)
    def portal_support_new_ticket(self, **kw):
        _partner, contract, allowed = self._support_new_ticket_context()
        if not allowed:
            return self._support_not_allowed(contract)
        values = self._support_new_ticket_values(contract)
        return request.render(NEW_TICKET_PAGE, values)

    def _support_validate_new_ticket(self, post, contract, files):
        """``(values, errors)`` of the posted form: the pure checks, then the
        ids of the request against what this customer may choose, read with
        the customer's rights (never sudo), the files and the form token."""
        vals, errors = ticket_form.validate_ticket_form(post)
        if vals["type_id"] and vals["type_id"] not in self._support_portal_types().ids:
            errors["type_id"] = ("type", {})
        if vals["scope_item_id"]:
            __, selectable = self._support_catalogue(contract)
            if vals["scope_item_id"] not in selectable.ids:
                errors["scope_item_id"] = ("scope", {})
        if vals["environment_id"] and (
            vals["environment_id"] not in self._support_environments(contract).ids
        ):
            errors["environment_id"] = ("environment", {})
        company = contract.sudo().company_id
        if file_error := self._support_file_error(files, company):
            errors["attachments"] = file_error
        if not errors and not self._support_form_token_issued(post.get("form_token")):
            errors["__form__"] = ("token", {})
        return vals, errors

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
        token = post.get("form_token")
        if done := request.env["support.ticket"]._portal_form_ticket(partner, token):
            # a double submit, or the replay of this very request
            return request.redirect(f"/my/tickets/{done.id}/confirmation")
        files = self._support_uploaded_files(company=contract.sudo().company_id)
        vals, errors = self._support_validate_new_ticket(post, contract, files)
        if errors:
            values = self._support_new_ticket_values(
                contract,
                ticket_form.echo_form(post),
                self._support_errors_to_messages(errors),
            )
            # a browser never shows chosen files again: say so
            values["files_dropped"] = bool(files)
            return self._support_render(NEW_TICKET_PAGE, values)
        vals["portal_form_token"] = token
        ticket_sudo = self._support_create_ticket(partner, contract, vals, files)
        return request.redirect(f"/my/tickets/{ticket_sudo.id}/confirmation")

    def _prepare_support_ticket_vals(self, partner, contract_sudo, vals):
        """The new ticket's values: the server sets the customer, contract,
        company, channel and stage (P1); the request gave only the form's."""
        stage = request.env["support.ticket.stage"].sudo().search([], limit=1)
        ticket_vals = {
            "name": vals["name"],
            "description": plaintext2html(vals["description"]),
            "impact": vals["impact"],
            "urgency": vals["urgency"],
            "type_id": vals["type_id"] or False,
            "scope_item_id": vals["scope_item_id"] or False,
            "environment_id": vals.get("environment_id")
            or contract_sudo.production_environment_id.id,
            "screen_url": vals["screen_url"] or False,
            "document_name": vals["document_name"] or False,
            "contact_method": vals["contact_method"],
            "portal_form_token": vals.get("portal_form_token") or False,
            "partner_id": partner.id,
            "contract_id": contract_sudo.id,
            "company_id": contract_sudo.company_id.id,
            "channel": "portal",
            "stage_id": stage.id,
        }
        if partner.email:
            ticket_vals["email_from"] = partner.email
        return ticket_vals

    def _support_create_ticket(self, partner, contract, vals, files):
        """Create the ticket, attach the files and confirm it by email."""
        contract_sudo = contract.sudo()
        Ticket = (
            request.env["support.ticket"]
            .sudo()
            .with_company(contract_sudo.company_id)
            .with_context(mail_create_nolog=True, support_subscribe_requester=True)
        )
        ticket_vals = self._prepare_support_ticket_vals(partner, contract_sudo, vals)
        try:
            with request.env.cr.savepoint():
                ticket_sudo = Ticket.create(ticket_vals)
                ticket_sudo.flush_recordset()
        except UniqueViolation as exc:
            # the same form, sent twice at once: the other request made the
            # ticket; Odoo replays this one, which then finds it
            raise ConcurrencyError("portal form sent twice at once") from exc
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
            template.sudo().send_mail(ticket_sudo.id)
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
        values.update(
            {
                "page_name": "support_ticket",
                "title": self._support_ticket_title(ticket_sudo),
                "ticket": ticket_sudo,
                "priority_labels": self._support_selection_labels("priority"),
            }
        )
        return request.render(
            "support_portal.portal_support_ticket_confirmation", values
        )
