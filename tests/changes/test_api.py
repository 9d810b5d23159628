"""The change-control API: /api/change-requests/ (DESIGN §5), its transition and impact-summary endpoints,
and /api/impact-responses/."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes.choices import ChangeStage, ChangeStatus, ChangeType, Step
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory, ImpactResponseFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/change-requests/"
RESPONSES = "/api/impact-responses/"
DAY = datetime.timedelta(days=1)

CONTRACT_FIELDS = {
    "ref",
    "title",
    "description",
    "raised_by",
    "raiser_organisation",
    "change_type",
    "status",
    "stage",
    "latest_action",
    "decision_body",
    "raised_on",
    "ia_opens_on",
    "ia_closes_on",
    "decided_on",
    "implementation_target",
    "implementation_milestone",
    "change_owner",
    "mutually_exclusive_with",
    "classification",
}


def detail(ref):
    return f"{LIST}{ref}/"


def transition_url(ref, step):
    return f"{LIST}{ref}/transitions/{step}/"


def refs(response):
    return [row["ref"] for row in response.json()["results"]]


@pytest.fixture
def groups():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "CB": GovernanceGroupFactory(code="CB", name="Change Board", level=GroupLevel.ADVISORY, parent=psg),
        "DAG": GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg),
    }


@pytest.fixture
def parties():
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "SSEN": OrganisationFactory(name="SSEN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


@pytest.fixture
def register(groups, parties, today):
    """CR051-CR054 roughly as the PSG #36 slide has them, plus a Restricted CR060."""
    cr053 = ChangeRequestFactory(
        ref="CR053",
        title="ISD Publication Frequency Change",
        status=ChangeStatus.APPROVED,
        stage=ChangeStage.COMPLETE,
        decision_body=groups["DAG"],
        raised_on=datetime.date(2024, 6, 10),
    )
    cr054 = ChangeRequestFactory(
        ref="CR054",
        title="Change to Non-Functional Requirements for LDSOs",
        description="Amend the NFRs for LDSOs so that they test against an appropriate baseline.",
        raised_by="David Yeoman",
        raiser_organisation=parties["UKPN"],
        change_type=ChangeType.FULL_IMPACT_ASSESSMENT,
        status=ChangeStatus.OPEN,
        stage=ChangeStage.AWAITING_DECISION,
        latest_action="Validated by Change Board for Impact Assessment",
        decision_body=groups["PSG"],
        raised_on=datetime.date(2024, 8, 1),
        ia_opens_on=datetime.date(2024, 8, 5),
        ia_closes_on=datetime.date(2024, 8, 19),
        implementation_target="M6 (Aug-24)",
        implementation_milestone="M6",
        change_owner="Paul Pettitt, MHHS Programme",
        mutually_exclusive_with=[cr053],
    )
    cr052 = ChangeRequestFactory(
        ref="CR052",
        title="Amending the 'M7 SCR powers enabled' Milestone",
        status=ChangeStatus.OPEN,
        stage=ChangeStage.RAISED,
        raised_on=datetime.date(2024, 7, 15),
    )
    cr060 = ChangeRequestFactory(
        ref="CR060",
        title="Commercially sensitive change",
        classification=Classification.RESTRICTED,
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today - DAY,
        ia_closes_on=today + 7 * DAY,
        raised_on=today,
    )
    return {"CR052": cr052, "CR053": cr053, "CR054": cr054, "CR060": cr060}


@pytest.fixture
def pmo_api(api_for):
    return api_for("PMO")


@pytest.fixture
def participant_api(api_for):
    return api_for("Participant")


# --- the contract ---------------------------------------------------------------------------------------


