"""Accessible SVG charts, drawn on the server.

Charts are plain SVG strings, so they need no JavaScript, render the same in the browser and in
the PDF board pack, and are allowed by the portal's Content-Security-Policy (presentation
attributes only, no style attributes). Each chart comes with a one-paragraph text summary; pages
put the chart's data table next to it, so the chart is never the only way to read the figures.
Colour is never the only carrier of meaning: series also differ by marker shape and dash pattern
and are labelled directly at their last point.
"""

import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

# NHS identity colours with at least 3:1 contrast against white for graphical objects.
SERIES_STYLES = [
    {"colour": "#005eb8", "marker": "circle", "dash": ""},  # NHS Blue
    {"colour": "#330072", "marker": "square", "dash": "6 3"},  # NHS Purple
    {"colour": "#007f3b", "marker": "triangle", "dash": "2 3"},  # NHS Green
    {"colour": "#d5281b", "marker": "diamond", "dash": "8 3 2 3"},  # NHS Red
    {"colour": "#425563", "marker": "circle-open", "dash": "1 2"},  # NHS Dark Grey
    {"colour": "#ae2573", "marker": "square-open", "dash": "10 4"},  # NHS Pink
]
TEXT_COLOUR = "#212b32"
GRID_COLOUR = "#d8dde0"
BAND_COLOUR = "#e8edee"
FEMALE_COLOUR = "#330072"
MALE_COLOUR = "#005eb8"


@dataclass(frozen=True)
class Series:
    label: str
    values: list  # one value (or None when suppressed or not computable) per x label


@dataclass(frozen=True)
class Chart:
    svg: str
    summary: str
    title: str
    chart_id: str = ""
    notes: list[str] = field(default_factory=list)
    empty: bool = False  # nothing to draw: every figure is suppressed or not computable


def _fmt(value, number_format):
    return number_format.format(value)


def _nice_range(values, include=()):
    """Axis limits on round numbers that contain every value, starting at zero where that is close."""
    present = [v for v in values if v is not None] + list(include)
    if not present:
        return 0.0, 1.0
    low, high = min(present), max(present)
    if low == high:
        low, high = low - 1, high + 1
    if low > 0 and low < (high - low):
        low = 0.0
    step = _nice_step((high - low) / 4)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def _nice_step(raw):
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def _marker(kind, x, y, colour):
    if kind.startswith("circle"):
        fill = "#ffffff" if kind.endswith("open") else colour
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2"/>'
    if kind.startswith("square"):
        fill = "#ffffff" if kind.endswith("open") else colour
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    if kind == "triangle":
        return f'<path d="M{x:.1f} {y - 5.5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{colour}"/>'
    diamond = f"M{x:.1f} {y - 5.5:.1f} L{x + 5.5:.1f} {y:.1f} L{x:.1f} {y + 5.5:.1f} L{x - 5.5:.1f} {y:.1f} Z"
    return f'<path d="{diamond}" fill="{colour}"/>'


