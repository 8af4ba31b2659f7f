"""Issue 11: every public method of the suite checks its caller's group.

The methods are found in the registry: for each model, the classes of the
suite in its MRO, their functions whose name does not start with ``_``, minus
the overrides of methods Odoo or another addon defines (``create``, ``write``,
``message_new``, ``button_cancel``...: their own checks apply) and the
onchange handlers. Each one must have a row in ``METHOD_GROUPS``: a new public
method without a row fails ``test_every_public_method_has_a_row``.
"""

import base64
import inspect

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import SupportPortalCase

SUITE_PREFIX = "odoo.addons.support_"

# (model, method) -> the least group that may call it
METHOD_GROUPS = {
    # support_contract
    ("support.contract", "action_activate"): "manager",
    ("support.contract", "action_suspend"): "manager",
    ("support.contract", "action_cancel"): "manager",
    ("support.contract", "action_set_draft"): "manager",
    ("support.contract", "action_grant_portal_access"): "manager",
    ("support.contract", "action_view_key_users"): "agent",
    ("support.contract", "action_view_customer_contracts"): "agent",
    ("support.plan", "action_view_contracts"): "agent",
    ("res.partner", "action_view_support_contracts"): "agent",
    ("support.contract.override.wizard", "action_confirm"): "manager",
    ("support.contract", "action_view_environments"): "agent",
    ("support.environment", "action_import_modules"): "manager",
    ("support.environment.import.wizard", "action_import"): "manager",
    # support_ticket
    ("support.contract", "action_view_tickets"): "agent",
    ("support.contract", "action_view_monitoring_tickets"): "agent",
    ("support.contract", "action_rotate_monitoring_token"): "manager",
    ("support.monitoring.token", "action_revoke"): "manager",
    ("res.partner", "action_view_support_tickets"): "agent",
    ("support.team", "action_open_tickets"): "agent",
    ("support.team", "action_triage_tickets"): "agent",
    ("support.team", "action_unassigned_tickets"): "agent",
    ("support.team", "action_critical_tickets"): "agent",
    ("support.team", "action_warning_tickets"): "agent",
    ("support.ticket", "action_request_quote"): "agent",
    ("support.ticket", "action_open_contract"): "agent",
    ("support.ticket", "action_open_customer_tickets"): "agent",
    ("support.ticket", "action_reset_priority"): "agent",
    ("support.ticket", "action_override_priority"): "agent",
    ("support.ticket", "action_assign_to_me"): "agent",
    ("support.ticket", "action_set_in_progress"): "agent",
    ("support.ticket", "action_wait_customer"): "agent",
    ("support.ticket", "action_resolve"): "agent",
    ("support.ticket", "action_close"): "agent",
    ("support.ticket", "action_reopen"): "agent",
    ("support.ticket.priority.override", "action_apply"): "agent",
    ("support.ticket", "action_report_upstream"): "agent",
    ("support.ticket", "action_view_upstream_reports"): "agent",
    ("support.upstream.report", "action_mark_reported"): "agent",
    ("support.upstream.report", "action_mark_fixed"): "agent",
    ("support.upstream.report", "action_mark_released"): "agent",
    ("support.ticket", "action_fix_in_next_patch"): "agent",
    ("support.patch.run", "action_done"): "agent",
    ("support.patch.run", "action_failed"): "agent",
    ("support.ticket", "action_share_solution"): "agent",
    ("support.ticket", "action_view_articles"): "agent",
    ("support.ticket", "action_insert_article"): "agent",
    ("support.article", "action_publish"): "agent",
    ("support.article", "action_unpublish"): "agent",
    ("support.article", "action_view_logs"): "agent",
    ("support.article.insert", "action_post"): "agent",
    # support_sla
    ("support.ticket", "action_sla_recompute"): "manager",
    ("support.ticket.sla", "action_open_ticket"): "agent",
    # support_billing
    ("support.contract", "action_open_hours_ledger"): "agent",
    ("support.contract", "action_print_hours_statement"): "agent",
    ("support.contract", "action_view_support_invoices"): "manager",
    ("support.ticket", "action_timer_start"): "agent",
    ("support.ticket", "action_timer_stop"): "agent",
    ("support.timer.stop.wizard", "action_log"): "agent",
    ("support.call.log.wizard", "action_log"): "agent",
    ("support.ticket", "action_create_quote"): "agent",
    ("support.billing.run", "action_view_invoices"): "manager",
    ("support.pack.wizard", "action_buy"): "manager",
    ("support.migration.quote.wizard", "action_create_quote"): "manager",
    ("support.billing.wizard", "action_invoice"): "manager",
    ("support.billed.time.wizard", "action_apply"): "manager",
    # support_portal
    ("support.contract", "action_view_statements"): "manager",
    ("support.contract", "action_generate_statement"): "manager",
    ("support.service.statement", "action_regenerate"): "manager",
    ("support.service.statement", "action_send"): "manager",
    ("support.service.statement", "action_print"): "agent",
    ("support.provider.dashboard", "action_open_dashboard"): "manager",
    ("support.provider.dashboard", "action_view_open_tickets"): "manager",
    ("support.provider.dashboard", "action_view_at_risk"): "manager",
    ("support.provider.dashboard", "action_view_breached"): "manager",
    ("support.provider.dashboard", "action_view_hours_low"): "manager",
    ("support.provider.dashboard", "action_view_expiring"): "manager",
    ("support.provider.dashboard", "action_view_compliance"): "manager",
}


