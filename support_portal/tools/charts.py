"""Small inline SVG charts for the monthly service statement (T7).

No ``odoo`` import: the statement model passes plain numbers and labels, this
module returns an SVG string that QWeb inserts as markup (``t-out``) in the PDF
report and in the portal page. Nothing is fetched from an external service.

- ``bar_chart(items, ...)``: vertical bars, ``items`` = ``[(label, value)]`` or
  ``[(label, value, colour)]``.
- ``stacked_bar_chart(labels, series, ...)``: ``series`` =
  ``[(name, colour, [values])]``, one value per label.
- ``line_chart(labels, series, ...)``: ``series`` = ``[(name, colour, [values])]``;
  ``None`` values leave a gap.

``data_uri(svg)`` turns a chart into a ``data:`` URI for an ``<img>`` (the
most portable way through wkhtmltopdf). Every label is escaped; values must be
finite numbers >= 0 for bars (a negative or infinite value raises
``ValueError``, a non-number ``TypeError``: never a broken chart).
"""

import base64
import math
from html import escape

PALETTE = ("#2E6DB4", "#E07B39", "#3C9D5D", "#C8463D", "#8A62B8", "#7F7F7F")
FONT = "font-family:DejaVu Sans,Arial,sans-serif"
# colours of the statement and dashboard charts
GREEN, RED, BLUE, ORANGE, GREY = "#3C9D5D", "#C8463D", "#2E6DB4", "#E07B39", "#7F7F7F"
PRIORITY_COLOURS = {"0": GREY, "1": BLUE, "2": ORANGE, "3": RED}


def _number(value, allow_negative=False):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"chart values must be numbers, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"chart values must be finite, got {value!r}")
    if value < 0 and not allow_negative:
        raise ValueError(f"bar values cannot be negative, got {value!r}")
    return float(value)


