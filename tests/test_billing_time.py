"""Pure tests of support_billing/tools/billed_time.py (B1, B4); no database."""

import pytest
from pure import load_tools

bt = load_tools("support_billing").billed_time


@pytest.mark.parametrize(
    "logged, expected",
    [
        (0.0, 0.5),  # B1: every request billed at least 30 minutes
        (0.1, 0.5),
        (0.5, 0.5),
        (0.51, 0.51),  # no rounding step: exact time above the minimum
        (2.75, 2.75),
    ],
)
def test_minimum_30_minutes(logged, expected):
    """B1: the 30-minute minimum, without rounding step."""
    assert bt.billed_hours(logged) == expected


@pytest.mark.parametrize(
    "logged, step, expected",
    [
        (0.51, 0.25, 0.75),
        (0.75, 0.25, 0.75),  # already a multiple: unchanged
        (1.0000001, 0.25, 1.0),  # float noise below a microhour is not rounded up
        (1.01, 0.25, 1.25),
        (0.2, 0.25, 0.5),  # the minimum wins over the step
        (1.1, 1.0, 2.0),
        (0.7, 1 / 6, 0.833333),  # 10-minute step, microhour precision
    ],
)
def test_rounding_step(logged, step, expected):
    """B1: the optional rounding step rounds up, then the minimum applies."""
    assert bt.billed_hours(logged, minimum=0.5, rounding_step=step) == pytest.approx(
        expected, abs=1e-5
    )


def test_sum_of_floats_is_exact():
    """1.1 + 2.2 hours logged is 3.3 billed, not 3.3000000000000003 rounded up."""
    assert bt.billed_hours(1.1 + 2.2, rounding_step=0.1) == 3.3


def test_other_minimum_and_no_minimum():
    assert bt.billed_hours(0.1, minimum=1.0) == 1.0
    assert bt.billed_hours(0.1, minimum=0.0) == 0.1
    assert bt.billed_hours(0.0, minimum=0.0) == 0.0


def test_not_billable_is_zero():
    assert bt.billed_hours(3.0, billable=False) == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"logged_hours": -0.1},
        {"logged_hours": 1, "minimum": -0.5},
        {"logged_hours": 1, "rounding_step": -0.25},
    ],
)
def test_bad_input_refused(kwargs):
    with pytest.raises(ValueError):
        bt.billed_hours(**kwargs)


def test_round_up_helper():
    assert float(bt.round_up(1.2, 0.5)) == 1.5
    assert float(bt.round_up(1.2, 0)) == 1.2


@pytest.mark.parametrize(
    "estimate, logged, threshold, expected",
    [
        (0, 0, 8, False),
        (8, 0, 8, False),  # B4: "over 8 hours": exactly 8 is support
        (8.01, 0, 8, True),
        (0, 8.5, 8, True),  # logged time alone crosses it
        (9, 2, 8, True),  # the estimate alone crosses it
        (5, 5, 4, True),  # another threshold (a setting)
        (100, 100, 0, False),  # 0 disables the rule
    ],
)
def test_change_request_threshold(estimate, logged, threshold, expected):
    """B4: a request over the threshold is a change request."""
    assert bt.is_change_request(estimate, logged, threshold) is expected


def test_change_request_negative_threshold():
    with pytest.raises(ValueError):
        bt.is_change_request(1, 1, -1)
