from django import template
from django.utils.safestring import SafeString

from core.templatetags.governance import badge
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
