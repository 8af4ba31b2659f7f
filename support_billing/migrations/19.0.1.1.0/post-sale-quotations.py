"""Quotations are sale quotations from 19.0.1.1.0 (``sale_management`` is a
dependency). A request quoted before kept its quotation in the ``quote_ref``
column: a sale order is linked as ``sale_order_id``; an older draft invoice
used as a quotation is named in a note on the request, so nothing is lost."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'support_ticket' AND column_name = 'quote_ref'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        "SELECT id, quote_ref FROM support_ticket "
        "WHERE quote_ref IS NOT NULL AND sale_order_id IS NULL"
    )
    rows = cr.fetchall()
    env = api.Environment(cr, SUPERUSER_ID, {})
    for ticket_id, ref in rows:
        model, _sep, res_id = ref.partition(",")
        ticket = env["support.ticket"].browse(ticket_id)
        document = env[model].browse(int(res_id)).exists() if model in env else None
        if not document:
            continue
        if model == "sale.order":
            ticket.sale_order_id = document
        else:
            ticket.message_post(
                body=env._(
                    "Quotation made before sale quotations: %(doc)s.",
                    doc=document.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
