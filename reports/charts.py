"""Small server-side SVG charts for the admin dashboard (no JavaScript, no CDN)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#417690", "#e0a526", "#79aec8", "#ba2121", "#5b8c3a", "#8a6fb4", "#c46d2c"]

# A colour per meaning, the same in every chart: green for what happened, red for a
# refusal, grey for what ended, blue to amber for the steps before delivery.
MEANING = {
    "offered": "#9dbad0",
    "announced": "#417690",
    "committed": "#e0a526",
    "delivered": "#3f8f3a",
    "refused": "#ba2121",
    "declined": "#d2691e",
    "withdrawn": "#8c8c8c",
    "promised, not delivered": "#e0a526",
}
MIN_LABELLED = 22  # px: a segment narrower than this carries its number in its tooltip only


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    width: int = 640,
    name: str = "bar chart",
    colour: str = PALETTE[0],
) -> SafeString:
    """Horizontal bars, one per (label, value) row, largest value full width, each with
    its number after it; ``name`` is the chart's accessible name."""
    if not rows:
        return mark_safe("<p>No data yet.</p>")
    bar_h, gap, label_w = 22, 6, 190
    top = max(v for _, v in rows) or 1
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(name)}" class="chart bar-chart">'
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1, int((width - label_w - 90) * value / top))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}">'
            f"<title>{escape(label)}: {value:,.0f} {escape(unit)}</title></rect>"
            f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="12">{value:,.0f}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # labels are escaped above


def stacked_bar_chart(
    rows: Sequence[tuple[str, dict[str, int]]],
    *,
    series: Sequence[str],
    colours: Mapping[str, str] = MEANING,
    width: int = 640,
    name: str = "stacked bar chart",
) -> SafeString:
    """Horizontal stacked bars: one bar per row label, one colour per series name (its
    meaning's colour in ``colours``), each segment with its number on it when it is wide
    enough, and the bar's total after it."""
    if not rows:
        return mark_safe("<p>No data yet.</p>")
    bar_h, gap, label_w = 22, 6, 190
    top = max(sum(parts.values()) for _, parts in rows) or 1
    height = len(rows) * (bar_h + gap) + gap + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(name)}" class="chart stacked-bar-chart">'
    ]
    for i, (label, parts) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        x = label_w
        out.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
        )
        for j, name in enumerate(series):
            value = parts.get(name, 0)
            if not value:
                continue
            w = max(1, int((width - label_w - 60) * value / top))
            colour = colours.get(name, PALETTE[j % len(PALETTE)])
            out.append(
                f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(label)}, {escape(name)}: {value:,}</title></rect>"
            )
            if w >= MIN_LABELLED:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" '
                    f'font-size="11" fill="#fff" class="segment-value">{value:,}</text>'
                )
            x += w
        out.append(
            f'<text x="{x + 6}" y="{y + 15}" font-size="12" class="bar-total">'
            f"{sum(parts.values()):,}</text>"
        )
    legend_y = height - 12
    for j, name in enumerate(series):
        x = label_w + j * 90
        out.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" '
            f'fill="{colours.get(name, PALETTE[j % len(PALETTE)])}"/>'
            f'<text x="{x + 14}" y="{legend_y}" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def step_chart(
    points: Sequence[tuple[dt.date, int | None, int | None]],
    *,
    width: int = 640,
    height: int = 260,
    name: str = "members over time",
) -> SafeString:
    """Tracked members (a step line) and reported sizes (dots) on a time axis: each
    point at its date's place, so a year without changes is as wide as a busy one."""
    if not points:
        return mark_safe("<p>No data yet.</p>")
    left, bottom, top_pad = 40, 40, 14
    values = [v for _, a, b in points for v in (a, b) if v is not None]
    top = max(values or [1]) or 1
    plot_w = width - left - 60
    plot_h = height - bottom - top_pad
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = max(1, last - first)

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + plot_w * (points[i][0].toordinal() - first) / span
        return x, top_pad + plot_h - plot_h * v / top

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(name)}" class="chart step-chart">',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 20}" y2="{top_pad + plot_h}" '
        f'stroke="#999"/>',
        f'<text x="4" y="{top_pad + 8}" font-size="11">{top}</text>',
    ]
    tracked = [(i, a) for i, (_, a, _) in enumerate(points) if a is not None]
    path = []
    for n, (i, v) in enumerate(tracked):
        x, y = xy(i, v)
        if n:
            path.append(f"H{x:.1f}V{y:.1f}")
        else:
            path.append(f"M{x:.1f},{y:.1f}")
    out.append(f'<path d="{"".join(path)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for tick, label in _ticks(points[0][0], points[-1][0]):
        x = left + plot_w * (tick.toordinal() - first) / span
        out.append(
            f'<line x1="{x:.1f}" y1="{top_pad + plot_h}" x2="{x:.1f}" y2="{top_pad + plot_h + 4}" '
            f'stroke="#999"/><text x="{x:.1f}" y="{height - 22}" font-size="10" '
            f'text-anchor="middle" class="tick">{label}</text>'
        )
    for i, (day, tracked_n, reported) in enumerate(points):
        label = day.isoformat()
        if reported is not None:
            rx, ry = xy(i, reported)
            out.append(
                f'<circle cx="{rx:.1f}" cy="{ry:.1f}" r="5" fill="{PALETTE[1]}">'
                f"<title>{label}, reported: {reported}</title></circle>"
            )
        if tracked_n is not None:
            tx, ty = xy(i, tracked_n)
            out.append(
                f'<circle cx="{tx:.1f}" cy="{ty:.1f}" r="3" fill="{PALETTE[0]}">'
                f"<title>{label}, tracked: {tracked_n}</title></circle>"
            )
    out.append(
        f'<rect x="{left}" y="{height - 12}" width="10" height="4" fill="{PALETTE[0]}"/>'
        f'<text x="{left + 14}" y="{height - 6}" font-size="11">tracked members</text>'
        f'<circle cx="{left + 135}" cy="{height - 10}" r="4" fill="{PALETTE[1]}"/>'
        f'<text x="{left + 143}" y="{height - 6}" font-size="11">size reported by sources</text>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The time axis's ticks and labels: the first and last dates, and each 1 January
    between them that is at least a tenth of the axis away from both (every other year
    past eight), so the labels never overlap."""
    if end == start:
        return [(start, start.isoformat())]
    gap = (end - start).days / 10
    years = [
        dt.date(year, 1, 1)
        for year in range(start.year + 1, end.year + 1)
        if min((dt.date(year, 1, 1) - start).days, (end - dt.date(year, 1, 1)).days) >= gap
    ]
    if len(years) > 8:
        years = years[::2]
    return [
        (start, start.isoformat()),
        *((year, str(year.year)) for year in years),
        (end, end.isoformat()),
    ]
