"""Reads of meetings shared by pages, API, packs and dashboards."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from changes.models import ChangeRequest
from core import clock
from core.choices import Classification
from core.refs import ref_order
from core.restriction import read_for
from core.selectors import can_view_restricted
from meetings.choices import ActionStatus, MeetingStatus, VoteChoice
from meetings.models import Action, ActionUpdate, AgendaItem, Decision, Meeting, MeetingPack, Vote, VoteRound
from milestones.models import Milestone
from programme.rules import constituency_of
from raid.models import RaidItem


def visible_meeting(meeting: Meeting | None, user) -> Meeting | None:
    """`meeting` when `user` may read it, else None (a Restricted meeting is not named to a Participant)."""
    restricted_hidden = user is None or not can_view_restricted(user)
    if meeting is None or (restricted_hidden and meeting.classification != Classification.PUBLIC):
        return None
    return meeting


def meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.all().restrict(user).select_related("group", "headline_approved_at")


def actions(user) -> QuerySet[Action]:
    return (
        Action.objects.all()
        .restrict(user)
        .select_related("meeting__group", "owner_organisation", "closed_at")
        .prefetch_related(
            Prefetch("change_requests", queryset=ChangeRequest.objects.only("id", "ref").restrict(user)),
            Prefetch("raid_items", queryset=RaidItem.objects.only("id", "ref").restrict(user)),
            Prefetch("milestones", queryset=Milestone.objects.only("id", "ref").restrict(user)),
        )
    )


def decisions(user) -> QuerySet[Decision]:
    return Decision.objects.all().restrict(user).select_related("meeting__group", "change_request")


def action_log(action: Action) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("author").order_by("-on", "-pk")


@dataclass
class ScheduledItem:
    item: AgendaItem
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def agenda(meeting: Meeting, user=None) -> list[ScheduledItem]:
    """The agenda with each item's time slot, from the meeting's start and the durations before it."""
    slots, clock = [], timezone.localtime(meeting.starts_at)
    for item in read_for(meeting.agenda_items.order_by("position"), user):
        end = clock + datetime.timedelta(minutes=item.duration_minutes)
        slots.append(ScheduledItem(item=item, starts_at=clock, ends_at=end))
        clock = end
    return slots


def agenda_starts(meetings, user=None) -> dict[int, dict[int, datetime.datetime]]:
    """Start time of every agenda item of `meetings`, by meeting id then item id: one query."""
    starts: dict[int, dict[int, datetime.datetime]] = {}
    clocks = {meeting.pk: timezone.localtime(meeting.starts_at) for meeting in meetings}
    items = read_for(AgendaItem.objects.filter(meeting__in=list(clocks)), user)
    for item in items.order_by("meeting", "position"):
        starts.setdefault(item.meeting_id, {})[item.pk] = clocks[item.meeting_id]
        clocks[item.meeting_id] += datetime.timedelta(minutes=item.duration_minutes)
    return starts


def previous_meeting(meeting: Meeting, user=None) -> Meeting | None:
    """The group's last meeting before this one that took place (not cancelled), among those `user` may see."""
    return _neighbours(meeting, user).filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first()


def next_meeting(meeting: Meeting, user=None) -> Meeting | None:
    return _neighbours(meeting, user).filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first()


def _neighbours(meeting: Meeting, user) -> QuerySet[Meeting]:
    queryset = Meeting.objects.filter(group=meeting.group).exclude(status=MeetingStatus.CANCELLED)
    return read_for(queryset, user)


def as_they_stood(queryset: QuerySet, user, moment: datetime.datetime | None, narrow=lambda rows: rows) -> list:
    """The records of `queryset` now, or as they stood at `moment` (a paper's): `narrow` selects among them by
    their values then (an action open then, a CR awaiting decision then)."""
    if moment is None:
        return list(narrow(queryset))
    return clock.records_as_of(narrow(clock.as_of_queryset(queryset, moment)), user, queryset)


def action_review(meeting: Meeting, user, moment: datetime.datetime | None = None) -> list[Action]:
    """What a pack's "Minutes and actions" review lists: the group's actions still outstanding, and those
    closed since its previous meeting; the latest meeting's first, as the papers list them. As they stood at
    `moment` when a paper states the past."""
    previous = previous_meeting(meeting, user)
    closed_since = Q(status=ActionStatus.CLOSED)
    if previous is not None:
        closed_since &= Q(closed_on__gt=previous.held_on)
    return as_they_stood(
        # The review lists no links (CRs, RAID items, milestones): none are prefetched.
        actions(user)
        .prefetch_related(None)
        .filter(meeting__group=meeting.group, meeting__starts_at__lte=meeting.starts_at)
        .order_by("-meeting__starts_at", "ref"),
        user,
        moment,
        lambda rows: rows.filter(~Q(status=ActionStatus.CLOSED) | closed_since),
    )


@dataclass
class HeadlineActions:
    raised: list[Action]  # at this meeting
    outstanding: list[Action]  # from the group's earlier meetings, still open


def headline_actions(meeting: Meeting, user, moment: datetime.datetime | None = None) -> HeadlineActions:
    """A headline report's actions as the programme lists them: those raised at the meeting, in agenda and ref
    order, then "Previous Meeting(s)": the group's earlier actions still open at `moment`, latest meeting first."""
    rows = as_they_stood(
        # The report lists no links (CRs, RAID items, milestones): none are prefetched.
        actions(user)
        .prefetch_related(None)
        .filter(meeting__group=meeting.group, meeting__starts_at__lte=meeting.starts_at),
        user,
        moment,
        lambda rows: rows.filter(Q(meeting=meeting) | ~Q(status=ActionStatus.CLOSED)),
    )
    agenda_order = area_order(meeting, user)
    raised = sorted(
        (a for a in rows if a.meeting_id == meeting.pk), key=lambda a: (agenda_order(a.area), ref_order(a.ref))
    )
    earlier = sorted((a for a in rows if a.meeting_id != meeting.pk), key=lambda a: ref_order(a.ref))
    earlier.sort(key=lambda a: a.meeting.starts_at, reverse=True)
    return HeadlineActions(raised=raised, outstanding=earlier)


