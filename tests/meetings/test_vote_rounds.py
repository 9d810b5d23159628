"""Votes by constituency representatives, through the services and the meeting page: the chair opens a vote (at the
meeting or by correspondence), each constituency's representative casts and may change their seat's vote until the
close, the chair closes it, "Not in attendance" goes to the rest and a decision may be recorded with the tally."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.choices import Classification
from core.events import VOTE_OPENED
from core.exceptions import WorkflowError
from core.roles import ensure_roles
from meetings import services
from meetings.models import Decision, Vote, VoteRound
from programme.services import person_save
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import MeetingFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats():
    """Five constituencies, each with one party."""
    ensure_roles()
    return [
        OrganisationFactory(
            name=f"{name} Energy", constituency=ConstituencyFactory(code=code, name=name, position=position)
        )
        for position, (code, name) in enumerate(
            [
                ("LARGE_SUPPLIER", "Large Supplier"),
                ("MEDIUM_SUPPLIER", "Medium Supplier"),
                ("SMALL_SUPPLIER", "Small Supplier"),
                ("DNO", "DNO"),
                ("IA", "Independent Agent"),
            ]
        )
    ]


def representative(username, organisation, *, votes=True):
    user, _ = person_save(
        username=username, organisation=organisation, party_representative=False, constituency_representative=votes
    )
    return user


def closes_in(days=3):
    return timezone.now() + datetime.timedelta(days=days)


def test_a_vote_by_correspondence_is_cast_by_three_representatives_closed_and_recorded_as_a_decision(
    client, chair_user, seats
):
    meeting = MeetingFactory()
    voters = [representative(f"rep{index}", organisation) for index, organisation in enumerate(seats[:3])]
    closes_at = timezone.localtime(closes_in()).replace(second=0, microsecond=0)

    client.force_login(chair_user)
    response = client.post(
        reverse("meetings:open-vote-round", args=[meeting.ref]),
        {"round-subject": "CR018", "round-by_correspondence": "on", "round-closes_at": f"{closes_at:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 302
    vote_round = VoteRound.objects.unrestricted().get(meeting=meeting)
    assert (vote_round.subject, vote_round.by_correspondence, vote_round.closes_at) == ("CR018", True, closes_at)
    assert vote_round.opened_by == chair_user

    cast_url = reverse("meetings:cast-vote", args=[meeting.ref, vote_round.pk])
    for voter, choice in zip(voters, ("approve", "reject", "abstain"), strict=True):
        client.force_login(voter)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert f"Vote for {voter.profile.organisation.constituency}" in page
        assert client.post(cast_url, {f"cast-{vote_round.pk}-vote": choice}).status_code == 302
    # The second representative changes their mind before the close.
    client.force_login(voters[1])
    client.post(cast_url, {f"cast-{vote_round.pk}-vote": "approve"})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "two voted to approve, one abstained" in page.lower()

    client.force_login(chair_user)
    response = client.post(
        reverse("meetings:close-vote-round", args=[meeting.ref, vote_round.pk]),
        {f"close-{vote_round.pk}-record_decision": "on", f"close-{vote_round.pk}-area": "Change requests"},
    )
    assert response.status_code == 302

    vote_round.refresh_from_db()
    tally = "two voted to approve, one abstained, two not in attendance"
    assert (vote_round.approve, vote_round.reject, vote_round.abstain, vote_round.absent) == (2, 0, 1, 2)
    assert vote_round.tally_text == tally
    assert vote_round.closed_by == chair_user and vote_round.closed_at is not None
    decision = Decision.objects.unrestricted().get(meeting=meeting)
    assert vote_round.decision == decision
    assert decision.text == f"CR018 approved by correspondence: {tally}"
    assert decision.area == "Change requests"
    seats_voted = dict(Vote.objects.unrestricted().filter(round=vote_round).values_list("constituency__code", "vote"))
    assert seats_voted == {
        "LARGE_SUPPLIER": "approve",
        "MEDIUM_SUPPLIER": "approve",
        "SMALL_SUPPLIER": "abstain",
        "DNO": "absent",
        "IA": "absent",
    }
    changed = Vote.objects.unrestricted().get(round=vote_round, constituency__code="MEDIUM_SUPPLIER")
    assert [(row.vote, row.history_user) for row in changed.history.order_by("history_date")] == [
        ("reject", voters[1]),
        ("approve", voters[1]),
    ]
    # The page shows the stored tally and the decision.
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert decision.ref in page and "Two voted to approve" in page


def test_opening_a_round_publishes_the_event_and_needs_the_chair(monkeypatch, chair_user, participant_user, seats):
    published = []
    monkeypatch.setattr("meetings.services.publish", lambda kind, **payload: published.append((kind, payload)))
    meeting = MeetingFactory()
    with pytest.raises(PermissionDenied):
        services.vote_round_open(meeting=meeting, subject="CR018", actor=participant_user)
    assert not VoteRound.objects.unrestricted().exists() and published == []

    vote_round = services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)
    assert published == [(VOTE_OPENED, {"vote_round_id": vote_round.pk})]
    assert not vote_round.by_correspondence and vote_round.closes_at is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"subject": " "}, "subject"),
        ({"subject": "CR018", "by_correspondence": True}, "closes_at"),
        ({"subject": "CR018", "closes_at": "past"}, "closes_at"),
    ],
)
def test_a_round_that_cannot_be_held_is_refused_with_its_field(chair_user, seats, fields, field):
    if fields.get("closes_at") == "past":
        fields["closes_at"] = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(WorkflowError) as refused:
        services.vote_round_open(meeting=MeetingFactory(), actor=chair_user, **fields)
    assert refused.value.field == field
    assert not VoteRound.objects.unrestricted().exists()


def test_one_round_per_subject_and_meeting_and_the_chairs_record_stays_out_of_it(chair_user, seats):
    meeting = MeetingFactory()
    services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)
    with pytest.raises(WorkflowError, match="already has a vote on CR018"):
        services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)
    with pytest.raises(WorkflowError, match="representatives cast those votes"):
        services.votes_record(meeting=meeting, actor=chair_user, subject="CR018", votes=[("DNO", "approve")])
    assert not Vote.objects.unrestricted().exists()


def test_refused_votes_write_nothing(chair_user, participant_user, seats):
    meeting = MeetingFactory()
    vote_round = services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)
    voter = representative("rep-large", seats[0])
    member = representative("member-medium", seats[1], votes=False)

    with pytest.raises(PermissionDenied):  # a Participant without the grant
        services.vote_cast(vote_round=vote_round, vote="approve", actor=participant_user)
    with pytest.raises(PermissionDenied):  # a party's member who is not its constituency's representative
        services.vote_cast(vote_round=vote_round, vote="approve", actor=member)
    with pytest.raises(PermissionDenied, match="You vote for Large Supplier, not DNO"):
        services.vote_cast(vote_round=vote_round, vote="approve", actor=voter, constituency=seats[3].constituency)
    with pytest.raises(PermissionDenied):  # the chair records votes, but does not cast a seat's
        services.vote_cast(vote_round=vote_round, vote="approve", actor=chair_user)
    with pytest.raises(WorkflowError):
        services.vote_cast(vote_round=vote_round, vote="absent", actor=voter)
    assert not Vote.objects.unrestricted().exists()

    services.vote_cast(vote_round=vote_round, vote="approve", actor=voter)
    services.vote_round_close(vote_round=vote_round, actor=chair_user)
    with pytest.raises(WorkflowError, match="The vote on CR018 closed"):
        services.vote_cast(vote_round=vote_round, vote="reject", actor=voter)
    with pytest.raises(WorkflowError, match="closed"):
        services.vote_round_close(vote_round=vote_round, actor=chair_user)
    assert Vote.objects.unrestricted().get(constituency=seats[0].constituency).vote == "approve"
    assert not Decision.objects.unrestricted().exists()


def test_a_vote_by_correspondence_takes_no_vote_after_its_closing_time(chair_user, seats):
    vote_round = services.vote_round_open(
        meeting=MeetingFactory(), subject="CR018", actor=chair_user, closes_at=closes_in()
    )
    VoteRound.objects.unrestricted().filter(pk=vote_round.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    vote_round.refresh_from_db()
    with pytest.raises(WorkflowError, match="closed at"):
        services.vote_cast(vote_round=vote_round, vote="approve", actor=representative("rep-large", seats[0]))
    assert not Vote.objects.unrestricted().exists()


def test_a_decision_on_a_round_takes_the_chairs_wording_and_may_decide_nothing_when_not_asked(chair_user, seats):
    meeting = MeetingFactory()
    vote_round = services.vote_round_open(meeting=meeting, subject="Design baseline v2", actor=chair_user)
    services.vote_cast(vote_round=vote_round, vote="reject", actor=representative("rep-large", seats[0]))
    closed = services.vote_round_close(
        vote_round=vote_round, actor=chair_user, record_decision=True, decision_text="The group rejected baseline v2."
    )
    assert closed.decision.text == ("The group rejected baseline v2: one voted to reject, four not in attendance")

    other = services.vote_round_open(meeting=meeting, subject="CR019", actor=chair_user)
    assert services.vote_round_close(vote_round=other, actor=chair_user).decision is None
    assert Decision.objects.unrestricted().count() == 1


def test_a_participant_never_sees_or_votes_in_a_round_of_a_restricted_meeting(client, chair_user, seats):
    meeting = MeetingFactory(classification=Classification.RESTRICTED)
    vote_round = services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)
    voter = representative("rep-large", seats[0])

    client.force_login(voter)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("meetings:cast-vote", args=[meeting.ref, vote_round.pk]), {f"cast-{vote_round.pk}-vote": "approve"}
    )
    assert response.status_code == 404
    assert not voter.has_perm("meetings.vote_for_constituency", vote_round)
    with pytest.raises(PermissionDenied):
        services.vote_cast(vote_round=vote_round, vote="approve", actor=voter)
    assert not Vote.objects.unrestricted().exists()


def test_the_page_offers_voting_only_to_the_constituencys_representative_and_opening_only_to_the_chair(
    client, chair_user, participant_user, seats
):
    meeting = MeetingFactory()
    vote_round = services.vote_round_open(meeting=meeting, subject="CR018", actor=chair_user)

    client.force_login(participant_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "CR018" in page and "Vote for" not in page and "Open the vote" not in page
    response = client.post(
        reverse("meetings:cast-vote", args=[meeting.ref, vote_round.pk]), {f"cast-{vote_round.pk}-vote": "approve"}
    )
    assert response.status_code == 403
    opening = client.post(reverse("meetings:open-vote-round", args=[meeting.ref]), {"round-subject": "X"})
    assert opening.status_code == 403

    client.force_login(chair_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Open the vote" in page and "Close the vote" in page and "Vote for" not in page
    assert not Vote.objects.unrestricted().exists()


def test_a_bad_round_on_the_page_says_why_and_opens_nothing(client, chair_user, seats):
    meeting = MeetingFactory()
    client.force_login(chair_user)
    response = client.post(
        reverse("meetings:open-vote-round", args=[meeting.ref]), {"round-by_correspondence": "on"}, follow=True
    )
    assert "Vote not opened" in response.content.decode()
    response = client.post(
        reverse("meetings:open-vote-round", args=[meeting.ref]),
        {"round-subject": "CR018", "round-by_correspondence": "on"},
        follow=True,
    )
    assert "closes at a set time" in response.content.decode()
    assert not VoteRound.objects.unrestricted().exists()


def test_a_round_on_a_change_request_takes_its_ref_and_never_names_a_restricted_one_to_a_participant(
    client, chair_user, participant_user, seats
):
    meeting = MeetingFactory()
    with pytest.raises(WorkflowError, match="Restricted"):
        services.vote_round_open(
            meeting=meeting,
            subject="",
            actor=chair_user,
            change_request=ChangeRequestFactory(ref="CR777", classification=Classification.RESTRICTED),
        )
    public = ChangeRequestFactory(ref="CR778")
    vote_round = services.vote_round_open(meeting=meeting, subject="", actor=chair_user, change_request=public)
    assert vote_round.subject == "CR778"

    # Restricted after the round opened: Participants no longer see it named in the round.
    public.classification = Classification.RESTRICTED
    public.save()
    client.force_login(participant_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert public.get_absolute_url() not in page
    client.force_login(chair_user)
    assert public.get_absolute_url() in client.get(meeting.get_absolute_url()).content.decode()
