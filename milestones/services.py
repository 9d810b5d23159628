"""Milestone workflows: create and update (baseline changes need an approved CR or decision), and the RAG
recompute that stores each milestone's current RAG. Pages, API, imports and tasks call these."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from changes.choices import ChangeStatus
from changes.models import ChangeRequest
from core.concurrency import advance_versions, claim_version
from core.exceptions import WorkflowError
from core.records import stamp, today
from core.refs import insert_new
from core.restriction import system_work
from core.tasks import queue_after_commit
from milestones.choices import MilestoneStatus
from milestones.models import Milestone
from milestones.rag import evaluate_all
from milestones.refs import parse_ref
from milestones.selectors import stored_milestones


def _approved_change_request(reference: str) -> str | None:
    """None if `reference` is an approved CR; otherwise why not (or "" when it is not a CR ref at all)."""
    if not re.fullmatch(r"CR\d{3,}", reference):
        return ""
    change_request = ChangeRequest.objects.filter(ref=reference).first()
    if change_request is None:
        return f"There is no change request {reference}."
    if change_request.status != ChangeStatus.APPROVED:
        return f"{reference} is {change_request.get_status_display()}, not approved."
    return None


# Who may authorise a baseline change. Each checker answers None (authorised), a refusal, or "" (not its kind of
# reference). The meetings side adds a checker for its decision refs (DAG-DEC55) when it is installed, so this
# app never imports it.
BASELINE_AUTHORITIES: list[Callable[[str], str | None]] = [_approved_change_request]


def check_baseline_authority(reference: str) -> None:
    reference = (reference or "").strip()
    if not reference:
        raise WorkflowError(
            "A baseline date changes only with an approved change request or a decision: give its ref (e.g. CR055).",
            field="baseline_change_reference",
        )
    refusals = []
    for checker in BASELINE_AUTHORITIES:
        answer = checker(reference)
        if answer is None:
            return
        if answer:
            refusals.append(answer)
    raise WorkflowError(
        " ".join(refusals) or f"{reference} is neither an approved change request nor a recorded decision.",
        field="baseline_change_reference",
    )


IMPORTED_FIELDS = (
    "tier",
    "title",
    "forum",
    "responsible",
    "baseline_on",
    "forecast_on",
    "actual_on",
    "status",
    "commentary",
    "classification",
)


def _check_dates(milestone: Milestone, changed: set[str]) -> None:
    # The day of the write: a file imported as of a past date is judged on that day.
    on = today()
    if "actual_on" in changed and milestone.actual_on and milestone.actual_on > on:
        raise WorkflowError(
            "An actual date cannot be in the future: record it when the milestone is met.", field="actual_on"
        )
    if (
        "forecast_on" in changed
        and milestone.forecast_on
        and milestone.forecast_on < on
        and milestone.status != MilestoneStatus.COMPLETE
    ):
        raise WorkflowError(
            "A forecast cannot be in the past for a milestone that is not complete: re-forecast it or record the "
            "actual date.",
            field="forecast_on",
        )


def apply_rules(milestone: Milestone, changed: set[str], *, reference: str = "", baseline_set_before: bool) -> str:
    """The rules every write of a milestone obeys, from a page, the API or a spreadsheet row: a baseline that was
    set moves only under an approved CR or a decision, an actual date means the milestone is complete, and the
    dates must make sense today. Sets what the rules derive on `milestone`; returns the history reason."""
    reason = "Updated"
    if "baseline_on" in changed and baseline_set_before:
        check_baseline_authority(reference)
        milestone.baseline_change_reference = reference.strip()
        reason = f"Baseline moved under {milestone.baseline_change_reference}"
    if "actual_on" in changed and milestone.actual_on:
        milestone.status = MilestoneStatus.COMPLETE
    _check_dates(milestone, changed)
    return reason


RECOMPUTE_TASK = "milestones.tasks.recompute_rag"


def _queue_recompute(milestone_ids: Iterable[int] | None) -> None:
    """Recomputes the RAG of `milestone_ids` and their dependents (every milestone for None) after commit."""
    queue_after_commit(RECOMPUTE_TASK, sorted(set(milestone_ids)) if milestone_ids is not None else None)


@system_work()
def milestone_create(*, actor, ref: str, depends_on=(), **fields) -> Milestone:
    with transaction.atomic():
        if Milestone.history.filter(ref=ref).exists():
            raise WorkflowError(f"{ref} already exists; refs are never reused.", field="ref")
        tier = fields.pop("tier", None) or parse_ref(ref)[0]
        if tier is None:
            raise WorkflowError(f"Give the tier: {ref} does not say it.", field="tier")
        milestone = Milestone(ref=ref, tier=tier, **fields)
        apply_rules(milestone, set(fields), baseline_set_before=False)
        milestone.full_clean(exclude=["rag"])
        stamp(milestone, actor, "Created")
        insert_new(milestone, duplicate=f"{ref} already exists; refs are never reused.", field="ref")
        milestone.depends_on.set(depends_on)
        _queue_recompute([milestone.pk])
    return milestone


@system_work()
def milestone_update(
    *, milestone: Milestone, actor, expected_version: int | None = None, depends_on=None, **changes
) -> Milestone:
    """Edits a milestone. Moving its baseline needs `baseline_change_reference` naming an approved CR or a
    decision; forecasts need only commentary. Its RAG, and its dependents', are recomputed after commit."""
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        claim_version(locked, expected_version if expected_version is not None else milestone.version)
        reference = changes.pop("baseline_change_reference", "")
        changed = {name for name, value in changes.items() if getattr(locked, name) != value}
        for name in changed:
            setattr(locked, name, changes[name])
        reason = apply_rules(
            locked, changed, reference=reference, baseline_set_before=milestone.baseline_on is not None
        )
        locked.full_clean(exclude=["rag"])
        stamp(locked, actor, reason)
        locked.save()
        if depends_on is not None:
            if any(dependency.pk == locked.pk for dependency in depends_on):
                raise WorkflowError("A milestone cannot depend on itself.", field="depends_on")
            locked.depends_on.set(depends_on)
        _queue_recompute([locked.pk])
    return locked


