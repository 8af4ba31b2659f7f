"""Inline SVG charts of the monthly service statement (issue 7, T7): pure, no
database. Each chart must be well-formed SVG, scale its bars to the values it
is given, escape labels and refuse values it cannot draw."""

import base64
import importlib.util
import pathlib
import xml.etree.ElementTree as ET

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "support_portal" / "tools" / "charts.py"
_SPEC = importlib.util.spec_from_file_location("support_portal_charts", _PATH)
charts = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(charts)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def bars(root):
    return [el for el in root.iter(SVG + "rect")]


def texts(root):
    return ["".join(el.itertext()) for el in root.iter(SVG + "text")]


def test_bar_heights_are_proportional_to_values():
    root = parse(charts.bar_chart([("Low", 1), ("Medium", 2), ("High", 4)]))
    heights = [float(r.get("height")) for r in bars(root)]
    assert len(heights) == 3
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.2)
    # the values are written on the chart
    assert {"1", "2", "4"} <= set(texts(root))


def test_zero_bar_has_no_height_and_scale_is_round():
    root = parse(charts.bar_chart([("A", 0), ("B", 7)]))
    heights = [float(r.get("height")) for r in bars(root)]
    assert heights[0] == 0
    # 7 is drawn on a scale up to 10 (a round maximum), so it is 70% high
    assert charts.nice_max(7) == 10
    assert charts.nice_max(0) == 1
    assert charts.nice_max(2.2) == 2.5
    assert charts.nice_max(40) == 50


def test_empty_chart_says_so():
    root = parse(charts.bar_chart([], title="Tickets", empty_text="No tickets"))
    assert "No tickets" in texts(root)
    assert not bars(root)


def test_labels_are_escaped():
    svg = charts.bar_chart([("<script>alert(1)</script>", 3)], title="A & B")
    assert "<script>" not in svg
    root = parse(svg)
    assert "A & B" in texts(root)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), "3", None, True])
def test_bad_values_are_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        charts.bar_chart([("x", bad)])


def test_stacked_bars_add_up():
    root = parse(
        charts.stacked_bar_chart(
            ["Response", "Resolution"],
            [("Met", "#3C9D5D", [3, 1]), ("Breached", "#C8463D", [1, 0])],
        )
    )
    plot_rects = [r for r in bars(root) if r.find(SVG + "title") is not None]
    # three non-empty segments: 3 met + 1 breached, 1 met (0 breached is skipped)
    assert len(plot_rects) == 3
    h = [float(r.get("height")) for r in plot_rects]
    assert h[0] == pytest.approx(3 * h[2], abs=0.2)
    assert h[1] == pytest.approx(h[2], abs=0.2)
    assert "4" in texts(root) and "Breached" in texts(root)


def test_series_length_must_match_labels():
    with pytest.raises(ValueError):
        charts.stacked_bar_chart(["a", "b"], [("s", "#000", [1])])
    with pytest.raises(ValueError):
        charts.line_chart(["a", "b"], [("s", "#000", [1, 2, 3])])


def test_line_chart_with_gap_and_fixed_scale():
    root = parse(
        charts.line_chart(
            ["Jan", "Feb", "Mar", "Apr"],
            [("Rating", "#2E6DB4", [4, 5, None, 3])],
            top_value=5,
        )
    )
    points = list(root.iter(SVG + "circle"))
    assert len(points) == 3
    # the gap splits the line: one polyline Jan-Feb, none for the lone April
    assert len(list(root.iter(SVG + "polyline"))) == 1
    ys = [float(c.get("cy")) for c in points]
    # 5 of 5 is drawn at the top of the plot, higher than 4 and 3
    assert ys[1] < ys[0] < ys[2]
    assert "5" in texts(root)


def test_line_chart_without_values_is_empty():
    root = parse(charts.line_chart(["Jan"], [("Rating", "#000", [None])]))
    assert "No data" in texts(root)


def test_data_uri_round_trips():
    svg = charts.bar_chart([("é", 1)])
    uri = charts.data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg
