"""Server-rendered chart geometry (SVG), shared by pages and PDFs: WeasyPrint runs no JavaScript.

Every chart is a picture with words: an SVG with role="img", named by its <title> (which WeasyPrint also takes
as the PDF figure's alternative text) and described by its <desc>, with its numbers in an HTML table beside it;
links never sit inside the picture, since an image may hold no controls."""

import hashlib
import math
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# The smallest arc, in radians, wide enough to carry its label's initial.
LETTER_SWEEP = 0.35


@dataclass
class Slice:
    label: str
    value: int
    colour: str
    path: str
    url: str = ""
    letter_x: float = 0
    letter_y: float = 0
    letter: str = ""


def chart_id(kind: str, data) -> str:
    """An id for a chart's title and description: the same each time the same chart is drawn (a paper's sections
    are compared by digest), different for charts of different data. Two charts of one kind with the same data
    would share it, and name each other by the same text."""
    return f"{kind}-{hashlib.blake2s(repr(data).encode(), digest_size=5).hexdigest()}"


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(colour: str) -> str:
    """White or near-black, whichever reads better on `colour` (a #rrggbb fill)."""
    light = _luminance(colour)
    return "#fff" if 1.05 / (light + 0.05) >= (light + 0.05) / (0.018 + 0.05) else "#212529"


def donut(segments: list[tuple[str, int, str, str]], size: int = 120, thickness: int = 22) -> dict:
    """Arcs of a donut chart: `segments` are (label, value, CSS colour, link). Zero values are left out; a single
    segment is drawn as a full ring. Each arc wide enough carries its label's initial, so the slices read apart
    without their colours (in greyscale print, or to a reader who cannot tell red from green)."""
    total = sum(value for _, value, _, _ in segments)
    radius, inner = size / 2, size / 2 - thickness
    centre, middle = size / 2, size / 2 - thickness / 2
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
        halfway = angle + sweep / 2
        slices.append(
            Slice(
                label=label,
                value=value,
                colour=colour,
                path=path,
                url=url,
                letter_x=round(centre + middle * math.cos(halfway), 2),
                letter_y=round(centre + middle * math.sin(halfway), 2),
                letter=label[:1] if sweep >= LETTER_SWEEP else "",
            )
        )
        angle += sweep
    return {"size": size, "total": total, "slices": slices, "centre": centre}


def donut_figure(chart: dict, title: str) -> SafeString:
    """A donut of `chart` (from `donut`) with its title and legend, as the pages and the papers show it: written in
    Python, since a dashboard shows two dozen of them and a template costs more per slice than its queries.

    The legend is the chart's data table: each label in words with its count, and the slice's link (on the label,
    so a keyboard reaches every filter the picture offers). The SVG holds no links: it is an image, named by its
    title with the counts (the PDF's alternative text) and described by each slice's share."""
    size, centre, total = chart["size"], chart["centre"], chart["total"]
    pieces = chart["slices"]
    ids = chart_id("donut", (title, [(piece.label, piece.value) for piece in pieces]))
    counts = ", ".join(f"{piece.label} {piece.value}" for piece in pieces) or "none"
    shares = ", ".join(f"{piece.label} {round(100 * piece.value / total)}%" for piece in pieces)
    description = f"{total} in all: {shares}." if pieces else "Nothing to count."
    arcs, letters, rows = [], [], []
    for piece in pieces:
        label, colour = escape(piece.label), escape(piece.colour)
        arcs.append(f'<path d="{escape(piece.path)}" fill="{colour}" fill-rule="evenodd"/>')
        if piece.letter:
            letters.append(
                f'<text x="{piece.letter_x}" y="{piece.letter_y}" text-anchor="middle" dominant-baseline="central" '
                f'font-size="{round(size / 10)}" font-weight="700" fill="{ink_on(piece.colour)}">'
                f"{escape(piece.letter)}</text>"
            )
        name = label
        if piece.url:
            # The title in the link's name: "Red in Tier 1" tells one donut's Red from the next one's.
            name = f'<a href="{escape(piece.url)}">{label}<span class="visually-hidden"> in {escape(title)}</span></a>'
        rows.append(
            '<tr><th scope="row"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">'
            f'<rect width="10" height="10" rx="2" fill="{colour}"/></svg>{name}</th><td>{piece.value}</td></tr>'
        )
    if not arcs:
        ring = int(centre) - 11
        arcs.append(f'<circle cx="{centre}" cy="{centre}" r="{ring}" fill="none" stroke="#dee2e6" stroke-width="22"/>')
        rows.append('<tr><th scope="row">In all</th><td>0</td></tr>')
    return format_html(
        '<figure class="donut" data-testid="donut"><svg viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        'role="img" aria-labelledby="{ids}-title" aria-describedby="{ids}-desc">'
        '<title id="{ids}-title">{title}: {counts}</title><desc id="{ids}-desc">{description}</desc>'
        '{arcs}<text x="{centre}" y="{centre}" text-anchor="middle" dominant-baseline="central" font-size="20" '
        'font-weight="700">{total}</text>{letters}</svg>'
        '<figcaption class="small"><table class="legend"><caption>{title}</caption><tbody>{rows}</tbody></table>'
        "</figcaption></figure>",
        size=size,
        ids=ids,
        title=title,
        counts=counts,
        description=description,
        arcs=mark_safe("".join(arcs)),  # each part escaped above
        centre=centre,
        total=total,
        letters=mark_safe("".join(letters)),  # each part escaped above
        rows=mark_safe("".join(rows)),  # each part escaped above
    )
