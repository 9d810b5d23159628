"""The action RAG rule (DESIGN §4), once: for one action in Python and for a register as query conditions, so
the record page, the API, the list filter and the dashboard panel cannot disagree."""

import datetime

from django.db.models import Q
from django.utils import timezone

from meetings.choices import ActionRag, ActionStatus
from milestones.rag import add_working_days

DUE_SOON_WORKING_DAYS = 5


def due_soon_until(today: datetime.date) -> datetime.date:
    """The last day an open action counts as due soon (Amber) rather than on track."""
    return add_working_days(today, DUE_SOON_WORKING_DAYS)


def action_rag(status: str, due_on: datetime.date | None, today: datetime.date | None = None) -> str | None:
    """Overdue Red, due within five working days Amber, else Green; None when closed or undated."""
    if status == ActionStatus.CLOSED or due_on is None:
        return None
    today = today or timezone.localdate()
    if due_on < today:
        return ActionRag.RED
    if due_on <= due_soon_until(today):
        return ActionRag.AMBER
    return ActionRag.GREEN


def rag_condition(rag: str, today: datetime.date | None = None) -> Q:
    """The actions `action_rag` gives `rag` on `today`, as a query condition."""
    today = today or timezone.localdate()
    pending = Q(due_on__isnull=False) & ~Q(status=ActionStatus.CLOSED)
    if rag == ActionRag.RED:
        return pending & Q(due_on__lt=today)
    if rag == ActionRag.AMBER:
        return pending & Q(due_on__gte=today, due_on__lte=due_soon_until(today))
    return pending & Q(due_on__gt=due_soon_until(today))
