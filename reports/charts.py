"""Small server-side SVG charts for the admin dashboard (no JavaScript, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#417690", "#e0a526", "#79aec8", "#ba2121", "#5b8c3a", "#8a6fb4", "#c46d2c"]


def bar_chart(rows: Sequence[tuple[str, float]], *, unit: str = "", width: int = 640) -> SafeString:
    """Horizontal bars, one per (label, value) row, largest value full width."""
    if not rows:
        return mark_safe("<p>No data yet.</p>")
    bar_h, gap, label_w = 22, 6, 190
    top = max(v for _, v in rows) or 1
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" class="chart bar-chart">'
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1, int((width - label_w - 90) * value / top))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{PALETTE[0]}">'
            f"<title>{escape(label)}: {value:,.0f} {escape(unit)}</title></rect>"
            f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="12">{value:,.0f}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # labels are escaped above


def stacked_bar_chart(
    rows: Sequence[tuple[str, dict[str, int]]], *, series: Sequence[str], width: int = 640
) -> SafeString:
    """Horizontal stacked bars: one bar per row label, one colour per series name."""
    if not rows:
        return mark_safe("<p>No data yet.</p>")
    bar_h, gap, label_w = 22, 6, 190
    top = max(sum(parts.values()) for _, parts in rows) or 1
    height = len(rows) * (bar_h + gap) + gap + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" class="chart stacked-bar-chart">'
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
            w = max(1, int((width - label_w - 40) * value / top))
            out.append(
                f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)}, {escape(name)}: '
                f"{value}</title></rect>"
            )
            x += w
    legend_y = height - 12
    for j, name in enumerate(series):
        x = label_w + j * 90
        out.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{legend_y}" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def step_chart(
    points: Sequence[tuple[str, int | None, int | None]], *, width: int = 640, height: int = 260
) -> SafeString:
    """Tracked members (a step line) and reported sizes (dots) per date label."""
    if not points:
        return mark_safe("<p>No data yet.</p>")
    left, bottom, top_pad = 40, 40, 14
    values = [v for _, a, b in points for v in (a, b) if v is not None]
    top = max(values or [1]) or 1
    plot_w = width - left - 60
    plot_h = height - bottom - top_pad
    step = plot_w / max(1, len(points) - 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return left + i * step, top_pad + plot_h - plot_h * v / top

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" class="chart step-chart">',
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
    for i, (label, tracked_n, reported) in enumerate(points):
        x, _ = xy(i, 0)
        out.append(
            f'<text x="{x:.1f}" y="{height - 22}" font-size="10" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
        if reported is not None:
            rx, ry = xy(i, reported)
            out.append(
                f'<circle cx="{rx:.1f}" cy="{ry:.1f}" r="5" fill="{PALETTE[1]}">'
                f"<title>reported: {reported}</title></circle>"
            )
        if tracked_n is not None:
            tx, ty = xy(i, tracked_n)
            out.append(
                f'<circle cx="{tx:.1f}" cy="{ty:.1f}" r="3" fill="{PALETTE[0]}">'
                f"<title>tracked: {tracked_n}</title></circle>"
            )
    out.append(
        f'<rect x="{left}" y="{height - 12}" width="10" height="4" fill="{PALETTE[0]}"/>'
        f'<text x="{left + 14}" y="{height - 6}" font-size="11">tracked members</text>'
        f'<circle cx="{left + 135}" cy="{height - 10}" r="4" fill="{PALETTE[1]}"/>'
        f'<text x="{left + 143}" y="{height - 6}" font-size="11">size reported by sources</text>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))
