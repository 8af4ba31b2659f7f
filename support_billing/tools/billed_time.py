"""Billed time of one request and the change-request threshold (B1, B4).

Pure functions, no ``odoo`` import: the addon and the top-level pytest files
both use them. Hours are handled as :class:`decimal.Decimal` internally so that
1.1 + 2.2 hours never becomes 3.3000000000000003 and a rounding step of 0.25
never turns 1.0000000001 h into 1.25 h; the results are returned as floats.
"""

from decimal import ROUND_CEILING, Decimal

#: precision of hour quantities: a microhour (3.6 ms), far below any timesheet
HOUR_QUANTUM = Decimal("0.000001")


def to_hours(value):
    """Return ``value`` (int, float, str or Decimal) as a quantized Decimal."""
    if value is None or value is False:
        return Decimal(0)
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(HOUR_QUANTUM)


def round_up(hours, step):
    """Round ``hours`` up to the next multiple of ``step`` (no rounding if 0)."""
    hours = to_hours(hours)
    step = to_hours(step)
    if step < 0:
        raise ValueError("the rounding step cannot be negative")
    if not step:
        return hours
    return (hours / step).to_integral_value(rounding=ROUND_CEILING) * step


def billed_hours(logged_hours, minimum=0.5, rounding_step=0.0, billable=True):
    """Hours billed for one request (B1).

    A billable request is billed its logged time rounded up to
    ``rounding_step`` (0 = no rounding), and never less than ``minimum``
    (30 minutes by default), even when no time was logged: B1 says every
    request is billed at least the minimum. A request that is not billable is
    billed nothing.

    >>> billed_hours(0.2), billed_hours(0.8, rounding_step=0.25)
    (0.5, 1.0)
    """
    logged = to_hours(logged_hours)
    minimum = to_hours(minimum)
    if logged < 0:
        raise ValueError("logged time cannot be negative")
    if minimum < 0:
        raise ValueError("the minimum billed time cannot be negative")
    if not billable:
        return 0.0
    return float(max(round_up(logged, rounding_step), minimum))


def is_change_request(estimate_hours=0.0, logged_hours=0.0, threshold=8.0):
    """True when the request is a change request (B4).

    A request whose estimate or logged time is *over* the threshold (8 hours
    by default) is a change request: it is quoted, not drawn from the hours
    balance. Exactly the threshold is still support. A threshold of 0
    disables the rule.
    """
    threshold = to_hours(threshold)
    if threshold < 0:
        raise ValueError("the change-request threshold cannot be negative")
    if not threshold:
        return False
    return max(to_hours(estimate_hours), to_hours(logged_hours)) > threshold
