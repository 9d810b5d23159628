"""Read scoping shared by every register: see core.restriction for the gate itself."""

from core.choices import Classification
from core.restriction import can_view_restricted
from core.roles import VIEW_RESTRICTED

__all__ = ["Audience", "can_view_restricted"]


class Audience:
    """Who a document is rendered for when there is no request user: a pack classified Public is read as a
    Participant would (Public records only); a Restricted pack sees everything."""

    is_authenticated = True

    def __init__(self, classification: str):
        self.sees_restricted = classification == Classification.RESTRICTED

    def has_perm(self, permission: str) -> bool:
        return permission == VIEW_RESTRICTED and self.sees_restricted
