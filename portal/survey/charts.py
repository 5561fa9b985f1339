"""Charts drawn on the server as SVG (no script, no CDN): bars, two campaigns side by side, and
the communes coloured by an answer. Each is an image with a title; the page puts the table
of its figures beside it, as its text alternative."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

# Told apart by people with the common colour-vision deficiencies (Okabe–Ito, darkened for
# contrast with white), then a grey for "no answer".
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#5e3c99", "#000000")
NO_ANSWER_COLOUR = "#d9d9d9"
OTHER_COLOUR = "#8a8a8a"
WIDTH = 460
LABEL_HEIGHT, BAR_HEIGHT, GAP = 16, 14, 8


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _frame(height: int, title: str, chart_id: str, body: str, width: int = WIDTH) -> Markup:
    return Markup(
        f'<svg class="survey-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{escape(chart_id)}-titre" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-titre">{escape(title)}</title>{body}</svg>'
    )


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, chart_id: str, total: int) -> Markup:
    """One bar per row (label above, count and share after it), scaled to `total`."""
    scale = max([total, *(value for _, value in rows), 1])
    usable = WIDTH - 100
    y, parts = 4, []
    for label, value in rows:
        share = f"{round(100 * value / total)}\u00a0%" if total else "—"
        width = usable * value / scale
        parts.append(
            f'<text x="0" y="{y + 12}" class="survey-chart-label">{escape(label)}</text>'
            f'<rect x="0" y="{y + LABEL_HEIGHT}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{colour(0)}"/>'
            f'<text x="{width + 6:.1f}" y="{y + LABEL_HEIGHT + 11}" '
            f'class="survey-chart-value">{value} ({share})</text>'
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return _frame(y + 4, title, chart_id, "".join(parts))


def paired_chart(
    rows: Sequence[tuple[str, int, int]],
    *,
    names: tuple[str, str],
    totals: tuple[int, int],
    title: str,
    chart_id: str,
) -> Markup:
    """Two campaigns per row, as shares of their answers: this one above, the other below."""
    usable = WIDTH - 100
    y = 4
    parts = []
    for i, name in enumerate(names):
        parts.append(
            f'<rect x="0" y="{y}" width="12" height="12" fill="{colour(i)}"/>'
            f'<text x="18" y="{y + 11}" class="survey-chart-label">{escape(name)}</text>'
        )
        y += 18
    y += 6
    for label, first, second in rows:
        parts.append(f'<text x="0" y="{y + 12}" class="survey-chart-label">{escape(label)}</text>')
        y += LABEL_HEIGHT
        for i, (value, total) in enumerate(((first, totals[0]), (second, totals[1]))):
            share = value / total if total else 0
            width = usable * share
            parts.append(
                f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT - 2}" '
                f'fill="{colour(i)}"/>'
                f'<text x="{width + 6:.1f}" y="{y + 10}" class="survey-chart-value">'
                f"{round(100 * share)} %</text>"
            )
            y += BAR_HEIGHT
        y += GAP
    return _frame(y + 4, title, chart_id, "".join(parts))


def stacked_chart(
    bars: Sequence[tuple[str, Sequence[int]]],
    legend: Sequence[str],
    *,
    title: str,
    chart_id: str,
) -> Markup:
    """One bar per campaign, split into the shares of each answer (`legend` order), a legend
    below: how the territory moved from one year to the next."""
    usable = WIDTH - 10
    y, parts = 4, []
    for name, values in bars:
        total = sum(values) or 1
        parts.append(f'<text x="0" y="{y + 12}" class="survey-chart-label">{escape(name)}</text>')
        y += LABEL_HEIGHT
        x = 0.0
        for i, value in enumerate(values):
            width = usable * value / total
            if width:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT + 4}" '
                    f'fill="{colour(i)}" stroke="#ffffff" stroke-width="1"/>'
                )
            x += width
        y += BAR_HEIGHT + 4 + GAP
    for i, name in enumerate(legend):
        parts.append(
            f'<rect x="0" y="{y}" width="12" height="12" fill="{colour(i)}"/>'
            f'<text x="18" y="{y + 11}" class="survey-chart-label">{escape(name)}</text>'
        )
        y += 18
    return _frame(y + 4, title, chart_id, "".join(parts))


def _ring_path(coordinates: Sequence[tuple[float, float]], project) -> str:
    points = [project(x, y) for x, y in coordinates]
    return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z"


def _rings(geometry: Any):
    kind = geometry.geom_type
    polygons = geometry.geoms if kind == "MultiPolygon" else [geometry] if kind == "Polygon" else []
    for polygon in polygons:
        yield polygon.exterior.coords
        for interior in polygon.interiors:
            yield interior.coords


def commune_map(
    shapes: Mapping[str, tuple[str, Any]],
    categories: Mapping[str, str | None],
    legend: Sequence[str],
    *,
    title: str,
    chart_id: str,
) -> Markup:
    """The communes (INSEE -> (name, shapely geometry) of the map's communes layer), each
    filled with the colour of its category (`legend` order), grey without an answer."""
    bounds = [geometry.bounds for _, geometry in shapes.values()]
    if not bounds:
        return Markup("")
    minx = min(b[0] for b in bounds)
    miny = min(b[1] for b in bounds)
    maxx = max(b[2] for b in bounds)
    maxy = max(b[3] for b in bounds)
    squeeze = math.cos(math.radians((miny + maxy) / 2))  # degrees of longitude are shorter
    span_x, span_y = max((maxx - minx) * squeeze, 1e-9), max(maxy - miny, 1e-9)
    map_width = 420
    scale = map_width / span_x
    height = int(span_y * scale) + 8

    def project(x: float, y: float) -> tuple[float, float]:
        return (x - minx) * squeeze * scale + 4, (maxy - y) * scale + 4

    colours = {name: colour(i) for i, name in enumerate(legend)}
    parts = []
    for insee, (name, geometry) in sorted(shapes.items()):
        category = categories.get(insee)
        fill = colours.get(category, OTHER_COLOUR) if category else NO_ANSWER_COLOUR
        path = "".join(_ring_path(ring, project) for ring in _rings(geometry))
        what = category or "sans réponse"
        parts.append(
            f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="1.2" '
            f'fill-rule="evenodd"><title>{escape(name)} : {escape(what)}</title></path>'
        )
    y = 12
    for name in [*legend, "Sans réponse"]:
        fill = colours.get(name, NO_ANSWER_COLOUR)
        parts.append(
            f'<rect x="{map_width + 20}" y="{y - 10}" width="12" height="12" fill="{fill}" '
            f'stroke="#595959" stroke-width="0.5"/>'
            f'<text x="{map_width + 38}" y="{y}" class="survey-chart-label">{escape(name)}</text>'
        )
        y += 20
    total_height = max(height, y)
    return _frame(total_height, title, chart_id, "".join(parts), width=map_width + 280)
