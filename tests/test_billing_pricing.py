"""Pure tests of support_billing/tools/pricing.py (B3, B5, C5); no database."""

import datetime

import pytest
from pure import load_tools

pr = load_tools("support_billing").pricing
D = datetime.date


# ------------------------------------------------------------ discount bands
@pytest.mark.parametrize(
    "hours, percent",
    [
        (5, 4),
        (9.99, 4),
        (10, 6),  # a band holds from <= q < to: 10 h reach the 10-20 h band
        (15, 6),
        (20, 9),
        (49.5, 9),
        (50, 11),
        (100, 11),
        (150, 11),  # beyond the last band: the last rate continues
    ],
)
def test_whole_quantity_band(hours, percent):
    """B3, whole-quantity mode (default): one rate for every hour."""
    assert pr.discount_segments(hours) == [(float(hours), float(percent))]


@pytest.mark.parametrize(
    "hours, segments",
    [
        (5, [(5.0, 4.0)]),
        (10, [(10.0, 4.0)]),
        (15, [(10.0, 4.0), (5.0, 6.0)]),
        (30, [(10.0, 4.0), (10.0, 6.0), (10.0, 9.0)]),
        (120, [(10.0, 4.0), (10.0, 6.0), (30.0, 9.0), (70.0, 11.0)]),
    ],
)
def test_per_band_segments(hours, segments):
    """B3, per-band mode: each slice of hours at its own band's rate."""
    assert pr.discount_segments(hours, mode=pr.MODE_PER_BAND) == segments


def test_reserved_price_both_ways():
    """B3 with exact amounts: 15 h at 100/h."""
    whole = pr.reserved_hours_price(15, 100)
    assert whole["gross"] == 1500.0
    assert whole["net"] == 1410.0  # 6% of 1500 = 90
    assert whole["discount"] == 90.0
    assert whole["percent"] == 6.0
    per_band = pr.reserved_hours_price(15, 100, mode=pr.MODE_PER_BAND)
    assert per_band["net"] == 1430.0  # 10*100*0.96 + 5*100*0.94 = 960 + 470
    assert per_band["discount"] == 70.0
    assert per_band["percent"] == pytest.approx(4.6667)


def test_whole_mode_cliff_is_real():
    """The documented side effect of whole-quantity: 20 h cost less than 19.5 h."""
    assert pr.reserved_hours_price(20, 100)["net"] == 1820.0
    assert pr.reserved_hours_price(19.5, 100)["net"] == 1833.0
    assert (
        pr.reserved_hours_price(19.5, 100, mode="per_band")["net"] == 1853.0
    )  # 960 + 893


def test_bands_are_data():
    bands = [(0, 5, 0), (5, 0, 10)]  # 0 = no upper limit
    assert pr.discount_segments(8, bands) == [(8.0, 10.0)]
    assert pr.discount_segments(8, bands, pr.MODE_PER_BAND) == [(5.0, 0.0), (3.0, 10.0)]
    assert pr.discount_segments(8, []) == [(8.0, 0.0)]


def test_gap_between_bands_gets_no_discount():
    bands = [(0, 10, 4), (20, 50, 9)]
    assert pr.discount_segments(15, bands) == [(15.0, 0.0)]
    assert pr.discount_segments(30, bands, pr.MODE_PER_BAND) == [
        (10.0, 4.0),
        (10.0, 0.0),
        (10.0, 9.0),
    ]


def test_equal_rates_merge():
    bands = [(0, 10, 5), (10, 20, 5)]
    assert pr.discount_segments(15, bands, pr.MODE_PER_BAND) == [(15.0, 5.0)]


def test_zero_hours():
    assert pr.discount_segments(0) == []
    assert pr.reserved_hours_price(0, 100)["net"] == 0.0


@pytest.mark.parametrize(
    "bands",
    [
        [(0, 10, 4), (5, 20, 6)],  # overlap
        [(10, 5, 4)],  # upside down
        [(0, 10, 120)],  # more than 100%
        [(-1, 10, 4)],
        [(0, 0, 4), (10, 20, 6)],  # unbounded band followed by another
    ],
)
def test_bad_bands_refused(bands):
    with pytest.raises(ValueError):
        pr.discount_segments(15, bands)


