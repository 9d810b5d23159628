"""Meeting workflows: actions raised, updated and closed; decisions recorded (driving a CR's decision in the
same transaction); votes and their tally; the headline report issued and approved at the next meeting.
Pages, the API, imports and tasks call these."""

import datetime
import hashlib
import logging
import re
import time

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from changes.choices import Step
from changes.services import change_request_transition
from core.choices import Classification
from core.concurrency import claim_version
from core.events import ACTION_ASSIGNED, HEADLINE_ISSUED, PAPERS_PUBLISHED, VOTE_OPENED, publish
from core.exceptions import WorkflowError
from core.models import at_least_as_restricted
from core.records import stamp, today
from core.refs import assign_ref, insert_new
from core.restriction import system_work
from core.tasks import queue_after_commit
from meetings import packs
from meetings.choices import UPDATE_STATUSES, ActionStatus, HeadlineStatus, PackKind, PackStatus, VoteChoice
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Decision,
    DiscussionItem,
    Meeting,
    MeetingPack,
    PackDownload,
    Vote,
    VoteRound,
    meeting_ref,
    pack_path,
)
from meetings.rules import owns_action, reads_round
from meetings.selectors import Tally
from programme.models import Constituency
from programme.rules import constituency_of, votes_for

logger = logging.getLogger(__name__)


# --- meetings -----------------------------------------------------------------------------------------------


@system_work()
def meeting_create(*, actor, group, number: str = "", **fields) -> Meeting:
    starts_at = fields.get("starts_at")
    ref = meeting_ref(group.code, number, timezone.localtime(starts_at).date() if starts_at else None)
    with transaction.atomic():
        if Meeting.objects.filter(ref=ref).exists():
            raise WorkflowError(f"{ref} already exists.", field="number")
        if not fields.get("title"):
            fields["title"] = f"{group.name} #{number}" if number else f"{group.name}, {starts_at:%d %B %Y}"
        meeting = Meeting(group=group, number=number, **fields)
        meeting.full_clean(exclude=["ref"])
        stamp(meeting, actor, "Scheduled")
        insert_new(meeting, duplicate=f"{ref} already exists.", field="number")
    return meeting


@system_work()
def meeting_edit(*, meeting: Meeting, actor, expected_version: int | None = None, **changes) -> Meeting:
    """Edits a meeting. Its group and number make its ref, which its actions' refs repeat (DAG26-01): they do not
    change, nor does the date of a meeting known by its date once actions or decisions hang from it."""
    for name in ("group", "number"):
        if name in changes and changes[name] != getattr(meeting, name):
            raise WorkflowError("A meeting's group and number make its ref: they cannot change.", field=name)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        claim_version(locked, expected_version if expected_version is not None else meeting.version)
        ref = locked.ref
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["ref"])
        renamed = meeting_ref(locked.group.code, locked.number, timezone.localtime(locked.starts_at).date())
        if renamed != ref and (locked.actions.exists() or locked.decisions.exists()):
            raise WorkflowError(
                f"{ref} is known by its date, and its actions and decisions by its ref: give it a number first.",
                field="starts_at",
            )
        stamp(locked, actor, "Edited")
        locked.save()
    return locked


@system_work()
def agenda_item_save(*, meeting: Meeting, actor, item: AgendaItem | None = None, **fields) -> AgendaItem:
    """Adds an item to a meeting's agenda, or changes one; an item stays with its meeting."""
    if item is not None and item.meeting_id != meeting.pk:
        raise WorkflowError(f"This item is on the agenda of {item.meeting.ref}, not {meeting.ref}.", field="meeting")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        item = (
            AgendaItem.objects.select_for_update().get(pk=item.pk) if item is not None else AgendaItem(meeting=meeting)
        )
        for name, value in fields.items():
            setattr(item, name, value)
        item.full_clean()
        stamp(item, actor, "Agenda edited")
        item.save()
    return item


