from functools import cache

from django import template
from django.template.defaultfilters import pluralize
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from core import charts, tables
from core.choices import Classification

register = template.Library()


def badge(label, colour: str, icon: str = "") -> SafeString:
    """The markup of a coloured badge, in pages, tables and packs alike."""
    icon_html = f'<i class="bi bi-{escape(icon)}"></i> ' if icon else ""
    return mark_safe(f'<span class="badge text-bg-{escape(colour)}">{icon_html}{escape(label)}</span>')


@register.simple_tag
@cache
def choice_badge(value, choices_path: str) -> SafeString:
    """A coloured badge for a choice value: {% choice_badge group.level "programme.choices.GroupLevel" %}.

    The colour comes from the Choices class, so a value looks the same on every page and in every PDF. Kept per
    value: a register page shows the same few badges on every row."""
    if value in (None, ""):
        return badge("—", "light")
    member = import_string(choices_path)(value)
    return badge(member.label, member.colour)


@register.simple_tag
@cache
def classification_badge(value) -> SafeString:
    member = Classification(value)
    return badge(member.label, member.colour, "lock" if value == "restricted" else "globe")


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template, or None: {{ movements|get_item:record.pk }}."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def record_url(record) -> str:
    """The page of a record or of the record a historical version belongs to."""
    return tables.record_url(record)


@register.simple_tag(takes_context=True)
def rag_as_of(context, record):
    """`{% rag_as_of action as rag %}`: the record's RAG as judged on the day a paper states (`on` in the context),
    or today on a live page, so a paper about the past does not call overdue what was not overdue then."""
    return record.rag(context.get("on"))


@register.simple_tag
def donut_figure(chart: dict, title: str) -> SafeString:
    """`{% donut_figure chart title %}`: a donut as every page and paper draws it (core.charts)."""
    return charts.donut_figure(chart, title)


@register.simple_tag
def chart_id(kind: str, data) -> str:
    """`{% chart_id "timeline" timeline as chart %}`: the id stem of a chart's title and description (core.charts)."""
    return charts.chart_id(kind, data)


@register.filter
def forecast_late(rows) -> list:
    """The rows of a milestone timeline whose forecast is later than their baseline."""
    return [
        row for row in rows if (m := row["milestone"]).baseline_on and m.forecast_on and m.forecast_on > m.baseline_on
    ]


@register.filter
def slip(milestone) -> str:
    """A milestone's forecast against its baseline in words: "12 days later", "3 days earlier", "on baseline"."""
    if not (milestone.baseline_on and milestone.forecast_on):
        return "—"
    days = (milestone.forecast_on - milestone.baseline_on).days
    if not days:
        return "on baseline"
    return f"{abs(days)} day{pluralize(abs(days))} {'later' if days > 0 else 'earlier'}"


@register.filter
def band_ranges(rows) -> list[tuple]:
    """(band, lowest score, highest score) of a heat map's cells, worst band first: its colour key in words."""
    scores: dict = {}
    for row in rows:
        for cell in row["cells"]:
            scores.setdefault(cell["band"], []).append(cell["score"])
    return sorted(
        ((band, min(found), max(found)) for band, found in scores.items() if band),
        key=lambda entry: -entry[2],
    )
