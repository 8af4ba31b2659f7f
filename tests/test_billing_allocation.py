"""Pure tests of support_billing/tools/allocation.py (B2, B3); no database."""

import datetime

import pytest
from pure import load_tools

al = load_tools("support_billing").allocation
Credit, Debit = al.Credit, al.Debit
D = datetime.date


def test_fifo_across_two_packs_and_reserved_hours():
    """B2/B3: debits draw the oldest credit first, then the next; overage beyond."""
    credits = [
        Credit("pack25", D(2026, 1, 5), 25, kind="pack"),
        Credit("res-feb", D(2026, 2, 1), 10, kind="reserved"),
        Credit("pack100", D(2026, 2, 10), 100, kind="pack"),
    ]
    debits = [
        Debit("t1", D(2026, 1, 20), 20),  # pack25: 5 left
        Debit("t2", D(2026, 2, 3), 8),  # pack25 5 + res-feb 3
        Debit("t3", D(2026, 2, 15), 110),  # res-feb 7 + pack100 100, 3 overage
    ]
    res = al.allocate(credits, debits)
    assert res.debits["t1"].parts == [("pack25", 20.0)]
    assert res.debits["t2"].parts == [("pack25", 5.0), ("res-feb", 3.0)]
    assert res.debits["t3"].parts == [("res-feb", 7.0), ("pack100", 100.0)]
    assert (res.debits["t3"].covered, res.debits["t3"].overage) == (107.0, 3.0)
    assert res.remaining == {"pack25": 0.0, "res-feb": 0.0, "pack100": 0.0}
    assert res.balance == 0.0
    assert res.overage == 3.0
    assert [line["balance"] for line in res.lines] == [25, 5, 15, 7, 107, 0]


def test_overage_without_credit():
    """B3: what the balance cannot cover is overage."""
    res = al.allocate([], [Debit("t1", D(2026, 3, 1), 1.5)])
    assert res.debits["t1"].overage == 1.5
    assert res.debits["t1"].covered == 0.0
    assert res.balance == 0.0
    assert res.lines[0]["balance"] == 0.0


def test_credit_never_expires():
    """B3: hours bought years ago still pay today's request."""
    res = al.allocate(
        [Credit("old", D(2020, 1, 1), 25)], [Debit("t", D(2026, 6, 1), 2)]
    )
    assert res.debits["t"].parts == [("old", 2.0)]
    assert res.balance == 23.0


def test_credit_does_not_pay_earlier_debit():
    """A pack bought after a request does not pay that request (overage stays)."""
    res = al.allocate(
        [Credit("late", D(2026, 1, 20), 25)], [Debit("t", D(2026, 1, 10), 2)]
    )
    assert res.debits["t"].overage == 2.0
    assert res.balance == 25.0
    assert [line["type"] for line in res.lines] == ["debit", "credit"]


def test_same_day_credit_comes_first():
    res = al.allocate([Credit("c", D(2026, 1, 1), 1)], [Debit("t", D(2026, 1, 1), 1)])
    assert res.debits["t"].overage == 0.0
    assert [line["type"] for line in res.lines] == ["credit", "debit"]


def test_same_day_order_is_given_order():
    credits = [Credit("a", D(2026, 1, 1), 1), Credit("b", D(2026, 1, 1), 1)]
    debits = [Debit("x", D(2026, 1, 2), 1.5), Debit("y", D(2026, 1, 2), 1)]
    res = al.allocate(credits, debits)
    assert res.debits["x"].parts == [("a", 1.0), ("b", 0.5)]
    assert res.debits["y"].parts == [("b", 0.5)]
    assert res.debits["y"].overage == 0.5


def test_exact_decimal_hours():
    """Thirty debits of 0.1 h on a 3 h credit leave exactly 0, no float dust."""
    debits = [Debit(i, D(2026, 1, 2), 0.1) for i in range(30)]
    res = al.allocate([Credit("c", D(2026, 1, 1), 3)], debits)
    assert res.balance == 0.0
    assert res.overage == 0.0
    res = al.allocate(
        [Credit("c", D(2026, 1, 1), 3)], [*debits, Debit("z", D(2026, 1, 3), 0.1)]
    )
    assert res.overage == 0.1


def test_zero_hour_entries():
    res = al.allocate([Credit("c", D(2026, 1, 1), 0)], [Debit("t", D(2026, 1, 1), 0)])
    assert res.debits["t"].parts == []
    assert res.balance == 0.0


def test_negative_hours_refused():
    with pytest.raises(ValueError):
        al.allocate([Credit("c", D(2026, 1, 1), -25)], [])
    with pytest.raises(ValueError):
        al.allocate([], [Debit("t", D(2026, 1, 1), -1)])


def test_statement_lines_shape():
    res = al.allocate(
        [Credit("c", D(2026, 1, 1), 2, label="Pack")],
        [Debit("t", D(2026, 1, 2), 3, label="T-1")],
    )
    credit, debit = res.lines
    assert credit == {
        "type": "credit",
        "key": "c",
        "date": D(2026, 1, 1),
        "label": "Pack",
        "hours": 2.0,
        "covered": 0.0,
        "overage": 0.0,
        "parts": [],
        "balance": 2.0,
    }
    assert debit["covered"] == 2.0
    assert debit["overage"] == 1.0
    assert debit["balance"] == 0.0
    assert debit["parts"] == [("c", 2.0)]
