"""Vote rounds through the API: POST /api/meetings/<ref>/vote-rounds/ (chair) opens one, POST /api/votes/ takes a
constituency representative's vote for their own constituency, POST …/vote-rounds/<id>/close/ closes it."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.choices import Classification
from core.roles import ensure_roles
from meetings.models import Decision, Vote, VoteRound
from programme.services import person_save
from tests.meetings.factories import MeetingFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    ensure_roles()
    return [
        OrganisationFactory(name=f"Party {code}", constituency=ConstituencyFactory(code=code, name=code, position=n))
        for n, code in enumerate(("LS", "MS", "SS", "DNO"))
    ]


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def voter(username, organisation, *, votes=True):
    user, _ = person_save(
        username=username, organisation=organisation, party_representative=False, constituency_representative=votes
    )
    return api_as(user)


def rounds_url(meeting):
    return f"/api/meetings/{meeting.ref}/vote-rounds/"


def test_a_vote_by_correspondence_through_the_api(chair_user, parties):
    meeting = MeetingFactory()
    chair = api_as(chair_user)
    closes_at = timezone.now() + datetime.timedelta(days=2)

    response = chair.post(rounds_url(meeting), {"subject": "CR018", "closes_at": closes_at.isoformat()}, format="json")
    assert response.status_code == 201, response.json()
    opened = response.json()
    assert opened["subject"] == "CR018" and opened["by_correspondence"] is True and opened["is_open"] is True

    # By round id, constituency implied; by meeting and subject; and a change of mind.
    first = voter("rep-ls", parties[0]).post("/api/votes/", {"round": opened["id"], "vote": "approve"}, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["constituency"] == "LS" and first.json()["round"] == opened["id"]
    second = voter("rep-ms", parties[1])
    body = {"meeting": meeting.ref, "subject": "CR018", "constituency": "MS", "vote": "reject"}
    assert second.post("/api/votes/", body, format="json").status_code == 201
    assert second.post("/api/votes/", {**body, "vote": "approve"}, format="json").status_code == 201
    third = voter("rep-ss", parties[2])
    assert third.post("/api/votes/", {"round": opened["id"], "vote": "abstain"}, format="json").status_code == 201

    listed = api_as(chair_user).get(rounds_url(meeting)).json()
    assert listed[0]["tally"]["text"] == "two voted to approve, one abstained"

    response = chair.post(f"{rounds_url(meeting)}{opened['id']}/close/", {"record_decision": True}, format="json")
    assert response.status_code == 200, response.json()
    closed = response.json()
    tally = "two voted to approve, one abstained, one not in attendance"
    assert closed["tally"] == {
        "subject": "CR018",
        "approve": 2,
        "reject": 0,
        "abstain": 1,
        "absent": 1,
        "text": tally,
    }
    decision = Decision.objects.unrestricted().get(ref=closed["decision"])
    assert decision.text == f"CR018 approved by correspondence: {tally}"

    # A second vote after the close: 400, and the seat's vote stays as cast.
    late = third.post("/api/votes/", {"round": opened["id"], "vote": "reject"}, format="json")
    assert late.status_code == 400 and "closed" in str(late.json())
    assert Vote.objects.unrestricted().get(constituency__code="SS").vote == "abstain"


def test_refused_votes_answer_403_and_write_nothing(chair_user, participant_user, parties):
    meeting = MeetingFactory()
    opened = api_as(chair_user).post(rounds_url(meeting), {"subject": "CR018"}, format="json").json()
    cases = [
        (api_as(participant_user), {"round": opened["id"], "vote": "approve"}),
        (voter("member-ls", parties[0], votes=False), {"round": opened["id"], "vote": "approve"}),
        (voter("rep-ls", parties[0]), {"round": opened["id"], "constituency": "DNO", "vote": "approve"}),
        (api_as(participant_user), {"meeting": meeting.ref, "subject": "nothing open", "vote": "approve"}),
    ]
    for api, body in cases:
        response = api.post("/api/votes/", body, format="json")
        assert response.status_code == 403, (body, response.json())
    assert not Vote.objects.unrestricted().exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"vote": "approve"}, "round"),
        ({"round": 999999, "vote": "approve"}, "round"),
        ({"meeting": "NOPE1", "subject": "CR018", "vote": "approve"}, "meeting"),
        ({"meeting": "DAG1", "subject": "no such vote", "vote": "approve"}, "subject"),
        ({"round": "ROUND", "vote": "absent"}, "vote"),
    ],
)
def test_bad_votes_answer_400_with_their_field(chair_user, parties, body, field):
    meeting = MeetingFactory(number="1")
    opened = api_as(chair_user).post(rounds_url(meeting), {"subject": "CR018"}, format="json").json()
    body = {**body, "round": opened["id"]} if body.get("round") == "ROUND" else body
    response = voter("rep-ls", parties[0]).post("/api/votes/", body, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Vote.objects.unrestricted().exists()


def test_only_the_chair_or_pmo_open_and_close_rounds(chair_user, pmo_user, participant_user, parties):
    meeting = MeetingFactory()
    assert api_as(participant_user).post(rounds_url(meeting), {"subject": "CR018"}, format="json").status_code == 403
    rep = voter("rep-ls", parties[0])
    assert rep.post(rounds_url(meeting), {"subject": "CR018"}, format="json").status_code == 403
    assert not VoteRound.objects.unrestricted().exists()

    opened = api_as(pmo_user).post(rounds_url(meeting), {"subject": "CR018"}, format="json")
    assert opened.status_code == 201
    close_url = f"{rounds_url(meeting)}{opened.json()['id']}/close/"
    assert rep.post(close_url, {}, format="json").status_code == 403
    assert VoteRound.objects.unrestricted().get().is_open
    assert api_as(chair_user).post(close_url, {}, format="json").status_code == 200
    assert api_as(chair_user).post(close_url, {}, format="json").status_code == 400
    assert api_as(chair_user).post(f"{rounds_url(meeting)}999999/close/", {}, format="json").status_code == 404


def test_bad_rounds_answer_400(chair_user, parties):
    meeting = MeetingFactory()
    chair = api_as(chair_user)
    past = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert "subject" in chair.post(rounds_url(meeting), {}, format="json").json()
    assert "closes_at" in chair.post(rounds_url(meeting), {"subject": "X", "closes_at": past}, format="json").json()
    assert chair.post(rounds_url(meeting), {"subject": "X"}, format="json").status_code == 201
    assert chair.post(rounds_url(meeting), {"subject": "X"}, format="json").status_code == 400
    assert VoteRound.objects.unrestricted().count() == 1


def test_a_participant_never_sees_or_votes_in_a_round_of_a_restricted_meeting(chair_user, parties):
    meeting = MeetingFactory(classification=Classification.RESTRICTED)
    opened = api_as(chair_user).post(rounds_url(meeting), {"subject": "CR018"}, format="json").json()
    rep = voter("rep-ls", parties[0])
    assert rep.get(rounds_url(meeting)).status_code == 404
    response = rep.post("/api/votes/", {"round": opened["id"], "vote": "approve"}, format="json")
    assert response.status_code == 400 and "round" in response.json()
    response = rep.post("/api/votes/", {"meeting": meeting.ref, "subject": "CR018", "vote": "approve"}, format="json")
    assert response.status_code == 400 and "CR018" not in str(response.json())
    assert not Vote.objects.unrestricted().exists()
