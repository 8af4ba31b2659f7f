"""The fields a portal user reads over RPC, generated from the registry.

For every model of the suite that a portal user may read (its access
rights), the fields returned by ``read``, ``search_read``, ``web_read`` and
``fields_get`` are exactly the declared ones
(``support.portal.field.access``); every other field is refused, in a read
and in a search domain alike; a field added later stays hidden until it is
declared.
"""

from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .access_roles import AccessRolesMixin, suite_models

# internal fields the issue names: never readable by a customer
INTERNAL_FIELDS = {
    "support.contract": ("note", "range_override", "range_override_reason"),
    "support.ticket": (
        "entitlement_warning",
        "has_entitlement_warning",
        "warn_not_key_user",
        "priority_overridden",
        "priority_override_reason",
        "billable_override",
        "billable_override_reason",
        "billed_hours_adjusted",
        "billed_hours_reason",
        "team_id",
    ),
    "support.hours.ledger": ("name", "ticket_id"),
}


@tagged("post_install", "-at_install")
class TestPortalFields(AccessRolesMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_access_roles()

    def _portal_models(self, user):
        Access = self.env["ir.model.access"].with_user(user)
        return [
            name
            for name in suite_models(self.env)
            if Access.check(name, "read", raise_exception=False)
        ]

    def _readable_record(self, name, user):
        record = self.records[name].with_user(user)
        if record.has_access("read"):
            return record
        return self.env[name].with_user(user).search([], limit=1)

    def _declared(self, name):
        return self.env[name]._portal_accessible_fields()[0]

    def test_portal_models_declare_their_fields(self):
        """Each model a portal user may read declares its fields, and only
        fields that exist."""
        models = self._portal_models(self.users["key_user"])
        self.assertIn("support.ticket", models)
        self.assertEqual(models, self._portal_models(self.users["contact"]))
        for name in models:
            Model = self.env[name]
            self.assertTrue(
                hasattr(Model, "_portal_accessible_fields"),
                f"{name}: portal users read it, but it declares no fields",
            )
            self.assertLessEqual(set(self._declared(name)), set(Model._fields), name)
            self.assertFalse(Model._portal_accessible_fields()[1], name)

    def test_read_returns_the_declared_fields(self):
        """``read``, ``search_read``, ``web_read``, ``fields_get``: exactly the
        declared fields, each of them readable (computes included)."""
        user = self.users["key_user"]
        for name in self._portal_models(user):
            declared = set(self._declared(name))
            record = self._readable_record(name, user)
            self.assertTrue(record, f"{name}: no record the key user may read")
            self.assertEqual(set(record.read()[0]), declared, name)
            rows = record.search_read([("id", "=", record.id)])
            self.assertEqual(set(rows[0]), declared, name)
            rows = record.web_read({fname: {} for fname in declared})
            self.assertEqual(set(rows[0]), declared, name)
            self.assertEqual(set(record.fields_get()), declared, name)

    def test_undeclared_fields_are_refused(self):
        """Every other field: refused in ``read``, ``search_read`` and, when
        stored, in a search domain (no guessing a value by searching)."""
        user = self.users["key_user"]
        for name in self._portal_models(user):
            record = self._readable_record(name, user)
            hidden = set(record._fields) - set(self._declared(name))
            for fname in sorted(hidden):
                label = f"{name}.{fname}"
                with self.assertRaises(AccessError, msg=label):
                    record.read([fname])
                with self.assertRaises(AccessError, msg=label):
                    record.search_read([("id", "=", record.id)], [fname])
                if record._fields[fname].store:
                    with self.assertRaises(AccessError, msg=label):
                        record.search([(fname, "!=", False)])

    def test_internal_fields_hidden_from_every_contact(self):
        """Internal notes and the reasons of overrides, refused to the key
        user and to a non-key contact; internal users read them."""
        for name, fnames in INTERNAL_FIELDS.items():
            for fname in fnames:
                self.assertIn(fname, self.env[name]._fields, name)
                self.assertNotIn(fname, self._declared(name), name)
        contract = self.records["support.contract"]
        contract.note = "<p>INTERNAL-NOTE the customer pays late</p>"
        for role in ("key_user", "contact"):
            as_user = contract.with_user(self.users[role])
            for fname in INTERNAL_FIELDS["support.contract"]:
                with self.assertRaises(AccessError, msg=f"{role} {fname}"):
                    as_user.read([fname])
            self.assertNotIn("INTERNAL-NOTE", str(as_user.read()))
        ticket = self.records["support.ticket"].with_user(self.users["key_user"])
        for fname in INTERNAL_FIELDS["support.ticket"]:
            with self.assertRaises(AccessError, msg=fname):
                ticket.read([fname])
        manager = contract.with_user(self.users["manager"])
        self.assertIn("INTERNAL-NOTE", manager.read(["note"])[0]["note"])

    def test_new_field_hidden_until_declared(self):
        """A field added to a model later is refused to portal users until
        the model declares it."""
        ticket = self.records["support.ticket"]
        self.env["ir.model.fields"].create(
            {
                "name": "x_probe",
                "field_description": "Probe",
                "model_id": self.env["ir.model"]._get_id("support.ticket"),
                "ttype": "char",
            }
        )
        ticket.x_probe = "PROBE"
        as_key_user = ticket.with_user(self.users["key_user"])
        with self.assertRaises(AccessError):
            as_key_user.read(["x_probe"])
        self.assertNotIn("x_probe", as_key_user.read()[0])
        self.assertEqual(ticket.with_user(self.users["agent"]).x_probe, "PROBE")

        Ticket = type(self.env["support.ticket"])
        declared = Ticket._portal_readable_fields

        def with_probe(model):
            return declared(model) | {"x_probe"}

        self.addCleanup(self.env.registry.clear_cache, "stable")
        with patch.object(Ticket, "_portal_readable_fields", with_probe):
            self.env.registry.clear_cache("stable")
            self.assertEqual(as_key_user.read(["x_probe"])[0]["x_probe"], "PROBE")

    def test_ledger_names_only_tickets_the_user_may_open(self):
        """A non-key contact reads the hours of a colleague's ticket, not its
        subject; the key user reads it."""
        line = self.records["support.hours.ledger"]
        self.assertEqual(line.ticket_id, self.ticket)
        self.assertIn(self.ticket.name, line.name)
        contact = line.with_user(self.users["contact"])
        self.assertFalse(
            self.ticket.with_user(self.users["contact"]).has_access("read")
        )
        row = contact.read(["display_name", "hours"])[0]
        self.assertEqual(row["display_name"], "Another request of your company")
        self.assertEqual(row["hours"], line.hours)
        self.assertNotIn(self.ticket.name, str(contact.search_read([])))
        key_user = line.with_user(self.users["key_user"])
        self.assertEqual(key_user.read(["display_name"])[0]["display_name"], line.name)
