from django.db import models


def stamp(record, actor, reason: str = "") -> None:
    """Attributes the next history row of `record` to `actor` (pages get this from the request; the API, tasks and
    imports must say who) and gives it a reason."""
    record._history_user = actor
    record._change_reason = reason or None


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
