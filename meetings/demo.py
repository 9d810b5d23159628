"""The demo's meetings: the governance meetings of the seed papers with their agendas, discussion, actions and
decisions, the headline reports they approved, and the forward plans as the agendas of planned meetings."""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from changes.models import ChangeRequest
from core.choices import Classification
from core.records import recorded_at
from meetings import demo_data, services
from meetings.choices import ActionStatus, AgendaItemType, HeadlineStatus, MeetingStatus
from meetings.models import AgendaItem, Decision, DiscussionItem, Meeting
from meetings.services import HEADLINE_APPROVAL_AREA, decision_record, headline_approval_text
from milestones.models import Milestone
from programme.models import GovernanceGroup, Organisation
from raid.models import RaidItem

DEFAULT_START = datetime.time(10, 0)
# Updates dated a meeting's day are recorded before any meeting of the day starts.
UPDATES_RECORDED_AT = datetime.time(8, 0)
# A meeting the papers mention without a date is placed this long before its group's next dated meeting.
UNDATED_GAP = datetime.timedelta(weeks=4)


def _moment(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    if isinstance(moment, datetime.datetime) and len(value) > 10:
        return timezone.make_aware(moment)
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(value), DEFAULT_START))


def _starts_at(record: dict, dated: dict[str, list[datetime.datetime]]) -> tuple[datetime.datetime, str]:
    if record.get("starts_at"):
        return _moment(record["starts_at"]), ""
    if record.get("meeting_on"):
        return _moment(record["meeting_on"]), ""
    later = sorted(dated.get(record["group"], []))
    anchor = later[0] if later else timezone.now()
    return anchor - UNDATED_GAP, "date not given in the papers: placed four weeks before the group's next meeting"


def load(outcomes: Counter) -> None:
    if Meeting.objects.filter(ref__in=[m["ref"] for m in demo_data.MEETINGS]).exists():
        outcomes["meetings unchanged"] += len(demo_data.MEETINGS)
        return
    with transaction.atomic():
        meetings, approvals = _load_meetings(outcomes)
        _load_forward_plans(meetings)
        _load_actions(meetings, outcomes)
        _load_decisions(meetings, approvals, outcomes)


def _load_meetings(outcomes: Counter) -> dict[str, Meeting]:
    groups = {group.code: group for group in GovernanceGroup.objects.all()}
    dated: dict[str, list[datetime.datetime]] = {}
    for record in demo_data.MEETINGS:
        if record.get("starts_at") or record.get("meeting_on"):
            dated.setdefault(record["group"], []).append(_moment(record.get("starts_at") or record["meeting_on"]))
    meetings: dict[str, Meeting] = {}
    for record in demo_data.MEETINGS:
        starts_at, note = _starts_at(record, dated)
        meeting = Meeting(
            group=groups[record["group"]],
            number=record.get("number") or "",
            title=record.get("title") or "",
            starts_at=starts_at,
            ends_at=_moment(record["ends_at"]) if record.get("ends_at") else None,
            venue=record.get("venue", ""),
            document_ref=record.get("document_ref", ""),
            document_version=record.get("version") or "1.0",
            status=record.get("status", MeetingStatus.HELD),
            classification=Classification(record.get("classification", "public")),
        )
        if not meeting.title:
            meeting.title = f"{meeting.group.name} #{meeting.number}" if meeting.number else meeting.group.name
        meeting._change_reason = f"Loaded from {record.get('source', 'the seed papers')}" + (
            f"; {note}" if note else ""
        )
        meeting._history_date = min(starts_at, timezone.now())
        meeting.save()
        meetings[record["ref"]] = meeting
        for position, item in enumerate(record.get("agenda", []), start=1):
            AgendaItem.objects.create(
                meeting=meeting,
                position=item.get("position") or position,
                title=item["title"],
                objective=item.get("objective", ""),
                item_type=item.get("item_type") or AgendaItemType.INFORMATION,
                lead=item.get("lead", ""),
                duration_minutes=item.get("duration_minutes") or 5,
            )
        for position, item in enumerate(record.get("discussion", []), start=1):
            DiscussionItem.objects.create(meeting=meeting, position=position, area=item["area"], text=item["text"])
        outcomes["meetings created"] += 1
    # Headline reports: approved at a later meeting, or issued and awaiting approval.
    approvals: list[Meeting] = []
    for record in demo_data.MEETINGS:
        report = record.get("headline_report") or {}
        meeting = meetings[record["ref"]]
        if report.get("approved_at"):
            meeting.headline_status = HeadlineStatus.APPROVED
            meeting.headline_approved_at = meetings[report["approved_at"]]
            approvals.append(meeting)
        elif report.get("for_approval_at"):
            meeting.headline_status = HeadlineStatus.ISSUED
        else:
            continue
        meeting._change_reason = "Headline report state as the papers record it"
        meeting.save(update_fields=["headline_status", "headline_approved_at"])
    return meetings, approvals


