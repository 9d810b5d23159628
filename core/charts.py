"""Server-rendered chart geometry (SVG), shared by pages and PDFs: WeasyPrint runs no JavaScript."""

import math
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass
class Slice:
    label: str
    value: int
    colour: str
    path: str
    url: str = ""


def donut(segments: list[tuple[str, int, str, str]], size: int = 120, thickness: int = 22) -> dict:
    """Arcs of a donut chart: `segments` are (label, value, CSS colour, link). Zero values are left out; a single
    segment is drawn as a full ring."""
    total = sum(value for _, value, _, _ in segments)
    radius, inner = size / 2, size / 2 - thickness
    centre = size / 2
    slices, angle = [], -math.pi / 2
    for label, value, colour, url in segments:
        if not value:
            continue
        sweep = 2 * math.pi * value / total
        if value == total:
            # A full circle cannot be one arc: two half arcs, outer then inner.
            path = (
                f"M{centre},{centre - radius} A{radius},{radius} 0 1 1 {centre},{centre + radius} "
                f"A{radius},{radius} 0 1 1 {centre},{centre - radius} Z "
                f"M{centre},{centre - inner} A{inner},{inner} 0 1 0 {centre},{centre + inner} "
                f"A{inner},{inner} 0 1 0 {centre},{centre - inner} Z"
            )
        else:
            end = angle + sweep
            large = 1 if sweep > math.pi else 0
            x0, y0 = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            x1, y1 = centre + radius * math.cos(end), centre + radius * math.sin(end)
            x2, y2 = centre + inner * math.cos(end), centre + inner * math.sin(end)
            x3, y3 = centre + inner * math.cos(angle), centre + inner * math.sin(angle)
            path = (
                f"M{x0:.2f},{y0:.2f} A{radius},{radius} 0 {large} 1 {x1:.2f},{y1:.2f} "
                f"L{x2:.2f},{y2:.2f} A{inner},{inner} 0 {large} 0 {x3:.2f},{y3:.2f} Z"
            )
            angle = end
        slices.append(Slice(label=label, value=value, colour=colour, path=path, url=url))
    return {"size": size, "total": total, "slices": slices, "centre": centre}


def donut_figure(chart: dict, title: str) -> SafeString:
    """A donut of `chart` (from `donut`) with its title and legend, as the pages and the papers show it: written in
    Python, since a dashboard shows two dozen of them and a template costs more per slice than its queries."""
    size, centre = chart["size"], chart["centre"]
    arcs, legend = [], []
    for piece in chart["slices"]:
        label, value, colour = escape(piece.label), piece.value, escape(piece.colour)
        path = (
            f'<path d="{escape(piece.path)}" fill="{colour}" fill-rule="evenodd"><title>{label}: {value}</title></path>'
        )
        name = label
        if piece.url:
            url = escape(piece.url)
            path, name = f'<a href="{url}">{path}</a>', f'<a href="{url}">{label}</a>'
        arcs.append(path)
        legend.append(
            '<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">'
            f'<rect width="10" height="10" rx="2" fill="{colour}"/></svg>{name}: {value}</li>'
        )
    if not arcs:
        ring = int(centre) - 11
        arcs.append(f'<circle cx="{centre}" cy="{centre}" r="{ring}" fill="none" stroke="#dee2e6" stroke-width="22"/>')
    return format_html(
        '<figure class="donut" data-testid="donut"><svg viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        'role="img" aria-label="{title}">{arcs}<text x="{centre}" y="{centre}" text-anchor="middle" '
        'dominant-baseline="central" font-size="20" font-weight="700">{total}</text></svg>'
        '<figcaption class="small"><strong>{title}</strong><ul class="list-unstyled mb-0 legend">{legend}</ul>'
        "</figcaption></figure>",
        size=size,
        title=title,
        arcs=mark_safe("".join(arcs)),  # each part escaped above
        centre=centre,
        total=chart["total"],
        legend=mark_safe("".join(legend)),  # each part escaped above
    )
