from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.governance import badge, band_ranges
from raid.scoring import load_scoring

register = template.Library()


@register.simple_tag(takes_context=True)
def band_badge(context, score) -> SafeString:
    """The band of a score, from the matrix's band table. The table is read once per render and kept in the
    context, so a list of any length costs no extra queries."""
    scoring = context.get("scoring")
    if scoring is None:
        scoring = load_scoring()
        context.dicts[0]["scoring"] = scoring
    band = scoring.band(score)
    if band is None:
        return badge("—", "light")
    return badge(band.label, band.colour)


@register.simple_tag
def heat_map_table(rows, impacts, linked=False) -> SafeString:
    """The likelihood × impact grid (raid.selectors.heat_map_grid) as a data table, for pages and papers: each cell
    its matrix score, band (colour, and in words for a screen reader) and number of items; `linked` (pages) links
    each count to the register filtered to its cell, which a paper has no site for. Written in Python: the
    template's tags and lookups over 25 cells cost the dashboard ~2 ms."""
    key = ", ".join(f"{band.label} {low}–{high}" for band, low, high in band_ranges(rows))
    head = "".join(
        f'<th scope="col" class="axis"><span class="visually-hidden">Impact </span>{impact}</th>' for impact in impacts
    )
    body = []
    for row in rows:
        likelihood = row["likelihood"]
        cells = []
        for cell in row["cells"]:
            count, score, impact = cell["count"], cell["score"], cell["impact"]
            band = escape(getattr(cell["band"], "label", ""))
            if not count:
                content = (
                    '<span class="cell-count empty" aria-hidden="true">·</span>'
                    f'<span class="visually-hidden">No items, score {score}, {band} band</span>'
                )
            elif linked:
                content = (
                    f'<a href="{escape(cell["url"])}" class="cell-count">{count}<span class="visually-hidden"> '
                    f"item{pluralize(count)}, likelihood {likelihood}, impact {impact}, score {score}, {band} band"
                    "</span></a>"
                )
            else:
                content = (
                    f'<span class="cell-count">{count}</span><span class="visually-hidden"> item{pluralize(count)}, '
                    f"score {score}, {band} band</span>"
                )
            cells.append(
                f'<td class="band-{escape(cell["band"])}" data-likelihood="{likelihood}" data-impact="{impact}" '
                f'data-count="{count}"><span class="cell-score" aria-hidden="true">{score}</span>{content}</td>'
            )
        body.append(
            f'<tr><th scope="row" class="axis"><span class="visually-hidden">Likelihood </span>{likelihood}</th>'
            f"{''.join(cells)}</tr>"
        )
    return mark_safe(  # every value above is a number or escaped
        '<table class="heat-map" data-testid="heat-map"><caption class="small text-muted">Open items by likelihood '
        "(rows) and impact (columns). Each cell gives its matrix score (small) and number of items; its colour is its "
        f"band by score: {escape(key)}.</caption>"
        '<thead><tr><th scope="col" class="axis"><span aria-hidden="true">L \\ I</span>'
        f'<span class="visually-hidden">Likelihood</span></th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )
