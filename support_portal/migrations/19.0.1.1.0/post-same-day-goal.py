"""L3: the same-day assignment goal now defaults to 90 % (seed 002 "more
than 90 %"). A company still on the shipped 50 % gets the new default; a goal
an administrator changed is kept. (A database of 19.0.1.0.0 has no such
goal yet: the new column is filled with the new default.)"""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_portal.models.res_company import (
    DEFAULT_GOAL_SAME_DAY,
    PREVIOUS_GOAL_SAME_DAY,
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = (
        env["res.company"]
        .with_context(active_test=False)
        .search([("support_goal_same_day", "=", PREVIOUS_GOAL_SAME_DAY)])
    )
    companies.write({"support_goal_same_day": DEFAULT_GOAL_SAME_DAY})
