"""Pure tests of support_portal/tools/statement.py and of the error messages
of support_portal/tools/ticket_form.py (T7, L1-L5, B2-B5); no database."""

import datetime

from pure import load_tools

tools = load_tools("support_portal")
st = tools.statement
tf = tools.ticket_form
D = datetime.date


# ------------------------------------------------------------ percent
def test_percent_and_average():
    assert st.percent(3, 4) == 75.0
    assert st.percent(0, 0) == 0.0
    assert st.average([5, 3, 1]) == 3.0
    assert st.average([]) == 0.0


# ------------------------------------------------------------ service levels
def test_sla_groups_are_ordered_by_target_then_priority():
    outcomes = [
        ("resolution", "2", True),
        ("response", "3", False),
        ("response", "3", True),
        ("response", None, True),
        ("unknown", "1", False),
    ]
    groups = st.sla_groups(outcomes, ["response", "resolution"])
    assert groups == [
        (("response", "0"), 1, 0),
        (("response", "3"), 1, 1),
        (("resolution", "2"), 1, 0),
        (("unknown", "1"), 0, 1),
    ]
    assert st.sla_totals(groups) == (3, 2, 60.0)


def test_sla_totals_without_decided_target():
    assert st.sla_totals([]) == (0, 0, 0.0)


# ------------------------------------------------------------ hours
def _row(day, kind, **vals):
    row = {"date": day, "type": kind, "source": "", "credit": 0.0}
    row.update({"debit": 0.0, "overage": 0.0, "balance": 0.0})
    row.update(vals)
    return row


def test_hours_summary_of_the_month():
    rows = [
        _row(D(2026, 2, 27), "credit", source="reserved", credit=9.0, balance=9.0),
        _row(D(2026, 3, 1), "credit", source="reserved", credit=5.0, balance=14.0),
        _row(D(2026, 3, 4), "credit", source="purchase", credit=10.0, balance=24.0),
        _row(D(2026, 3, 9), "debit", debit=2.5, balance=21.5),
        _row(D(2026, 3, 30), "debit", debit=4.0, overage=1.5, balance=17.5),
        _row(D(2026, 4, 2), "debit", debit=1.0, balance=16.5),
    ]
    totals, drawn = st.hours_summary(rows, D(2026, 3, 1), D(2026, 3, 31))
    assert totals == {
        "reserved": 5.0,
        "purchased": 10.0,
        "drawn": 6.5,
        "overage": 1.5,
        "balance": 17.5,
    }
    assert [row["debit"] for row in drawn] == [2.5, 4.0]


def test_hours_summary_without_rows():
    totals, drawn = st.hours_summary([], D(2026, 3, 1), D(2026, 3, 31))
    assert totals["balance"] == 0.0 and totals["drawn"] == 0.0
    assert drawn == []


# ------------------------------------------------------------ error messages
def _translate(text, **params):
    """A stand-in for ``env._``: marks the text as translated."""
    return "[t] " + (text % params if params else text)


def test_error_messages_are_translated_and_filled_in():
    messages = tf.error_messages(
        _translate,
        {
            "name": ("too_long", {"max": 200, "length": 250}),
            "attachments": ("file_size", {"name": "a.log", "max_mb": 1}),
            "__form__": ("no-such-code", {}),
        },
    )
    assert messages["name"] == (
        "[t] Please keep it under 200 characters (you typed 250)."
    )
    assert messages["attachments"] == "[t] a.log is larger than 1 MB."
    assert messages["__form__"] == "[t] This value is not valid."


def test_echo_form_keeps_only_the_form_fields():
    echoed = tf.echo_form(
        {"name": "Printer\x00 down", "stage_id": "1", "description": "x" * 30000}
    )
    assert echoed["name"] == "Printer down"
    assert "stage_id" not in echoed
    assert len(echoed["description"]) == tf.DESCRIPTION_MAX


def test_check_text_of_replies_and_feedback():
    assert tf.check_text("All good now, thanks.", 2000) is None
    assert tf.check_text("a\x00b", 2000) == ("control_chars", {})
    assert tf.check_text("z" * 11, 10) == ("too_long", {"max": 10, "length": 11})


def test_reply_error():
    assert tf.reply_error(True, "thanks", False, 100) == ("closed", {})
    assert tf.reply_error(False, "", False, 100) == ("required", {})
    assert tf.reply_error(False, "", True, 100) is None
    assert tf.reply_error(False, "a\x00", False, 100) == ("control_chars", {})
    assert tf.reply_error(False, "ok", False, 100) is None
