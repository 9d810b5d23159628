"""Edits of change requests and meetings go through their services from the pages and the API alike."""

import datetime

import pytest

from changes.choices import ChangeStage, ChangeStatus
from changes.models import ChangeRequest
from meetings.models import Meeting
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory, at, dag

pytestmark = pytest.mark.django_db


def test_a_cr_edited_through_the_api_is_versioned_and_stale_writes_are_refused(api_for):
    cr = ChangeRequestFactory(ref="CR401")
    api = api_for("PMO")

    response = api.patch(f"/api/change-requests/{cr.ref}/", {"title": "Clearer title"}, format="json")
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    assert ChangeRequest.objects.get(ref="CR401").history.first().history_change_reason == "Edited"

    stale = api.patch(f"/api/change-requests/{cr.ref}/", {"title": "Older"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert ChangeRequest.objects.get(ref="CR401").title == "Clearer title"


def test_two_approved_crs_cannot_be_made_mutually_exclusive(api_for):
    approved = {"stage": ChangeStage.APPROVED, "status": ChangeStatus.APPROVED}
    ChangeRequestFactory(ref="CR402", **approved)
    ChangeRequestFactory(ref="CR403", **approved)

    response = api_for("PMO").patch(
        "/api/change-requests/CR402/", {"mutually_exclusive_with": ["CR403"]}, format="json"
    )

    assert response.status_code == 400
    assert "both approved" in str(response.json())
    assert not ChangeRequest.objects.get(ref="CR402").mutually_exclusive_with.exists()


def test_a_cr_edited_on_its_page_goes_through_the_service(client_for):
    cr = ChangeRequestFactory(ref="CR404", title="Before")
    client = client_for("PMO")
    form = client.get(f"/changes/{cr.ref}/edit/")
    assert form.status_code == 200
    data = {
        "title": "After",
        "description": cr.description,
        "change_type": cr.change_type,
        "raised_on": cr.raised_on.isoformat(),
        "classification": cr.classification,
        "version": cr.version,
    }

    response = client.post(f"/changes/{cr.ref}/edit/", data)

    assert response.status_code == 302, response.content
    edited = ChangeRequest.objects.get(ref="CR404")
    assert (edited.title, edited.version) == ("After", 2)


def test_a_meeting_known_by_its_date_keeps_it_once_actions_hang_from_it(api_for):
    dag()
    meeting = MeetingFactory(number="", starts_at=at(datetime.date(2024, 8, 14)))
    assert meeting.ref == "DAG-2024-08-14"
    DecisionFactory(meeting=meeting)

    response = api_for("PMO").patch(
        f"/api/meetings/{meeting.ref}/",
        {"starts_at": "2024-08-15T10:00:00+01:00", "ends_at": "2024-08-15T12:00:00+01:00"},
        format="json",
    )

    assert response.status_code == 400
    assert "give it a number first" in str(response.json())
    assert Meeting.objects.get(pk=meeting.pk).ref == "DAG-2024-08-14"
