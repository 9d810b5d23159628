"""/groups/<code>/calendar.ics?token=<feed token>: a valid iCalendar of the group's meetings, the closing dates of
the impact assessments it decides and its open actions' due dates, as the token's owner may see them; calendar
clients cannot sign in, so the token (of an active user) is the only key, and it opens nothing else."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from dashboards.models import FeedToken
from meetings.choices import ActionStatus, MeetingStatus
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import DAY, days_ago, today
from tests.meetings.factories import ActionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED


@pytest.fixture
def dag_calendar(groups):
    """DAG1 past, DAG2 next week, DAG3 Restricted, DAG4 cancelled; PSG1 (another group). CRs decided by DAG in
    impact assessment (CR900 closing in ten days, CR903 Restricted, CR904 with no closing date), CR901 decided by
    PSG, CR902 awaiting decision. Actions of DAG1: open due in five days, closed, Restricted, undated; one of PSG1."""
    dag, psg = groups["DAG"], groups["PSG"]
    meetings = {
        "DAG1": MeetingFactory(group=dag, number="1", starts_at=days_ago(14, hour=10), venue="Teams"),
        "DAG2": MeetingFactory(group=dag, number="2", starts_at=days_ago(-7, hour=10), venue="Elexon, London"),
        "DAG3": MeetingFactory(group=dag, number="3", starts_at=days_ago(-21, hour=10), classification=RESTRICTED),
        "DAG4": MeetingFactory(group=dag, number="4", starts_at=days_ago(-28, hour=10), status=MeetingStatus.CANCELLED),
        "PSG1": MeetingFactory(group=psg, number="1", starts_at=days_ago(-7, hour=14)),
    }
    IA, OPEN = ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.OPEN
    crs = {
        "CR900": ChangeRequestFactory(
            ref="CR900", decision_body=dag, stage=IA, status=OPEN, ia_closes_on=today() + 10 * DAY
        ),
        "CR901": ChangeRequestFactory(
            ref="CR901", decision_body=psg, stage=IA, status=OPEN, ia_closes_on=today() + 10 * DAY
        ),
        "CR902": ChangeRequestFactory(
            ref="CR902",
            decision_body=dag,
            stage=ChangeStage.AWAITING_DECISION,
            status=OPEN,
            ia_closes_on=today() - 10 * DAY,
        ),
        "CR903": ChangeRequestFactory(
            ref="CR903",
            decision_body=dag,
            stage=IA,
            status=OPEN,
            ia_closes_on=today() + 12 * DAY,
            classification=RESTRICTED,
        ),
        "CR904": ChangeRequestFactory(ref="CR904", decision_body=dag, stage=IA, status=OPEN, ia_closes_on=None),
    }
    dag1 = meetings["DAG1"]
    actions = {
        "open": ActionFactory(meeting=dag1, due_on=today() + 5 * DAY, owner="Ada Lovelace"),
        "closed": ActionFactory(
            meeting=dag1, due_on=today() + 6 * DAY, status=ActionStatus.CLOSED, closed_on=today() - DAY
        ),
        "restricted": ActionFactory(meeting=dag1, due_on=today() + 7 * DAY, classification=RESTRICTED),
        "undated": ActionFactory(meeting=dag1, due_on=None, due_text="ASAP"),
        "psg": ActionFactory(meeting=MeetingFactory(group=psg, number="0", starts_at=days_ago(20, hour=10))),
    }
    return {"meetings": meetings, "crs": crs, "actions": actions}


def feed(user, code="DAG", client=None):
    """The feed as a calendar client fetches it: no session, the user's token in the URL."""
    token = FeedToken.for_user(user).key
    return (client or Client()).get(f"/groups/{code}/calendar.ics", {"token": token})


def events(response) -> dict[str, object]:
    """{summary: VEVENT} of a valid feed."""
    assert response.status_code == 200, response.content
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def summaries_for(records) -> set[str]:
    return {
        f"{record.ref}: {record.title}" if hasattr(record, "starts_at") else f"{record.ref} due ({record.owner})"
        for record in records
    }


# --- the feed ------------------------------------------------------------------------------------------------


def test_the_feed_is_a_valid_icalendar(participant, dag_calendar):
    response = feed(participant)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert "MHHS Governance Tracker" in str(calendar["PRODID"])
    assert "DAG" in str(calendar["X-WR-CALNAME"])


