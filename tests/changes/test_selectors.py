"""changes.selectors: the IA tally (with No reply), the status report and the lifecycle timeline."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from changes import selectors, services
from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice, Step
from changes.models import ImpactResponse
from core.choices import Classification
from programme.models import Organisation
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SUPPORT, REJECT, ABSTAIN = ImpactResponseChoice.SUPPORT, ImpactResponseChoice.REJECT, ImpactResponseChoice.ABSTAIN


@pytest.fixture
def parties():
    """Three seats: DNO (three active parties, one inactive), Large Supplier (two) and Consumer (one)."""
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    consumer = ConstituencyFactory(code="CONSUMER", name="Consumer", position=3)
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "CONSUMER": consumer,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "SSEN": OrganisationFactory(name="SSEN", constituency=dno),
        "NPg": OrganisationFactory(name="Northern Powergrid", constituency=dno),
        "Old DNO": OrganisationFactory(name="Old DNO", constituency=dno, active=False),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
        "British Gas": OrganisationFactory(name="British Gas", constituency=supplier),
        "Citizens Advice": OrganisationFactory(name="Citizens Advice", constituency=consumer),
    }


@pytest.fixture
def assessed():
    return ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION)


def answer(change_request, organisation, response):
    return ImpactResponseFactory(change_request=change_request, organisation=organisation, response=response)


def rows(summary):
    return [(row.constituency, row.yes, row.no, row.abstain, row.no_reply) for row in summary.rows]


# --- the IA summary -------------------------------------------------------------------------------------


def test_it_counts_yes_no_abstain_and_no_reply_per_constituency(parties, assessed):
    answer(assessed, parties["UKPN"], SUPPORT)
    answer(assessed, parties["SSEN"], REJECT)
    answer(assessed, parties["Octopus"], ABSTAIN)

    summary = selectors.impact_summary(assessed)

    assert rows(summary) == [
        ("DNO", 1, 1, 0, 1),
        ("Large Supplier", 0, 0, 1, 1),
        ("Consumer", 0, 0, 0, 1),
    ]
    assert (summary.totals.yes, summary.totals.no, summary.totals.abstain, summary.totals.no_reply) == (1, 1, 1, 3)


def test_it_counts_every_invited_party_as_no_reply_before_anyone_answers(parties, assessed):
    summary = selectors.impact_summary(assessed)

    assert rows(summary) == [("DNO", 0, 0, 0, 3), ("Large Supplier", 0, 0, 0, 2), ("Consumer", 0, 0, 0, 1)]
    assert summary.totals.no_reply == 6


def test_it_ignores_answers_given_to_other_change_requests(parties, assessed):
    other = ChangeRequestFactory(stage=ChangeStage.IMPACT_ASSESSMENT)
    answer(other, parties["UKPN"], REJECT)
    answer(other, parties["Octopus"], SUPPORT)
    answer(assessed, parties["UKPN"], SUPPORT)

    summary = selectors.impact_summary(assessed)

    assert rows(summary) == [("DNO", 1, 0, 0, 2), ("Large Supplier", 0, 0, 0, 2), ("Consumer", 0, 0, 0, 1)]


def test_it_leaves_out_inactive_parties_that_did_not_answer(parties, assessed):
    summary = selectors.impact_summary(assessed)

    assert rows(summary)[0] == ("DNO", 0, 0, 0, 3)  # UKPN, SSEN, Northern Powergrid; not Old DNO


def test_it_counts_an_inactive_party_that_answered(parties, assessed):
    answer(assessed, parties["Old DNO"], ABSTAIN)

    summary = selectors.impact_summary(assessed)

    assert rows(summary)[0] == ("DNO", 0, 0, 1, 3)
    assert summary.totals.abstain == 1


def test_it_narrows_the_population_to_the_invited_constituencies(parties):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT, ia_constituencies=[parties["DNO"], parties["CONSUMER"]]
    )
    answer(change_request, parties["SSEN"], SUPPORT)

    summary = selectors.impact_summary(change_request)

    assert rows(summary) == [("DNO", 1, 0, 0, 2), ("Consumer", 0, 0, 0, 1)]
    assert (summary.totals.yes, summary.totals.no, summary.totals.abstain, summary.totals.no_reply) == (1, 0, 0, 3)


def test_it_gives_the_api_shape_of_the_summary(parties, assessed):
    answer(assessed, parties["UKPN"], SUPPORT)
    answer(assessed, parties["British Gas"], REJECT)

    assert selectors.impact_summary(assessed).as_dict() == {
        "rows": [
            {"constituency": "DNO", "yes": 1, "no": 0, "abstain": 0, "no_reply": 2},
            {"constituency": "Large Supplier", "yes": 0, "no": 1, "abstain": 0, "no_reply": 1},
            {"constituency": "Consumer", "yes": 0, "no": 0, "abstain": 0, "no_reply": 1},
        ],
        "totals": {"yes": 1, "no": 1, "abstain": 0, "no_reply": 4},
    }


def test_it_tallies_200_responses_in_three_aggregate_queries(django_assert_max_num_queries):
    seats = [ConstituencyFactory(code=f"SEAT_{n}", name=f"Seat {n}", position=n) for n in range(4)]
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Party {n:03d}", constituency=seats[n % 4]) for n in range(250)
    )
    change_request = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, ia_constituencies=seats)
    choices = [SUPPORT, REJECT, ABSTAIN, SUPPORT]
    ImpactResponse.objects.bulk_create(
        ImpactResponse(change_request=change_request, organisation=organisation, response=choices[n % 4])
        for n, organisation in enumerate(organisations[:200])
    )

    # Invited constituencies, parties per constituency, answers per constituency: the same for any number.
    with django_assert_max_num_queries(3):
        summary = selectors.impact_summary(change_request)

    assert len(summary.rows) == 4
    assert (summary.totals.yes, summary.totals.no, summary.totals.abstain, summary.totals.no_reply) == (
        100,
        50,
        50,
        50,
    )


# --- the "Change Request Status" report -----------------------------------------------------------------


def test_it_reports_crs_raised_in_the_last_months_or_still_open(pmo_user, today):
    months_ago = lambda n: today - relativedelta(months=n)  # noqa: E731
    recent_approved = ChangeRequestFactory(
        ref="CR101", raised_on=months_ago(1), status=ChangeStatus.APPROVED, stage=ChangeStage.COMPLETE
    )
    old_open = ChangeRequestFactory(ref="CR102", raised_on=months_ago(12), stage=ChangeStage.AWAITING_DECISION)
    old_on_hold = ChangeRequestFactory(ref="CR103", raised_on=months_ago(9), status=ChangeStatus.ON_HOLD)
    ChangeRequestFactory(ref="CR104", raised_on=months_ago(6), status=ChangeStatus.REJECTED, stage="closed")
    ChangeRequestFactory(ref="CR105", raised_on=months_ago(5), status=ChangeStatus.WITHDRAWN, stage="closed")

    report = list(selectors.status_report(pmo_user, months=3, today=today))

    assert report == [recent_approved, old_open, old_on_hold]


def test_it_widens_the_status_report_to_more_months(pmo_user, today):
    ChangeRequestFactory(ref="CR104", raised_on=today - relativedelta(months=6), status="rejected", stage="closed")
    ChangeRequestFactory(ref="CR105", raised_on=today - relativedelta(months=13), status="rejected", stage="closed")

    assert [cr.ref for cr in selectors.status_report(pmo_user, months=3, today=today)] == []
    assert [cr.ref for cr in selectors.status_report(pmo_user, months=12, today=today)] == ["CR104"]


def test_it_keeps_restricted_crs_out_of_a_participants_status_report(participant_user, chair_user):
    ChangeRequestFactory(ref="CR201", classification=Classification.PUBLIC)
    ChangeRequestFactory(ref="CR202", classification=Classification.RESTRICTED)

    assert [cr.ref for cr in selectors.status_report(participant_user)] == ["CR201"]
    assert [cr.ref for cr in selectors.status_report(chair_user)] == ["CR201", "CR202"]


# --- lifecycle timeline ---------------------------------------------------------------------------------


def test_it_lists_each_stage_and_status_move_oldest_first(pmo_user, chair_user, django_assert_num_queries, today):
    change_request = services.change_request_create(actor=pmo_user, title="Timeline")
    services.change_request_transition(change_request=change_request, step=Step.VALIDATE, actor=pmo_user)
    services.change_request_transition(change_request=change_request, step=Step.HOLD, actor=chair_user)
    services.change_request_transition(change_request=change_request, step=Step.RESUME, actor=pmo_user)
    services.change_request_transition(
        change_request=change_request,
        step=Step.ISSUE_IA,
        actor=pmo_user,
        ia_closes_on=today + datetime.timedelta(days=14),
    )
    # An edit that moves neither stage nor status is history, not a lifecycle event.
    change_request.title = "Timeline, retitled"
    change_request.save()

    with django_assert_num_queries(1):
        events = selectors.lifecycle_timeline(change_request)

    assert [(event.stage, event.status) for event in events] == [
        ("Raised", "Open"),
        ("Validated by Change Board", "Open"),
        ("Validated by Change Board", "On Hold"),
        ("Validated by Change Board", "Open"),
        ("Impact Assessment", "Open"),
    ]
    assert [event.action for event in events][:3] == [
        "Raised",
        "Validated by Change Board for Impact Assessment",
        "Put on hold",
    ]
    assert events[2].who == chair_user.get_full_name()
    assert events[0].who == pmo_user.get_full_name()
    assert [event.when for event in events] == sorted(event.when for event in events)
