"""Customer environments: module origins, the custom-code count and the CSV
import of an environment's modules (pure: no ``odoo`` import).

The import reads ``module,origin,version,lines`` (header required, in any
column order, extra columns refused). Every row is checked before anything is
written: :func:`parse_module_csv` returns the rows *and* every error, each
with its line number in the file (the header is line 1), so that the caller
writes all rows or none.

A module already on the environment is **updated** (origin, version, lines):
re-importing the export of a newer state of the database is the normal case.
A module named twice in the same file is an error (which line would win?).
"""

import csv
import io
import re

# Code ownership (S5): who wrote the module, hence who fixes its bugs.
ORIGINS = (
    "odoo_community",
    "odoo_enterprise",
    "oca_third_party",
    "provider_localisation",
    "customer_custom",
)
# Origins whose lines are the customer's custom code (C2, C5). The provider's
# localisation modules are the provider's product, maintained for all its
# customers and fixed free of charge (S3): they do not count.
CUSTOM_CODE_ORIGINS = frozenset({"customer_custom"})

COLUMNS = ("module", "origin", "version", "lines")
# Odoo module technical names: lowercase letters, digits and underscores.
_TECHNICAL_NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_VERSION = re.compile(r"^[0-9A-Za-z.+-]{0,32}$")
MAX_LINES = 10_000_000


def is_technical_name(name):
    """True for a valid Odoo module technical name."""
    return bool(name) and bool(_TECHNICAL_NAME.match(name))


def custom_code_lines(modules):
    """Lines of custom code of ``modules``, an iterable of ``(origin, lines)``."""
    return sum(lines or 0 for origin, lines in modules if origin in CUSTOM_CODE_ORIGINS)


def _parse_lines(raw):
    """``(lines, error_code)`` of a ``lines`` cell: a non-negative integer."""
    raw = (raw or "").strip().replace("_", "")
    if not raw:
        return 0, None
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        return None, "lines_not_integer"
    value = int(raw)
    if value < 0:
        return None, "lines_negative"
    if value > MAX_LINES:
        return None, "lines_too_large"
    return value, None


def _check_header(header):
    """Error code of a header row, or None. Returns (columns map, code)."""
    names = [(cell or "").strip().lower() for cell in header]
    if sorted(names) != sorted(COLUMNS):
        return None, "bad_header"
    return {name: names.index(name) for name in COLUMNS}, None


def _parse_row(cells, columns):
    """``(row, errors)`` of one data row; ``row`` is a dict or None."""
    if len(cells) != len(COLUMNS):
        return None, [("column_count", {"count": len(cells)})]
    name = cells[columns["module"]].strip()
    origin = cells[columns["origin"]].strip().lower()
    version = cells[columns["version"]].strip()
    errors = []
    if not name:
        errors.append(("name_empty", {}))
    elif not is_technical_name(name):
        errors.append(("name_invalid", {"name": name}))
    if origin not in ORIGINS:
        errors.append(("origin_unknown", {"origin": origin}))
    if not _VERSION.match(version):
        errors.append(("version_invalid", {"version": version}))
    lines, code = _parse_lines(cells[columns["lines"]])
    if code:
        errors.append((code, {"lines": cells[columns["lines"]].strip()}))
    if errors:
        return None, errors
    return {"name": name, "origin": origin, "version": version, "lines": lines}, []


def parse_module_csv(text):
    """Parse a module list: ``(rows, errors)``.

    ``rows``: dicts ``name, origin, version, lines, line`` (line number in the
    file), only when there is no error at all. ``errors``: ``(line, code,
    params)`` tuples, in file order; codes are ``empty_file``, ``bad_header``,
    ``column_count``, ``name_empty``, ``name_invalid``, ``origin_unknown``,
    ``version_invalid``, ``lines_not_integer``, ``lines_negative``,
    ``lines_too_large``, ``duplicate`` (params ``first_line``).
    Blank lines are skipped.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text))
    rows, errors, columns, seen = [], [], None, {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns, code = _check_header(cells)
            if code:
                return [], [(line, code, {"columns": ", ".join(COLUMNS)})]
            continue
        row, row_errors = _parse_row(cells, columns)
        errors += [(line, code, params) for code, params in row_errors]
        if row is None:
            continue
        if row["name"] in seen:
            errors.append((line, "duplicate", {"first_line": seen[row["name"]]}))
            continue
        seen[row["name"]] = line
        rows.append(dict(row, line=line))
    if columns is None:
        return [], [(1, "empty_file", {})]
    if errors:
        return [], errors
    return rows, []


def split_new_and_existing(rows, existing_names):
    """``(to_create, to_update)``: the rows whose module is new to the
    environment and those that update a module it already lists."""
    existing = set(existing_names)
    to_create = [row for row in rows if row["name"] not in existing]
    to_update = [row for row in rows if row["name"] in existing]
    return to_create, to_update


_MESSAGES = {
    "empty_file": lambda _, p: _("the file is empty"),
    "bad_header": lambda _, p: _(
        "the first line must name the columns %(columns)s", columns=p["columns"]
    ),
    "column_count": lambda _, p: _(
        "4 values expected, %(count)s found", count=p["count"]
    ),
    "name_empty": lambda _, p: _("the module name is empty"),
    "name_invalid": lambda _, p: _(
        '"%(name)s" is not a module technical name', name=p["name"]
    ),
    "origin_unknown": lambda _, p: _(
        'unknown origin "%(origin)s" (expected one of %(origins)s)',
        origin=p["origin"],
        origins=", ".join(ORIGINS),
    ),
    "version_invalid": lambda _, p: _(
        'invalid version "%(version)s"', version=p["version"]
    ),
    "lines_not_integer": lambda _, p: _(
        'lines of code "%(lines)s" is not a whole number', lines=p["lines"]
    ),
    "lines_negative": lambda _, p: _(
        "lines of code cannot be negative (%(lines)s)", lines=p["lines"]
    ),
    "lines_too_large": lambda _, p: _(
        "lines of code %(lines)s is out of range", lines=p["lines"]
    ),
    "duplicate": lambda _, p: _(
        "module already listed on line %(line)s of the file", line=p["first_line"]
    ),
}


def error_lines(_, errors):
    """One message per error ``(line, code, params)``; ``_`` translates
    (the caller's ``env._``)."""
    return [
        _("Line %(line)s: %(error)s", line=line, error=_MESSAGES[code](_, params))
        for line, code, params in errors
    ]
