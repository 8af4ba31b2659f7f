"""Pure tests of support_ticket/tools/desk.py (T4 matrix, T5 queue order,
auto-assignment, email domains): no database."""

import importlib.util
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "support_ticket" / "tools" / "desk.py"
_spec = importlib.util.spec_from_file_location("support_ticket_desk", PATH)
desk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(desk)

# The one T4 table is desk.DEFAULT_MATRIX; t4_rule states T4 row by row as
# DOMAIN.md does, so that the table is checked, not copied.
T4 = desk.DEFAULT_MATRIX


def t4_rule(impact, urgency):
    """T4 in words: high urgency is critical system-wide, high otherwise;
    medium urgency is medium unless one user only; low urgency is low."""
    if urgency == "high":
        return "3" if impact == "system" else "2"
    if urgency == "medium":
        return "0" if impact == "single" else "1"
    return "0"


def test_desk_module_needs_no_odoo():
    text = PATH.read_text()
    assert "import odoo" not in text and "from odoo" not in text


@pytest.mark.parametrize("pair", [(i, u) for i in desk.IMPACTS for u in desk.URGENCIES])
def test_default_matrix_is_t4(pair):
    """T4: every cell of the default table, also the fallback of a lookup."""
    assert desk.DEFAULT_MATRIX[pair] == t4_rule(*pair)
    assert desk.lookup_priority({}, *pair) == t4_rule(*pair)


def test_default_matrix_is_complete_and_monotone():
    """T4: one cell per pair; a wider impact or a higher urgency never lowers
    the priority."""
    assert desk.matrix_problems(desk.DEFAULT_MATRIX) == ([], [])
    for i, impact in enumerate(desk.IMPACTS):
        for u, urgency in enumerate(desk.URGENCIES):
            cell = int(desk.DEFAULT_MATRIX[(impact, urgency)])
            if i:
                assert int(desk.DEFAULT_MATRIX[(desk.IMPACTS[i - 1], urgency)]) >= cell
            if u:
                assert int(desk.DEFAULT_MATRIX[(impact, desk.URGENCIES[u - 1])]) >= cell


def test_lookup_uses_the_edited_matrix():
    edited = {**T4, ("single", "medium"): "1"}
    assert desk.lookup_priority(edited, "single", "medium") == "1"
    assert desk.lookup_priority(edited, "system", "high") == "3"


@pytest.mark.parametrize(
    ("impact", "urgency"),
    [("galaxy", "high"), ("system", "yesterday"), (None, "low"), ("", "")],
)
def test_lookup_refuses_values_outside_the_matrix(impact, urgency):
    with pytest.raises(ValueError):
        desk.lookup_priority(T4, impact, urgency)


def test_lookup_refuses_an_unknown_priority_in_the_matrix():
    with pytest.raises(ValueError):
        desk.lookup_priority({("system", "high"): "7"}, "system", "high")


def test_matrix_problems():
    assert desk.matrix_problems(T4) == ([], [])
    missing, duplicated = desk.matrix_problems([*list(T4)[1:], ("single", "low")])
    assert missing == [("system", "high")]
    assert duplicated == [("single", "low")]


def test_queue_key_orders_business_critical_then_priority_then_arrival():
    """T5: business-critical first, then priority, then first come first served."""
    tickets = [
        ("low old", False, "0", 1),
        ("high", False, "2", 2),
        ("low new", False, "0", 3),
        ("month-end", True, "0", 4),
        ("critical", False, "3", 5),
        ("production down", True, "3", 6),
    ]
    ordered = sorted(tickets, key=lambda t: desk.queue_key(t[1], t[2], t[3]))
    assert [t[0] for t in ordered] == [
        "production down",
        "month-end",
        "critical",
        "high",
        "low old",
        "low new",
    ]


def test_round_robin_wraps():
    assert desk.pick_round_robin([], None) is None
    assert desk.pick_round_robin([7, 3, 5], None) == 3
    assert desk.pick_round_robin([7, 3, 5], 3) == 5
    assert desk.pick_round_robin([7, 3, 5], 5) == 7
    assert desk.pick_round_robin([7, 3, 5], 7) == 3
    # the last agent left the team
    assert desk.pick_round_robin([7, 3, 5], 6) == 7


def test_least_open():
    assert desk.pick_least_open({}) is None
    assert desk.pick_least_open({1: 4, 2: 1, 3: 2}) == 2
    # ties go round-robin after the last assigned member
    assert desk.pick_least_open({1: 1, 2: 1, 3: 5}, last_id=1) == 2
    assert desk.pick_least_open({1: 1, 2: 1, 3: 5}, last_id=2) == 1


@pytest.mark.parametrize(
    ("email", "domain", "company"),
    [
        ("alice@Acme.test", "acme.test", True),
        ("Eve <eve@gmail.com>", "gmail.com", False),
        ("no-at-sign", None, False),
        ("", None, False),
        ("root@localhost", "localhost", False),
    ],
)
def test_email_domain(email, domain, company):
    assert desk.email_domain(email) == domain
    assert desk.is_company_domain(domain) is company


def test_parse_email_domains_normalizes_and_reports_bad_entries():
    domains, invalid = desk.parse_email_domains(
        " Example.com, @example.FR;example.com "
    )
    assert domains == ("example.com", "example.fr")
    assert invalid == []
    _domains, invalid = desk.parse_email_domains("%.test, acme_test, ok.test, a..b")
    assert invalid == ["%.test", "acme_test", "a..b"]
    assert desk.parse_email_domains("") == ((), [])
    assert desk.parse_email_domains(None) == ((), [])
