"""Pure tests of support_sla/tools/business_format.py: business time is shown
as hours and minutes of work, never as 24-hour days."""

import doctest

import pytest
from pure import ROOT, load_tools

tools = load_tools("support_sla")
from support_sla_pure_tools import business_format

fmt = business_format.format_business_minutes


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (0.4, "0 min"),
        (59.6, "1 h 00 min"),
        (45, "45 min"),
        (60, "1 h 00 min"),
        (330, "5 h 30 min"),
        # 10 business days of 9 hours: 90 hours of work, not "3d 18h00"
        (10 * 9 * 60, "90 h 00 min"),
        (24 * 60, "24 h 00 min"),
        (-65, "-1 h 05 min"),
        (-0.2, "0 min"),
    ],
)
def test_format_business_minutes(minutes, text):
    assert fmt(minutes) == text


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (0, "0 h"),
        (None, "0 h"),
        (10, "10 h"),
        (45.65, "45 h 39 min"),
        (0.75, "45 min"),
        (1 / 60, "1 min"),
        (99.999, "100 h"),
        (-1.5, "-1 h 30 min"),
        (-0.001, "0 h"),
    ],
)
def test_format_hours(hours, text):
    assert business_format.format_hours(hours) == text


def test_hours_never_clock_times():
    for hours in (10, 45.65, 0.5, 123.25):
        assert ":" not in business_format.format_hours(hours)


def test_never_days():
    for minutes in (1440, 5400, 100000):
        assert "d" not in fmt(minutes).replace("min", "")


def test_doctests():
    assert doctest.testmod(business_format).failed == 0


def test_module_needs_no_odoo():
    text = (ROOT / "support_sla" / "tools" / "business_format.py").read_text()
    assert "import odoo" not in text and "from odoo" not in text