@system_work()
def agenda_update(*, meeting: Meeting, actor, saved: list[AgendaItem], removed: list[AgendaItem]) -> None:
    """Applies an edit of a meeting's whole agenda (the agenda page): items removed, then changed or added, in one
    transaction."""
    if any(item.meeting_id not in (None, meeting.pk) for item in [*saved, *removed]):
        raise WorkflowError(f"Only items of {meeting.ref}'s agenda can be edited here.")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        for item in removed:
            stamp(item, actor, "Removed from the agenda")
            item.delete()
        for item in saved:
            item.meeting = meeting
            stamp(item, actor, "Agenda edited")
            item.save()


@system_work()
def discussion_item_add(
    *, meeting: Meeting, actor, area: str, text: str, position: int | None = None
) -> DiscussionItem:
    """Adds a point to the meeting's discussion (its headline report), after those already there unless placed."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        item = DiscussionItem(meeting=meeting, area=area, text=text, position=position or 0)
        if not position:
            item.position = meeting.discussion_items.count() + 1
        item.full_clean()
        stamp(item, actor, "Added")
        item.save()
    return item


@system_work()
def discussion_item_edit(*, item: DiscussionItem, actor, **changes) -> DiscussionItem:
    """Rewords or moves a discussion point; it stays with its meeting."""
    if "meeting" in changes and changes["meeting"] != item.meeting:
        raise WorkflowError("A discussion point stays with its meeting.", field="meeting")
    with transaction.atomic():
        locked = DiscussionItem.objects.select_for_update().get(pk=item.pk)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        stamp(locked, actor, "Edited")
        locked.save()
    return locked


# --- actions ------------------------------------------------------------------------------------------------


def _action_series(meeting: Meeting) -> str:
    return f"{meeting.ref}-"


def _because(what: str, source: str) -> str:
    """A history reason for a move (closed, updated), with where the write came from when it was not the page."""
    return f"{what} ({source})" if source else what


@system_work()
def action_raise(
    *, meeting: Meeting, actor, ref: str = "", links: dict | None = None, source: str = "", **fields
) -> Action:
    """Raises an action at a meeting: DAG26-01, DAG26-02… unless an imported ref is given (then kept)."""
    series = _action_series(meeting)
    with transaction.atomic():
        ref = assign_ref(
            Action, series, ref, width=2, malformed=f"An action of {meeting.ref} is numbered {series}NN, not {ref}."
        )
        fields["raised_on"] = fields.get("raised_on") or meeting.held_on
        action = Action(ref=ref, meeting=meeting, **fields)
        action.full_clean()
        stamp(action, actor, source or "Raised")
        action.save()
        for name, records in (links or {}).items():
            getattr(action, name).set(records)
        publish(ACTION_ASSIGNED, action_id=action.pk)
    return action


@system_work()
def action_edit(
    *,
    action: Action,
    actor,
    expected_version: int | None = None,
    links: dict | None = None,
    source: str = "",
    **changes,
):
    """Edits an open action's fields. A closed action is read-only until reopened."""
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        claim_version(locked, expected_version if expected_version is not None else action.version)
        if locked.status == ActionStatus.CLOSED:
            raise WorkflowError(f"{locked.ref} is closed: reopen it before editing.")
        owned_by = (locked.owner, locked.owner_organisation_id)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        stamp(locked, actor, source or "Edited")
        locked.save()
        for name, records in (links or {}).items():
            getattr(locked, name).set(records)
        if (locked.owner, locked.owner_organisation_id) != owned_by:
            publish(ACTION_ASSIGNED, action_id=locked.pk)
    return locked