def _fmt(value):
    """Short label of a value: 3, 2.5, 0.25."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_max(value):
    """The smallest 'round' number (1, 2, 2.5, 5 x 10^n) >= ``value`` (>= 1)."""
    if value <= 1:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value - 1e-9:
            return float(candidate)
    return float(10 ** (exponent + 1))  # pragma: no cover


def _shorten(label, size):
    label = str(label)
    return label if len(label) <= size else label[: size - 1] + "\u2026"


def _frame(width, height, title, body):
    title_svg = (
        f'<text x="{width / 2:.1f}" y="14" text-anchor="middle" '
        f'style="{FONT};font-size:12px;font-weight:bold">{escape(title)}</text>'
        if title
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title or "")}">'
        f"{title_svg}{body}</svg>"
    )


def _axes(left, top, plot_w, plot_h, top_value, ticks=4):
    parts = []
    for i in range(ticks + 1):
        value = top_value * i / ticks
        y = top + plot_h - plot_h * i / ticks
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#DDDDDD" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" '
            f'style="{FONT};font-size:9px" fill="#555555">{_fmt(value)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}" stroke="#555555" stroke-width="1"/>'
    )
    return "".join(parts)


def _legend(series, x, y):
    parts = []
    for name, colour, _values in series:
        parts.append(
            f'<rect x="{x}" y="{y - 8}" width="8" height="8" fill="{escape(colour)}"/>'
            f'<text x="{x + 11}" y="{y}" style="{FONT};font-size:9px">'
            f"{escape(str(name))}</text>"
        )
        x += 16 + 6 * len(str(name))
    return "".join(parts)


def _x_labels(labels, left, slot, baseline):
    size = max(3, int(slot / 6))
    return "".join(
        f'<text x="{left + slot * (i + 0.5):.1f}" y="{baseline + 12}" '
        f'text-anchor="middle" style="{FONT};font-size:9px">'
        f"{escape(_shorten(label, size))}</text>"
        for i, label in enumerate(labels)
    )


def bar_chart(items, title="", width=360, height=180, empty_text="No data"):
    """Vertical bars, one per ``(label, value[, colour])``; the value is
    written above its bar."""
    items = list(items)
    if not items:
        return _frame(
            width,
            height,
            title,
            f'<text x="{width / 2:.1f}" y="{height / 2:.1f}" text-anchor="middle" '
            f'style="{FONT};font-size:11px" fill="#777777">{escape(empty_text)}</text>',
        )
    values = [_number(item[1]) for item in items]
    left, top, right, bottom = 34, 24, 8, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max(values))
    slot = plot_w / len(items)
    bar_w = max(2.0, slot * 0.6)
    parts = [_axes(left, top, plot_w, plot_h, top_value)]
    for i, (item, value) in enumerate(zip(items, values, strict=True)):
        colour = item[2] if len(item) > 2 else PALETTE[0]
        bar_h = plot_h * value / top_value
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
            f'fill="{escape(colour)}"><title>{escape(str(item[0]))}: '
            f"{_fmt(value)}</title></rect>"
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle" '
            f'style="{FONT};font-size:9px">{_fmt(value)}</text>'
        )
    parts.append(_x_labels([item[0] for item in items], left, slot, top + plot_h))
    return _frame(width, height, title, "".join(parts))


def _check_series(labels, series, allow_none=False, allow_negative=False):
    checked = []
    for name, colour, values in series:
        values = list(values)
        if len(values) != len(labels):
            raise ValueError(
                f"series {name!r} has {len(values)} values for {len(labels)} labels"
            )
        checked.append(
            (
                name,
                colour,
                [
                    None
                    if (v is None and allow_none)
                    else _number(v, allow_negative=allow_negative)
                    for v in values
                ],
            )
        )
    return checked


def stacked_bar_chart(labels, series, title="", width=360, height=190):
    """One bar per label, stacked by series (e.g. met / breached per target)."""
    labels = list(labels)
    series = _check_series(labels, series)
    if not labels or not series:
        return bar_chart([], title=title, width=width, height=height)
    left, top, right, bottom = 34, 34, 8, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))]
    top_value = nice_max(max(totals))
    slot = plot_w / len(labels)
    bar_w = max(2.0, slot * 0.6)
    parts = [_axes(left, top, plot_w, plot_h, top_value), _legend(series, left, 28)]
    for i in range(len(labels)):
        x = left + slot * i + (slot - bar_w) / 2
        base = top + plot_h
        for name, colour, values in series:
            bar_h = plot_h * values[i] / top_value
            if bar_h <= 0:
                continue
            base -= bar_h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                f'height="{bar_h:.1f}" fill="{escape(colour)}"><title>'
                f"{escape(str(labels[i]))} / {escape(str(name))}: "
                f"{_fmt(values[i])}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{base - 2:.1f}" text-anchor="middle" '
            f'style="{FONT};font-size:9px">{_fmt(totals[i])}</text>'
        )
    parts.append(_x_labels(labels, left, slot, top + plot_h))
    return _frame(width, height, title, "".join(parts))


def line_chart(labels, series, title="", width=360, height=180, top_value=None):
    """Lines over ``labels`` (e.g. months); ``None`` leaves a gap. With
    ``top_value`` the vertical scale is fixed (e.g. 5 for ratings, 100 for %)."""
    labels = list(labels)
    series = _check_series(labels, series, allow_none=True)
    known = [v for s in series for v in s[2] if v is not None]
    if not labels or not known:
        return bar_chart([], title=title, width=width, height=height)
    left, top, right, bottom = 34, 34, 8, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = float(top_value) if top_value else nice_max(max(known))
    slot = plot_w / len(labels)
    parts = [_axes(left, top, plot_w, plot_h, top_value), _legend(series, left, 28)]
    for name, colour, values in series:
        segment = []
        for i, value in enumerate(values):
            if value is None:
                if len(segment) > 1:
                    parts.append(_polyline(segment, colour))
                segment = []
                continue
            x = left + slot * (i + 0.5)
            y = top + plot_h - plot_h * min(value, top_value) / top_value
            segment.append((x, y))
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{escape(colour)}">'
                f"<title>{escape(str(labels[i]))} / {escape(str(name))}: "
                f"{_fmt(value)}</title></circle>"
            )
        if len(segment) > 1:
            parts.append(_polyline(segment, colour))
    parts.append(_x_labels(labels, left, slot, top + plot_h))
    return _frame(width, height, title, "".join(parts))


def _polyline(points, colour):
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{escape(colour)}" '
        f'stroke-width="2"/>'
    )


def data_uri(svg):
    """``data:image/svg+xml;base64,...`` of an SVG string."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode(
        "ascii"
    )
