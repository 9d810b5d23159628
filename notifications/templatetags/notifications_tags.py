from django import template

from notifications import services

register = template.Library()


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_button(context, group=None, record=None, record_type=""):
    """A follow / unfollow button for a group (`{% follow_button group=group %}`) or a record
    (`{% follow_button record=cr record_type="change-request" %}`)."""
    request = context["request"]
    return {
        "group": group,
        "record": record,
        "record_type": record_type,
        "following": services.is_following(request.user, group=group, record=record),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