def test_the_feed_has_one_event_per_meeting_ia_closing_date_and_open_action_due_date(participant, dag_calendar):
    found = events(feed(participant))
    m, a = dag_calendar["meetings"], dag_calendar["actions"]

    assert set(found) == summaries_for([m["DAG1"], m["DAG2"], m["DAG4"]]) | {
        "CR900 impact assessment closes",
    } | summaries_for([a["open"]])


def test_each_event_has_its_own_uid(pmo, dag_calendar):
    calendar = Calendar.from_ical(feed(pmo).content)
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]

    assert len(uids) == len(set(uids)) == 8


def test_a_meeting_event_starts_and_ends_when_the_meeting_does(participant, dag_calendar):
    dag2 = dag_calendar["meetings"]["DAG2"]
    event = events(feed(participant))[f"DAG2: {dag2.title}"]

    assert event.decoded("DTSTART") == dag2.starts_at
    assert event.decoded("DTEND") == dag2.ends_at
    assert str(event["LOCATION"]) == "Elexon, London"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith("/meetings/DAG2/")


def test_a_cancelled_meeting_is_marked_cancelled(participant, dag_calendar):
    dag4 = dag_calendar["meetings"]["DAG4"]

    assert str(events(feed(participant))[f"DAG4: {dag4.title}"]["STATUS"]) == "CANCELLED"


def test_an_ia_closing_date_is_an_all_day_event_on_that_date(participant, dag_calendar):
    event = events(feed(participant))["CR900 impact assessment closes"]

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert not isinstance(start, datetime.datetime)
    assert (start, end) == (today() + 10 * DAY, today() + 11 * DAY)
    assert str(event["URL"]).endswith("/changes/CR900/")


def test_an_action_due_date_is_an_all_day_event_on_that_date(participant, dag_calendar):
    action = dag_calendar["actions"]["open"]
    event = events(feed(participant))[f"{action.ref} due (Ada Lovelace)"]

    assert event.decoded("DTSTART") == today() + 5 * DAY
    assert str(event["URL"]).endswith(f"/actions/{action.ref}/")


def test_closed_and_undated_actions_and_other_groups_records_are_not_in_the_feed(pmo, dag_calendar):
    summaries = " ".join(events(feed(pmo)))
    a = dag_calendar["actions"]

    for absent in (a["closed"].ref, a["undated"].ref, a["psg"].ref, "PSG1", "PSG0", "CR901", "CR902", "CR904"):
        assert absent not in summaries, absent


def test_a_participants_feed_leaves_out_restricted_records(participant, pmo, dag_calendar):
    participant_events, pmo_events = set(events(feed(participant))), set(events(feed(pmo)))
    m, a = dag_calendar["meetings"], dag_calendar["actions"]

    assert pmo_events - participant_events == summaries_for([m["DAG3"], a["restricted"]]) | {
        "CR903 impact assessment closes"
    }
    assert participant_events < pmo_events


# --- the token -----------------------------------------------------------------------------------------------


def test_the_feed_needs_no_session(participant, dag_calendar):
    anonymous = Client()

    response = feed(participant, client=anonymous)

    assert response.status_code == 200
    assert "_auth_user_id" not in anonymous.session


def test_without_a_token_the_feed_is_forbidden(dag_calendar):
    response = Client().get("/groups/DAG/calendar.ics")

    assert response.status_code == 403
    assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.parametrize("token", ["", "not-a-real-token"])
def test_a_wrong_token_is_forbidden(participant, dag_calendar, token):
    FeedToken.for_user(participant)

    response = Client().get("/groups/DAG/calendar.ics", {"token": token})

    assert response.status_code == 403


def test_an_inactive_users_token_is_forbidden(participant, dag_calendar):
    token = FeedToken.for_user(participant).key
    participant.is_active = False
    participant.save()

    response = Client().get("/groups/DAG/calendar.ics", {"token": token})

    assert response.status_code == 403


def test_a_signed_in_session_does_not_stand_in_for_the_token(participant_client, dag_calendar):
    assert participant_client.get("/groups/DAG/calendar.ics").status_code == 403


def test_the_token_opens_the_feed_and_nothing_else(participant, dag_calendar):
    token = FeedToken.for_user(participant).key

    response = Client().get("/groups/DAG/", {"token": token})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_unknown_groups_feed_is_not_found(participant, dag_calendar):
    assert feed(participant, code="NOPE").status_code == 404


def test_the_feed_of_a_group_with_nothing_scheduled_is_an_empty_valid_calendar(participant, groups):
    response = feed(participant, code="CCAG")

    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
