"""Monthly service statements in the portal (T7, C6, P2).

A statement is read with the user's own rights (record rule: key users of the
contract only); ``sudo()`` is used only on a statement that passed that check.
The evaluation is a POST with Odoo's CSRF check."""

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class SupportStatementPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "support_statement_count" in counters:
            Statement = request.env["support.service.statement"]
            values["support_statement_count"] = (
                Statement.search_count([]) if Statement.has_access("read") else 0
            )
        return values

    def _support_statement(self, statement_id):
        """The statement if the user may read it, else ``None``."""
        statement = request.env["support.service.statement"].browse(statement_id)
        try:
            if not statement.exists():
                return None
            statement.check_access("read")
        except (AccessError, MissingError):
            return None
        return statement

    @http.route(["/my/support/statements"], type="http", auth="user", website=True)
    def portal_support_statements(self, **kw):
        Statement = request.env["support.service.statement"]
        if not Statement.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_statements",
                "title": self._support_title(request.env._("Service statements")),
                "statements": Statement.search([], order="date_start desc"),
            }
        )
        return request.render("support_portal.portal_support_statements", values)

    def _support_statement_page(self, statement, error=None, success=False, form=None):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        statement_sudo = statement.sudo()
        values.update(
            {
                "page_name": "support_statement",
                "title": self._support_title(statement_sudo.display_name),
                "doc": statement_sudo,
                "can_evaluate": statement_sudo._can_evaluate(partner),
                "error": error,
                "success": success,
                "form": form or {},
            }
        )
        return request.render(
            "support_portal.portal_support_statement",
            values,
            status=400 if error else 200,
        )

    @http.route(
        ["/my/support/statements/<int:statement_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_support_statement(self, statement_id, **kw):
        statement = self._support_statement(statement_id)
        if statement is None:
            return request.redirect("/my/support/statements")
        return self._support_statement_page(statement, success=bool(kw.get("done")))

    @http.route(
        ["/my/support/statements/<int:statement_id>/pdf"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_support_statement_pdf(self, statement_id, **kw):
        statement = self._support_statement(statement_id)
        if statement is None:
            return request.redirect("/my/support/statements")
        return self._show_report(
            model=statement.sudo(),
            report_type="pdf",
            report_ref="support_portal.action_report_service_statement",
            download=True,
        )

    @http.route(
        ["/my/support/statements/<int:statement_id>/evaluate"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_support_statement_evaluate(self, statement_id, **post):
        statement = self._support_statement(statement_id)
        if statement is None:
            return request.redirect("/my/support/statements")
        partner = request.env.user.partner_id
        comment = (post.get("comment") or "").strip()
        try:
            statement.sudo()._evaluate(partner, post.get("score"), comment)
        except (UserError, ValidationError) as exc:
            return self._support_statement_page(
                statement, error=exc.args[0] if exc.args else "", form=post
            )
        return request.redirect(f"/my/support/statements/{statement.id}?done=1")
