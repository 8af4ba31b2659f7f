"""The group check of the suite's public methods.

Every public method of a model is an RPC endpoint (``/web/dataset/call_kw``)
for any logged-in user, portal users included. Each public method of the
suite that acts starts with ``check_support_group(self, level)``; helpers that
must not be called from outside start with ``_``.
"""

from odoo.exceptions import AccessError

SUPPORT_GROUPS = {
    "agent": "support_contract.group_support_agent",
    "manager": "support_contract.group_support_manager",
    "admin": "support_contract.group_support_admin",
}


def _refusal(env, level):
    if level == "admin":
        return env._("This action is reserved for support administrators.")
    if level == "manager":
        return env._("This action is reserved for support managers.")
    return env._("This action is reserved for support agents.")


def check_support_group(records, level):
    """Raise AccessError unless the caller is at least a support ``level``
    (``agent``, ``manager`` or ``admin``); code that already runs as
    superuser (``sudo()``, after its own check) passes."""
    env = records.env
    if env.su or env.user.has_group(SUPPORT_GROUPS[level]):
        return
    raise AccessError(_refusal(env, level))
