"""Prices of the support suite: reserved-hour discounts (B3), pro rata of dated
add-on lines (B5), the migration quote (C5) and billing periods.

Amounts are computed with :class:`decimal.Decimal` and rounded half-up to
cents only at the end of each function; all figures are parameters (the addon
reads them from settings and data, DOMAIN.md: no figure is a constant).
"""

import calendar
import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .billed_time import to_hours

CENT = Decimal("0.01")

#: the two ways a discount band applies (B3)
MODE_WHOLE = "whole"  # the band reached by the whole quantity applies to all of it
MODE_PER_BAND = "per_band"  # each slice of hours gets the rate of its own band

#: DOMAIN.md B3 defaults: (from hours, up to hours, discount %); 0 = no limit
DEFAULT_BANDS = ((0, 10, 4), (10, 20, 6), (20, 50, 9), (50, 100, 11))


def money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _check_bands(bands):
    bands = sorted(
        (to_hours(lo), to_hours(hi), Decimal(str(pct))) for lo, hi, pct in bands
    )
    previous_hi = None
    for lo, hi, pct in bands:
        if lo < 0 or hi < 0 or (hi and hi <= lo):
            raise ValueError(f"invalid discount band {lo}-{hi} h")
        if not 0 <= pct <= 100:
            raise ValueError(f"invalid discount {pct}% (0 to 100)")
        if previous_hi is not None and (not previous_hi or lo < previous_hi):
            raise ValueError(f"discount band {lo}-{hi} h overlaps the previous one")
        previous_hi = hi
    return bands


def discount_segments(hours, bands=DEFAULT_BANDS, mode=MODE_WHOLE):
    """Split reserved ``hours`` into ``[(hours, discount %)]`` segments (B3).

    Bands are ``(from, to, percent)``; a band holds the quantities
    ``from <= q < to`` (like the minimum quantity of an Odoo pricelist: 10 h
    reach the 10-20 h band). ``to = 0`` means no upper limit; hours beyond the
    last band keep the last band's rate (buying more never lowers the
    discount), and gaps between bands or hours below the first band get none.

    ``MODE_WHOLE`` (the default): the band reached by the whole quantity
    applies to every hour, one segment. ``MODE_PER_BAND``: the hours inside
    each band get that band's rate, one segment per band (progressive, no
    cliff at the band limits).
    """
    if mode not in (MODE_WHOLE, MODE_PER_BAND):
        raise ValueError(f"unknown discount mode {mode!r}")
    hours = to_hours(hours)
    if hours < 0:
        raise ValueError("reserved hours cannot be negative")
    if not hours:
        return []
    bands = _check_bands(bands)
    if not bands:
        return [(float(hours), 0.0)]
    if mode == MODE_WHOLE:
        pct = Decimal(0)
        for index, (lo, hi, band_pct) in enumerate(bands):
            last = index == len(bands) - 1
            if lo <= hours and (last or not hi or hours < hi):
                pct = band_pct
        return [(float(hours), float(pct))]
    segments = []
    covered_to = Decimal(0)
    for index, (lo, hi, pct) in enumerate(bands):
        last = index == len(bands) - 1
        upper = None if (last or not hi) else hi
        if lo > covered_to:  # a gap (or the start below the first band): no discount
            gap = min(hours, lo) - covered_to
            if gap > 0:
                segments.append((gap, Decimal(0)))
            covered_to = min(hours, lo)
        if covered_to >= hours:
            break
        top = hours if upper is None else min(hours, upper)
        if top > covered_to:
            segments.append((top - covered_to, pct))
            covered_to = top
    # merge neighbours of equal rate (e.g. two bands with the same percent)
    merged = []
    for qty, pct in segments:
        if merged and merged[-1][1] == pct:
            merged[-1] = (merged[-1][0] + qty, pct)
        else:
            merged.append((qty, pct))
    return [(float(qty), float(pct)) for qty, pct in merged]


