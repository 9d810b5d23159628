"""Meeting refs as moments, for the clock (core.clock), which knows no meetings: `since=PSG35` is the start of
PSG35; `as_of=PSG36` is the moment its first papers state (their issue), or its start where none were. A
meeting, or papers, the reader may not see read as unknown."""

import re

from django.db.models.functions import Coalesce
from django.utils import timezone

from meetings.choices import MeetingStatus, PackKind, PackStatus
from meetings.models import Meeting, MeetingPack

# DAG26, DAG20.1, SITWG3, or an unnumbered meeting known by its date (DAG-2024-08-14).
REF = re.compile(r"[A-Za-z][A-Za-z0-9]*?(\d+(\.\d+)?|-\d{4}-\d{2}-\d{2})")


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M on %d %B %Y}"


class MeetingMoments:
    def resolve(self, ref: str, user, *, start: bool):
        if not REF.fullmatch(ref):
            return None
        meeting = Meeting.objects.restrict(user).filter(ref__iexact=ref).only("ref", "starts_at").first()
        if meeting is None:
            raise ValueError(f"There is no meeting {ref.upper()} that you can see.")
        if not start:
            # The moment the first papers state (meetings.packs.paper_moment), however much later they were printed;
            # a pack from before papers stated one, its printing.
            issued = (
                MeetingPack.objects.restrict(user)
                .filter(meeting=meeting, kind=PackKind.PAPERS, status=PackStatus.READY, rendered_at__isnull=False)
                .order_by("rendered_at")
                .values_list(Coalesce("as_of", "rendered_at"), flat=True)
                .first()
            )
            if issued is not None:
                return issued, f"the issue of the {meeting.ref} papers ({_when(issued)})"
        return meeting.starts_at, f"the start of {meeting.ref} ({_when(meeting.starts_at)})"

    def recent(self, user, *, group: str | None, limit: int) -> list[tuple[str, str]]:
        meetings = (
            Meeting.objects.restrict(user).filter(starts_at__lte=timezone.now()).exclude(status=MeetingStatus.CANCELLED)
        )
        if group:
            meetings = meetings.filter(group__code=group)
        return [
            (ref, f"{ref} — {timezone.localtime(starts_at):%d %b %Y}")
            for ref, starts_at in meetings.order_by("-starts_at").values_list("ref", "starts_at")[:limit]
        ]
