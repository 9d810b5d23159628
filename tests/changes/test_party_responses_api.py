"""POST /api/impact-responses/ by the parties themselves: a representative's answer for their own organisation
(implied when omitted), revised by PATCH while the window is open; another organisation's 403, outside the window
400 naming the window's dates; the PMO's answers on a party's behalf; PMO-only answers' details hidden."""

import datetime

import pytest
from rest_framework.test import APIClient

from changes import services
from changes.choices import ChangeStage, Step
from changes.models import ImpactResponse
from core.choices import Classification
from core.roles import PARTICIPANT, PARTY_REPRESENTATIVE
from programme.models import Profile
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

DAY = datetime.timedelta(days=1)
RESPONSES = "/api/impact-responses/"


@pytest.fixture
def parties(db):
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    return {
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


def api_as(username, organisation, *grants):
    user = UserFactory(username=username, role=PARTICIPANT)
    user.groups.add(*type(user.groups.first()).objects.filter(name__in=grants))
    Profile.objects.update_or_create(user=user, defaults={"organisation": organisation})
    api = APIClient()
    api.force_authenticate(user)
    return api, user


@pytest.fixture
def ukpn(parties):
    return api_as("ukpn-rep", parties["UKPN"], PARTY_REPRESENTATIVE)


@pytest.fixture
def open_ia(parties, today):
    return ChangeRequestFactory(
        ref="CR070", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 3 * DAY, ia_closes_on=today + 7 * DAY
    )


ANSWER = {
    "change_request": "CR070",
    "response": "support",
    "cost_impact": "Low",
    "time_impact": "Two sprints",
    "systems_impact": "MPRS interface",
    "impact_detail": "A new DIP message.",
    "comments": "We support it.",
}


def tally(api):
    return api.get("/api/change-requests/CR070/impact-summary/").json()["totals"]


def test_a_representative_answers_with_the_organisation_implied_and_revises(ukpn, parties, open_ia, pmo_user):
    api, _ = ukpn

    created = api.post(RESPONSES, ANSWER, format="json")
    moved = tally(api)
    revised = api.patch(f"{RESPONSES}{created.json()['id']}/", {"response": "reject"}, format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["organisation"], body["response"], body["entered_by"], body["on_behalf"]) == (
        parties["UKPN"].pk,
        "support",
        "ukpn-rep",
        False,
    )
    assert (body["cost_impact"], body["shared"]) == ("Low", "pmo_only")
    assert moved == {"yes": 1, "no": 0, "abstain": 0, "no_reply": 1}
    assert revised.status_code == 200, revised.json()
    assert (revised.json()["response"], revised.json()["comments"]) == ("reject", "We support it.")
    assert tally(api) == {"yes": 0, "no": 1, "abstain": 0, "no_reply": 1}
    stored = ImpactResponse.objects.get()
    assert [row.response for row in stored.history.order_by("history_date", "history_id")] == ["support", "reject"]

    services.change_request_transition(change_request=open_ia, step=Step.CLOSE_IA, actor=pmo_user)
    late = api.patch(f"{RESPONSES}{stored.pk}/", {"response": "abstain"}, format="json")
    assert late.status_code == 400
    assert "PMO can reopen it" in late.json()["detail"][0]
    assert ImpactResponse.objects.get().response == "reject"


def test_a_second_post_revises_the_answer(ukpn, open_ia):
    api, _ = ukpn

    first = api.post(RESPONSES, ANSWER, format="json")
    second = api.post(RESPONSES, {**ANSWER, "response": "abstain", "shared": "shared"}, format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert (second.json()["response"], second.json()["shared"]) == ("abstain", "shared")


def test_an_answer_for_another_organisation_is_403_and_writes_nothing(ukpn, parties, open_ia):
    api, _ = ukpn

    response = api.post(RESPONSES, {**ANSWER, "organisation": parties["Octopus"].pk}, format="json")

    assert response.status_code == 403
    assert not ImpactResponse.objects.exists()


def test_revising_another_organisations_answer_is_403(ukpn, parties, open_ia, pmo_user):
    api, _ = ukpn
    theirs = services.impact_response_submit(
        change_request=open_ia, actor=pmo_user, organisation=parties["Octopus"], response="support"
    )

    response = api.patch(f"{RESPONSES}{theirs.pk}/", {"response": "reject"}, format="json")

    assert response.status_code == 403
    assert ImpactResponse.objects.get().response == "support"


def test_an_answer_outside_the_window_is_400_with_its_dates(ukpn, today):
    api, _ = ukpn
    ChangeRequestFactory(
        ref="CR054", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 14 * DAY, ia_closes_on=today - DAY
    )

    response = api.post(RESPONSES, {**ANSWER, "change_request": "CR054"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "detail": [
            f"The impact assessment of CR054 closed on {today - DAY:%d/%m/%Y}. PMO can reopen it to accept this "
            f"response. The window: {today - 14 * DAY:%d/%m/%Y} to {today - DAY:%d/%m/%Y}."
        ]
    }
    assert not ImpactResponse.objects.exists()


def test_a_participant_without_the_grant_is_403(parties, open_ia):
    api, _ = api_as("ukpn-reader", parties["UKPN"])

    assert api.post(RESPONSES, ANSWER, format="json").status_code == 403
    assert not ImpactResponse.objects.exists()


def test_the_pmo_post_for_any_organisation_marked_on_behalf(pmo_user, parties, open_ia):
    pmo_api = APIClient()
    pmo_api.force_authenticate(pmo_user)

    response = pmo_api.post(RESPONSES, {**ANSWER, "organisation": parties["Octopus"].pk}, format="json")

    assert response.status_code == 201, response.json()
    assert (response.json()["on_behalf"], response.json()["entered_by"]) == (True, "pmo-user")


def test_a_pmo_only_answers_details_are_hidden_from_other_parties_not_from_its_own(ukpn, parties, open_ia):
    api, _ = ukpn
    api.post(RESPONSES, ANSWER, format="json")
    other, _ = api_as("octopus-rep", parties["Octopus"], PARTY_REPRESENTATIVE)

    [seen_by_other] = other.get(RESPONSES).json()["results"]
    [seen_by_own] = api.get(RESPONSES).json()["results"]

    assert seen_by_other["response"] == "support"
    assert {seen_by_other[k] for k in ("comments", "cost_impact", "impact_detail")} == {""}
    assert seen_by_own["comments"] == "We support it."
    assert other.get(RESPONSES, {"q": "support"}).json()["count"] == 0
    assert other.get(RESPONSES, {"q": "UKPN"}).json()["count"] == 1


def test_a_representative_cannot_answer_a_restricted_cr(ukpn, today):
    api, _ = ukpn
    ChangeRequestFactory(
        ref="CR071",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today,
        ia_closes_on=today + DAY,
        classification=Classification.RESTRICTED,
    )

    response = api.post(RESPONSES, {**ANSWER, "change_request": "CR071"}, format="json")

    assert response.status_code == 400
    assert "change_request" in response.json()
    assert not ImpactResponse.objects.exists()
