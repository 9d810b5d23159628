"""The programme's calendar around now, as the reader may see it: the meetings coming up and, when the newest papers
are in the past, which papers those are — so a demo, or a programme that has gone quiet, says that its registers
are judged against today and offers the view as the papers reported it (`?as_of=<ref>`).

The rule. The newest papers are in the past when no meeting the reader may see is scheduled ahead (a meeting that
is not cancelled starts later than now) and the newest meeting that has started began more than a programme cycle
(PROGRAMME_CYCLE) ago. The papers named are those of the steering group's (the PSG's) newest meeting with papers,
else of any group's newest meeting with papers; with none, the newest meeting that has started (the PSG's first).
A meeting has papers when a pack of its papers or headline report is ready, its headline report was issued, or it
has a document reference (the DEL number its papers were published under, as the demo's seed papers record it).

One query answers all of it, and the dashboard's "Next meetings" panel too; it is read once per request."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import timezone

from dashboards.selectors import NEXT_MEETINGS_WINDOW, first_of_each_group
from meetings.choices import HeadlineStatus, MeetingStatus, PackStatus
from meetings.models import Meeting, MeetingPack
from programme.choices import GroupLevel

# Monthly steering meetings, with room for a missed one: a programme quieter than this has stopped reporting.
PROGRAMME_CYCLE = datetime.timedelta(weeks=6)


@dataclass(frozen=True)
class Calendar:
    upcoming: list[Meeting]  # meetings within the dashboard's NEXT_MEETINGS_WINDOW, soonest first
    latest_papers: Meeting | None  # the meeting whose papers are the newest, only when they are in the past

    @property
    def next_meetings(self) -> list[Meeting]:
        return first_of_each_group(self.upcoming)


def calendar(user, now: datetime.datetime | None = None) -> Calendar:
    now = now or timezone.now()
    visible = Meeting.objects.restrict(user).exclude(status=MeetingStatus.CANCELLED)
    started = visible.filter(starts_at__lte=now)
    has_papers = (
        ~Q(document_ref="")
        | Q(headline_status__in=[HeadlineStatus.ISSUED, HeadlineStatus.APPROVED])
        | Exists(MeetingPack.objects.restrict(user).filter(meeting=OuterRef("pk"), status=PackStatus.READY))
    )
    papers = (
        started.annotate(
            papers=ExpressionWrapper(has_papers, output_field=BooleanField()),
            steering=ExpressionWrapper(Q(group__level=GroupLevel.STEERING), output_field=BooleanField()),
        )
        .order_by("-papers", "-steering", "-starts_at")
        .values("pk")[:1]
    )
    rows = list(
        visible.filter(Q(starts_at__gt=now, starts_at__lte=now + NEXT_MEETINGS_WINDOW) | Q(pk=Subquery(papers)))
        .annotate(
            papers_pk=Subquery(papers),
            ahead=Exists(visible.filter(starts_at__gt=now)),
            last_start=Subquery(started.order_by("-starts_at").values("starts_at")[:1]),
        )
        .select_related("group")
        .order_by("starts_at")
    )
    upcoming = [meeting for meeting in rows if meeting.starts_at > now]
    latest = next((meeting for meeting in rows if meeting.pk == meeting.papers_pk), None)
    in_the_past = latest is not None and not latest.ahead and latest.last_start < now - PROGRAMME_CYCLE
    return Calendar(upcoming=upcoming, latest_papers=latest if in_the_past else None)


def for_request(request) -> Calendar:
    """`calendar` for the request's reader, read once however many parts of the page ask."""
    if not hasattr(request, "_meetings_calendar"):
        request._meetings_calendar = calendar(request.user)
    return request._meetings_calendar


def title(meeting: Meeting) -> str:
    """As the papers name a meeting: "PSG #36", or the group alone for a meeting the records do not number."""
    return f"{meeting.group.code} #{meeting.number}" if meeting.number else meeting.group.code
