"""The dashboard's RAG donuts written in Python: two dozen figures of a handful of slices each cost more through
the template engine (an include and a few variables per slice) than the page's queries. The markup is that of
templates/includes/donut.svg.html, which the meeting packs include."""

from typing import NamedTuple

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


class Donut(NamedTuple):
    """A titled donut, (title, chart from core.charts.donut), that a template shows by its figure."""

    title: str
    chart: dict

    @property
    def figure(self) -> SafeString:
        return figure(self.chart, self.title)


def figure(chart: dict, title: str) -> SafeString:
    """A donut of counts with its legend: `chart` from core.charts.donut."""
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
