"""How business time is shown (pure Python, no Odoo import).

Business minutes are minutes of *working* time on a contract's calendar: 90
hours of work are "90 h 00 min", never "3d 18h00" (which reads as 24-hour
days). ``h`` and ``min`` are the unit symbols of the SI brochure and read the
same in English, French and Swedish, so the text needs no translation.
"""

__all__ = ["format_business_minutes", "format_hours"]


def format_business_minutes(minutes):
    """``minutes`` of business time as hours and minutes of work.

    Rounded to the whole minute; under an hour only the minutes are shown;
    a negative value (an overdue clock) keeps its sign.

    >>> format_business_minutes(5400)
    '90 h 00 min'
    >>> format_business_minutes(45.4)
    '45 min'
    >>> format_business_minutes(-65)
    '-1 h 05 min'
    """
    total = round(minutes)
    sign = "-" if total < 0 else ""
    hours, mins = divmod(abs(total), 60)
    if not hours:
        return f"{sign}{mins} min"
    return f"{sign}{hours} h {mins:02d} min"


def format_hours(hours):
    """A number of ``hours`` (a float, as Odoo stores time) as a duration.

    Hours read as hours and minutes of work, never as a time of day
    ("45:39"): whole hours drop their minutes, under an hour only the minutes
    are shown, a negative balance keeps its sign.

    >>> format_hours(10)
    '10 h'
    >>> format_hours(45.65)
    '45 h 39 min'
    >>> format_hours(0.75)
    '45 min'
    >>> format_hours(-1.5)
    '-1 h 30 min'
    >>> format_hours(0)
    '0 h'
    """
    total = round((hours or 0.0) * 60)
    sign = "-" if total < 0 else ""
    whole, mins = divmod(abs(total), 60)
    if not mins:
        return f"{sign}{whole} h"
    if not whole:
        return f"{sign}{mins} min"
    return f"{sign}{whole} h {mins:02d} min"
