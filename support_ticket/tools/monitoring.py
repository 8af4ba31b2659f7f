"""Pure checks of a monitoring alert's body (T1): no ``odoo`` import."""

MAX_JSON_DEPTH = 8


def json_too_deep(text, max_depth):
    """Whether the JSON ``text`` nests objects and lists deeper than
    ``max_depth``, found without parsing it (a parser recurses, and a
    10,000-deep body would exhaust the stack). Brackets inside strings do
    not count."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return True
        elif char in "]}":
            depth -= 1
    return False
