from django.utils.functional import SimpleLazyObject

from notifications import selectors


def inbox(request):
    """The unread count in the navigation: read only when a page shows it, at most once per request, from the
    cache when it can (notifications.selectors.unread_count)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: selectors.unread_count(user))}