@system_work()
def action_update(
    *,
    action: Action,
    actor,
    text: str,
    status: str | None = None,
    on: datetime.date | None = None,
    source: str = "",
):
    """Appends a dated entry to the action's log, which becomes its latest update; may move it between open,
    ongoing and recommend closed. Closing is done at a meeting (action_close). Someone who does not keep the
    actions log (PMO) updates only an action they own (meetings.update_own_action), to ongoing or recommend
    closed."""
    text = (text or "").strip()
    keeps_log = actor is None or actor.has_perm("meetings.change_action")
    if not keeps_log and not owns_action(actor, action):
        raise PermissionDenied(f"{action.ref} is not yours to update: its owner is {action.owner}.")
    if not text:
        raise WorkflowError("Say what the update is.", field="text")
    allowed = UPDATE_STATUSES if keeps_log else OWNER_UPDATE_STATUSES
    if status is not None and status not in allowed:
        raise WorkflowError(
            "An update can set open, ongoing or recommend closed; close the action at a meeting."
            if keeps_log
            else "An owner's update sets ongoing or recommend closed; the group closes the action at its meeting.",
            field="status",
        )
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if locked.status == ActionStatus.CLOSED:
            raise WorkflowError(f"{locked.ref} is closed: reopen it before updating.")
        if not keeps_log and not actor.has_perm("meetings.update_own_action", locked):
            raise PermissionDenied(f"{locked.ref} is not yours to update.")
        locked.status = status or locked.status
        locked.latest_update = text
        claim_version(locked)
        stamp(locked, actor, _because(f"Update: {text[:80]}", source))
        locked.save(update_fields=["status", "latest_update", "version"])
        ActionUpdate.objects.create(action=locked, on=on or today(), text=text, status=locked.status, author=actor)
    return locked


# What an action's owner may set: they report progress; the PMO and the group move it otherwise.
OWNER_UPDATE_STATUSES = (ActionStatus.ONGOING, ActionStatus.RECOMMEND_CLOSED)


@system_work()
def action_recommend_closure(*, action: Action, actor, text: str) -> Action:
    return action_update(action=action, actor=actor, text=text, status=ActionStatus.RECOMMEND_CLOSED)


@system_work()
def action_close(*, action: Action, actor, at_meeting: Meeting, text: str = "", source: str = "") -> Action:
    """Closes the action at a meeting (normally after a recommendation to close)."""
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if locked.status == ActionStatus.CLOSED:
            raise WorkflowError(f"{locked.ref} is already closed.")
        if at_meeting.group_id != locked.meeting.group_id or at_meeting.starts_at < locked.meeting.starts_at:
            raise WorkflowError(
                f"{locked.ref} is closed at a {locked.meeting.group.code} meeting on or after {locked.meeting.ref}.",
                field="at_meeting",
            )
        note = text.strip() or f"Closed at {at_meeting.ref}"
        locked.status = ActionStatus.CLOSED
        locked.closed_at = at_meeting
        locked.closed_on = at_meeting.held_on
        locked.latest_update = note
        claim_version(locked)
        stamp(locked, actor, _because(f"Closed at {at_meeting.ref}", source))
        locked.save(update_fields=["status", "closed_at", "closed_on", "latest_update", "version"])
        ActionUpdate.objects.create(
            action=locked, on=at_meeting.held_on, text=note, status=ActionStatus.CLOSED, author=actor
        )
    return locked


@system_work()
def action_reopen(*, action: Action, actor, text: str, source: str = "") -> Action:
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if locked.status != ActionStatus.CLOSED:
            raise WorkflowError(f"{locked.ref} is not closed.")
        locked.status, locked.closed_at, locked.closed_on = ActionStatus.OPEN, None, None
        locked.latest_update = text or "Reopened"
        claim_version(locked)
        stamp(locked, actor, _because("Reopened", source))
        locked.save(update_fields=["status", "closed_at", "closed_on", "latest_update", "version"])
        ActionUpdate.objects.create(
            action=locked, on=today(), text=locked.latest_update, status=locked.status, author=actor
        )
    return locked