def test_it_gives_a_cr_with_the_contract_fields(participant_api, register):
    response = participant_api.get(detail("CR054"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CONTRACT_FIELDS
    assert {key: body[key] for key in CONTRACT_FIELDS} == {
        "ref": "CR054",
        "title": "Change to Non-Functional Requirements for LDSOs",
        "description": "Amend the NFRs for LDSOs so that they test against an appropriate baseline.",
        "raised_by": "David Yeoman",
        "raiser_organisation": "UKPN",
        "change_type": "full_impact_assessment",
        "status": "open",
        "stage": "awaiting_decision",
        "latest_action": "Validated by Change Board for Impact Assessment",
        "decision_body": "PSG",
        "raised_on": "2024-08-01",
        "ia_opens_on": "2024-08-05",
        "ia_closes_on": "2024-08-19",
        "decided_on": None,
        "implementation_target": "M6 (Aug-24)",
        "implementation_milestone": "M6",
        "change_owner": "Paul Pettitt, MHHS Programme",
        "mutually_exclusive_with": ["CR053"],
        "classification": "public",
    }


def test_it_lists_crs_with_count_and_the_contract_fields(participant_api, register):
    response = participant_api.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert refs(response) == ["CR054", "CR053", "CR052"]
    assert all(set(row) >= CONTRACT_FIELDS for row in body["results"])
    assert body["results"][1]["mutually_exclusive_with"] == ["CR054"]


def test_it_answers_404_for_an_unknown_ref(participant_api, register):
    assert participant_api.get(detail("CR999")).status_code == 404
    assert participant_api.get(detail("CR999") + "impact-summary/").status_code == 404


def test_it_sends_an_etag_with_a_cr(participant_api, register):
    response = participant_api.get(detail("CR054"))

    assert response["ETag"] == f'"{register["CR054"].version}"'


# --- filters --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, ["CR054", "CR052"]),
        ({"status": "approved"}, ["CR053"]),
        ({"stage": "awaiting_decision"}, ["CR054"]),
        ({"stage": ["raised", "complete"]}, ["CR053", "CR052"]),
        ({"decision_body": "PSG"}, ["CR054"]),
        ({"status": "open", "decision_body": "PSG"}, ["CR054"]),
        ({"raised_after": "2024-07-01", "raised_before": "2024-07-31"}, ["CR052"]),
        ({"raised_after": "2024-07-01"}, ["CR054", "CR052"]),
        ({"raised_before": "2024-07-01"}, ["CR053"]),
        ({"q": "non-functional ldsos"}, ["CR054"]),
        ({"search": "ISD publication"}, ["CR053"]),
        ({"search": "no such words"}, []),
    ],
)
def test_it_filters_the_list(participant_api, register, params, expected):
    response = participant_api.get(LIST, params)

    assert response.status_code == 200
    assert refs(response) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "pending"}, "status"),
        ({"decision_body": "NOPE"}, "decision_body"),
        ({"raised_after": "x"}, "raised"),
    ],
)
def test_it_answers_400_with_the_field_for_a_bad_filter(participant_api, register, params, field):
    response = participant_api.get(LIST, params)

    assert response.status_code == 400
    assert field in response.json()


# --- create and update ----------------------------------------------------------------------------------


