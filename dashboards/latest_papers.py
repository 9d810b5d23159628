"""The programme's calendar around now, as the reader may see it: the meetings coming up and, when the newest papers
are in the past, which papers those are — so a demo, or a programme that has gone quiet, says that its registers
are judged against today and offers the view as the papers reported it (`?as_of=<ref>`).

The rule. The newest papers are in the past when no meeting the reader may see is scheduled ahead (a meeting that
is not cancelled starts later than now) and the newest meeting that has started began more than a programme cycle
(PROGRAMME_CYCLE) ago. The papers named are those of the steering group's (the PSG's) newest meeting with papers,
else of any group's newest meeting with papers; with none, the newest meeting that has started (the PSG's first).
A meeting has papers when a pack of its papers or headline report is ready, its headline report was issued, or it
has a document reference (the DEL number its papers were published under, as the demo's seed papers record it).

While the programme is active (a meeting has begun within a cycle, or is ahead) one cheap query answers it, on the
dashboard the "Next meetings" panel's own; one more names the papers when it has gone quiet. Read once a request."""

import datetime
from functools import cached_property

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from dashboards.selectors import NEXT_MEETINGS_WINDOW, first_of_each_group
from meetings.choices import HeadlineStatus, MeetingStatus, PackStatus
from meetings.models import Meeting, MeetingPack
from programme.choices import GroupLevel

# Monthly steering meetings, with room for a missed one: a programme quieter than this has stopped reporting.
PROGRAMME_CYCLE = datetime.timedelta(weeks=6)


class Calendar:
    """The calendar for `user` at `now`, each part read when first asked: a register page asks only whether a
    meeting has begun within a cycle or is ahead (one cheap query), and which papers only when none has (one
    more); the dashboard reads the meetings around now and, only when there are none, the papers (one more)."""

    def __init__(self, user, now: datetime.datetime | None = None):
        self.user = user
        self.now = now or timezone.now()
        self.visible = Meeting.objects.restrict(user).exclude(status=MeetingStatus.CANCELLED)

    @cached_property
    def near(self) -> list[Meeting]:
        """The meetings from a programme cycle ago to the end of the dashboard's NEXT_MEETINGS_WINDOW, soonest
        first: any of them means the papers are current."""
        window = (self.now - PROGRAMME_CYCLE, self.now + NEXT_MEETINGS_WINDOW)
        return list(self.visible.filter(starts_at__range=window).select_related("group").order_by("starts_at"))

    @property
    def upcoming(self) -> list[Meeting]:
        """The meetings within the dashboard's NEXT_MEETINGS_WINDOW, soonest first."""
        return [meeting for meeting in self.near if meeting.starts_at > self.now]

    @property
    def next_meetings(self) -> list[Meeting]:
        return first_of_each_group(self.upcoming)

    @cached_property
    def latest_papers(self) -> Meeting | None:
        """The meeting whose papers are the newest, only when they are in the past."""
        since = self.now - PROGRAMME_CYCLE
        if "near" in self.__dict__:
            if self.near:
                return None
        elif self.visible.filter(starts_at__gte=since).exists():
            # The usual case, and a cheap query: a meeting has begun within a cycle, or is ahead.
            return None
        # One row: a meeting begun within a cycle or ahead, if any (then the papers are current); else, every
        # meeting having begun over a cycle ago, the one whose papers are the newest by the rule.
        has_papers = (
            ~Q(document_ref="")
            | Q(headline_status__in=[HeadlineStatus.ISSUED, HeadlineStatus.APPROVED])
            | Exists(MeetingPack.objects.restrict(self.user).filter(meeting=OuterRef("pk"), status=PackStatus.READY))
        )
        first = (
            self.visible.annotate(
                current=ExpressionWrapper(Q(starts_at__gte=since), output_field=BooleanField()),
                papers=ExpressionWrapper(has_papers, output_field=BooleanField()),
                steering=ExpressionWrapper(Q(group__level=GroupLevel.STEERING), output_field=BooleanField()),
            )
            .select_related("group")
            .order_by("-current", "-papers", "-steering", "-starts_at")
            .first()
        )
        return None if first is None or first.current else first


def calendar(user, now: datetime.datetime | None = None) -> Calendar:
    return Calendar(user, now)


def for_request(request) -> Calendar:
    """`calendar` for the request's reader, read once however many parts of the page ask."""
    if not hasattr(request, "_meetings_calendar"):
        request._meetings_calendar = calendar(request.user)
    return request._meetings_calendar


def title(meeting: Meeting) -> str:
    """As the papers name a meeting: "PSG #36", or the group alone for a meeting the records do not number."""
    return f"{meeting.group.code} #{meeting.number}" if meeting.number else meeting.group.code
