from functools import cache

from django import template
from django.utils.module_loading import import_string

from core import tables
from core.choices import Classification

register = template.Library()


@cache
def _choices_class(dotted_path: str):
    return import_string(dotted_path)


@register.inclusion_tag("includes/badge.html")
def choice_badge(value, choices_path: str):
    """A coloured badge for a choice value: {% choice_badge group.level "programme.choices.GroupLevel" %}.

    The colour comes from the Choices class, so a value looks the same on every page and in every PDF."""
    if value in (None, ""):
        return {"label": "—", "colour": "light"}
    member = _choices_class(choices_path)(value)
    return {"label": member.label, "colour": member.colour}


@register.inclusion_tag("includes/badge.html")
def classification_badge(value):
    member = Classification(value)
    return {
        "label": member.label,
        "colour": member.colour,
        "icon": "lock" if value == "restricted" else "globe",
    }


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
