"""Impact-assessment answers by the parties themselves: a party representative answers for their own organisation
on the CR page and from /my/, revises until the close, and is refused after it; the PMO enter answers on a party's
behalf, marked as such, through the same service; answers kept for the PMO stay hidden from other parties."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from changes import services
from changes.choices import ChangeStage, Sharing, Step
from changes.models import ImpactResponse
from core import events
from core.choices import Classification
from core.exceptions import WorkflowError
from core.roles import PARTICIPANT, PARTY_REPRESENTATIVE
from programme.models import Profile
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory

DAY = datetime.timedelta(days=1)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def parties(db):
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "SSEN": OrganisationFactory(name="SSEN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


def person(username, organisation, *grants):
    user = UserFactory(username=username, role=PARTICIPANT)
    for grant in grants:
        user.groups.add(*type(user.groups.first()).objects.filter(name=grant))
    Profile.objects.update_or_create(user=user, defaults={"organisation": organisation})
    return user


@pytest.fixture
def ukpn_rep(parties):
    return person("ukpn-rep", parties["UKPN"], PARTY_REPRESENTATIVE)


@pytest.fixture
def octopus_rep(parties):
    return person("octopus-rep", parties["Octopus"], PARTY_REPRESENTATIVE)


@pytest.fixture
def open_ia(parties, today):
    return ChangeRequestFactory(
        ref="CR070", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 3 * DAY, ia_closes_on=today + 7 * DAY
    )


ANSWER = {
    "response": "support",
    "cost_impact": "Low: under £10k",
    "time_impact": "Two sprints",
    "systems_impact": "MPRS interface",
    "impact_detail": "Our DIP adapter needs a new message.",
    "comments": "We support it.",
    "shared": "pmo_only",
}


def dno_row(response):
    return response.context["summary"].rows[0]


# --- the service -----------------------------------------------------------------------------------------------


def test_a_representative_answers_for_their_own_party_and_revises_with_history(ukpn_rep, parties, open_ia):
    first = services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)
    revised = services.impact_response_submit(
        change_request=open_ia, actor=ukpn_rep, **{**ANSWER, "response": "reject", "shared": "shared"}
    )

    assert revised.pk == first.pk
    assert (revised.organisation, revised.entered_by, revised.on_behalf) == (parties["UKPN"], ukpn_rep, False)
    rows = list(revised.history.order_by("history_date", "history_id"))
    assert [(row.response, row.shared, row.history_user) for row in rows] == [
        ("support", "pmo_only", ukpn_rep),
        ("reject", "shared", ukpn_rep),
    ]
    assert [row.history_change_reason for row in rows] == ["Response received", "Response replaced"]


def test_a_representative_is_refused_another_organisations_answer_with_nothing_written(ukpn_rep, parties, open_ia):
    with pytest.raises(PermissionDenied, match="for UKPN only, not for Octopus"):
        services.impact_response_submit(
            change_request=open_ia, actor=ukpn_rep, organisation=parties["Octopus"], **ANSWER
        )

    assert not ImpactResponse.objects.exists()


def test_a_participant_without_the_grant_is_refused(parties, open_ia):
    plain = person("ukpn-reader", parties["UKPN"])

    with pytest.raises(PermissionDenied, match="Only a party representative"):
        services.impact_response_submit(change_request=open_ia, actor=plain, **ANSWER)

    assert not ImpactResponse.objects.exists()


def test_a_late_answer_names_the_windows_dates(ukpn_rep, parties, today):
    late = ChangeRequestFactory(
        ref="CR054", stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 14 * DAY, ia_closes_on=today - DAY
    )

    with pytest.raises(WorkflowError) as refused:
        services.impact_response_submit(change_request=late, actor=ukpn_rep, **ANSWER)

    assert refused.value.message == (
        f"The impact assessment of CR054 closed on {today - DAY:%d/%m/%Y}. PMO can reopen it to accept this "
        f"response. The window: {today - 14 * DAY:%d/%m/%Y} to {today - DAY:%d/%m/%Y}."
    )
    assert not ImpactResponse.objects.exists()


def test_a_party_not_invited_cannot_answer(ukpn_rep, parties, today):
    suppliers_only = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today,
        ia_closes_on=today + DAY,
        ia_constituencies=[parties["LARGE_SUPPLIER"]],
    )

    with pytest.raises(WorkflowError, match="was not invited"):
        services.impact_response_submit(change_request=suppliers_only, actor=ukpn_rep, **ANSWER)
    assert not ukpn_rep.has_perm("changes.respond_for_organisation", (suppliers_only, parties["UKPN"]))


def test_the_pmo_answer_on_a_partys_behalf_and_it_says_so(pmo_user, parties, open_ia):
    answer = services.impact_response_submit(
        change_request=open_ia, actor=pmo_user, organisation=parties["Octopus"], response="abstain"
    )

    assert (answer.organisation, answer.entered_by, answer.on_behalf) == (parties["Octopus"], pmo_user, True)
    assert answer.shared == Sharing.PMO_ONLY


def test_the_rule_answers_for_the_party_while_the_window_is_open(ukpn_rep, parties, open_ia, pmo_user, today):
    assert ukpn_rep.has_perm("changes.respond_for_organisation", (open_ia, parties["UKPN"]))
    assert not ukpn_rep.has_perm("changes.respond_for_organisation", (open_ia, parties["SSEN"]))

    services.change_request_transition(change_request=open_ia, step=Step.CLOSE_IA, actor=pmo_user)

    assert not ukpn_rep.has_perm("changes.respond_for_organisation", (open_ia, parties["UKPN"]))


def test_issuing_reopening_and_deciding_publish_their_events(pmo_user, groups, today):
    heard = []
    listener = lambda kind, **payload: heard.append((kind, payload))  # noqa: E731
    events.subscribe(listener)
    try:
        change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED, decision_body=groups["PSG"])
        for step, inputs in (
            (Step.ISSUE_IA, {"ia_closes_on": today + DAY}),
            (Step.CLOSE_IA, {}),
            (Step.REOPEN_IA, {"ia_closes_on": today + 2 * DAY}),
            (Step.CLOSE_IA, {}),
            (Step.APPROVE, {}),
        ):
            services.change_request_transition(change_request=change_request, step=step, actor=pmo_user, **inputs)
    finally:
        events._listeners.remove(listener)

    ids = {"change_request_id": change_request.pk}
    assert heard == [(events.IA_ISSUED, ids), (events.IA_ISSUED, ids), (events.CR_DECIDED, ids)]


# --- the CR page -----------------------------------------------------------------------------------------------


def test_a_representative_answers_on_the_page_sees_the_tally_move_and_revises(client, ukpn_rep, parties, open_ia):
    client.force_login(ukpn_rep)

    before = client.get("/changes/CR070/")
    answered = client.post("/changes/CR070/responses/", ANSWER, headers=HTMX)
    revised = client.post("/changes/CR070/responses/", {**ANSWER, "response": "reject", "version": 1}, follow=True)

    html = before.content.decode()
    assert "Your organisation's answer — UKPN" in html
    assert 'for="id_cost_impact">Cost impact</label>' in html
    assert (dno_row(before).yes, dno_row(before).no_reply) == (0, 2)
    # htmx: the section comes back alone, with the tally moved and the form showing the answer to revise.
    assert answered.status_code == 200
    assert (dno_row(answered).yes, dno_row(answered).no_reply) == (1, 1)
    assert 'id="ia-section"' in answered.content.decode()
    assert "Recorded: UKPN — Support." in answered.content.decode()
    assert answered.context["answer_form"].initial["cost_impact"] == "Low: under £10k"
    # Without JS: a plain post, then the page.
    assert revised.redirect_chain[-1][0] == "/changes/CR070/"
    assert (dno_row(revised).yes, dno_row(revised).no) == (0, 1)
    assert "Revise answer" in revised.content.decode()
    stored = ImpactResponse.objects.get()
    assert [row.response for row in stored.history.order_by("history_date", "history_id")] == ["support", "reject"]


def test_after_the_close_the_form_is_gone_and_a_late_post_is_refused(client, ukpn_rep, pmo_user, open_ia):
    services.change_request_transition(change_request=open_ia, step=Step.CLOSE_IA, actor=pmo_user)
    client.force_login(ukpn_rep)

    page = client.get("/changes/CR070/")
    late = client.post("/changes/CR070/responses/", ANSWER, follow=True)

    assert "answer_form" not in page.context
    assert 'data-testid="answer-closed"' in page.content.decode()
    assert "closed the impact assessment of CR070" in page.content.decode()
    assert any("PMO can reopen it" in str(message) for message in late.context["messages"])
    assert not ImpactResponse.objects.exists()


def test_a_post_for_another_organisation_is_403_and_writes_nothing(client, ukpn_rep, parties, open_ia):
    client.force_login(ukpn_rep)

    # The representative's form shows no organisation field: naming another party is refused, not ignored.
    response = client.post("/changes/CR070/responses/", {**ANSWER, "organisation": parties["Octopus"].pk})

    assert response.status_code == 403
    assert not ImpactResponse.objects.exists()


def test_a_participant_without_the_grant_gets_403_on_the_page(client, parties, open_ia):
    client.force_login(person("ukpn-reader", parties["UKPN"]))

    page = client.get("/changes/CR070/")
    response = client.post("/changes/CR070/responses/", ANSWER)

    assert "answer_form" not in page.context
    assert response.status_code == 403
    assert not ImpactResponse.objects.exists()


def test_the_pmo_see_who_answered_who_has_not_and_entries_on_behalf(client, pmo_user, ukpn_rep, parties, open_ia):
    services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)
    client.force_login(pmo_user)

    posted = client.post(
        "/changes/CR070/responses/", {"organisation": parties["Octopus"].pk, "response": "abstain"}, headers=HTMX
    )

    rows = {row.organisation.name: row for row in posted.context["answers"]}
    assert {name: row.answer.response if row.answer else None for name, row in rows.items()} == {
        "UKPN": "support",
        "SSEN": None,
        "Octopus": "abstain",
    }
    html = posted.content.decode()
    assert "No reply" in html
    assert "entered by the PMO on behalf of Octopus" in html
    assert "Our DIP adapter needs a new message." in html  # the PMO read answers kept for them
    assert 'hx-trigger="every 30s"' in html


def test_other_parties_see_a_pmo_only_answer_counted_but_not_its_details(client, ukpn_rep, octopus_rep, open_ia):
    services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)
    client.force_login(octopus_rep)

    page = client.get("/changes/CR070/")

    html = page.content.decode()
    assert dno_row(page).yes == 1
    assert "Our DIP adapter needs a new message." not in html
    assert "We support it." not in html
    assert "Shared with the PMO only" in html


def test_a_representative_cannot_see_or_answer_a_restricted_cr(client, ukpn_rep, today):
    ChangeRequestFactory(
        ref="CR071",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today,
        ia_closes_on=today + DAY,
        classification=Classification.RESTRICTED,
    )
    client.force_login(ukpn_rep)

    assert client.get("/changes/CR071/").status_code == 404
    assert client.post("/changes/CR071/responses/", ANSWER).status_code == 404
    assert "CR071" not in client.get("/my/").content.decode()
    assert not ImpactResponse.objects.exists()


# --- /my/ -----------------------------------------------------------------------------------------------------


def test_my_page_lists_the_ias_awaiting_my_party_then_its_answers_to_revise(client, ukpn_rep, open_ia):
    client.force_login(ukpn_rep)

    awaiting = client.get("/my/").content.decode()
    services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)
    answered = client.get("/my/").content.decode()

    assert 'href="/changes/CR070/#your-answer" aria-label="Answer CR070 for UKPN"' in awaiting
    assert 'data-testid="my-ia-answers"' not in awaiting
    assert 'aria-label="Answer CR070' not in answered
    assert 'aria-label="Revise the answer to CR070"' in answered


def test_an_export_by_another_party_counts_a_pmo_only_answer_without_its_comments(
    client, ukpn_rep, octopus_rep, open_ia
):
    services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)

    client.force_login(octopus_rep)
    theirs = client.get("/changes/responses/export.csv").content.decode("utf-8-sig")
    client.force_login(ukpn_rep)
    own = client.get("/changes/responses/export.csv").content.decode("utf-8-sig")

    assert "CR070,UKPN" in theirs
    assert "We support it." not in theirs
    assert "We support it." in own


def test_an_export_as_of_a_past_moment_keeps_a_pmo_only_answer_from_another_party(
    client, ukpn_rep, octopus_rep, open_ia
):
    services.impact_response_submit(change_request=open_ia, actor=ukpn_rep, **ANSWER)
    today = timezone.localdate().isoformat()

    client.force_login(octopus_rep)
    theirs = client.get("/changes/responses/export.csv", {"as_of": today}).content.decode("utf-8-sig")
    client.force_login(ukpn_rep)
    own = client.get("/changes/responses/export.csv", {"as_of": today}).content.decode("utf-8-sig")

    assert "CR070,UKPN" in theirs, "the answer is counted, as it stood"
    assert "We support it." not in theirs
    assert "We support it." in own
