import datetime
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils import timezone

# The moment writes are recorded at when they replay the past (the demo loading papers at their dates).
_recorded_at: ContextVar[datetime.datetime | None] = ContextVar("recorded_at", default=None)


@contextmanager
def recorded_at(moment: datetime.datetime):
    """Writes inside are recorded in the history at `moment`, and "today" for the services' defaults is its day:
    the services replay what the papers record, as it happened then."""
    token = _recorded_at.set(moment)
    try:
        yield
    finally:
        _recorded_at.reset(token)


def replaying() -> bool:
    """Whether writes are replaying the past (an as-of import, the demo loading its papers)."""
    return _recorded_at.get() is not None


def now() -> datetime.datetime:
    """The moment a write happens: now, or the moment being replayed (recorded_at)."""
    return _recorded_at.get() or timezone.now()


def today() -> datetime.date:
    """The day a write happens on: today, or the day being replayed (recorded_at)."""
    moment = _recorded_at.get()
    return timezone.localtime(moment).date() if moment else timezone.localdate()


def stamp(record, actor, reason: str = "") -> None:
    """Attributes the next history row of `record` to `actor` (pages get this from the request; the API, tasks and
    imports must say who) and gives it a reason."""
    record._history_user = actor
    record._change_reason = reason or None
    moment = _recorded_at.get()
    if moment is not None:
        record._history_date = moment


def upsert(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, str]:
    """Creates the record matched by `lookup`, or updates only the fields whose values differ.

    Returns the record and "created", "updated" or "unchanged". An unchanged record is not saved, so
    re-running a load writes no history rows.
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return model._default_manager.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=changed)
    return instance, "updated"
