"""The actions log's rows written in Python: a meeting's log or a pack's section lists dozens of actions, and a
template included per row cost more than the row."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.governance import choice_badge

register = template.Library()


@register.simple_tag(takes_context=True)
def action_row(context, action) -> SafeString:
    """One action's row of meetings/includes/actions_table.html; its RAG as judged on the paper's day (`on` in the
    context), or today on a live page."""
    organisation = action.owner_organisation
    owner = escape(action.owner)
    if organisation and organisation.name not in action.owner:
        owner += f" ({escape(organisation)})"
    due = date_format(action.due_on, "d/m/y") if action.due_on else escape(action.due_text)
    rag = action.rag(context.get("on"))
    if rag:
        due += f" {choice_badge(rag, 'meetings.choices.ActionRag')}"
    return mark_safe(
        "<tr>\n"
        f'  <td class="text-nowrap ref"><a href="{escape(action.get_absolute_url())}">{escape(action.ref)}</a></td>\n'
        f"  <td>{escape(action.area)}</td>\n"
        f"  <td>{escape(action.description)}</td>\n"
        f"  <td>{owner}</td>\n"
        f'  <td class="text-nowrap">{due}</td>\n'
        f"  <td>{choice_badge(action.status, 'meetings.choices.ActionStatus')}</td>\n"
        f'  <td class="small">{escape(action.latest_update)}</td>\n'
        "</tr>\n"
    )
