"""Pure arithmetic of the monthly service statement (T7, L1-L5, B2-B5).

No ``odoo`` import: the statement model reads the stored records and passes
plain values here; the results are the figures and rows it stores.
"""

from collections import defaultdict


def percent(hits, total):
    """``100 * hits / total``, 0.0 when nothing was counted."""
    return 100.0 * hits / total if total else 0.0


def sla_groups(outcomes, target_order):
    """Count met and breached targets by ``(target type, priority)``.

    ``outcomes`` = ``[(target_type, priority, met)]``; returns
    ``[((target_type, priority), met, breached)]`` in the order of
    ``target_order`` (unknown types last), then by priority."""
    groups = defaultdict(lambda: [0, 0])
    for target, priority, met in outcomes:
        groups[(target, priority or "0")][0 if met else 1] += 1
    order = {key: i for i, key in enumerate(target_order)}
    return [
        (key, met, breached)
        for key, (met, breached) in sorted(
            groups.items(), key=lambda item: (order.get(item[0][0], 9), item[0][1])
        )
    ]


def sla_totals(groups):
    """``(met, breached, compliance %)`` of the rows of ``sla_groups``."""
    met = sum(row[1] for row in groups)
    breached = sum(row[2] for row in groups)
    return met, breached, percent(met, met + breached)


def hours_summary(rows, date_start, date_end):
    """Totals of the hours ledger for the month ``[date_start, date_end]``.

    ``rows`` are the ledger rows (``date``, ``type``, ``source``, ``credit``,
    ``debit``, ``overage``, ``balance``) in date order. Returns
    ``(totals, drawn_rows)``: the reserved, purchased, drawn and extra hours
    of the month and the balance at its end; the debit rows of the month."""
    totals = dict.fromkeys(("reserved", "purchased", "drawn", "overage"), 0.0)
    totals["balance"] = 0.0
    drawn_rows = []
    for row in rows:
        day = row["date"]
        if day <= date_end:
            totals["balance"] = row["balance"]
        if not date_start <= day <= date_end:
            continue
        if row["type"] == "credit":
            key = "reserved" if row["source"] == "reserved" else "purchased"
            totals[key] += row["credit"]
            continue
        totals["drawn"] += row["debit"]
        totals["overage"] += row["overage"]
        drawn_rows.append(row)
    return totals, drawn_rows


def average(values):
    """Mean of ``values``, 0.0 when empty."""
    values = list(values)
    return sum(values) / len(values) if values else 0.0