def test_bad_reserved_input_refused():
    with pytest.raises(ValueError):
        pr.discount_segments(-1)
    with pytest.raises(ValueError):
        pr.discount_segments(5, mode="nope")
    with pytest.raises(ValueError):
        pr.reserved_hours_price(5, -100)


# ------------------------------------------------------------------ periods
def test_month_period():
    assert pr.month_period(D(2026, 2, 17)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert pr.month_period(D(2028, 2, 1)) == (D(2028, 2, 1), D(2028, 2, 29))
    assert pr.next_period_start(D(2026, 12, 31)) == D(2027, 1, 1)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (None, None, (1000.0, 30, 30)),
        (D(2026, 4, 16), None, (500.0, 15, 30)),
        (None, D(2026, 4, 10), (333.33, 10, 30)),
        (D(2026, 4, 11), D(2026, 4, 20), (333.33, 10, 30)),
        (D(2026, 3, 1), D(2026, 5, 31), (1000.0, 30, 30)),
        (D(2026, 5, 1), None, (0.0, 0, 30)),  # starts after the period
        (None, D(2026, 3, 31), (0.0, 0, 30)),  # ended before
        (D(2026, 4, 30), D(2026, 4, 30), (33.33, 1, 30)),
    ],
)
def test_prorata(start, end, expected):
    """B5: a dated add-on line is billed for its days in force."""
    assert pr.prorata(1000, D(2026, 4, 1), D(2026, 4, 30), start, end) == expected


def test_prorata_february():
    assert pr.prorata(1500, D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 15)) == (
        750.0,
        14,
        28,
    )


def test_prorata_bad_dates():
    with pytest.raises(ValueError):
        pr.prorata(10, D(2026, 4, 30), D(2026, 4, 1))
    with pytest.raises(ValueError):
        pr.prorata(10, D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 20), D(2026, 4, 10))


def test_hours_in_force_next_period():
    """B3: a change made in March is effective from April 1st."""
    changes = [(D(2026, 1, 1), 10), (D(2026, 4, 1), 20)]
    assert pr.hours_in_force(changes, D(2026, 3, 1)) == 10
    assert pr.hours_in_force(changes, D(2026, 4, 1)) == 20
    assert pr.hours_in_force(changes, D(2025, 12, 1), default=0) == 0
    assert pr.hours_in_force(list(reversed(changes)), D(2026, 5, 1)) == 20


# ---------------------------------------------------------------- migration
@pytest.mark.parametrize(
    "lines, blocks, total",
    [
        (0, 0, 5000.0),
        (1, 1, 6500.0),  # a started block counts
        (1000, 1, 6500.0),
        (1001, 2, 8000.0),
        (12500, 13, 24500.0),
    ],
)
def test_migration_quote_blocks(lines, blocks, total):
    """C5: 5,000 plus 1,500 per started 1,000 lines."""
    quote = pr.migration_quote(lines)
    assert quote["blocks"] == blocks
    assert quote["total"] == total


def test_migration_quote_modules_capped():
    """C5: at most 4 hours per replaced community module."""
    quote = pr.migration_quote(2500, replaced_modules=3, hourly_rate=120)
    assert quote["module_hours"] == 12.0
    assert quote["modules"] == 1440.0
    assert quote["total"] == 5000 + 3 * 1500 + 1440
    estimated = pr.migration_quote(2500, hourly_rate=120, module_hours=[2, 4, 9.5])
    assert estimated["module_hours"] == 10.0  # 2 + 4 + 4 (capped)
    assert estimated["over_cap"] == [2]
    assert estimated["total"] == 9500 + 1200.0


def test_migration_quote_other_settings():
    quote = pr.migration_quote(
        3000,
        1,
        100,
        base_fee=1000,
        block_fee=200,
        block_lines=500,
        max_hours_per_module=2,
    )
    assert quote["total"] == 1000 + 6 * 200 + 200


@pytest.mark.parametrize(
    "kwargs",
    [
        {"code_lines": -1},
        {"code_lines": 10, "block_lines": 0},
        {"code_lines": 10, "replaced_modules": -2},
        {"code_lines": 10, "module_hours": [-1]},
        {"code_lines": 10, "max_hours_per_module": -4},
    ],
)
def test_migration_quote_bad_input(kwargs):
    with pytest.raises(ValueError):
        pr.migration_quote(**kwargs)