def test_it_lets_pmo_raise_a_cr_with_a_generated_ref(pmo_api, pmo_user, groups, parties, today):
    response = pmo_api.post(
        LIST,
        {
            "title": "Extend the change freeze",
            "change_type": "fast_track",
            "decision_body": "PSG",
            "raiser_organisation": "UKPN",
            "ia_constituencies": ["DNO"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["ref"] == "CR001"
    assert (body["status"], body["stage"], body["latest_action"]) == ("open", "raised", "Raised")
    assert body["raised_on"] == today.isoformat()
    assert response["ETag"] == '"1"'
    created = ChangeRequest.objects.get(ref="CR001")
    assert (created.decision_body.code, created.raiser_organisation.name) == ("PSG", "UKPN")
    assert list(created.ia_constituencies.values_list("code", flat=True)) == ["DNO"]
    rows = list(created.history.order_by("history_date", "history_id"))
    assert rows[0].history_change_reason == "Raised"
    assert {row.history_user for row in rows} == {pmo_user}


def test_it_ignores_status_and_stage_on_create(pmo_api, groups):
    response = pmo_api.post(
        LIST,
        {"title": "Sneaky", "status": "approved", "stage": "complete", "latest_action": "Approved by nobody"},
        format="json",
    )

    assert response.status_code == 201
    created = ChangeRequest.objects.get(ref=response.json()["ref"])
    assert (created.status, created.stage, created.latest_action) == ("open", "raised", "Raised")


def test_it_keeps_an_explicit_ref_on_create(pmo_api, register):
    response = pmo_api.post(LIST, {"ref": "CR120", "title": "From the old register"}, format="json")
    generated = pmo_api.post(LIST, {"title": "Next"}, format="json")

    assert response.status_code == 201
    assert response.json()["ref"] == "CR120"
    assert generated.json()["ref"] == "CR121"


def test_it_refuses_a_duplicate_ref_with_400(pmo_api, register):
    response = pmo_api.post(LIST, {"ref": "CR054", "title": "An impostor"}, format="json")

    assert response.status_code == 400
    assert "ref" in response.json()
    assert ChangeRequest.objects.get(ref="CR054").title == "Change to Non-Functional Requirements for LDSOs"
    assert ChangeRequest.objects.count() == 4


def test_it_refuses_a_malformed_ref_with_400(pmo_api, groups):
    response = pmo_api.post(LIST, {"ref": "CR5", "title": "Short ref"}, format="json")

    assert response.status_code == 400
    assert "ref" in response.json()
    assert not ChangeRequest.objects.exists()


def test_it_refuses_a_cr_without_a_title_with_400(pmo_api, groups):
    response = pmo_api.post(LIST, {"description": "No title"}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()
    assert not ChangeRequest.objects.exists()


def test_it_keeps_status_and_stage_read_only_on_patch(pmo_api, register):
    response = pmo_api.patch(
        detail("CR052"),
        {"title": "Amending the M7 milestone", "status": "approved", "stage": "complete", "latest_action": "Done"},
        format="json",
    )

    assert response.status_code == 200
    stored = ChangeRequest.objects.get(ref="CR052")
    assert stored.title == "Amending the M7 milestone"
    assert (stored.status, stored.stage, stored.latest_action) == ("open", "raised", "Raised")
    assert (response.json()["status"], response.json()["stage"]) == ("open", "raised")


def test_it_refuses_to_change_a_ref_on_patch(pmo_api, register):
    response = pmo_api.patch(detail("CR052"), {"ref": "CR099"}, format="json")

    assert response.status_code == 400
    assert "ref" in response.json()
    assert ChangeRequest.objects.filter(ref="CR052").exists()


def test_it_refuses_a_patch_with_a_stale_if_match_with_412(pmo_api, register):
    cr052 = register["CR052"]
    etag = pmo_api.get(detail("CR052"))["ETag"]
    ChangeRequest.objects.filter(pk=cr052.pk).update(version=cr052.version + 1, title="Someone else's title")

    response = pmo_api.patch(detail("CR052"), {"title": "My title"}, format="json", headers={"If-Match": etag})

    assert response.status_code == 412
    assert "changed by someone else" in response.json()["detail"]
    assert ChangeRequest.objects.get(ref="CR052").title == "Someone else's title"


def test_it_accepts_a_patch_with_the_current_if_match_and_bumps_the_etag(pmo_api, register):
    etag = pmo_api.get(detail("CR052"))["ETag"]

    response = pmo_api.patch(detail("CR052"), {"change_owner": "Ian Smith"}, format="json", headers={"If-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert ChangeRequest.objects.get(ref="CR052").change_owner == "Ian Smith"


# --- transitions ----------------------------------------------------------------------------------------

# For each step: a state it is legal from, the JSON body (dates as days from today), and where the CR ends up.
LEGAL_STEPS = {
    Step.VALIDATE: ("raised", "open", {}, "validated", "open"),
    Step.ISSUE_IA: (
        "validated",
        "open",
        {"ia_opens_on": 0 * DAY, "ia_closes_on": 14 * DAY},
        "impact_assessment",
        "open",
    ),
    Step.CLOSE_IA: ("impact_assessment", "open", {}, "awaiting_decision", "open"),
    Step.REOPEN_IA: (
        "awaiting_decision",
        "open",
        {"ia_closes_on": 3 * DAY},
        "impact_assessment",
        "open",
    ),
    Step.APPROVE: ("awaiting_decision", "open", {"decision_body": "PSG"}, "approved", "approved"),
    Step.REJECT: ("awaiting_decision", "open", {"decision_body": "CB", "reason": "Out of scope"}, "closed", "rejected"),
    Step.IMPLEMENT: ("approved", "approved", {}, "implementation", "approved"),
    Step.COMPLETE: ("implementation", "approved", {}, "complete", "approved"),
    Step.WITHDRAW: ("validated", "open", {"reason": "Raiser withdrew it"}, "closed", "withdrawn"),
    Step.HOLD: ("impact_assessment", "open", {"reason": "Awaiting Ofgem"}, "impact_assessment", "on_hold"),
    Step.RESUME: ("impact_assessment", "on_hold", {}, "impact_assessment", "open"),
}


# For each step: a state it is illegal from.
ILLEGAL_STEPS = {
    Step.VALIDATE: ("validated", "open"),
    Step.ISSUE_IA: ("raised", "open"),
    Step.CLOSE_IA: ("validated", "open"),
    Step.REOPEN_IA: ("impact_assessment", "open"),
    Step.APPROVE: ("raised", "open"),
    Step.REJECT: ("complete", "approved"),
    Step.IMPLEMENT: ("awaiting_decision", "open"),
    Step.COMPLETE: ("closed", "rejected"),
    Step.WITHDRAW: ("approved", "approved"),
    Step.HOLD: ("closed", "withdrawn"),
    Step.RESUME: ("raised", "open"),
}


def stored_state(ref):
    cr = ChangeRequest.objects.get(ref=ref)
    return (cr.status, cr.stage, cr.latest_action, cr.version, cr.history.count())


@pytest.mark.parametrize("step", list(LEGAL_STEPS))
def test_it_moves_a_cr_through_a_legal_transition(pmo_api, pmo_user, groups, step, dates_from_today):
    stage, status, body, to_stage, to_status = LEGAL_STEPS[step]
    body = dates_from_today(body)
    ChangeRequestFactory(ref="CR070", stage=stage, status=status, latest_action="Before")

    response = pmo_api.post(transition_url("CR070", step), body, format="json")

    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["stage"], data["status"]) == (to_stage, to_status)
    assert data["latest_action"] not in ("", "Before")
    assert data["version"] == 2
    stored = ChangeRequest.objects.get(ref="CR070")
    assert (stored.stage, stored.status, stored.latest_action) == (to_stage, to_status, data["latest_action"])
    assert stored.history.order_by("-history_date", "-history_id").first().history_user == pmo_user


@pytest.mark.parametrize("step", list(ILLEGAL_STEPS))
def test_it_refuses_an_illegal_transition_with_400_and_changes_nothing(pmo_api, groups, step, dates_from_today):
    stage, status = ILLEGAL_STEPS[step]
    ChangeRequestFactory(ref="CR071", stage=stage, status=status, latest_action="Where it stands")
    body = dates_from_today(LEGAL_STEPS[step][2])
    before = stored_state("CR071")

    response = pmo_api.post(transition_url("CR071", step), body, format="json")

    assert response.status_code == 400
    message = " ".join(response.json()["detail"])
    assert "CR071 cannot be sent to" in message
    assert stored_state("CR071") == before


def test_it_names_the_new_state_and_next_steps_after_a_transition(pmo_api, groups):
    ChangeRequestFactory(ref="CR072", stage="raised")

    data = pmo_api.post(transition_url("CR072", "validate"), {}, format="json").json()

    assert data["latest_action"] == "Validated by Change Board for Impact Assessment"
    assert set(data["allowed_steps"]) == {"issue_ia", "reject", "withdraw", "hold"}


@pytest.mark.parametrize("step", ["escalate", "Validate", "validate-now"])
def test_it_refuses_an_unknown_step(pmo_api, groups, step):
    ChangeRequestFactory(ref="CR073")
    before = stored_state("CR073")

    response = pmo_api.post(transition_url("CR073", step), {}, format="json")

    assert response.status_code in (400, 404)
    assert stored_state("CR073") == before


def test_it_answers_404_for_a_transition_of_an_unknown_ref(pmo_api, groups):
    assert pmo_api.post(transition_url("CR999", "validate"), {}, format="json").status_code == 404


def test_it_refuses_impact_assessment_dates_out_of_order_with_400(pmo_api, groups, today):
    ChangeRequestFactory(ref="CR074", stage="validated")
    before = stored_state("CR074")

    response = pmo_api.post(
        transition_url("CR074", "issue_ia"),
        {"ia_opens_on": (today + 10 * DAY).isoformat(), "ia_closes_on": today.isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert "ia_closes_on" in response.json()
    assert stored_state("CR074") == before


@pytest.mark.parametrize(
    ("step", "stage", "body", "field"),
    [
        ("issue_ia", "validated", {"ia_closes_on": "31/02/2024"}, "ia_closes_on"),
        ("approve", "awaiting_decision", {"decision_body": "NOBODY"}, "decision_body"),
        ("reject", "awaiting_decision", {"decision_body": "PSG", "decided_on": "yesterday"}, "decided_on"),
    ],
)
def test_it_refuses_malformed_step_inputs_with_400_per_field(pmo_api, groups, step, stage, body, field):
    ChangeRequestFactory(ref="CR081", stage=stage)
    before = stored_state("CR081")

    response = pmo_api.post(transition_url("CR081", step), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert stored_state("CR081") == before


def test_it_refuses_an_approval_without_a_decision_body_with_400(pmo_api, groups):
    ChangeRequestFactory(ref="CR075", stage="awaiting_decision", decision_body=None)
    before = stored_state("CR075")

    response = pmo_api.post(transition_url("CR075", "approve"), {}, format="json")

    assert response.status_code == 400
    assert "decision_body" in response.json()
    assert stored_state("CR075") == before


def test_it_refuses_a_transition_with_a_stale_version_with_412(pmo_api, groups):
    ChangeRequestFactory(ref="CR076", stage="raised")
    pmo_api.post(transition_url("CR076", "validate"), {"version": 1}, format="json")
    before = stored_state("CR076")

    response = pmo_api.post(transition_url("CR076", "withdraw"), {"version": 1}, format="json")

    assert response.status_code == 412
    assert "changed by someone else" in response.json()["detail"]
    assert stored_state("CR076") == before


def test_it_refuses_a_transition_with_a_stale_if_match_with_412(pmo_api, groups):
    ChangeRequestFactory(ref="CR077", stage="raised", version=3)
    before = stored_state("CR077")

    response = pmo_api.post(transition_url("CR077", "validate"), {}, format="json", headers={"If-Match": '"2"'})

    assert response.status_code == 412
    assert stored_state("CR077") == before


def test_it_rejects_the_mutually_exclusive_crs_through_the_approve_endpoint(pmo_api, register):
    response = pmo_api.post(transition_url("CR054", "approve"), {"reason": "SRO approved"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    # CR053 was already approved and complete: left alone.
    assert pmo_api.get(detail("CR053")).json()["status"] == "approved"


def test_it_rejects_an_open_rival_through_the_approve_endpoint(pmo_api, register):
    ChangeRequestFactory(ref="CR078", stage="awaiting_decision", mutually_exclusive_with=[register["CR054"]])

    pmo_api.post(transition_url("CR054", "approve"), {}, format="json")

    rival = pmo_api.get(detail("CR078")).json()
    assert (rival["status"], rival["stage"]) == ("rejected", "closed")
    assert "CR054" in rival["latest_action"]


# --- impact summary -------------------------------------------------------------------------------------


def test_it_gives_the_impact_summary_in_its_exact_shape(participant_api, register, parties):
    cr054 = register["CR054"]
    ImpactResponseFactory(change_request=cr054, organisation=parties["UKPN"], response="support")
    ImpactResponseFactory(change_request=cr054, organisation=parties["Octopus"], response="abstain")

    response = participant_api.get(detail("CR054") + "impact-summary/")

    assert response.status_code == 200
    assert response.json() == {
        "rows": [
            {"constituency": "DNO", "yes": 1, "no": 0, "abstain": 0, "no_reply": 1},
            {"constituency": "Large Supplier", "yes": 0, "no": 0, "abstain": 1, "no_reply": 0},
        ],
        "totals": {"yes": 1, "no": 0, "abstain": 1, "no_reply": 1},
    }


# --- impact responses -----------------------------------------------------------------------------------


def test_it_records_then_replaces_an_impact_response(pmo_api, pmo_user, register, parties, today):
    ChangeRequestFactory(ref="CR079", stage="impact_assessment", ia_opens_on=today, ia_closes_on=today + DAY)
    payload = {"change_request": "CR079", "organisation": parties["UKPN"].pk, "response": "support", "comments": "Ok"}

    created = pmo_api.post(RESPONSES, payload, format="json")
    replaced = pmo_api.post(RESPONSES, {**payload, "response": "reject", "comments": "No"}, format="json")

    assert created.status_code == 201, created.json()
    assert {k: created.json()[k] for k in ("change_request", "organisation", "response", "comments")} == {
        "change_request": "CR079",
        "organisation": parties["UKPN"].pk,
        "response": "support",
        "comments": "Ok",
    }
    assert replaced.status_code == 200, replaced.json()
    assert replaced.json()["id"] == created.json()["id"]
    assert replaced.json()["response"] == "reject"
    stored = ImpactResponse.objects.get(change_request__ref="CR079")
    assert (stored.response, stored.comments) == ("reject", "No")
    assert stored.history.count() == 2


def test_it_refuses_an_impact_response_outside_the_window_with_400(pmo_api, register, parties, today):
    ChangeRequestFactory(ref="CR080", stage="awaiting_decision", ia_closes_on=today - DAY)

    response = pmo_api.post(
        RESPONSES,
        {"change_request": "CR080", "organisation": parties["UKPN"].pk, "response": "support"},
        format="json",
    )

    assert response.status_code == 400
    assert "PMO can reopen it" in " ".join(response.json()["detail"])
    assert not ImpactResponse.objects.filter(change_request__ref="CR080").exists()


def test_it_refuses_an_impact_response_that_is_not_a_choice_with_400(pmo_api, register, parties):
    response = pmo_api.post(
        RESPONSES,
        {"change_request": "CR060", "organisation": parties["UKPN"].pk, "response": "maybe"},
        format="json",
    )

    assert response.status_code == 400
    assert "response" in response.json()
    assert not ImpactResponse.objects.exists()


def test_it_lists_impact_responses_with_their_fields_and_filters_them_by_cr(participant_api, register, parties):
    ImpactResponseFactory(change_request=register["CR054"], organisation=parties["UKPN"], response="support")
    ImpactResponseFactory(change_request=register["CR052"], organisation=parties["SSEN"], response="reject")

    response = participant_api.get(RESPONSES, {"change_request": "CR054"})

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert {"id", "change_request", "organisation", "response", "comments"} <= set(row)
    assert (row["change_request"], row["organisation"], row["response"]) == ("CR054", parties["UKPN"].pk, "support")


# --- who may do what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Participant", "Chair", "PMO"])
def test_it_lets_every_role_read(api_for, register, role):
    api = api_for(role)

    assert api.get(LIST).status_code == 200
    assert api.get(detail("CR054")).status_code == 200
    assert api.get(detail("CR054") + "impact-summary/").status_code == 200
    assert api.get(RESPONSES).status_code == 200


@pytest.mark.parametrize("role", ["Participant", "Chair"])
def test_it_refuses_writes_to_readers_with_403(api_for, register, parties, role):
    api = api_for(role)
    before = stored_state("CR052")

    assert api.post(LIST, {"title": "Not allowed"}, format="json").status_code == 403
    assert api.patch(detail("CR052"), {"title": "Not allowed"}, format="json").status_code == 403
    assert api.post(transition_url("CR052", "validate"), {}, format="json").status_code == 403
    response = api.post(
        RESPONSES,
        {"change_request": "CR054", "organisation": parties["UKPN"].pk, "response": "support"},
        format="json",
    )
    assert response.status_code == 403
    assert stored_state("CR052") == before
    assert ChangeRequest.objects.count() == 4
    assert not ImpactResponse.objects.exists()


def test_it_answers_401_to_anonymous_callers(api_for, register):
    api = api_for("anonymous")

    assert api.get(LIST).status_code == 401
    assert api.get(detail("CR054")).status_code == 401
    assert api.get(detail("CR054") + "impact-summary/").status_code == 401
    assert api.get(RESPONSES).status_code == 401
    assert api.post(transition_url("CR052", "validate"), {}, format="json").status_code == 401
    assert stored_state("CR052")[1] == "raised"


def test_it_never_shows_a_restricted_cr_to_a_participant(participant_api, register):
    listed = participant_api.get(LIST)

    assert "CR060" not in refs(listed)
    assert participant_api.get(LIST, {"q": "sensitive"}).json()["count"] == 0
    assert participant_api.get(detail("CR060")).status_code == 404
    assert participant_api.get(detail("CR060") + "impact-summary/").status_code == 404


def test_it_shows_restricted_crs_to_the_chair(api_for, register):
    api = api_for("Chair")

    assert "CR060" in refs(api.get(LIST))
    assert api.get(detail("CR060")).status_code == 200


def test_it_hides_the_impact_responses_of_restricted_crs_from_a_participant(participant_api, register, parties):
    hidden = ImpactResponseFactory(change_request=register["CR060"], organisation=parties["UKPN"])
    shown = ImpactResponseFactory(change_request=register["CR054"], organisation=parties["SSEN"])

    listed = participant_api.get(RESPONSES)

    assert [row["id"] for row in listed.json()["results"]] == [shown.pk]
    assert participant_api.get(f"{RESPONSES}{hidden.pk}/").status_code == 404
    # Named by its ref, a CR the reader may not see answers as one that does not exist: no hint it does.
    by_ref = participant_api.get(RESPONSES, {"change_request": "CR060"})
    nowhere = participant_api.get(RESPONSES, {"change_request": "CR999"})
    assert by_ref.status_code == nowhere.status_code == 400
    assert by_ref.json() == {"change_request": [m.replace("CR999", "CR060") for m in nowhere.json()["change_request"]]}
    assert hidden.pk not in [row["id"] for row in participant_api.get(RESPONSES, {"q": "UKPN"}).json()["results"]]


# --- speed ----------------------------------------------------------------------------------------------


def test_it_lists_crs_in_a_constant_number_of_queries_whatever_the_page_size(pmo_api, groups, parties):
    seats = [parties["DNO"], parties["LARGE_SUPPLIER"]]
    previous = None
    for n in range(60):
        previous = ChangeRequestFactory(
            ref=f"CR{300 + n}",
            raiser_organisation=parties["UKPN"],
            decision_body=groups["PSG"],
            mutually_exclusive_with=[previous] if previous else None,
            ia_constituencies=seats,
        )
    pmo_api.get(LIST, {"page_size": 1})  # the user's permissions are cached after the first request

    with CaptureQueriesContext(connection) as small:
        small_page = pmo_api.get(LIST, {"page_size": 5})
    with CaptureQueriesContext(connection) as large:
        large_page = pmo_api.get(LIST, {"page_size": 50})

    assert len(small_page.json()["results"]) == 5
    assert len(large_page.json()["results"]) == 50
    assert large_page.json()["results"][0]["ia_constituencies"] == ["DNO", "LARGE_SUPPLIER"]
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    assert len(small) <= 8
    assert len(large) <= 8