@system_work()
def action_import(
    *,
    actor,
    source: str,
    meeting: Meeting,
    ref: str,
    status: str = "",
    latest_update: str = "",
    closed_at: Meeting | None = None,
    **fields,
) -> Action:
    """One row of an imported Actions Log. The action is raised, edited, updated, closed or reopened by the services
    above, so a spreadsheet moves an action only as the pages would: a closed action is reopened before it is
    edited, an update goes in its log, and closing names the meeting it was closed at."""
    with transaction.atomic():
        action = Action.objects.filter(ref=ref).first()
        if action is None:
            action = action_raise(meeting=meeting, actor=actor, ref=ref, source=source, **fields)
        else:
            if action.status == ActionStatus.CLOSED and status not in ("", ActionStatus.CLOSED):
                action = action_reopen(action=action, actor=actor, text=latest_update or "Reopened", source=source)
            changed = {name: value for name, value in fields.items() if getattr(action, name) != value}
            if changed:
                action = action_edit(action=action, actor=actor, source=source, **changed)
        target = status or action.status
        moving = target != action.status and target != ActionStatus.CLOSED
        if moving or (latest_update and latest_update != action.latest_update and target != ActionStatus.CLOSED):
            text = latest_update or f"Status: {ActionStatus(target).label}"
            action = action_update(action=action, actor=actor, text=text, status=target, source=source)
        if target == ActionStatus.CLOSED and action.status != ActionStatus.CLOSED:
            if closed_at is None:
                raise WorkflowError(
                    f"{ref} is closed at a meeting: give the meeting's ref in Closed At (e.g. the next "
                    f"{meeting.group.code} meeting).",
                    field="closed_at",
                )
            action = action_close(action=action, actor=actor, at_meeting=closed_at, text=latest_update, source=source)
    return action


# --- decisions ----------------------------------------------------------------------------------------------


def _decision_series(meeting: Meeting) -> str:
    return f"{meeting.group.code}-DEC"


@system_work()
def decision_record(
    *,
    meeting: Meeting,
    actor,
    text: str,
    area: str = "",
    decided_by: str = "",
    change_request=None,
    change_request_step: str | None = None,
    ref: str = "",
    classification: str | None = None,
    source: str = "",
) -> Decision:
    """Records a decision (the group's next DEC number unless an imported ref is given). With a CR and a step
    (approve / reject), the CR is decided in the same transaction, by the meeting's group, on its date."""
    series = _decision_series(meeting)
    with transaction.atomic():
        ref = assign_ref(
            Decision,
            series,
            ref,
            malformed=f"A decision of {meeting.group.code} is numbered {series}N, not {ref}.",
        )
        decision = Decision(
            ref=ref,
            meeting=meeting,
            text=text,
            area=area,
            decided_by=decided_by or meeting.group.code,
            change_request=change_request,
            classification=classification or "",
        )
        decision.full_clean()
        stamp(decision, actor, source or "Recorded")
        decision.save()
        if change_request is not None and change_request_step:
            if change_request_step not in (Step.APPROVE, Step.REJECT):
                raise WorkflowError("A decision approves or rejects a change request.", field="change_request_step")
            change_request_transition(
                change_request=change_request,
                step=change_request_step,
                actor=actor,
                decision_body=meeting.group,
                decided_on=meeting.held_on,
                reason=decision.ref,
            )
    return decision


# What a decision's record may be corrected in; its meeting and ref are its identity.
DECISION_CORRECTABLE = ("text", "area", "decided_by", "change_request", "classification")


