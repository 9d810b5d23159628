"""The iCalendar feed of a group: its meetings, the closing dates of impact assessments it decides, and its
open actions' due dates."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest
from meetings.choices import ActionStatus, MeetingStatus
from meetings.models import Action, Meeting

PRODUCT_ID = "-//MHHS Governance Tracker//Group calendar//EN"
DEFAULT_MEETING_LENGTH = datetime.timedelta(hours=2)


def group_calendar(group, user, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"MHHS {group.code} — {group.name}")
    stamp = timezone.now()
    host = base_url.split("//")[-1].split("/")[0] or "mhhs-tracker"

    for meeting in Meeting.objects.filter(group=group).restrict(user):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{meeting.ref}: {meeting.title}")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_MEETING_LENGTH)
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("url", f"{base_url}{meeting.get_absolute_url()}")
        event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)

    closing = ChangeRequest.objects.filter(
        decision_body=group,
        stage=ChangeStage.IMPACT_ASSESSMENT,
        status=ChangeStatus.OPEN,
        ia_closes_on__isnull=False,
    ).restrict(user)
    for change_request in closing:
        calendar.add_component(
            _all_day(
                f"ia-{change_request.pk}@{host}",
                stamp,
                change_request.ia_closes_on,
                f"{change_request.ref} impact assessment closes",
                f"{base_url}{change_request.get_absolute_url()}",
            )
        )

    due = (
        Action.objects.filter(meeting__group=group, due_on__isnull=False)
        .restrict(user)
        .exclude(status=ActionStatus.CLOSED)
    )
    for action in due:
        calendar.add_component(
            _all_day(
                f"action-{action.pk}@{host}",
                stamp,
                action.due_on,
                f"{action.ref} due ({action.owner})",
                f"{base_url}{action.get_absolute_url()}",
            )
        )
    return calendar.to_ical()


def _all_day(uid: str, stamp, day: datetime.date, summary: str, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event
