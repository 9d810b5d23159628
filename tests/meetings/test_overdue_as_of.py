""" "Overdue" as of a past moment means overdue on that day, on the page and in the API alike."""

import datetime

import pytest
from django.utils import timezone

from tests.dashboards.helpers import backdate, page, register_rows
from tests.meetings.factories import ActionFactory, MeetingFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(today):
    raised = at(today - datetime.timedelta(weeks=12))
    meeting = MeetingFactory(number="61", starts_at=raised)
    # Due six weeks ago: not yet overdue eight weeks ago, overdue now.
    backdate(ActionFactory(meeting=meeting, ref="DAG61-01", due_on=today - datetime.timedelta(weeks=6)), raised)
    # Due ten weeks ago: overdue then and now.
    backdate(ActionFactory(meeting=meeting, ref="DAG61-02", due_on=today - datetime.timedelta(weeks=10)), raised)
    return today - datetime.timedelta(weeks=8)


def test_overdue_as_of_a_date_is_judged_on_that_day(actions, client_for, api_for):
    then = actions.isoformat()

    listed_then = register_rows(page(client_for("PMO").get("/actions/", {"overdue": "true", "as_of": then})))
    api_then = api_for("PMO").get("/api/actions/", {"overdue": "true", "as_of": then}).json()["results"]
    listed_now = register_rows(page(client_for("PMO").get("/actions/", {"overdue": "true"})))

    assert set(listed_then) == {row["ref"] for row in api_then} == {"DAG61-02"}
    assert set(listed_now) == {"DAG61-01", "DAG61-02"}
    assert timezone.localdate() > actions
