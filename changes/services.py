"""Change control workflows. Pages, the API, imports and the meetings side all call these; nothing else
writes a CR's status, stage or latest action."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from changes.choices import TRANSITIONS, ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice, Sharing, Step
from changes.models import ChangeRequest, ImpactResponse
from core.concurrency import StaleEditError, claim_version
from core.dates import end_of
from core.events import CR_DECIDED, IA_ISSUED, publish
from core.exceptions import WorkflowError
from core.records import now, stamp, today
from core.refs import assign_ref
from core.restriction import system_work
from programme.models import GovernanceGroup, Organisation
from programme.rules import is_party_representative, organisation_of, speaks_for

REF_SERIES = "CR"


@system_work()
def change_request_create(
    *, actor, ref: str = "", reason: str = "Raised", as_recorded: bool = False, **fields
) -> ChangeRequest:
    """Raises a CR: ref generated (CR055) unless an existing one is given, stage Raised, status Open. Raised
    today unless a date is given, or `as_recorded` (a log's record, where a missing date stays unknown)."""
    with transaction.atomic():
        ref = assign_ref(
            ChangeRequest,
            REF_SERIES,
            ref,
            width=3,
            malformed=f"{ref} is not a CR ref (CR followed by at least three digits).",
        )
        mutually_exclusive_with = fields.pop("mutually_exclusive_with", ())
        ia_constituencies = fields.pop("ia_constituencies", ())
        if not as_recorded:
            fields["raised_on"] = fields.get("raised_on") or today()
        # Where change control starts, unless an import records a CR at the place its log gives (change_request_import).
        fields = {"status": ChangeStatus.OPEN, "stage": ChangeStage.RAISED, "latest_action": "Raised", **fields}
        change_request = ChangeRequest(ref=ref, **fields)
        change_request.full_clean()
        stamp(change_request, actor, reason)
        change_request.save()
        change_request.mutually_exclusive_with.set(mutually_exclusive_with)
        change_request.ia_constituencies.set(ia_constituencies)
    return change_request


# Set only by the lifecycle steps (change_request_transition) or an import that walks them.
LIFECYCLE_FIELDS = ("status", "stage", "latest_action", "ia_opens_on", "ia_closes_on", "decided_on")


@system_work()
def change_request_edit(
    *, change_request: ChangeRequest, actor, expected_version: int | None = None, reason: str = "Edited", **changes
) -> ChangeRequest:
    """Edits a CR's descriptive fields and links. Its place in change control moves only by lifecycle steps; two
    mutually exclusive CRs can never both be approved."""
    lifecycle = [name for name in changes if name in LIFECYCLE_FIELDS]
    if lifecycle:
        raise WorkflowError(
            f"{change_request.ref}'s {lifecycle[0].replace('_', ' ')} changes only through the lifecycle steps.",
            field=lifecycle[0],
        )
    links = {name: changes.pop(name) for name in ("mutually_exclusive_with", "ia_constituencies") if name in changes}
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
        claim_version(locked, expected_version if expected_version is not None else change_request.version)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        stamp(locked, actor, reason)
        locked.save()
        if "mutually_exclusive_with" in links:
            rivals = list(links["mutually_exclusive_with"])
            both_approved = [rival.ref for rival in rivals if rival.status == ChangeStatus.APPROVED]
            if locked.status == ChangeStatus.APPROVED and both_approved:
                raise WorkflowError(
                    f"{locked.ref} and {', '.join(both_approved)} are both approved: they cannot be mutually "
                    "exclusive.",
                    field="mutually_exclusive_with",
                )
            locked.mutually_exclusive_with.set(rivals)
        if "ia_constituencies" in links:
            locked.ia_constituencies.set(links["ia_constituencies"])
    return locked


def lifecycle_path(change_request: ChangeRequest, stage: str, status: str) -> list[str] | None:
    """The fewest lifecycle steps that take the CR from where it stands to `stage` with `status` ([] when it is
    there already), or None when no sequence of steps does (the lifecycle does not go backwards)."""
    start, goal = (change_request.stage, change_request.status), (stage, status)
    paths = {start: []}
    frontier = [start]
    while frontier and goal not in paths:
        following = []
        for current in frontier:
            for step in steps_allowed_from(*current, change_request.change_type):
                transition = TRANSITIONS[step]
                reached = (transition.to_stage or current[0], transition.to_status or current[1])
                if reached not in paths:
                    paths[reached] = [*paths[current], step]
                    following.append(reached)
        frontier = following
    return paths.get(goal)


@system_work()
def change_request_import(
    *, actor, reason: str, ref: str, stage: str = "", status: str = "", latest_action: str = "", **fields
) -> ChangeRequest:
    """One row of an imported Change Control Log, the one path a spreadsheet (or the demo's papers) writes CRs by.

    A CR the register does not have yet is recorded at the stage and status the log gives, if the lifecycle can
    reach them from Raised; the history says it was recorded as imported. A CR the register has moves only along
    the lifecycle: each step is taken by change_request_transition with the row's dates and decision body, so the
    row is refused where the page would refuse the step."""
    lifecycle_dates = {
        name: fields.pop(name) for name in ("ia_opens_on", "ia_closes_on", "decided_on") if name in fields
    }
    with transaction.atomic():
        existing = ChangeRequest.objects.filter(ref=ref).first()
        if existing is None:
            return _record_imported(actor, reason, ref, stage, status, latest_action, lifecycle_dates, fields)
        changed = {name: value for name, value in fields.items() if _differs(existing, name, value)}
        if changed:
            existing = change_request_edit(change_request=existing, actor=actor, reason=reason, **changed)
        target = (stage or existing.stage, status or existing.status)
        path = lifecycle_path(existing, *target)
        if path is None:
            raise WorkflowError(
                f"{ref} cannot move from {existing.get_stage_display()} ({existing.get_status_display()}) to "
                f"{ChangeStage(target[0]).label} ({ChangeStatus(target[1]).label}): no lifecycle step leads there.",
                field="stage",
            )
        for step in path:
            existing = change_request_transition(
                change_request=existing,
                step=step,
                actor=actor,
                ia_opens_on=lifecycle_dates.get("ia_opens_on"),
                ia_closes_on=lifecycle_dates.get("ia_closes_on"),
                decision_body=fields.get("decision_body"),
                decided_on=lifecycle_dates.get("decided_on"),
                reason=reason,
            )
        stray = [
            name for name, value in lifecycle_dates.items() if value is not None and _differs(existing, name, value)
        ]
        if stray:
            raise WorkflowError(
                f"{ref}'s {stray[0].replace('_', ' ')} changes only with the lifecycle step that sets it.",
                field=stray[0],
            )
        if latest_action and latest_action != existing.latest_action:
            # The log's own words for where the CR stands, kept as it writes them.
            claim_version(existing)
            existing.latest_action = latest_action
            stamp(existing, actor, reason)
            existing.save(update_fields=["latest_action", "version"])
    return existing


def _differs(change_request: ChangeRequest, name: str, value) -> bool:
    if name in ("mutually_exclusive_with", "ia_constituencies"):
        return {r.pk for r in getattr(change_request, name).all()} != {r.pk for r in value}
    return getattr(change_request, name) != value


def _record_imported(actor, reason, ref, stage, status, latest_action, lifecycle_dates, fields) -> ChangeRequest:
    target = (stage or ChangeStage.RAISED, status or ChangeStatus.OPEN)
    raised = ChangeRequest(stage=ChangeStage.RAISED, status=ChangeStatus.OPEN, change_type=fields.get("change_type"))
    if lifecycle_path(raised, *target) is None:
        raise WorkflowError(
            f"{ChangeStage(target[0]).label} with status {ChangeStatus(target[1]).label} is not a place in change "
            "control: no lifecycle path from Raised leads there.",
            field="stage",
        )
    fields = {**fields, **{name: value for name, value in lifecycle_dates.items() if value}}
    # One write, so the history's first version is the CR as the log states it, attributed to the import.
    return change_request_create(
        actor=actor,
        ref=ref,
        reason=reason,
        as_recorded=True,
        stage=target[0],
        status=target[1],
        latest_action=latest_action,
        **fields,
    )


def allowed_steps(change_request: ChangeRequest) -> list[str]:
    """The steps the CR's current stage and status allow, in lifecycle order (for buttons and the API)."""
    return steps_allowed_from(change_request.stage, change_request.status, change_request.change_type)


def steps_allowed_from(stage: str, status: str, change_type: str) -> list[str]:
    """The steps a CR at `stage` with `status` and `change_type` may take, in lifecycle order."""
    return [
        step
        for step in Step
        if _stage_allows(step, stage, status) and not _awaits_impact_assessment(step, stage, change_type)
    ]


def _stage_allows(step: str, stage: str, status: str) -> bool:
    transition = TRANSITIONS[step]
    return stage in transition.from_stages and status in transition.from_statuses


def _awaits_impact_assessment(step: str, stage: str, change_type: str) -> bool:
    return step == Step.APPROVE and stage == ChangeStage.VALIDATED and change_type == ChangeType.FULL_IMPACT_ASSESSMENT


def _refusal(change_request: ChangeRequest, step: str) -> str | None:
    if not _stage_allows(step, change_request.stage, change_request.status):
        return (
            f"{change_request.ref} cannot be sent to '{Step(step).label.lower()}': it is "
            f"{change_request.get_status_display()} at stage {change_request.get_stage_display()}."
        )
    if _awaits_impact_assessment(step, change_request.stage, change_request.change_type):
        return f"{change_request.ref} needs its impact assessment before it can be approved."
    return None


@system_work()
def change_request_transition(
    *,
    change_request: ChangeRequest,
    step: str,
    actor,
    expected_version: int | None = None,
    ia_opens_on: datetime.date | None = None,
    ia_closes_on: datetime.date | None = None,
    decision_body: GovernanceGroup | None = None,
    decided_on: datetime.date | None = None,
    reason: str = "",
) -> ChangeRequest:
    """Moves a CR one step through change control, checked against TRANSITIONS.

    The row is locked for the step; a stale `expected_version` (the page was loaded before someone
    else's change) is refused. Approval rejects the CRs it is mutually exclusive with, atomically."""
    if step not in TRANSITIONS:
        raise WorkflowError(f"Unknown step '{step}'. Steps: {', '.join(Step.values)}.")
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
        if expected_version is not None and locked.version != int(expected_version):
            raise StaleEditError(locked)
        refusal = _refusal(locked, step)
        if refusal:
            raise WorkflowError(refusal)
        updates = _step_inputs(locked, step, ia_opens_on, ia_closes_on, decision_body, decided_on)

        transition = TRANSITIONS[step]
        for name, value in updates.items():
            setattr(locked, name, value)
        if transition.to_stage:
            locked.stage = transition.to_stage
        if transition.to_status:
            locked.status = transition.to_status
        locked.latest_action = transition.latest_action.format(
            ia_closes_on=locked.ia_closes_on, decision_body=locked.decision_body
        )
        if reason:
            locked.latest_action = f"{locked.latest_action}: {reason}"[:255]
        claim_version(locked)
        stamp(locked, actor, f"{Step(step).label}{f' — {reason}' if reason else ''}")
        locked.save(update_fields=["stage", "status", "latest_action", "version", *updates])

        if step == Step.APPROVE:
            _reject_mutually_exclusive(locked, actor)
        if step in {Step.ISSUE_IA, Step.REOPEN_IA}:
            publish(IA_ISSUED, change_request_id=locked.pk)
        elif step in {Step.APPROVE, Step.REJECT}:
            publish(CR_DECIDED, change_request_id=locked.pk)
    change_request.refresh_from_db()
    return change_request


def _step_inputs(change_request, step, ia_opens_on, ia_closes_on, decision_body, decided_on) -> dict:
    """Validates and returns the fields a step sets besides stage, status and latest action."""
    on = today()
    if step in {Step.ISSUE_IA, Step.REOPEN_IA}:
        opens = ia_opens_on or (change_request.ia_opens_on if step == Step.REOPEN_IA else None) or on
        if ia_closes_on is None:
            raise WorkflowError("Give the date the impact assessment closes.", field="ia_closes_on")
        if ia_closes_on < opens:
            raise WorkflowError(
                f"The impact assessment cannot close ({ia_closes_on:%d/%m/%Y}) before it opens ({opens:%d/%m/%Y}).",
                field="ia_closes_on",
            )
        if step == Step.REOPEN_IA and ia_closes_on < on:
            raise WorkflowError("A reopened impact assessment must close today or later.", field="ia_closes_on")
        return {"ia_opens_on": opens, "ia_closes_on": ia_closes_on}
    if step in {Step.APPROVE, Step.REJECT}:
        body = decision_body or change_request.decision_body
        if body is None:
            raise WorkflowError(
                "Say who decided: a governance group, the Change Board, the SRO or Ofgem.", field="decision_body"
            )
        return {"decision_body": body, "decided_on": decided_on or on}
    return {}


def _reject_mutually_exclusive(approved: ChangeRequest, actor) -> None:
    rivals = approved.mutually_exclusive_with.select_for_update().filter(
        status__in=[ChangeStatus.OPEN, ChangeStatus.ON_HOLD]
    )
    for rival in rivals:
        rival.status = ChangeStatus.REJECTED
        rival.stage = ChangeStage.CLOSED
        rival.decision_body = approved.decision_body
        rival.decided_on = approved.decided_on
        rival.latest_action = f"Rejected: mutually exclusive with {approved.ref}, which was approved"
        claim_version(rival)
        stamp(rival, actor, f"Rejected because {approved.ref} was approved (mutually exclusive)")
        rival.save(update_fields=["status", "stage", "decision_body", "decided_on", "latest_action", "version"])
        publish(CR_DECIDED, change_request_id=rival.pk)


def ia_window_is_open(change_request: ChangeRequest, on: datetime.date | None = None) -> bool:
    on = on or today()
    return (
        change_request.stage == ChangeStage.IMPACT_ASSESSMENT
        and change_request.status == ChangeStatus.OPEN
        and (change_request.ia_opens_on is None or change_request.ia_opens_on <= on)
        and (change_request.ia_closes_on is None or on <= change_request.ia_closes_on)
    )


def window_refusal(change_request: ChangeRequest, day: datetime.date | None = None) -> str:
    """Why an answer received on `day` (today) is refused, with the window's dates where it has them."""
    day = day or today()
    reason = _outside_window(change_request, day)
    if change_request.stage in (ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION):
        reason += " PMO can reopen it to accept this response."
        if change_request.ia_opens_on and change_request.ia_closes_on:
            reason += f" The window: {change_request.ia_opens_on:%d/%m/%Y} to {change_request.ia_closes_on:%d/%m/%Y}."
    return reason


def _outside_window(change_request: ChangeRequest, day: datetime.date) -> str:
    ref, closes = change_request.ref, change_request.ia_closes_on
    if change_request.stage == ChangeStage.AWAITING_DECISION and closes:
        if closes < day:
            return f"The impact assessment of {ref} closed on {closes:%d/%m/%Y}."
        return f"The PMO closed the impact assessment of {ref} before its closing date ({closes:%d/%m/%Y})."
    if change_request.stage != ChangeStage.IMPACT_ASSESSMENT:
        return f"The impact assessment of {ref} is not open (stage: {change_request.get_stage_display()})."
    if change_request.status != ChangeStatus.OPEN:
        return f"{ref} is {change_request.get_status_display()}."
    if change_request.ia_opens_on and day < change_request.ia_opens_on:
        return f"The impact assessment of {ref} opens on {change_request.ia_opens_on:%d/%m/%Y}."
    return f"The impact assessment of {ref} closed on {closes:%d/%m/%Y}."


@system_work()
def impact_response_submit(
    *,
    change_request: ChangeRequest,
    actor,
    response: str,
    organisation: Organisation | None = None,
    expected_version: int | None = None,
    **answer,
) -> ImpactResponse:
    """A party's answer to an impact assessment, from its representative (the page, /my/, the API) or entered by
    the PMO on its behalf: one path for both. The organisation defaults to the actor's own.

    Refused with PermissionDenied (403) for an organisation the actor does not speak for, unless they are PMO, whose
    answer is marked as entered on the party's behalf; outside the window or for a party not invited, refused as
    impact_response_record refuses (400, naming the window's dates)."""
    organisation = organisation or organisation_of(actor)
    on_behalf = _entered_on_behalf(actor, organisation)
    if organisation is None:
        raise WorkflowError("Name the organisation whose answer this is.", field="organisation")
    return impact_response_record(
        change_request=change_request,
        organisation=organisation,
        response=response,
        actor=actor,
        on_behalf=on_behalf,
        expected_version=expected_version,
        **answer,
    )


def _entered_on_behalf(actor, organisation: Organisation | None) -> bool:
    """False when the actor answers for their own party, True when the PMO enter it for the party; refused else."""
    if speaks_for(actor, organisation):
        return False
    if actor.has_perm("changes.add_impactresponse"):
        return True
    own = organisation_of(actor)
    if is_party_representative(actor) and own is not None:
        raise PermissionDenied(f"You answer impact assessments for {own} only, not for {organisation}.")
    raise PermissionDenied(
        "Only a party representative answers impact assessments for their organisation: ask the PMO for the grant."
    )


@system_work()
def impact_response_record(
    *,
    change_request: ChangeRequest,
    organisation: Organisation,
    response: str,
    comments: str = "",
    actor,
    on_behalf: bool = True,
    received_on: datetime.date | None = None,
    expected_version: int | None = None,
    reason: str = "",
    cost_impact: str | None = None,
    time_impact: str | None = None,
    systems_impact: str | None = None,
    impact_detail: str | None = None,
    shared: str | None = None,
) -> ImpactResponse:
    """Records an organisation's IA answer, revising its earlier one (each revision stays in the history, with who
    entered it). Imports and the demo call it directly (the PMO entering the party's answer); a representative's
    answer comes through impact_response_submit, which says whether it is `on_behalf`.

    Refused outside the IA window, judged on the day the answer was received (today, unless an import says when
    it came in): PMO reopen the assessment (step reopen_ia) to accept late answers."""
    if response not in ImpactResponseChoice.values:
        raise WorkflowError(f"'{response}' is not a response; use support, reject or abstain.", field="response")
    if shared not in (None, *Sharing.values):
        raise WorkflowError(f"'{shared}' is not a sharing; use {' or '.join(Sharing.values)}.", field="shared")
    # None leaves a detail as the earlier answer had it: an import carrying only response and comments keeps the
    # impacts a party gave.
    details = {
        "cost_impact": cost_impact,
        "time_impact": time_impact,
        "systems_impact": systems_impact,
        "impact_detail": impact_detail,
        "shared": shared,
    }
    received_on = received_on or today()
    if received_on > today():
        raise WorkflowError("A response cannot be received in the future.", field="received_on")
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
        if not ia_window_is_open(locked, received_on):
            raise WorkflowError(window_refusal(locked, received_on))
        invited = locked.ia_constituencies.all()
        if invited and organisation.constituency_id not in {c.pk for c in invited}:
            raise WorkflowError(
                f"{organisation} ({organisation.constituency}) was not invited to the impact assessment of "
                f"{locked.ref}.",
                field="organisation",
            )
        # The representative's own answer: the object rule (changes/rules.py) has the last word.
        if not on_behalf and not actor.has_perm("changes.respond_for_organisation", (locked, organisation)):
            raise PermissionDenied(f"You cannot answer for {organisation} on {locked.ref}.")
        existing = ImpactResponse.objects.select_for_update().filter(change_request=locked, organisation=organisation)
        record = existing.first() or ImpactResponse(change_request=locked, organisation=organisation)
        replacing = record.pk is not None
        record.response = response
        record.comments = comments
        for name, value in details.items():
            if value is not None:
                setattr(record, name, value)
        record.entered_by = actor
        record.on_behalf = on_behalf
        record.responded_at = now() if received_on == today() else end_of(received_on)
        if replacing:
            claim_version(record, expected_version)
        stamp(record, actor, reason or ("Response replaced" if replacing else "Response received"))
        record.save()
    return record
