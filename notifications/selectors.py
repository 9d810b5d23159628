"""Reads of the inbox that pages and the API share."""

from django.core.cache import cache

from notifications.models import Notification

# The navigation shows the unread count on every page: kept in the cache (no query on most pages), forgotten by
# the services whenever a person's notifications are written or read, and at most this old otherwise.
UNREAD_KEY = "notifications:unread:{}"
UNREAD_TTL = 300


def unread_count(user) -> int:
    key = UNREAD_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TTL)
    return count


def forget_unread(user_id: int) -> None:
    cache.delete(UNREAD_KEY.format(user_id))


def mark_unreadable(notifications, user) -> None:
    """Sets `unreadable` on each notification whose record the person may no longer read (restricted since it was
    written): it keeps its place in the inbox, not its words. One query per kind of record."""
    by_type = {}
    for notification in notifications:
        notification.unreadable = False
        if notification.content_type_id:
            by_type.setdefault(notification.content_type, []).append(notification)
    for content_type, items in by_type.items():
        model = content_type.model_class()
        manager = model._default_manager if model is not None else None
        readable = (
            set(manager.restrict(user).filter(pk__in=[n.object_id for n in items]).values_list("pk", flat=True))
            if manager is not None and hasattr(manager, "restrict")
            else set()
        )
        for notification in items:
            notification.unreadable = notification.object_id not in readable