def line_chart(
    chart_id: str,
    title: str,
    x_labels: list[str],
    series: list[Series],
    *,
    number_format: str = "{:.1f}",
    y_label: str = "",
    reference_band: tuple[float, float] | None = None,
    reference_band_label: str = "",
    width: int = 640,
    height: int = 300,
) -> Chart:
    """A trend chart: one line per series across the x labels (usually snapshot years).

    Missing values (suppressed or not computable) leave a gap rather than a misleading line.
    """
    left, right, top, bottom = 56, 150, 16, 52 if reference_band_label else 40
    plot_w, plot_h = width - left - right, height - top - bottom
    all_values = [v for s in series for v in s.values]
    include = reference_band or ()
    y_min, y_max = _nice_range(all_values, include)

    def x_at(i):
        return left + (plot_w * (i / (len(x_labels) - 1)) if len(x_labels) > 1 else plot_w / 2)

    def y_at(v):
        return top + plot_h - (v - y_min) / (y_max - y_min) * plot_h

    parts = [_svg_open(chart_id, title, width, height)]
    if reference_band:
        y1, y2 = y_at(reference_band[1]), y_at(reference_band[0])
        parts.append(f'<rect x="{left}" y="{y1:.1f}" width="{plot_w}" height="{y2 - y1:.1f}" fill="{BAND_COLOUR}"/>')
        if reference_band_label:
            parts.append(
                f'<rect x="{left}" y="{height - 14}" width="12" height="10" fill="{BAND_COLOUR}" '
                f'stroke="{GRID_COLOUR}"/>'
            )
            parts.append(_text(left + 18, height - 5, f"Shaded: {reference_band_label}", size=11))
    parts += _y_axis(left, top, plot_w, plot_h, y_min, y_max, y_at, number_format, y_label)
    for i, label in enumerate(x_labels):
        parts.append(_text(x_at(i), height - bottom + 18, label, anchor="middle"))
    end_labels = []
    for index, one in enumerate(series):
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        segments: list[list[tuple[float, float]]] = []
        current: list[tuple[float, float]] = []
        for i, value in enumerate(one.values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((x_at(i), y_at(value)))
        if current:
            segments.append(current)
        for segment in segments:
            if len(segment) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{style["colour"]}" stroke-width="2.5"{dash}/>'
                )
            parts += [_marker(style["marker"], x, y, style["colour"]) for x, y in segment]
        last = next(((i, v) for i, v in reversed(list(enumerate(one.values))) if v is not None), None)
        if last is not None:
            end_labels.append([y_at(last[1]) + 4, x_at(last[0]) + 10, one.label, style["colour"]])
    parts += _spread_labels(end_labels)
    parts.append("</svg>")
    return Chart(
        svg="".join(parts),
        summary=trend_summary(title, x_labels, series, number_format),
        title=title,
        chart_id=chart_id,
    )


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[tuple[str, float | None]],
    *,
    number_format: str = "{:.2f}",
    reference_band: tuple[float, float] | None = None,
    reference_band_label: str = "",
    reference_line: float | None = None,
    missing_label: str = "not shown",
    width: int = 640,
) -> Chart:
    """Horizontal bars, one per label, each with its value written beside it.

    Used to compare organisations; a shaded band can mark the 0.80–1.25 range of relative
    likelihoods that shows no adverse impact.
    """
    left, right, top, row_h = 190, 70, 24, 30
    height = top + row_h * len(bars) + 30
    plot_w = width - left - right
    values = [v for _, v in bars if v is not None]
    include = list(reference_band or ()) + ([reference_line] if reference_line is not None else [])
    low, high = _nice_range(values, include)
    low = min(low, 0.0)

    def x_at(v):
        return left + (v - low) / (high - low) * plot_w

    parts = [_svg_open(chart_id, title, width, height)]
    plot_bottom = top + row_h * len(bars)
    if reference_band:
        x1, x2 = x_at(reference_band[0]), x_at(reference_band[1])
        parts.append(
            f'<rect x="{x1:.1f}" y="{top - 6}" width="{x2 - x1:.1f}" height="{plot_bottom - top + 6}" '
            f'fill="{BAND_COLOUR}"/>'
        )
        if reference_band_label:
            parts.append(_text((x1 + x2) / 2, top - 10, reference_band_label, anchor="middle", size=11))
    if reference_line is not None:
        x = x_at(reference_line)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{plot_bottom}" stroke="{TEXT_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    zero = x_at(0.0)
    for i, (label, value) in enumerate(bars):
        y = top + i * row_h
        parts.append(_text(left - 8, y + row_h / 2 + 4, _truncate(label, 28), anchor="end"))
        if value is None:
            parts.append(_text(zero + 6, y + row_h / 2 + 4, missing_label, size=12, italic=True))
            continue
        x1, x2 = sorted((zero, x_at(value)))
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 5}" width="{max(x2 - x1, 1):.1f}" height="{row_h - 10}" '
            f'fill="{SERIES_STYLES[0]["colour"]}"/>'
        )
        parts.append(_text(x2 + 6, y + row_h / 2 + 4, _fmt(value, number_format)))
    parts.append(f'<line x1="{zero:.1f}" y1="{top - 6}" x2="{zero:.1f}" y2="{plot_bottom}" stroke="{TEXT_COLOUR}"/>')
    parts.append("</svg>")
    shown = [(label, v) for label, v in bars if v is not None]
    if shown:
        highest = max(shown, key=lambda b: b[1])
        lowest = min(shown, key=lambda b: b[1])
        summary = (
            f"{title}: {len(shown)} of {len(bars)} shown. Highest {highest[0]} "
            f"({_fmt(highest[1], number_format)}), lowest {lowest[0]} ({_fmt(lowest[1], number_format)})."
        )
    else:
        summary = f"{title}: no figures can be shown."
    if reference_band and shown:
        outside = [label for label, v in shown if not reference_band[0] <= v <= reference_band[1]]
        summary += f" {len(outside)} outside the {reference_band[0]:.2f} to {reference_band[1]:.2f} range" + (
            f": {', '.join(outside)}." if outside else "."
        )
    return Chart(svg="".join(parts), summary=summary, title=title, chart_id=chart_id, empty=not shown)


