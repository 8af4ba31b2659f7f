"""Who may read, write, create and unlink what: one table for the whole suite.

The models come from the registry: a model added to one of the five addons
without its row here fails ``test_every_model_has_its_row``. Each cell is
checked with ``check_access`` on a concrete record (see ``access_roles``),
so that record rules count, not only access rights: the key user's ticket
on the Helios Desk team, its SLA clock, pause, ledger line and statement
line, the customer's contract... Transient models (wizards) are checked on
their access rights.
"""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .access_roles import OPERATIONS, ROLES, AccessRolesMixin, suite_models

# Columns: public, key_user, contact (a non-key contact of the customer),
# stranger (a portal user of another customer), agent (of the ticket's team),
# agent_other (of another team), manager, admin, other_company (a manager of
# the second provider company only). Each cell lists the operations allowed:
# r(ead) w(rite) c(reate) u(nlink), "-" where refused.
MATRIX = {
    "support.addon": "---- r--- r--- r--- r--- r--- r--- rwcu ----",
    "support.article": "---- r--- r--- r--- rwc- rwc- rwcu rwcu ----",
    "support.article.insert": "---- ---- ---- ---- rwcu rwcu rwcu rwcu rwcu",
    "support.article.log": "---- ---- ---- ---- r--- r--- r--- r--u ----",
    "support.billability.rule": "---- ---- ---- ---- r--- r--- r--- rwcu r---",
    "support.billed.time.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.billing.period": "---- ---- ---- ---- r--- r--- rwc- rwc- ----",
    "support.billing.run": "---- ---- ---- ---- ---- ---- rwc- rwcu ----",
    "support.billing.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.call.log.wizard": "---- ---- ---- ---- rwc- rwc- rwc- rwcu rwc-",
    "support.contract": "---- r--- r--- ---- r--- r--- rwc- rwcu ----",
    "support.contract.addon.line": "---- r--- r--- ---- r--- r--- rwcu rwcu ----",
    "support.contract.override.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.discount.band": "---- ---- ---- ---- r--- r--- r--- rwcu r---",
    "support.environment": "---- r--- r--- ---- r--- r--- rwcu rwcu ----",
    "support.environment.import.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.environment.module": "---- r--- r--- ---- r--- r--- rwcu rwcu ----",
    "support.hours.ledger": "---- r--- r--- ---- r--- ---- rwcu rwcu ----",
    "support.hours.pack": "---- ---- ---- ---- r--- r--- r--- rwcu r---",
    "support.migration.quote.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.migration.quote.line": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.monitoring.token": "---- ---- ---- ---- r--- r--- rw-- rw-- ----",
    "support.monitoring.token.reveal": "---- ---- ---- ---- ---- ---- rwc- rwcu rwc-",
    "support.pack.wizard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.patch.run": "---- r--- r--- ---- rwc- rwc- rwcu rwcu ----",
    "support.plan": "---- r--- r--- r--- r--- r--- r--- rwcu ----",
    "support.priority.matrix": "---- r--- r--- r--- r--- r--- r--- rw-- r---",
    "support.provider.dashboard": "---- ---- ---- ---- ---- ---- rwcu rwcu rwcu",
    "support.reservation.change": "---- ---- ---- ---- r--- r--- rwcu rwcu ----",
    "support.scope.coverage": "---- r--- r--- r--- r--- r--- r--- rwcu ----",
    "support.scope.item": "---- r--- r--- r--- r--- r--- r--- rwcu r---",
    "support.service.statement": "---- r--- ---- ---- r--- r--- rwc- rwcu ----",
    "support.service.statement.line": "---- r--- ---- ---- r--- ---- rwcu rwcu ----",
    "support.sla.objective.report": "---- ---- ---- ---- r--- r--- r--- r--- ----",
    "support.sla.policy": "---- ---- ---- ---- r--- r--- r--- rwcu ----",
    "support.team": "---- ---- ---- ---- r--- r--- rwcu rwcu ----",
    "support.ticket": "---- r--- ---- ---- rwc- ---- rwcu rwcu ----",
    "support.ticket.priority.override": "---- ---- ---- ---- rwcu rwcu rwcu rwcu rwcu",
    "support.ticket.sla": "---- ---- ---- ---- r--- ---- r--- r--- ----",
    "support.ticket.sla.pause": "---- ---- ---- ---- r--- ---- r--- r--- ----",
    "support.ticket.stage": "---- r--- r--- r--- r--- r--- r--- rwcu r---",
    "support.ticket.tag": "---- r--- r--- r--- rwc- rwc- rwcu rwcu rwcu",
    "support.ticket.type": "---- r--- r--- r--- r--- r--- r--- rwcu r---",
    "support.timer.stop.wizard": "---- ---- ---- ---- rwc- rwc- rwc- rwcu rwc-",
    "support.upstream.report": "---- ---- ---- ---- rwc- ---- rwcu rwcu ----",
}

