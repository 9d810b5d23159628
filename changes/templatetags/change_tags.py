from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.tables import RefLink

register = template.Library()


@register.simple_tag
def status_rows(change_requests) -> SafeString:
    """The rows of the "Change Request Status" table (changes/includes/status_table.html), for the page and the
    papers. Written in Python, each CR's link reversed once for the table: a pack lists every open CR, a thousand
    at scale 10, and the template's tags and lookups over its 9,000 cells cost ~0.2 s of composing it."""
    link = RefLink("changes:detail").writer()
    rows = []
    for cr in change_requests:
        raiser = ", ".join(str(part) for part in (cr.raised_by, cr.raiser_organisation) if part)
        cells = (
            cr.title,
            raiser,
            cr.get_change_type_display(),
            cr.latest_action,
            cr.get_status_display(),
            cr.get_stage_display(),
            cr.implementation_target,
            cr.change_owner,
        )
        rows.append(
            f'<tr><td><a href="{escape(link(cr))}">{escape(cr.ref)}</a></td>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in cells)
            + "</tr>"
        )
    return mark_safe("".join(rows))  # every value escaped above
