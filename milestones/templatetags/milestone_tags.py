from django import template
from django.utils.safestring import SafeString

from milestones import charts

register = template.Library()


@register.simple_tag
def timeline_figure(timeline, on_page=False) -> SafeString:
    """`{% timeline_figure timeline on_page=True %}`: the milestone timeline as every page and paper draws it."""
    return charts.timeline_figure(timeline, on_page)
