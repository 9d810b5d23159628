"""The dashboard's panel rows written in Python: each row's link, truncated text, date and badge cost a template
tag or filter apiece, two dozen rows a page (the registers' tables are written the same way: core.tables.LeanTable).
The markup is what the panels showed through the template."""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from core.tables import record_url
from core.templatetags.governance import choice_badge


def _short(text, length: int) -> str:
    # Most texts fit: Truncator normalises and measures every one (~30 µs apiece).
    return text if len(text) <= length else Truncator(text).chars(length)


def ia_rows(change_requests) -> SafeString:
    """CRs in impact assessment: ref, title and the closing date of their assessment."""
    return format_html_join(
        "",
        '<li><a href="{}">{}</a> {} — closes {}</li>',
        (
            (record_url(cr), cr.ref, _short(cr.title, 60), f"{cr.ia_closes_on:%d/%m/%Y}" if cr.ia_closes_on else "?")
            for cr in change_requests
        ),
    )


def group_rows(tree) -> SafeString:
    """The governance structure, (group, depth) in tree order: each group's code, linked, and name."""
    return format_html_join(
        "",
        '<li class="depth-{}"><a href="{}" class="fw-semibold">{}</a> <span class="text-muted">{}</span></li>',
        ((depth, group.get_absolute_url(), group.code, group.name) for group, depth in tree),
    )


def action_rows(actions, rag: str) -> SafeString:
    """Overdue (`rag` "red") or due soon ("amber") actions: ref, description, owner, due date and RAG."""
    mark = choice_badge(rag, "meetings.choices.ActionRag")
    return format_html_join(
        "",
        '<tr><td><a href="{}">{}</a></td><td class="small">{}</td><td class="small">{}</td>'
        '<td class="text-nowrap">{} {}</td></tr>',
        (
            (
                record_url(action),
                action.ref,
                _short(action.description, 90),
                action.owner,
                f"{action.due_on:%d/%m/%y}" if action.due_on else "",
                mark,
            )
            for action in actions
        ),
    )


def risk_rows(items, movements: dict, scoring) -> SafeString:
    """The top risks and issues: ref, title, score with its band, and movement."""
    return format_html_join(
        "",
        '<tr><td><a href="{}">{}</a></td><td class="small">{}</td><td class="text-nowrap">{} {}</td>'
        '<td class="small text-{}">{}</td></tr>',
        (
            (
                record_url(item),
                item.ref,
                _short(item.title, 70),
                item.score,
                choice_badge(scoring.band(item.score), "raid.choices.Band"),
                movements[item.id].colour,
                movements[item.id].text,
            )
            for item in items
        ),
    )