def quartile_chart(
    chart_id: str, title: str, quartiles: list[tuple[str, float | None, float | None]], *, width: int = 640
) -> Chart:
    """100% bars of women and men in each pay quartile, with the percentages written in the bars."""
    left, right, top, row_h = 130, 20, 30, 36
    height = top + row_h * len(quartiles) + 10
    plot_w = width - left - right
    parts = [_svg_open(chart_id, title, width, height)]
    parts.append(f'<rect x="{left}" y="6" width="12" height="12" fill="{FEMALE_COLOUR}"/>')
    parts.append(_text(left + 18, 16, "Women"))
    parts.append(f'<rect x="{left + 90}" y="6" width="12" height="12" fill="{MALE_COLOUR}"/>')
    parts.append(_text(left + 108, 16, "Men"))
    for i, (label, women, men) in enumerate(quartiles):
        y = top + i * row_h
        parts.append(_text(left - 8, y + row_h / 2 + 4, label, anchor="end"))
        if women is None or men is None:
            parts.append(_text(left + 4, y + row_h / 2 + 4, "not shown", italic=True, size=12))
            continue
        women_w = plot_w * women / 100
        parts.append(
            f'<rect x="{left}" y="{y + 4}" width="{women_w:.1f}" height="{row_h - 8}" fill="{FEMALE_COLOUR}"/>'
        )
        parts.append(
            f'<rect x="{left + women_w:.1f}" y="{y + 4}" width="{plot_w - women_w:.1f}" '
            f'height="{row_h - 8}" fill="{MALE_COLOUR}"/>'
        )
        if women >= 12:
            parts.append(_text(left + 6, y + row_h / 2 + 4, f"{women:.1f}% women", colour="#ffffff"))
        if men >= 12:
            parts.append(_text(left + plot_w - 6, y + row_h / 2 + 4, f"{men:.1f}% men", colour="#ffffff", anchor="end"))
    parts.append("</svg>")
    shown = [(label, w) for label, w, m in quartiles if w is not None]
    summary = f"{title}: " + (
        "; ".join(f"{label} {w:.1f}% women" for label, w in shown) + "." if shown else "no figures can be shown."
    )
    return Chart(svg="".join(parts), summary=summary, title=title, chart_id=chart_id)


def trend_summary(title, x_labels, series, number_format="{:.1f}"):
    """A sentence per series saying where it started, where it ended and which way it moved."""
    sentences = []
    for one in series:
        points = [(x, v) for x, v in zip(x_labels, one.values, strict=False) if v is not None]
        if not points:
            sentences.append(f"{one.label}: no figures can be shown.")
        elif len(points) == 1:
            sentences.append(f"{one.label}: {_fmt(points[0][1], number_format)} in {points[0][0]}.")
        else:
            (first_x, first_v), (last_x, last_v) = points[0], points[-1]
            direction = "rose" if last_v > first_v else "fell" if last_v < first_v else "was unchanged"
            sentences.append(
                f"{one.label} {direction} from {_fmt(first_v, number_format)} in {first_x} "
                f"to {_fmt(last_v, number_format)} in {last_x}."
            )
    return f"{title}. " + " ".join(sentences)


def _spread_labels(labels, gap=15):
    """Direct labels at the ends of lines, moved apart vertically so none overlaps another."""
    labels.sort(key=lambda label: label[0])
    for previous, current in zip(labels, labels[1:], strict=False):
        current[0] = max(current[0], previous[0] + gap)
    return [_text(x, y, _truncate(text, 20), colour=colour, weight="bold") for y, x, text, colour in labels]


def _svg_open(chart_id, title, width, height):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="portal-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}" font-family="Arial, sans-serif" font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">The figures are in the table that follows the chart.</desc>'
    )


def _y_axis(left, top, plot_w, plot_h, y_min, y_max, y_at, number_format, y_label):
    parts = []
    step = _nice_step((y_max - y_min) / 4)
    for index in range(round((y_max - y_min) / step) + 1):
        value = y_min + index * step
        y = y_at(value)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>')
        parts.append(_text(left - 6, y + 4, _fmt(value, number_format), anchor="end", size=11))
    if y_label:
        parts.append(_text(4, top - 4 if top > 14 else 12, y_label, size=11))
    return parts


def _text(x, y, content, *, anchor="start", size=13, colour=TEXT_COLOUR, weight="normal", italic=False):
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{colour}" '
        f'font-weight="{weight}"{style}>{escape(str(content))}</text>'
    )


def _truncate(label, limit):
    return label if len(label) <= limit else label[: limit - 1] + "…"
