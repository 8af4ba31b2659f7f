"""Pure tests of support_ticket/tools/monitoring.py (T1): the nesting of an
alert's JSON body is measured without parsing it; no database."""

import importlib

from pure import load_tools

mon = importlib.import_module(load_tools("support_ticket").__name__ + ".monitoring")


def test_depth_is_measured_without_recursion():
    assert mon.json_too_deep("[" * 10000 + "]" * 10000, mon.MAX_JSON_DEPTH)
    assert not mon.json_too_deep('{"a": {"b": [1, 2]}}', 3)
    assert mon.json_too_deep('{"a": {"b": [1, 2]}}', 2)


def test_brackets_in_strings_do_not_count():
    assert not mon.json_too_deep('{"summary": "[[[[{{{{"}', 1)
    assert not mon.json_too_deep('{"summary": "quote \\" [[[["}', 1)
