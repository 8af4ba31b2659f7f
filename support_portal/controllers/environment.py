"""The customer's environments and support team in the portal (issue 14).

Environments are searched and read as the portal user: the record rules of
support_contract decide which (the customer's own, for every contact of the
customer), the declared portal fields which fields. The team's members are
chosen by the server (the user's contract's team) and shown with their name
and avatar only."""

from odoo import http
from odoo.http import request
from odoo.tools.image import image_data_uri

from .portal import SupportCustomerPortal


class SupportEnvironmentPortal(SupportCustomerPortal):
    def _support_team_members(self, contract):
        """``[{name, avatar}]`` of the contract's team: public fields only."""
        if not contract or "team_id" not in contract._fields:
            return []
        team = contract.sudo().team_id
        users = (team.leader_id | team.member_ids).filtered("active")
        users.partner_id.fetch(["name", "avatar_128"])  # one read for all
        return [
            {
                "name": user.partner_id.name,
                "avatar": image_data_uri(user.partner_id.avatar_128)
                if user.partner_id.avatar_128
                else False,
            }
            for user in users
        ]

    def _support_home_values(self):
        values = super()._support_home_values()
        values["support_team_members"] = self._support_team_members(
            values.get("contract")
        )
        # one read of the customer's environments: the link to their page and,
        # for those with a patch window, the link to the patch windows
        Environment = request.env["support.environment"]
        environments = Environment.browse()
        if Environment.has_access("read"):
            environments = Environment.search_fetch([], ["patch_frequency"])
        values["environment_count"] = len(environments)
        values["has_patch_windows"] = bool(environments.filtered("patch_frequency"))
        return values

    @http.route(["/my/support/environments"], type="http", auth="user", website=True)
    def portal_support_environments(self, **kw):
        Environment = request.env["support.environment"]
        if not Environment.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "support_environments",
                "title": self._support_title(request.env._("Environments")),
                "environments": Environment.search(
                    [], order="contract_id, kind, sequence, id"
                ),
                "kind_labels": self._support_env_labels(Environment, "kind"),
                "edition_labels": self._support_env_labels(Environment, "edition"),
                "hosting_labels": self._support_env_labels(Environment, "hosting"),
            }
        )
        return request.render("support_portal.portal_support_environments", values)

    def _support_env_labels(self, model, field):
        return dict(model._fields[field]._description_selection(request.env))