def headline_decisions(meeting: Meeting, user, moment: datetime.datetime | None = None) -> list[Decision]:
    """The meeting's decisions in agenda order of their areas, and in ref order within an area (DEC55, DEC56)."""
    rows = as_they_stood(decisions(user).filter(meeting=meeting), user, moment)
    agenda_order = area_order(meeting, user)
    return sorted(rows, key=lambda d: (agenda_order(d.area), ref_order(d.ref)))


def area_order(meeting: Meeting, user):
    """A sort key placing an area (of an action or decision) where the agenda takes it: at the first item whose
    title it names or that names it, ignoring case; areas the agenda does not name after the agenda's, by name."""
    titles = [item.title.casefold() for item in read_for(meeting.agenda_items.order_by("position"), user)]

    def position(area: str) -> tuple[int, str]:
        wanted = area.casefold().strip()
        for index, title in enumerate(titles):
            if wanted and (wanted in title or title in wanted):
                return index, ""
        return len(titles), wanted

    return position


@dataclass
class Tally:
    subject: str
    approve: int = 0
    reject: int = 0
    abstain: int = 0
    absent: int = 0

    @property
    def text(self) -> str:
        """ "six voted to reject, four to approve, two abstained, one not in attendance"."""
        parts = []
        for count, words in (
            (self.reject, "voted to reject"),
            (self.approve, "voted to approve"),
            (self.abstain, "abstained"),
            (self.absent, "not in attendance"),
        ):
            if count:
                parts.append(f"{_number(count)} {words}")
        if len(parts) > 1 and parts[0].endswith("voted to reject") and "voted to approve" in parts[1]:
            parts[1] = parts[1].replace("voted to approve", "to approve")
        return ", ".join(parts) or "no votes recorded"

    def as_dict(self) -> dict:
        return {
            "subject": self.subject,
            "approve": self.approve,
            "reject": self.reject,
            "abstain": self.abstain,
            "absent": self.absent,
            "text": self.text,
        }


NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
)


def _number(count: int) -> str:
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def tally(meeting: Meeting, user=None) -> list[Tally]:
    """Per subject, how many seats voted each way: one aggregate query."""
    rows = (
        read_for(Vote.objects.filter(meeting=meeting), user)
        .values("subject")
        .annotate(**{choice: Count("pk", filter=Q(vote=choice)) for choice in VoteChoice.values})
        .order_by("subject")
    )
    return [Tally(**row) for row in rows]


def visible_change_request(vote_round: VoteRound, user) -> ChangeRequest | None:
    """The CR a round votes on, when `user` may read it (a CR restricted after its round opened is not named)."""
    change_request = vote_round.change_request
    if change_request is None or user is None:
        return None
    if change_request.classification != Classification.PUBLIC and not can_view_restricted(user):
        return None
    return change_request


def round_tally(vote_round: VoteRound) -> Tally:
    """A closed round's stored tally; an open round's live count of the votes cast so far (from its prefetched
    votes)."""
    if not vote_round.is_open:
        return Tally(
            subject=vote_round.subject,
            approve=vote_round.approve,
            reject=vote_round.reject,
            abstain=vote_round.abstain,
            absent=vote_round.absent,
        )
    prefetched = "votes" in getattr(vote_round, "_prefetched_objects_cache", {})
    # A round's votes are exactly as restricted as the round (their meeting's classification), which the reader
    # has read through the gate already.
    votes = vote_round.votes.all() if prefetched else vote_round.votes.unrestricted()
    counts = dict.fromkeys(VoteChoice.values, 0)
    for vote in votes:
        counts[vote.vote] += 1
    return Tally(subject=vote_round.subject, **counts)


@dataclass
class RoundView:
    """A vote round as a reader sees it: its tally, and whether (and how) they vote in it for their constituency."""

    round: VoteRound
    tally: Tally
    can_vote: bool
    my_vote: Vote | None
    change_request: ChangeRequest | None


def vote_rounds(meeting: Meeting, user) -> list[RoundView]:
    """The meeting's vote rounds the reader may see, newest first, each with its tally and the reader's vote."""
    rounds = (
        VoteRound.objects.restrict(user)
        .filter(meeting=meeting)
        .select_related("meeting", "change_request", "decision")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.restrict(user).select_related("constituency")))
    )
    constituency = constituency_of(user)
    views = []
    for vote_round in rounds:
        mine = next((v for v in vote_round.votes.all() if v.constituency_id == getattr(constituency, "pk", None)), None)
        views.append(
            RoundView(
                round=vote_round,
                tally=round_tally(vote_round),
                can_vote=user.has_perm("meetings.vote_for_constituency", vote_round),
                my_vote=mine,
                change_request=visible_change_request(vote_round, user),
            )
        )
    return views


def round_on(user, *, meeting: Meeting, subject: str) -> VoteRound | None:
    """The round on `subject` at `meeting`, when the reader may see it."""
    return VoteRound.objects.restrict(user).filter(meeting=meeting, subject=subject.strip()).first()


def packs(user) -> QuerySet[MeetingPack]:
    """Packs `user` may see and download: a Participant only Public packs of Public meetings."""
    return MeetingPack.objects.restrict(user).select_related("meeting__group", "requested_by")
