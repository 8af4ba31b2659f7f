from odoo import Command

# a first Tuesday of the month, 20:00-22:00 in the provider's time zone
FIRST_TUESDAY = {
    "patch_frequency": "monthly",
    "patch_interval": 1,
    "patch_week": "1",
    "patch_weekday": "1",
    "patch_hour_start": 20.0,
    "patch_hour_end": 22.0,
    "patch_anchor": "2026-01-01",
}


class PatchScheduleMixin:
    """A Stockholm provider's patch agreement (C3) for a customer, the
    customer's production environment and its modules, one of each origin
    (S5). Mixed into a test class built on ``SupportContractCommon``."""

    @classmethod
    def _setup_patch_schedule(cls, team=None):
        env = cls.env
        cls.stockholm = env["resource.calendar"].create(
            {"name": "Stockholm business days (test)", "tz": "Europe/Stockholm"}
        )
        cls.plan_patch = env["support.plan"].create(
            {
                "name": "Test Patch agreement",
                "plan_kind": "agreement",
                "monthly_fee": 495,
                "patching": True,
                "resource_calendar_id": cls.stockholm.id,
            }
        )
        cls.patch_customer, cls.patch_contact = cls._support_customer(
            "Fjord Patch Test AB", "Anna Fjord", "anna@fjord.test"
        )
        cls.patch_contract = cls._contract(
            partner_id=cls.patch_customer.id,
            plan_id=cls.plan_patch.id,
            key_user_ids=[Command.set(cls.patch_contact.ids)],
        )
        cls.patch_contract.action_activate()
        cls.patch_env = cls._environment(cls.patch_contract, "Fjord production")
        modules = {m.origin: m for m in cls.patch_env.module_ids}
        cls.module_enterprise = modules["odoo_enterprise"]
        cls.module_oca = modules["oca_third_party"]
        cls.module_l10n = modules["provider_localisation"]
        cls.module_custom = modules["customer_custom"]
        cls.patch_team = team

    @classmethod
    def _environment(cls, contract, name, **vals):
        values = {
            "name": name,
            "contract_id": contract.id,
            "kind": "production",
            "odoo_version": "18.0",
            "module_ids": [
                Command.create({"name": "sale", "origin": "odoo_community"}),
                Command.create(
                    {"name": "account_accountant", "origin": "odoo_enterprise"}
                ),
                Command.create(
                    {"name": "account_financial_report", "origin": "oca_third_party"}
                ),
                Command.create(
                    {"name": "l10n_se_sie", "origin": "provider_localisation"}
                ),
                Command.create(
                    {
                        "name": "fjord_freight",
                        "origin": "customer_custom",
                        "lines_of_code": 900,
                    }
                ),
            ],
        }
        values.update(vals)
        return cls.env["support.environment"].create(values)

    def _patch_ticket(self, module, **vals):
        values = {
            "name": f"Bug in {module.name}",
            "partner_id": self.patch_contact.id,
            "contract_id": self.patch_contract.id,
            "environment_id": module.environment_id.id,
            "environment_module_id": module.id,
        }
        if self.patch_team:
            values["team_id"] = self.patch_team.id
        values.update(vals)
        return self.env["support.ticket"].create(values)
