"""Patch windows and patch runs of the customer's environments in the portal
(C3 patch agreement, P2).

The environments and runs are searched with the user's own rights: the
record rules give every contact of the customer (key users and others) the
environments and runs of their company, nothing of another customer. Only
the fields the portal declares are read."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

PAST_RUNS = 20


class SupportPatchPortal(CustomerPortal):
    def _support_patch_environments(self):
        """The user's company's environments that have a patch window."""
        Environment = request.env["support.environment"]
        if not Environment.has_access("read"):
            return Environment
        return Environment.search([("patch_frequency", "!=", False)])

    def _support_patch_values(self):
        environments = self._support_patch_environments()
        Run = request.env["support.patch.run"]
        runs = Run.browse()
        if environments and Run.has_access("read"):
            runs = Run.search(
                [
                    ("environment_id", "in", environments.ids),
                    ("state", "in", ("done", "failed")),
                ],
                order="date desc",
                limit=PAST_RUNS,
            )
        return {
            "environments": [
                {
                    "name": environment.display_name,
                    "window": environment.patch_window_label,
                    "next_start": environment.patch_next_start,
                    "next_end": environment.patch_next_end,
                    "tz": environment.patch_tz,
                }
                for environment in environments
            ],
            "runs": [
                {
                    "environment": run.environment_id.display_name,
                    "date": run.date,
                    "state": run.state,
                    "summary": run.summary or "",
                    "tz": run.environment_id.patch_tz,
                }
                for run in runs
            ],
            "run_states": dict(
                Run._fields["state"]._description_selection(request.env)
            ),
        }

    @http.route(["/my/support/patches"], type="http", auth="user", website=True)
    def portal_support_patches(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(self._support_patch_values())
        values.update(
            {
                "page_name": "support_patches",
                "title": self._support_title(request.env._("Patch windows")),
            }
        )
        return request.render("support_portal.portal_support_patches", values)
