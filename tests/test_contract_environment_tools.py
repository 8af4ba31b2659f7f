"""Pure tests of support_contract/tools/environment.py (issue 14); no database."""

from pure import load_tools

envt = load_tools("support_contract").environment

HEADER = "module,origin,version,lines\n"


def test_good_file_any_column_order():
    rows, errors = envt.parse_module_csv(
        "\ufefforigin,lines,module,version\n"
        "customer_custom,1_200,acme_x,1.0\n"
        "\n"
        "odoo_community,,sale,18.0\n"
    )
    assert errors == []
    assert [(r["name"], r["lines"], r["line"]) for r in rows] == [
        ("acme_x", 1200, 2),
        ("sale", 0, 4),
    ]


def test_every_bad_row_reported_with_its_line_nothing_returned():
    rows, errors = envt.parse_module_csv(
        HEADER
        + "crm,odoo_community,18.0,0\n"
        + "acme_x,vendor,1.0,10\n"
        + "acme_y,customer_custom,1.0,-4\n"
        + "acme_z,customer_custom,1.0,1.5\n"
        + ",customer_custom,1.0,3\n"
        + "Bad Name,customer_custom,1.0,3\n"
        + "crm,odoo_community,18.0,0\n"
        + "a,b\n"
    )
    assert rows == []
    assert [(line, code) for line, code, _p in errors] == [
        (3, "origin_unknown"),
        (4, "lines_negative"),
        (5, "lines_not_integer"),
        (6, "name_empty"),
        (7, "name_invalid"),
        (8, "duplicate"),
        (9, "column_count"),
    ]


def test_header_required_and_empty_file():
    assert envt.parse_module_csv("sale,odoo_community,18.0,0\n")[1][0][:2] == (
        1,
        "bad_header",
    )
    assert envt.parse_module_csv("")[1] == [(1, "empty_file", {})]


def test_messages_name_the_line():
    _, errors = envt.parse_module_csv(HEADER + "x,vendor,1,1\n")
    messages = envt.error_lines(lambda s, **kw: s % kw, errors)
    assert messages == [
        'Line 2: unknown origin "vendor" (expected one of '
        + ", ".join(envt.ORIGINS)
        + ")"
    ]


def test_custom_code_counts_customer_code_only():
    modules = [
        ("customer_custom", 100),
        ("provider_localisation", 50),
        ("oca_third_party", 20),
        ("customer_custom", None),
    ]
    assert envt.custom_code_lines(modules) == 100


def test_split_new_and_existing():
    rows = [{"name": "a"}, {"name": "b"}]
    assert envt.split_new_and_existing(rows, {"b"}) == (
        [{"name": "a"}],
        [{"name": "b"}],
    )