@system_work()
def decision_import(*, actor, source: str, meeting: Meeting, ref: str, **fields) -> Decision:
    """One row of an imported Decisions Log: recorded if new (its ref kept), else its wording corrected. Deciding a
    CR is a lifecycle step taken at the meeting (decision_record with a step), never by a spreadsheet row."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().filter(ref=ref).first()
        if decision is None:
            return decision_record(meeting=meeting, actor=actor, ref=ref, source=source, **fields)
        if decision.meeting_id != meeting.pk:
            raise WorkflowError(f"{ref} was recorded at {decision.meeting.ref}, not {meeting.ref}.", field="meeting")
        changed = [name for name in DECISION_CORRECTABLE if name in fields and getattr(decision, name) != fields[name]]
        if not changed:
            return decision
        for name in changed:
            setattr(decision, name, fields[name])
        decision.full_clean()
        stamp(decision, actor, source)
        decision.save()
    return decision


def decision_authorises_baseline_change(reference: str) -> str | None:
    """For milestones: a recorded decision may move a baseline (None = authorised; "" = not a decision ref)."""
    if not re.fullmatch(r"[A-Z][A-Z0-9]*-DEC\d+", reference):
        return ""
    if Decision.objects.filter(ref=reference).exists():
        return None
    return f"There is no decision {reference}."


# --- votes --------------------------------------------------------------------------------------------------


@system_work()
def votes_record(*, meeting: Meeting, actor, subject: str, votes: list[tuple[str, str]]) -> list[Vote]:
    """Records each constituency's vote on `subject` at the meeting: [(constituency code, vote)]. A seat votes
    once per subject; a second call for a seat replaces its vote. All or nothing."""
    subject = (subject or "").strip()
    if not subject:
        raise WorkflowError("Say what was voted on.", field="subject")
    codes = [code for code, _ in votes]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise WorkflowError(f"{', '.join(repeated)} voted twice on {subject}.", field="votes")
    constituencies = {c.code: c for c in Constituency.objects.filter(code__in=codes)}
    unknown = sorted(set(codes) - set(constituencies))
    if unknown:
        raise WorkflowError(f"Unknown constituency: {', '.join(unknown)}.", field="votes")
    invalid = sorted({vote for _, vote in votes if vote not in VoteChoice.values})
    if invalid:
        raise WorkflowError(f"Votes are approve, reject, abstain or absent, not {', '.join(invalid)}.", field="votes")
    if VoteRound.objects.filter(meeting=meeting, subject=subject).exists():
        raise WorkflowError(
            f"{subject} is voted on in its vote round at {meeting.ref}: representatives cast those votes.",
            field="subject",
        )
    recorded = []
    with transaction.atomic():
        for code, choice in votes:
            vote, _ = Vote.objects.update_or_create(
                meeting=meeting, subject=subject, constituency=constituencies[code], defaults={"vote": choice}
            )
            recorded.append(vote)
    return recorded


def _require(actor, permission: str, doing: str) -> None:
    """A service a page or the API reaches on someone's behalf refuses what their role may not do."""
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied(f"Your role cannot {doing}.")


@system_work()
def vote_round_open(
    *,
    meeting: Meeting,
    subject: str,
    actor,
    closes_at: datetime.datetime | None = None,
    change_request=None,
    by_correspondence: bool | None = None,
) -> VoteRound:
    """Opens a vote on `subject` (a CR's ref when one is given and no subject) at the meeting, or by
    correspondence until `closes_at`. Each constituency's representative then casts their seat's vote."""
    _require(actor, "meetings.add_vote", "open a vote")
    subject = (subject or "").strip() or (change_request.ref if change_request is not None else "")
    if not subject:
        raise WorkflowError("Say what is voted on.", field="subject")
    if by_correspondence is None:
        by_correspondence = closes_at is not None
    if by_correspondence and closes_at is None:
        raise WorkflowError("A vote by correspondence closes at a set time: give it.", field="closes_at")
    if closes_at is not None and closes_at <= timezone.now():
        raise WorkflowError("A vote closes in the future.", field="closes_at")
    if (
        change_request is not None
        and change_request.classification != Classification.PUBLIC
        and meeting.classification == Classification.PUBLIC
    ):
        # The round is as visible as its meeting; a Restricted CR is not named at a Public one.
        raise WorkflowError(
            f"{change_request.ref} is Restricted: vote on it at a Restricted meeting.", field="change_request"
        )
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if VoteRound.objects.filter(meeting=meeting, subject=subject).exists():
            raise WorkflowError(f"{meeting.ref} already has a vote on {subject}.", field="subject")
        if Vote.objects.filter(meeting=meeting, subject=subject).exists():
            raise WorkflowError(f"Votes on {subject} are already recorded at {meeting.ref}.", field="subject")
        vote_round = VoteRound(
            meeting=meeting,
            subject=subject,
            change_request=change_request,
            by_correspondence=by_correspondence,
            closes_at=closes_at,
            opened_by=actor,
        )
        vote_round.full_clean()
        stamp(vote_round, actor, "Opened by correspondence" if by_correspondence else "Opened")
        vote_round.save()
        publish(VOTE_OPENED, vote_round_id=vote_round.pk)
    return vote_round