def reserved_hours_price(hours, hourly_rate, bands=DEFAULT_BANDS, mode=MODE_WHOLE):
    """Price of a month of reserved hours: a dict with ``gross``,
    ``discount``, ``net`` (amounts rounded to cents), ``percent`` (effective
    discount) and ``segments`` (see :func:`discount_segments`)."""
    rate = Decimal(str(hourly_rate))
    if rate < 0:
        raise ValueError("the hourly rate cannot be negative")
    segments = discount_segments(hours, bands, mode)
    gross = Decimal(0)
    net = Decimal(0)
    for qty, pct in segments:
        amount = to_hours(qty) * rate
        gross += amount
        net += amount * (1 - Decimal(str(pct)) / 100)
    gross, net = money(gross), money(net)
    percent = (gross - net) / gross * 100 if gross else Decimal(0)
    return {
        "gross": float(gross),
        "discount": float(gross - net),
        "net": float(net),
        "percent": float(percent.quantize(Decimal("0.0001"))),
        "segments": segments,
    }


# ------------------------------------------------------------ periods
def month_period(day):
    """``(first day, last day)`` of the calendar month of ``day``."""
    first = day.replace(day=1)
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return first, last


def next_period_start(day):
    """First day of the month after ``day``'s month."""
    _first, last = month_period(day)
    return last + datetime.timedelta(days=1)


def prorata(monthly_fee, period_start, period_end, line_start=None, line_end=None):
    """Share of ``monthly_fee`` for the days a dated line is in force in the
    period (inclusive dates, ``None`` = open). Returns ``(amount, days in
    force, days in period)``; the amount is rounded to cents.

    >>> prorata(1000, date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 16))
    (500.0, 15, 30)
    """
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    if line_start and line_end and line_end < line_start:
        raise ValueError("the line ends before it starts")
    period_days = (period_end - period_start).days + 1
    start = max(period_start, line_start) if line_start else period_start
    end = min(period_end, line_end) if line_end else period_end
    days = max(0, (end - start).days + 1)
    if days == period_days:
        return float(money(monthly_fee)), days, period_days
    amount = Decimal(str(monthly_fee)) * days / period_days
    return float(money(amount)), days, period_days


def hours_in_force(changes, period_start, default=0.0):
    """Reserved hours in force for the period starting ``period_start``.

    ``changes`` are ``(effective date, hours)``; a change made during a month
    carries the first day of the next month as effective date (B3: effective
    from the next period). The latest change effective on or before the
    period start wins; ``default`` if there is none.
    """
    hours = default
    best = None
    for effective, value in changes:
        if effective <= period_start and (best is None or effective >= best):
            best, hours = effective, value
    return hours


# ------------------------------------------------------------ migration
def migration_quote(
    code_lines,
    replaced_modules=0,
    hourly_rate=0.0,
    base_fee=5000.0,
    block_fee=1500.0,
    block_lines=1000,
    max_hours_per_module=4.0,
    module_hours=None,
):
    """Quote of a migration (C5).

    ``base_fee`` plus ``block_fee`` per *started* block of ``block_lines``
    lines of custom code, plus the labour of replacing community modules
    missing from the new version: ``module_hours`` (estimates per module) are
    capped at ``max_hours_per_module`` each; without estimates each of the
    ``replaced_modules`` counts the cap. Modules whose estimate exceeds the
    cap are reported in ``over_cap`` (a functional alternative is discussed).
    """
    code_lines = int(code_lines or 0)
    block_lines = int(block_lines)
    if code_lines < 0:
        raise ValueError("lines of custom code cannot be negative")
    if block_lines <= 0:
        raise ValueError("the block of lines must be positive")
    cap = to_hours(max_hours_per_module)
    if cap < 0:
        raise ValueError("the hours per module cannot be negative")
    if module_hours is None:
        if int(replaced_modules or 0) < 0:
            raise ValueError("the number of modules cannot be negative")
        module_hours = [cap] * int(replaced_modules or 0)
    estimates = [to_hours(h) for h in module_hours]
    if any(h < 0 for h in estimates):
        raise ValueError("a module estimate cannot be negative")
    blocks = int(
        (Decimal(code_lines) / block_lines).to_integral_value(rounding=ROUND_CEILING)
    )
    hours = sum((min(h, cap) for h in estimates), Decimal(0))
    base = money(base_fee)
    code = money(Decimal(str(block_fee)) * blocks)
    labour = money(hours * Decimal(str(hourly_rate)))
    return {
        "base": float(base),
        "blocks": blocks,
        "code": float(code),
        "module_count": len(estimates),
        "module_hours": float(hours),
        "modules": float(labour),
        "over_cap": [i for i, h in enumerate(estimates) if h > cap],
        "total": float(base + code + labour),
    }
