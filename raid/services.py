"""RAID workflows: raise, update (re-scoring from the matrix), close and reopen, and the mitigation plan.
Pages, the API and imports call these; the score is never set by hand."""

from django.db import transaction

from core.concurrency import claim_version
from core.exceptions import WorkflowError
from core.records import stamp, today
from core.refs import assign_ref
from core.restriction import system_work
from raid.choices import RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from raid.scoring import Scoring, load_scoring

MITIGATION_FIELDS = ("text", "owner", "due_on", "done")


def _apply_score(item: RaidItem, scoring: Scoring) -> None:
    item.score = scoring.score(item.kind, item.likelihood, item.impact)


@system_work()
def raid_item_create(
    *, actor, kind: str, ref: str = "", groups=(), mitigation=(), reason: str = "", **fields
) -> RaidItem:
    """Raises an item: ref generated per kind (R850) unless an existing one is imported; scored from the
    matrix; its initial score is the score it was raised with unless one is given."""
    prefix = RaidKind(kind).prefix
    with transaction.atomic():
        ref = assign_ref(
            RaidItem, prefix, ref, malformed=f"{ref} is not a {RaidKind(kind).label.lower()} ref ({prefix}<number>)."
        )
        fields["raised_on"] = fields.get("raised_on") or today()
        item = RaidItem(ref=ref, kind=kind, **fields)
        # Likelihood and impact must be valid before the matrix is asked for their score.
        item.full_clean(exclude=["score"])
        _apply_score(item, load_scoring())
        if item.initial_score is None:
            item.initial_score = item.score
        if item.status == RaidStatus.CLOSED and item.closed_on is None:
            item.closed_on = today()
        item.full_clean()
        stamp(item, actor, reason or "Raised")
        item.save()
        item.groups.set(groups)
        _replace_mitigation(item, mitigation, actor)
    return item


@system_work()
def raid_item_update(
    *,
    item: RaidItem,
    actor,
    expected_version: int | None = None,
    groups=None,
    mitigation=None,
    reason: str = "",
    **changes,
) -> RaidItem:
    """Edits an item and re-scores it. A closed item is read-only until reopened (status back to open in
    the same edit, or raid_item_reopen); closing stamps the closed date."""
    with transaction.atomic():
        locked = RaidItem.objects.select_for_update().get(pk=item.pk)
        claim_version(locked, expected_version if expected_version is not None else item.version)
        was_closed = locked.status == RaidStatus.CLOSED
        if was_closed and changes.get("status") != RaidStatus.OPEN:
            raise WorkflowError(f"{locked.ref} is closed: reopen it before editing.", field="status")
        for name, value in changes.items():
            setattr(locked, name, value)
        if locked.status == RaidStatus.CLOSED and locked.closed_on is None:
            locked.closed_on = today()
        if locked.status == RaidStatus.OPEN:
            locked.closed_on = None
        locked.full_clean(exclude=["score"])
        _apply_score(locked, load_scoring())
        locked.full_clean()
        stamp(locked, actor, reason or ("Reopened" if was_closed else "Updated"))
        locked.save()
        if groups is not None:
            locked.groups.set(groups)
        if mitigation is not None:
            _replace_mitigation(locked, mitigation, actor)
    return locked


@system_work()
def raid_item_close(*, item: RaidItem, actor, reason: str = "") -> RaidItem:
    return _set_status(item, RaidStatus.CLOSED, actor, reason)


@system_work()
def raid_item_reopen(*, item: RaidItem, actor, reason: str = "") -> RaidItem:
    return _set_status(item, RaidStatus.OPEN, actor, reason)


def _set_status(item: RaidItem, status: str, actor, reason: str) -> RaidItem:
    """Closes (stamping the date) or reopens (clearing it) an item; refuses a no-op."""
    verb = "Closed" if status == RaidStatus.CLOSED else "Reopened"
    with transaction.atomic():
        locked = RaidItem.objects.select_for_update().get(pk=item.pk)
        if locked.status == status:
            raise WorkflowError(f"{locked.ref} is already {RaidStatus(status).label.lower()}.")
        locked.status = status
        locked.closed_on = today() if status == RaidStatus.CLOSED else None
        claim_version(locked)
        stamp(locked, actor, f"{verb}{f' — {reason}' if reason else ''}")
        locked.save(update_fields=["status", "closed_on", "version"])
    return locked


def _replace_mitigation(item: RaidItem, steps, actor) -> None:
    """Makes the plan exactly `steps` (dicts of text, owner, due_on, done), in order, touching only the steps
    that differ so the history shows what really changed."""
    existing = list(item.mitigation_steps.order_by("position", "pk"))
    for position, wanted in enumerate(steps, start=1):
        values = {
            name: wanted.get(name, MitigationStep._meta.get_field(name).get_default()) for name in MITIGATION_FIELDS
        }
        step = existing.pop(0) if existing else MitigationStep(item=item)
        if step.pk and step.position == position and all(getattr(step, n) == v for n, v in values.items()):
            continue
        step.position = position
        for name, value in values.items():
            setattr(step, name, value)
        step.full_clean(exclude=["item"])
        stamp(step, actor)
        step.save()
    for leftover in existing:
        stamp(leftover, actor, "Removed from the plan")
        leftover.delete()


@system_work()
def rescore_all(*, actor=None) -> int:
    """Re-scores every item after the matrix was edited; returns how many scores changed (with history)."""
    scoring = load_scoring()
    changed = 0
    with transaction.atomic():
        for item in RaidItem.objects.select_for_update():
            new_score = scoring.score(item.kind, item.likelihood, item.impact)
            if new_score != item.score:
                item.score = new_score
                stamp(item, actor, "Re-scored after the scoring matrix changed")
                item.save(update_fields=["score"])
                changed += 1
    return changed