@system_work()
def vote_cast(*, vote_round: VoteRound, vote: str, actor, constituency: Constituency | None = None) -> Vote:
    """A constituency representative's vote for their own constituency in an open round; casting again before
    the close changes it (the history keeps each)."""
    constituency = constituency or constituency_of(actor)
    if not reads_round(actor, vote_round):
        raise PermissionDenied("You cannot see this vote.")
    if not votes_for(actor, constituency):
        own = constituency_of(actor)
        raise PermissionDenied(
            f"You vote for {own}, not {constituency}."
            if own is not None and constituency is not None and actor.has_perm("meetings.vote_for_constituency")
            else "Only a constituency's representative votes for it."
        )
    if vote not in (VoteChoice.APPROVE, VoteChoice.REJECT, VoteChoice.ABSTAIN):
        raise WorkflowError("A vote is approve, reject or abstain.", field="vote")
    with transaction.atomic():
        locked = VoteRound.objects.select_for_update().select_related("meeting").get(pk=vote_round.pk)
        if not actor.has_perm("meetings.vote_for_constituency", locked):
            raise WorkflowError(_closed_message(locked), field="round")
        cast = Vote.objects.filter(round=locked, constituency=constituency).first()
        if cast is None:
            cast = Vote(
                meeting=locked.meeting, subject=locked.subject, constituency=constituency, round=locked, vote=vote
            )
            stamp(cast, actor, f"Voted {VoteChoice(vote).label.lower()}")
        elif cast.vote == vote:
            return cast
        else:
            cast.vote = vote
            stamp(cast, actor, f"Changed to {VoteChoice(vote).label.lower()}")
        cast.save()
    return cast


def _closed_message(vote_round: VoteRound) -> str:
    if vote_round.closed_at is not None:
        return f"The vote on {vote_round.subject} closed on {timezone.localtime(vote_round.closed_at):%d/%m/%Y %H:%M}."
    return f"The vote on {vote_round.subject} closed at {timezone.localtime(vote_round.closes_at):%d/%m/%Y %H:%M}."


def _outcome(tally: Tally) -> str:
    if tally.approve > tally.reject:
        return "Approved"
    if tally.reject > tally.approve:
        return "Rejected"
    return "Not agreed"


@system_work()
def vote_round_close(
    *,
    vote_round: VoteRound,
    actor,
    record_decision: bool = False,
    decision_text: str = "",
    area: str = "",
    change_request_step: str | None = None,
) -> VoteRound:
    """Closes the round: every constituency that did not vote is recorded Not in attendance, and the tally and
    its wording are stored. With `record_decision`, the decision (its text ending with the tally's wording, e.g.
    "CR018 approved by correspondence: three voted to approve, …") is recorded in the same transaction."""
    _require(actor, "meetings.add_vote", "close a vote")
    with transaction.atomic():
        locked = VoteRound.objects.select_for_update().select_related("meeting__group").get(pk=vote_round.pk)
        if not locked.is_open:
            raise WorkflowError(_closed_message(locked))
        voted = set(locked.votes.values_list("constituency_id", flat=True))
        for constituency in Constituency.objects.exclude(pk__in=voted):
            absent = Vote(
                meeting=locked.meeting,
                subject=locked.subject,
                constituency=constituency,
                round=locked,
                vote=VoteChoice.ABSENT,
            )
            stamp(absent, actor, "Not in attendance at the close")
            absent.save()
        counts = dict.fromkeys(VoteChoice.values, 0)
        for choice in locked.votes.values_list("vote", flat=True):
            counts[choice] += 1
        tally = Tally(subject=locked.subject, **counts)
        for choice, count in counts.items():
            setattr(locked, choice, count)
        locked.tally_text = tally.text
        locked.closed_at, locked.closed_by = timezone.now(), actor
        if record_decision:
            wording = decision_text.strip().rstrip(".:") or (
                f"{locked.subject} {_outcome(tally).lower()}{' by correspondence' if locked.by_correspondence else ''}"
            )
            locked.decision = decision_record(
                meeting=locked.meeting,
                actor=actor,
                text=f"{wording}: {tally.text}",
                area=area,
                change_request=locked.change_request,
                change_request_step=change_request_step,
            )
        stamp(locked, actor, f"Closed: {tally.text}")
        locked.save()
    return locked


