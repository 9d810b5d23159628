"""Read scoping shared by every register."""

from django.db.models import QuerySet

from core.choices import Classification
from core.roles import VIEW_RESTRICTED


def can_view_restricted(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_RESTRICTED)


def visible_to(queryset: QuerySet, user, field: str = "classification") -> QuerySet:
    """The records `user` may read: Participants (no view_restricted permission) only Public ones."""
    if can_view_restricted(user):
        return queryset
    return queryset.filter(**{field: Classification.PUBLIC})


class Audience:
    """Who a document is rendered for when there is no request user: a pack classified Public is read as a
    Participant would (Public records only); a Restricted pack sees everything."""

    is_authenticated = True

    def __init__(self, classification: str):
        self.sees_restricted = classification == Classification.RESTRICTED

    def has_perm(self, permission: str) -> bool:
        return permission == VIEW_RESTRICTED and self.sees_restricted