def suite_public_methods(env):
    """``{(model, method)}`` of the public methods the suite defines."""
    found = set()
    for model_name in env.registry:
        model = env[model_name]
        if model._abstract:
            continue
        mro = type(model).__mro__
        foreign = set()
        for klass in mro:
            if not klass.__module__.startswith(SUITE_PREFIX):
                foreign.update(vars(klass))
        for klass in mro:
            if not klass.__module__.startswith(SUITE_PREFIX):
                continue
            for name, func in vars(klass).items():
                if (
                    name.startswith("_")
                    or not inspect.isfunction(func)
                    or name in foreign
                    or getattr(func, "_onchange", None)
                    or getattr(func, "_api_private", False)
                ):
                    continue
                found.add((model_name, name))
    return found


@tagged("post_install", "-at_install")
class TestSupportPublicMethods(SupportPortalCase):
    """Portal users are refused every public method of the suite, through the
    ORM and through ``/web/dataset/call_kw``; so are support users below the
    method's group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = cls._method_records()

    @classmethod
    def _method_records(cls):
        """One record per model of the table to call the methods on."""
        env = cls.env
        contract, ticket = cls.contract, cls.ticket_owner
        pack = env["support.hours.pack"].create(
            {"name": "Pack 25 (test)", "hours": 25, "price": 2500}
        )
        return {
            "support.contract": contract,
            "support.ticket": ticket,
            "support.plan": cls.plan,
            "res.partner": cls.customer,
            "support.team": env["support.team"].create(
                {"name": "Team (test)", "member_ids": [Command.set(cls.agent.ids)]}
            ),
            "support.monitoring.token": env["support.monitoring.token"]._issue(
                contract
            )[0],
            "support.ticket.sla": ticket.sudo().sla_line_ids[:1],
            "support.billing.run": env["support.billing.run"].create(
                {"name": "Run (test)", "date_start": "2026-01-01"}
            ),
            "support.service.statement": env["support.service.statement"].create(
                {
                    "name": "Statement (test)",
                    "contract_id": contract.id,
                    "company_id": contract.company_id.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-01-31",
                }
            ),
            "support.provider.dashboard": env["support.provider.dashboard"].create({}),
            "support.environment": cls._method_environment(contract),
            "support.environment.import.wizard": env[
                "support.environment.import.wizard"
            ].create(
                {
                    "environment_id": cls._method_environment(contract).id,
                    "file": base64.b64encode(b"module,origin,version,lines\n"),
                }
            ),
            "support.article": env["support.article"].create(
                {"title": "Article (test)", "is_published": True}
            ),
            "support.article.insert": env["support.article.insert"].create(
                {
                    "ticket_id": ticket.id,
                    "article_id": env["support.article"]
                    .create({"title": "Linked (test)", "is_published": True})
                    .id,
                }
            ),
            "support.contract.override.wizard": env[
                "support.contract.override.wizard"
            ].create({"contract_id": contract.id, "reason": "Sizing (test)"}),
            "support.ticket.priority.override": env[
                "support.ticket.priority.override"
            ].create({"ticket_id": ticket.id, "priority": "3", "reason": "Test"}),
            "support.pack.wizard": env["support.pack.wizard"].create(
                {"contract_id": contract.id, "pack_id": pack.id}
            ),
            "support.migration.quote.wizard": env[
                "support.migration.quote.wizard"
            ].create({"contract_id": contract.id}),
            "support.billing.wizard": env["support.billing.wizard"].create({}),
            "support.billed.time.wizard": env["support.billed.time.wizard"].create(
                {"ticket_id": ticket.id, "hours": 0.0, "reason": "Test"}
            ),
            "support.timer.stop.wizard": env["support.timer.stop.wizard"].create(
                {"ticket_id": ticket.id, "hours": 0.5, "description": "Test"}
            ),
            "support.call.log.wizard": env["support.call.log.wizard"].create(
                {"ticket_id": ticket.id, "summary": "Test"}
            ),
            "support.upstream.report": env["support.upstream.report"].create(
                {"ticket_id": ticket.id, "reference": "OPW-1 (test)"}
            ),
            "support.patch.run": cls._method_patch_run(contract),
        }

    @classmethod
    def _method_environment(cls, contract):
        """The contract's production environment (issue 14), created once."""
        return contract.production_environment_id or cls.env[
            "support.environment"
        ].create(
            {"contract_id": contract.id, "name": "Prod (test)", "odoo_version": "18.0"}
        )

    @classmethod
    def _method_patch_run(cls, contract):
        contract.plan_id.patching = True
        return cls.env["support.patch.run"].create(
            {
                "environment_id": cls._method_environment(contract).id,
                "date": "2030-01-01 19:00:00",
            }
        )

    def _assert_refused(self, user, model, method):
        record = self.records.get(model)
        self.assertTrue(record, f"no record of {model} to call {method} on")
        with self.assertRaises(AccessError, msg=f"{user.login}: {model}.{method}"):
            getattr(record.with_user(user), method)()

    def test_every_public_method_has_a_row(self):
        found = suite_public_methods(self.env)
        missing = sorted(found - set(METHOD_GROUPS))
        self.assertFalse(missing, f"public methods without a row: {missing}")
        stale = sorted(set(METHOD_GROUPS) - found)
        self.assertFalse(stale, f"rows of methods that are gone: {stale}")
        self.assertGreaterEqual(len(found), 50)

    def test_portal_users_are_refused(self):
        """Key user and contact of the customer, on its own records."""
        for user in (self.key_user, self.nonkey):
            for model, method in sorted(METHOD_GROUPS):
                with self.subTest(user=user.login, method=f"{model}.{method}"):
                    self._assert_refused(user, model, method)

    def test_users_below_the_group_are_refused(self):
        """Manager methods refuse agents; agent methods refuse employees
        without a support group."""
        below = {"agent": self.internal, "manager": self.agent, "admin": self.manager}
        for (model, method), level in sorted(METHOD_GROUPS.items()):
            with self.subTest(method=f"{model}.{method}", level=level):
                self._assert_refused(below[level], model, method)

    def test_call_kw_refused_and_nothing_changed(self):
        """The same over JSON-RPC, as a portal key user of the customer."""
        contract, ticket = self.contract, self.ticket_owner
        stage, state, agent = ticket.stage_id, contract.state, ticket.user_id
        tokens = contract.monitoring_token_ids.filtered(lambda t: t.state == "active")
        self.login(self.key_user)
        calls = [
            ("support.contract", "action_cancel", contract),
            ("support.contract", "action_rotate_monitoring_token", contract),
            ("support.ticket", "action_create_quote", ticket),
            ("support.ticket", "action_close", ticket),
            ("support.ticket", "action_assign_to_me", ticket),
        ]
        for model, method, record in calls:
            with self.subTest(method=f"{model}.{method}"):
                with self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/{model}/{method}",
                        {
                            "model": model,
                            "method": method,
                            "args": [record.ids],
                            "kwargs": {},
                        },
                    )
                self.assertEqual(
                    caught.exception.args[0], "odoo.exceptions.AccessError"
                )
        self.env.invalidate_all()
        self.assertEqual(contract.state, state)
        self.assertEqual(ticket.stage_id, stage)
        self.assertEqual(ticket.user_id, agent)
        self.assertFalse(ticket.sale_order_id)
        self.assertEqual(
            contract.monitoring_token_ids.filtered(lambda t: t.state == "active"),
            tokens,
        )