# --- headline report ----------------------------------------------------------------------------------------


@system_work()
def headline_issue(*, meeting: Meeting, actor, issued_on: datetime.date | None = None) -> Meeting:
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.headline_status != HeadlineStatus.DRAFT:
            raise WorkflowError(
                f"The headline report of {locked.ref} is already {locked.get_headline_status_display().lower()}."
            )
        issued_on = issued_on or today()
        if issued_on < locked.held_on:
            raise WorkflowError("A headline report is issued after its meeting.", field="issued_on")
        locked.headline_status, locked.headline_issued_on = HeadlineStatus.ISSUED, issued_on
        claim_version(locked)
        stamp(locked, actor, f"Headline report issued on {issued_on:%d/%m/%Y}")
        locked.save(update_fields=["headline_status", "headline_issued_on", "version"])
        publish(HEADLINE_ISSUED, meeting_id=locked.pk)
    return locked


@system_work()
def headline_approve(
    *, meeting: Meeting, at_meeting: Meeting, actor, with_amendments: bool = False, by_correspondence: bool = False
) -> Decision:
    """Approves `meeting`'s issued headline report at a later meeting of its group, recording the decision
    "Minutes and Headline Report of the <group> meeting held <date> approved with no amendments"."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.headline_status == HeadlineStatus.DRAFT:
            raise WorkflowError(f"The headline report of {locked.ref} has not been issued, so it cannot be approved.")
        if locked.headline_status == HeadlineStatus.APPROVED:
            raise WorkflowError(
                f"The headline report of {locked.ref} was already approved at {locked.headline_approved_at}."
            )
        if at_meeting.group_id != locked.group_id or at_meeting.starts_at <= locked.starts_at:
            raise WorkflowError(
                f"{locked.ref}'s headline report is approved at a later {locked.group.code} meeting.",
                field="at_meeting",
            )
        locked.headline_status = HeadlineStatus.APPROVED
        locked.headline_approved_at = at_meeting
        locked.headline_approved_with_amendments = with_amendments
        locked.headline_approved_by_correspondence = by_correspondence
        claim_version(locked)
        # The history names the approving meeting only where it is no more restricted than this one.
        named = at_meeting.classification == Classification.PUBLIC or locked.classification != Classification.PUBLIC
        stamp(locked, actor, f"Headline report approved at {at_meeting.ref}" if named else "Headline report approved")
        locked.save(
            update_fields=[
                "headline_status",
                "headline_approved_at",
                "headline_approved_with_amendments",
                "headline_approved_by_correspondence",
                "version",
            ]
        )
        return decision_record(
            meeting=at_meeting,
            actor=actor,
            text=headline_approval_text(locked, with_amendments, by_correspondence),
            area=HEADLINE_APPROVAL_AREA,
        )


HEADLINE_APPROVAL_AREA = "Minutes and Headline Report"


def headline_approval_text(meeting: Meeting, with_amendments: bool = False, by_correspondence: bool = False) -> str:
    return (
        f"Minutes and Headline Report of the {meeting.group.code} meeting held "
        f"{meeting.held_on.day} {meeting.held_on:%B %Y} approved "
        f"{'with amendments' if with_amendments else 'with no amendments'}"
        f"{' by correspondence' if by_correspondence else ''}"
    )


# --- meeting packs ------------------------------------------------------------------------------------------


@system_work()
def pack_request(*, meeting: Meeting, kind: str, actor, classification: str = "") -> MeetingPack:
    """Queues the next version of a meeting's papers or headline report (as restricted as the meeting, or more);
    the PDF is rendered by a Celery task after commit."""
    classification = at_least_as_restricted(classification, meeting)
    if kind not in PackKind.values:
        raise WorkflowError(f"A pack is {' or '.join(PackKind.values)}.", field="kind")
    if classification not in Classification.values:
        raise WorkflowError(f"Classification is {' or '.join(Classification.values)}.", field="classification")
    if kind == PackKind.PAPERS and not meeting.agenda_items.exists():
        raise WorkflowError(f"{meeting.ref} has no agenda yet: add its agenda items before generating the papers.")
    with transaction.atomic():
        # Locks the meeting so two requests at once take consecutive versions.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        latest = (
            MeetingPack.objects.filter(meeting=meeting, kind=kind, classification=classification)
            .order_by("-minor")
            .values_list("minor", flat=True)
            .first()
        )
        pack = MeetingPack.objects.create(
            meeting=meeting,
            kind=kind,
            classification=classification,
            minor=0 if latest is None else latest + 1,
            requested_by=actor if getattr(actor, "pk", None) else None,
            as_of=packs.paper_moment(meeting, kind, timezone.now()),
        )
        _queue_render(pack)
    return pack


def _queue_render(pack: MeetingPack) -> None:
    queue_after_commit("meetings.tasks.render_pack", pack.pk)


@system_work()
def pack_retry(*, pack: MeetingPack, actor) -> MeetingPack:
    if pack.status != PackStatus.FAILED:
        raise WorkflowError(f"Only a failed render is retried; this one is {pack.get_status_display().lower()}.")
    with transaction.atomic():
        MeetingPack.objects.filter(pk=pack.pk).update(status=PackStatus.QUEUED, error="")
        _queue_render(pack)
    pack.refresh_from_db()
    return pack


@system_work()
def pack_render(pack_id: int) -> MeetingPack:
    """Renders a queued pack to PDF. Safe to run twice: a pack already rendered is left as it is, and a re-run
    after a lost worker replaces its own file rather than adding a second one. A failure is stored with its
    message and touches no other version."""
    pack = MeetingPack.objects.select_related("meeting__group").get(pk=pack_id)
    if pack.status == PackStatus.READY and pack.file:
        return pack
    MeetingPack.objects.filter(pk=pack.pk).update(status=PackStatus.RENDERING, error="")
    started = time.monotonic()
    name = pack_path(pack, pack.filename())
    try:
        with packs.collector_paused():
            html, digests = packs.compose(pack)
            pdf, pages = packs.print_pdf(html)
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(pdf))
    except Exception as failure:  # stored for PMO to read and retry; the worker itself carries on
        logger.exception("Rendering %s failed", pack)
        if default_storage.exists(name):  # a partly written file is not a pack
            default_storage.delete(name)
        pack_mark_failed(pack.pk, f"{failure.__class__.__name__}: {failure}")
        pack.refresh_from_db()
        return pack
    with transaction.atomic():
        MeetingPack.objects.filter(pk=pack.pk).update(
            status=PackStatus.READY,
            file=saved,
            pages=pages,
            checksum=hashlib.sha256(pdf).hexdigest(),
            section_digests=digests,
            rendered_at=timezone.now(),
            render_seconds=round(time.monotonic() - started, 3),
        )
        publish(PAPERS_PUBLISHED, pack_id=pack.pk)
    pack.refresh_from_db()
    return pack


@system_work()
def pack_mark_failed(pack_id: int, message: str) -> None:
    """Stores a render as failed with its message, so PMO can read it and retry."""
    MeetingPack.objects.filter(pk=pack_id).exclude(status=PackStatus.READY).update(
        status=PackStatus.FAILED, error=message[:2000]
    )


@system_work()
def pack_downloaded(*, pack: MeetingPack, user) -> PackDownload:
    """Records that `user` downloaded this version, so a later version's notice names what changed since."""
    return PackDownload.objects.create(pack=pack, user=user)
