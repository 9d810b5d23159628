"""Reads of the inbox that pages and the API share."""


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