def _load_forward_plans(meetings: dict[str, Meeting]) -> None:
    """A forward plan's items become the agenda of the planned meeting it describes, when it has none."""
    by_date = {(m.group.code, m.held_on): m for m in meetings.values()}
    for plan in demo_data.FORWARD_PLANS:
        meeting = by_date.get((plan["group"], datetime.date.fromisoformat(plan["meeting_on"])))
        if meeting is None or meeting.agenda_items.exists():
            continue
        titles = [*plan.get("standing_items", []), *plan.get("items", [])]
        for position, title in enumerate(titles, start=1):
            AgendaItem.objects.create(meeting=meeting, position=position, title=title, duration_minutes=10)


def _load_actions(meetings: dict[str, Meeting], outcomes: Counter) -> None:
    organisations = {o.name: o for o in Organisation.objects.all()}
    linkable = {
        "change_requests": {cr.ref: cr for cr in ChangeRequest.objects.all()},
        "raid_items": {item.ref: item for item in RaidItem.objects.all()},
        "milestones": {m.ref: m for m in Milestone.objects.all()},
    }
    for record in demo_data.ACTIONS:
        meeting = meetings[record["meeting"]]
        status = record.get("status", ActionStatus.OPEN)
        links = {
            name: [records[ref] for ref in record.get("links", []) if ref in records]
            for name, records in linkable.items()
        }
        # Through meetings.services, each write recorded when the papers say it happened.
        with recorded_at(meeting.starts_at):
            action = services.action_raise(
                meeting=meeting,
                actor=None,
                ref=record["ref"],
                links=links,
                source="Loaded from the actions log in the seed papers",
                area=record.get("area", ""),
                description=record["description"],
                owner=record.get("owner", ""),
                owner_organisation=organisations.get(record.get("owner_organisation") or ""),
                raised_on=datetime.date.fromisoformat(record["raised_on"]) if record.get("raised_on") else None,
                due_on=datetime.date.fromisoformat(record["due_on"]) if record.get("due_on") else None,
                due_text=record.get("due_text", ""),
            )
        for day, text in record.get("updates", []):
            on = datetime.date.fromisoformat(day)
            # An update dated a meeting's day is the one its papers print: known before the meeting starts.
            with recorded_at(timezone.make_aware(datetime.datetime.combine(on, UPDATES_RECORDED_AT))):
                action = services.action_update(action=action, actor=None, text=text, status=status, on=on)
        latest = record.get("latest_update", "")
        if (latest and latest != action.latest_update) or status != action.status:
            with recorded_at(meeting.starts_at):
                action = services.action_update(
                    action=action, actor=None, text=latest or ActionStatus(status).label, status=status
                )
        closing = _closing_meeting(record, action, meetings)
        if closing is not None:
            with recorded_at(closing.ends_at or closing.starts_at):
                services.action_close(
                    action=action, actor=None, at_meeting=closing, source="The later papers no longer list it"
                )
        outcomes["actions created"] += 1


def _closing_meeting(record: dict, action, meetings: dict[str, Meeting]) -> Meeting | None:
    """Where the papers imply the action was closed: named by the record ("closed_at"), or, for one the papers
    recommend closing, the group's meeting held the day they were issued for, which agrees the recommendation."""
    if record.get("closed_at"):
        return meetings[record["closed_at"]]
    if action.status != ActionStatus.RECOMMEND_CLOSED or not record.get("updates"):
        return None
    day = datetime.date.fromisoformat(record["updates"][-1][0])
    return next(
        (
            meeting
            for meeting in meetings.values()
            if meeting.group_id == action.meeting.group_id
            and meeting.held_on == day
            and meeting.status == MeetingStatus.HELD
        ),
        None,
    )


def _load_decisions(meetings: dict[str, Meeting], approvals: list[Meeting], outcomes: Counter) -> None:
    """Numbered per group in meeting order, as the programme's decision logs run (the papers print no refs);
    each approved headline report adds its approval decision at the meeting that approved it."""
    change_requests = {cr.ref: cr for cr in ChangeRequest.objects.all()}
    records = [
        *demo_data.DECISIONS,
        *(
            {
                "meeting": next(ref for ref, m in meetings.items() if m == approved.headline_approved_at),
                "text": headline_approval_text(approved),
                "area": HEADLINE_APPROVAL_AREA,
            }
            for approved in approvals
        ),
    ]
    ordered = sorted(records, key=lambda record: meetings[record["meeting"]].starts_at)
    for record in ordered:
        decision = decision_record(
            meeting=meetings[record["meeting"]],
            actor=None,
            ref=record.get("ref") or "",
            text=record["text"],
            area=record.get("area", ""),
            decided_by=record.get("decided_by", ""),
            change_request=change_requests.get(record.get("change_request") or ""),
        )
        Decision.history.filter(id=decision.pk).update(history_date=decision.meeting.starts_at)
        outcomes["decisions created"] += 1
