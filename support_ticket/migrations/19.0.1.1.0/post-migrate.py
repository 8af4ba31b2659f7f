"""Ticket types of 19.0.1.1.0 describe themselves without rule codes (their
data is ``noupdate``): descriptions nobody edited get the new text."""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_contract.migration import refresh_texts

CHANGES = {
    "support_ticket.type_change_request": {
        "description": (
            "New or changed behaviour; over 8 hours it is quoted (B4).",
            "New or changed behaviour; over 8 hours it is quoted.",
        )
    },
    "support_ticket.type_out_of_scope": {
        "description": (
            "Not covered by support: proposed as a project quote (S4).",
            "Not covered by support: proposed as a project quote.",
        )
    },
}


def migrate(cr, version):
    refresh_texts(api.Environment(cr, SUPERUSER_ID, {}), CHANGES)
