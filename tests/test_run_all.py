"""benchmarks/run_all.py: the RESULT line parser, the rows of a script's run,
the tables and the list of benchmarks (pure: nothing is run)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location(
    "support_bench_run_all", ROOT / "benchmarks" / "run_all.py"
)
run_all = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(run_all)

OUTPUT = (
    "setup: 1000 tickets\n"
    "RESULT\t1,000 tickets in one create(), per ticket\t7.6 queries, 6.1 ms"
    "\t<= 8 queries, <= 8 ms\tok\n"
    "noise RESULT\tnot\ta\tresult\tok\n"
    "RESULT\tadd_days\t130 us\t<= 20 us\tFAIL\r\n"
)


def test_parse_results_reads_figures_and_statuses():
    rows, malformed = run_all.parse_results(OUTPUT)
    assert rows == [
        (
            "1,000 tickets in one create(), per ticket",
            "7.6 queries, 6.1 ms",
            "<= 8 queries, <= 8 ms",
            True,
        ),
        ("add_days", "130 us", "<= 20 us", False),
    ]
    assert malformed == []


def test_parse_results_is_tolerant_of_spaces_and_case():
    rows, malformed = run_all.parse_results("RESULT\t fig \t 1 ms \t <= 2 ms \t OK \n")
    assert rows == [("fig", "1 ms", "<= 2 ms", True)]
    assert not malformed
    rows, _malformed = run_all.parse_results("RESULT\tfig\t1\t2\tfail")
    assert rows == [("fig", "1", "2", False)]


def test_parse_results_reports_malformed_lines():
    text = "RESULT\tno status\t1 ms\nRESULT\tfig\t1\t2\tmaybe\nRESULT\t\t1\t2\tok\n"
    rows, malformed = run_all.parse_results(text)
    assert rows == []
    assert len(malformed) == 3


def test_parse_results_keeps_a_tab_in_the_goal():
    rows, _malformed = run_all.parse_results("RESULT\tfig\t1\ta\tb\tok")
    assert rows == [("fig", "1", "a\tb", True)]


def test_script_without_result_is_a_fail_row():
    rows = run_all.script_rows("ticket_create.py", "Traceback ...\n", 1)
    assert rows == [("ticket_create.py", "no RESULT line (exit status 1)", "-", False)]


def test_script_failing_without_fail_line_gets_a_fail_row():
    rows = run_all.script_rows("x.py", "RESULT\tfig\t1\t2\tok\n", 2)
    assert rows[-1] == ("x.py", "exit status 2", "0", False)
    # a failed check already says FAIL: no extra row
    rows = run_all.script_rows("soak.py", "RESULT\tfig\t1\t2\tFAIL\n", 1)
    assert rows == [("fig", "1", "2", False)]


def test_script_rows_report_malformed_lines():
    rows = run_all.script_rows("x.py", "RESULT\tfig\t1\t2\tok\nRESULT\tbad\n", 0)
    assert rows[0] == ("fig", "1", "2", True)
    assert rows[1][0] == "x.py: malformed line"
    assert rows[1][3] is False


def test_format_table_aligns_columns():
    rows = [("a figure", "1 ms", "<= 2 ms", True), ("b", "30 queries", "<= 8", False)]
    lines = run_all.format_table(rows).splitlines()
    assert lines[0].split() == ["figure", "measured", "goal", "ok"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split("  ")[0] == "a figure"
    assert lines[3].endswith("FAIL")
    starts = {
        line.index(word) for line, word in zip(lines[2:], ["1 ms", "30 q"], strict=True)
    }
    assert len(starts) == 1  # the measured column starts at the same place


def test_format_markdown_escapes_pipes():
    table = run_all.format_markdown([("a | b", "1", "<= 2", True)])
    assert table.splitlines() == [
        "| figure | measured | goal | ok |",
        "|---|---|---|---|",
        "| a \\| b | 1 | <= 2 | ok |",
    ]


def test_plan_lists_known_then_discovered_scripts(tmp_path):
    (tmp_path / "bench_business_time.py").write_text("print('pure')")
    (tmp_path / "bench_billing.py").write_text("print('pure')")  # not a figure
    (tmp_path / "soak.py").write_text("# --odoo-config")
    (tmp_path / "new_bench.py").write_text("parser.add_argument('--odoo-config')")
    (tmp_path / "pure_bench.py").write_text("print('RESULT')")
    (tmp_path / "_helper.py").write_text("")
    (tmp_path / "run_all.py").write_text("")
    todo, missing = run_all.plan(tmp_path)
    names = [name for name, _db, _extra in todo]
    assert names == [
        "bench_business_time.py",
        "soak.py",
        "new_bench.py",
        "pure_bench.py",
    ]
    needs_db = {n: db for n, db, _e in todo}
    assert needs_db["new_bench.py"] is True
    assert needs_db["pure_bench.py"] is False
    assert "ticket_create.py" in missing and "soak.py" not in missing
    todo, missing = run_all.plan(tmp_path, only=["soak.py"])
    assert [n for n, _db, _e in todo] == ["soak.py"] and missing == []
    todo, _missing = run_all.plan(tmp_path, skip=["soak.py"])
    assert "soak.py" not in [n for n, _db, _e in todo]


def test_the_listed_database_benchmarks_take_the_database_arguments():
    listed = {name: needs_db for name, needs_db, _extra in run_all.BENCHMARKS}
    assert listed["soak.py"] and listed["ticket_create.py"]
    assert not listed["bench_business_time.py"]