@system_work()
def milestones_import(*, actor, reason: str, creates: list, updates: list, dependencies: dict[str, list[str]]) -> None:
    """Writes a checked Milestone Register file (each row already put through `apply_rules`): bulk inserts and
    updates with their history (a few queries for thousands of rows), then the dependencies, then one RAG recompute
    after commit."""
    for milestone in (*creates, *updates):
        # The bulk history takes each record's stamp: its date too, when the file is imported as of a past day.
        stamp(milestone, actor, reason)
    if creates:
        bulk_create_with_history(creates, Milestone, batch_size=1000, default_user=actor, default_change_reason=reason)
    if updates:
        advance_versions(updates)
        bulk_update_with_history(
            updates,
            Milestone,
            [*IMPORTED_FIELDS, "baseline_change_reference", "version"],
            batch_size=1000,
            default_user=actor,
            default_change_reason=reason,
        )
    if dependencies:
        refs = {ref for deps in dependencies.values() for ref in deps} | set(dependencies)
        ids = dict(Milestone.objects.filter(ref__in=refs).values_list("ref", "pk"))
        through = Milestone.depends_on.through
        through.objects.filter(from_milestone_id__in=[ids[ref] for ref in dependencies]).delete()
        through.objects.bulk_create(
            through(from_milestone_id=ids[ref], to_milestone_id=ids[dep])
            for ref, deps in dependencies.items()
            for dep in deps
        )
    _queue_recompute(None)


UPDATE_CHUNK = 10_000


@system_work()
def recompute_rag(milestone_ids: Iterable[int] | None = None) -> int:
    """Stores each milestone's current RAG; returns how many changed.

    Set-based: every RAG is evaluated in memory from two narrow reads, and only the rows whose RAG differs are
    written, with one UPDATE per RAG value (RAG is not in the history, so nothing is written there). Given ids,
    only those milestones and everything that depends on them, directly or not, are written. Running it twice
    changes nothing the second time."""
    stored = stored_milestones()
    results = evaluate_all({snapshot.ref: snapshot for snapshot, _, _ in stored}, timezone.localdate())
    scope = None
    if milestone_ids is not None:
        scope = _with_dependents(set(milestone_ids))
    stale_by_rag: dict[str, list[int]] = defaultdict(list)
    for snapshot, pk, rag in stored:
        if (scope is None or pk in scope) and rag != results[snapshot.ref].rag:
            stale_by_rag[results[snapshot.ref].rag].append(pk)
    # One UPDATE per RAG value (there are five), in chunks that stay under SQLite's limit on parameters.
    for rag, pks in stale_by_rag.items():
        for start in range(0, len(pks), UPDATE_CHUNK):
            Milestone.objects.filter(pk__in=pks[start : start + UPDATE_CHUNK]).update(rag=rag)
    return sum(len(pks) for pks in stale_by_rag.values())


def _with_dependents(ids: set[int]) -> set[int]:
    """`ids` and every milestone that depends on one of them, directly or through others."""
    dependents: dict[int, list[int]] = {}
    for from_id, to_id in Milestone.depends_on.through.objects.values_list("from_milestone_id", "to_milestone_id"):
        dependents.setdefault(to_id, []).append(from_id)
    scope, frontier = set(ids), list(ids)
    while frontier:
        for dependent in dependents.get(frontier.pop(), ()):
            if dependent not in scope:
                scope.add(dependent)
                frontier.append(dependent)
    return scope
