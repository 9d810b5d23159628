"""Optimistic concurrency: a write names the version it was based on and loses if someone wrote since.

The check is a conditional UPDATE (… WHERE version = expected), which takes the row lock, so of two racing
writers exactly one wins; the loser gets StaleEditError (409 on forms, 412 on the API)."""

from django.db import transaction
from django.db.models import F

from core.exceptions import WorkflowError


class StaleEditError(WorkflowError):
    def __init__(self, instance):
        super().__init__(
            f"{instance._meta.verbose_name.capitalize()} {instance} was changed by someone else since you "
            "opened it. Reload to see their changes, then apply yours again."
        )


def claim_version(instance, expected_version: int | None = None) -> None:
    """Bumps the stored version if it still equals `expected_version` (None: the version loaded with
    `instance`), and sets `instance.version` to the new number; raises StaleEditError otherwise.
    Call inside the transaction that then saves the instance."""
    expected = instance.version if expected_version is None else int(expected_version)
    with transaction.atomic():
        claimed = (
            type(instance)._default_manager.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
        )
    if not claimed:
        raise StaleEditError(instance)
    instance.version = expected + 1


def advance_versions(instances) -> None:
    """For a bulk update, which cannot claim row by row: each version moves on in memory and is written by the bulk
    UPDATE, so forms opened before it are stale. Only for writes that need no expected version (imports)."""
    for instance in instances:
        instance.version += 1
