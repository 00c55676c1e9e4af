import xml.etree.ElementTree as ET

from reports.charts import Series, bar_chart, line_chart, quartile_chart, trend_summary

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(svg)


def test_line_chart_is_valid_svg_with_accessible_name_and_direct_labels():
    chart = line_chart(
        "wres2",
        "WRES indicator 2",
        ["2022/23", "2023/24", "2024/25"],
        [Series("ICS", [1.4, 1.5, 1.3]), Series("Blackpool <BTH>", [1.1, None, 1.2])],
    )
    root = parse(chart.svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "wres2-title wres2-desc"
    assert root.find(f"{SVG}title").text == "WRES indicator 2"
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "ICS" in labels and "Blackpool <BTH>" in labels  # escaped in the markup, readable when parsed
    assert "style=" not in chart.svg  # the Content-Security-Policy forbids inline styles


def test_suppressed_values_leave_a_gap_instead_of_a_line():
    chart = line_chart("c", "T", ["a", "b", "c"], [Series("S", [1.0, None, 2.0])])
    root = parse(chart.svg)
    assert root.findall(f"{SVG}polyline") == []  # no two neighbouring points to join
    assert len(root.findall(f"{SVG}circle")) == 2


def test_series_differ_by_marker_and_dash_not_only_colour():
    chart = line_chart("c", "T", ["a", "b"], [Series("One", [1, 2]), Series("Two", [2, 3])])
    root = parse(chart.svg)
    lines = root.findall(f"{SVG}polyline")
    assert lines[0].get("stroke-dasharray") is None and lines[1].get("stroke-dasharray")
    assert root.findall(f"{SVG}circle") and root.findall(f"{SVG}rect")


def test_trend_summary_says_direction_and_end_points():
    text = trend_summary("Mean gender pay gap", ["2021", "2025"], [Series("ICS", [20.0, 15.5])])
    assert text == "Mean gender pay gap. ICS fell from 20.0 in 2021 to 15.5 in 2025."


def test_bar_chart_marks_the_no_adverse_impact_band_and_lists_outliers():
    chart = bar_chart(
        "b",
        "Relative likelihood",
        [("A", 1.0), ("B", 1.6), ("C", None)],
        reference_band=(0.8, 1.25),
        reference_line=1.0,
    )
    assert "2 of 3 shown" in chart.summary
    assert "1 outside the 0.80 to 1.25 range: B." in chart.summary
    texts = [t.text for t in parse(chart.svg).iter(f"{SVG}text")]
    assert "not shown" in texts and "1.60" in texts


def test_a_bar_chart_knows_when_it_has_nothing_to_draw():
    assert bar_chart("b", "Ratio", [("A", None), ("B", None)]).empty
    assert not bar_chart("b", "Ratio", [("A", None), ("B", 1.1)]).empty


def test_a_chart_as_an_image_carries_its_svg_and_its_title_as_alternative_text():
    import base64
    import re

    from reports.templatetags.report_tags import svg_image

    chart = bar_chart("b", "Ratio <by> place", [("A", 1.0)])
    image = str(svg_image(chart))
    assert 'alt="Ratio &lt;by&gt; place"' in image
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', image).group(1)
    assert base64.b64decode(data).decode() == chart.svg


def test_quartile_chart_writes_the_percentages_in_text():
    chart = quartile_chart("q", "Pay quartiles", [("Lower", 80.0, 20.0), ("Top", None, None)])
    texts = [t.text for t in parse(chart.svg).iter(f"{SVG}text")]
    assert "80.0% women" in texts and "20.0% men" in texts and "not shown" in texts
    assert chart.summary == "Pay quartiles: Lower 80.0% women."