CELLS_MIN = 800


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessRolesMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_access_roles()

    def _allowed(self, record, user, operation):
        try:
            record.with_user(user).check_access(operation)
        except AccessError:
            return False
        return True

    def _reads(self, record, user):
        """An actual ``read`` as ``user``: refused or not."""
        try:
            record.with_user(user).read(["id"])
        except AccessError:
            return False
        return True

    def _actual_row(self, model):
        record = self.records[model]
        cells = []
        for role in ROLES:
            user = self.users[role]
            cells.append(
                "".join(
                    op[0] if self._allowed(record, user, op) else "-"
                    for op in OPERATIONS
                )
            )
        return " ".join(cells)

    def test_every_model_has_its_row(self):
        """A model of the suite without its row fails; so does a stale row."""
        models = set(suite_models(self.env))
        self.assertEqual(set(MATRIX) - models, set(), "rows of unknown models")
        self.assertEqual(models - set(MATRIX), set(), "models without their row")
        for model in models:
            self.assertTrue(
                self.env[model]._transient or self.records[model],
                f"no concrete {model} record to check",
            )

    def test_actual_read(self):
        """An actual ``read`` agrees with the table's read cells."""
        for model, row in sorted(MATRIX.items()):
            record = self.records[model]
            if not record:
                continue
            for role, cell in zip(ROLES, row.split(), strict=True):
                user = self.users[role]
                label = f"{model}, {role}"
                self.assertEqual(self._reads(record, user), cell[0] == "r", label)

    def test_matrix(self):
        """Every cell of the table, asserted; the table has at least 800."""
        actual = {model: self._actual_row(model) for model in sorted(MATRIX)}
        table = "\n".join(f'    "{m}": "{r}",' for m, r in actual.items())
        cells = 0
        for model, row in sorted(MATRIX.items()):
            expected = row.split()
            self.assertEqual(len(expected), len(ROLES), model)
            for role, want, got in zip(
                ROLES, expected, actual[model].split(), strict=True
            ):
                for index, operation in enumerate(OPERATIONS):
                    cells += 1
                    self.assertEqual(
                        got[index],
                        want[index],
                        f"{model}, {role}, {operation}: expected "
                        f"{'allowed' if want[index] != '-' else 'refused'}; "
                        f"the actual table:\n{table}",
                    )
        self.assertEqual(cells, len(MATRIX) * len(ROLES) * len(OPERATIONS))
        self.assertGreaterEqual(cells, CELLS_MIN)

    def test_statement_rule_checks_the_customer(self):
        """A key user who moved to another customer no longer reads the
        statements of the contract that still lists it."""
        key_user = self.users["key_user"]
        statement = self.records["support.service.statement"]
        line = self.records["support.service.statement.line"]
        self.assertTrue(self._allowed(statement, key_user, "read"))
        key_user.partner_id.parent_id = self.users["stranger"].commercial_partner_id
        self.env.flush_all()
        self.env.registry.clear_cache()  # the rules' domains are cached per user
        self.assertIn(key_user.partner_id, statement.contract_id.key_user_ids)
        self.assertFalse(self._allowed(statement, key_user, "read"))
        self.assertFalse(self._allowed(line, key_user, "read"))
