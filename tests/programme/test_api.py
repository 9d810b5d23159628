"""The reference-data API: /api/constituencies/, /api/organisations/, /api/governance-groups/ (DESIGN §5)."""

import json

import pytest
from rest_framework.test import APIClient

from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

GROUPS = "/api/governance-groups/"
ORGANISATIONS = "/api/organisations/"
CONSTITUENCIES = "/api/constituencies/"


@pytest.fixture
def structure():
    """PSG at the top, DAG and CCAG under it, SDWG under DAG."""
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    ccag = GovernanceGroupFactory(
        code="CCAG",
        name="Cross Code Advisory Group",
        level=GroupLevel.ADVISORY,
        parent=psg,
        chair="Code chair",
    )
    sdwg = GovernanceGroupFactory(
        code="SDWG", name="Security Design Working Group", level=GroupLevel.WORKING, parent=dag
    )
    return {"PSG": psg, "DAG": dag, "CCAG": ccag, "SDWG": sdwg}


@pytest.fixture
def parties():
    dno = ConstituencyFactory(code="DNO", name="DNO")
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier")
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "SSEN": OrganisationFactory(name="SSEN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


@pytest.fixture
def pmo_api(pmo_user):
    api = APIClient()
    api.force_authenticate(pmo_user)
    return api


@pytest.fixture
def participant_api(participant_user):
    api = APIClient()
    api.force_authenticate(participant_user)
    return api


def codes(response):
    return [row["code"] for row in response.json()["results"]]


def names(response):
    return [row["name"] for row in response.json()["results"]]


# --- reading --------------------------------------------------------------------------------------------


def test_it_lists_groups_with_count_and_results(participant_api, structure):
    response = participant_api.get(GROUPS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert codes(response) == ["PSG", "CCAG", "DAG", "SDWG"]  # by level, then code


def test_it_paginates_lists(participant_api, structure):
    first = participant_api.get(GROUPS, {"page_size": 3})
    second = participant_api.get(GROUPS, {"page_size": 3, "page": 2})

    assert first.json()["count"] == 4
    assert len(first.json()["results"]) == 3
    assert first.json()["next"] is not None
    assert codes(second) == ["SDWG"]
    assert second.json()["next"] is None


def test_it_shows_a_group_by_its_code_with_the_parent_as_a_code(participant_api, structure):
    response = participant_api.get(f"{GROUPS}DAG/")

    assert response.status_code == 200
    body = response.json()
    assert {"code", "name", "level", "parent"} <= body.keys()
    assert body["code"] == "DAG"
    assert body["name"] == "Design Advisory Group"
    assert body["level"] == 3
    assert body["parent"] == "PSG"


def test_it_shows_a_top_level_group_with_a_null_parent(participant_api, structure):
    assert participant_api.get(f"{GROUPS}PSG/").json()["parent"] is None


def test_it_shows_a_constituency_by_its_code(participant_api, parties):
    response = participant_api.get(f"{CONSTITUENCIES}LARGE_SUPPLIER/")

    assert response.status_code == 200
    assert response.json()["code"] == "LARGE_SUPPLIER"
    assert response.json()["name"] == "Large Supplier"


def test_it_shows_an_organisation_by_id_with_its_constituency_as_a_code(participant_api, parties):
    ukpn = parties["UKPN"]

    response = participant_api.get(f"{ORGANISATIONS}{ukpn.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == ukpn.pk
    assert response.json()["name"] == "UKPN"
    assert response.json()["constituency"] == "DNO"


def test_it_lists_constituencies_and_organisations_with_count_and_results(participant_api, parties):
    constituencies = participant_api.get(CONSTITUENCIES).json()
    organisations = participant_api.get(ORGANISATIONS).json()

    assert constituencies["count"] == 2
    assert {row["code"] for row in constituencies["results"]} == {"DNO", "LARGE_SUPPLIER"}
    assert organisations["count"] == 3
    assert {(row["name"], row["constituency"]) for row in organisations["results"]} == {
        ("UKPN", "DNO"),
        ("SSEN", "DNO"),
        ("Octopus", "LARGE_SUPPLIER"),
    }


def test_it_filters_groups_by_level(participant_api, structure):
    assert codes(participant_api.get(GROUPS, {"level": 3})) == ["CCAG", "DAG"]


def test_it_filters_groups_by_parent_code(participant_api, structure):
    assert codes(participant_api.get(GROUPS, {"parent": "PSG"})) == ["CCAG", "DAG"]
    assert codes(participant_api.get(GROUPS, {"parent": "DAG"})) == ["SDWG"]


def test_it_filters_organisations_by_constituency_code(participant_api, parties):
    assert names(participant_api.get(ORGANISATIONS, {"constituency": "DNO"})) == ["SSEN", "UKPN"]


def test_it_searches_groups_with_q_and_with_search(participant_api, structure):
    assert codes(participant_api.get(GROUPS, {"q": "security"})) == ["SDWG"]
    assert codes(participant_api.get(GROUPS, {"search": "code chair"})) == ["CCAG"]


def test_it_searches_organisations_by_their_constituency_name(participant_api, parties):
    assert names(participant_api.get(ORGANISATIONS, {"search": "large supplier"})) == ["Octopus"]


def test_it_searches_constituencies(participant_api, parties):
    assert [row["code"] for row in participant_api.get(CONSTITUENCIES, {"q": "large"}).json()["results"]] == [
        "LARGE_SUPPLIER"
    ]


def test_it_rejects_an_unknown_filter_value_with_400_not_500(participant_api, parties):
    response = participant_api.get(ORGANISATIONS, {"constituency": "NOPE"})

    assert response.status_code == 400
    assert "constituency" in response.json()


@pytest.mark.parametrize("path", [f"{GROUPS}NOPE/", f"{CONSTITUENCIES}NOPE/", f"{ORGANISATIONS}999999/"])
def test_it_answers_an_unknown_code_with_a_json_404(participant_api, path):
    response = participant_api.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_it_answers_an_unknown_api_path_with_a_json_404(participant_api):
    response = participant_api.get("/api/no-such-resource/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- writing as PMO -------------------------------------------------------------------------------------


def test_it_lets_pmo_create_a_group_and_records_who_did(pmo_api, pmo_user, structure):
    response = pmo_api.post(
        GROUPS, {"code": "DRG", "name": "Design Resolution Group", "level": 4, "parent": "DAG"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["parent"] == "DAG"
    group = GovernanceGroup.objects.get(code="DRG")
    assert group.parent == structure["DAG"]
    assert group.level == GroupLevel.WORKING
    latest = group.history.first()
    assert latest.history_type == "+"
    assert latest.history_user == pmo_user


def test_it_lets_pmo_update_a_group_and_records_who_did(pmo_api, pmo_user, structure):
    response = pmo_api.patch(f"{GROUPS}DAG/", {"chair": "Design Authority"}, format="json")

    assert response.status_code == 200
    assert response.json()["chair"] == "Design Authority"
    dag = GovernanceGroup.objects.get(code="DAG")
    assert dag.chair == "Design Authority"
    latest = dag.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == pmo_user
    assert latest.chair == "Design Authority"


def test_it_lets_pmo_move_a_group_under_another_parent(pmo_api, structure):
    response = pmo_api.patch(f"{GROUPS}SDWG/", {"parent": "CCAG"}, format="json")

    assert response.status_code == 200
    assert GovernanceGroup.objects.get(code="SDWG").parent.code == "CCAG"


def test_it_lets_pmo_create_an_organisation_by_constituency_code(pmo_api, pmo_user, parties):
    response = pmo_api.post(ORGANISATIONS, {"name": "NGED", "constituency": "DNO"}, format="json")

    assert response.status_code == 201
    organisation = Organisation.objects.get(name="NGED")
    assert response.json()["id"] == organisation.pk
    assert response.json()["constituency"] == "DNO"
    assert organisation.constituency == parties["DNO"]
    assert organisation.history.first().history_user == pmo_user


def test_it_lets_pmo_move_an_organisation_to_another_constituency(pmo_api, pmo_user, parties):
    octopus = parties["Octopus"]

    response = pmo_api.patch(f"{ORGANISATIONS}{octopus.pk}/", {"constituency": "DNO"}, format="json")

    assert response.status_code == 200
    octopus.refresh_from_db()
    assert octopus.constituency.code == "DNO"
    assert octopus.history.first().history_user == pmo_user


def test_it_lets_pmo_create_and_rename_a_constituency(pmo_api, pmo_user):
    created = pmo_api.post(CONSTITUENCIES, {"code": "IDNO", "name": "IDNO"}, format="json")
    renamed = pmo_api.patch(f"{CONSTITUENCIES}IDNO/", {"name": "iDNO"}, format="json")

    assert created.status_code == 201
    assert renamed.status_code == 200
    constituency = Constituency.objects.get(code="IDNO")
    assert constituency.name == "iDNO"
    assert [(record.history_type, record.history_user) for record in constituency.history.all()] == [
        ("~", pmo_user),
        ("+", pmo_user),
    ]


# --- bad input ------------------------------------------------------------------------------------------


def test_it_rejects_an_organisation_in_an_unknown_constituency(pmo_api, parties):
    response = pmo_api.post(ORGANISATIONS, {"name": "Nobody Ltd", "constituency": "NOPE"}, format="json")

    assert response.status_code == 400
    assert response.json()["constituency"]
    assert not Organisation.objects.filter(name="Nobody Ltd").exists()


def test_it_rejects_a_group_without_a_name(pmo_api, structure):
    response = pmo_api.post(GROUPS, {"code": "XWG", "level": 4, "parent": "DAG"}, format="json")

    assert response.status_code == 400
    assert response.json()["name"]
    assert not GovernanceGroup.objects.filter(code="XWG").exists()


def test_it_rejects_an_organisation_without_a_name(pmo_api, parties):
    response = pmo_api.post(ORGANISATIONS, {"constituency": "DNO"}, format="json")

    assert response.status_code == 400
    assert response.json()["name"]


def test_it_rejects_a_group_whose_parent_is_at_the_same_level(pmo_api, structure):
    response = pmo_api.post(GROUPS, {"code": "XAG", "name": "X group", "level": 3, "parent": "DAG"}, format="json")

    assert response.status_code == 400
    assert "higher level" in response.json()["parent"][0]
    assert not GovernanceGroup.objects.filter(code="XAG").exists()


def test_it_rejects_a_group_whose_parent_is_at_a_lower_level(pmo_api, structure):
    response = pmo_api.post(GROUPS, {"code": "XAG", "name": "X group", "level": 3, "parent": "SDWG"}, format="json")

    assert response.status_code == 400
    assert response.json()["parent"]
    assert not GovernanceGroup.objects.filter(code="XAG").exists()


def test_it_rejects_raising_a_group_to_its_parents_level(pmo_api, structure):
    response = pmo_api.patch(f"{GROUPS}DAG/", {"level": 2}, format="json")

    assert response.status_code == 400
    assert response.json()["parent"]
    assert GovernanceGroup.objects.get(code="DAG").level == GroupLevel.ADVISORY


def test_it_rejects_lowering_a_group_below_its_subgroups(pmo_api, structure):
    # PSG at level 4 would leave DAG and CCAG (level 3) under a parent at a lower level.
    response = pmo_api.patch(f"{GROUPS}PSG/", {"level": 4}, format="json")

    assert response.status_code == 400
    assert GovernanceGroup.objects.get(code="PSG").level == GroupLevel.STEERING


def test_it_rejects_a_parent_cycle(pmo_api, structure):
    # PSG under SDWG, which sits under DAG, which sits under PSG.
    response = pmo_api.patch(f"{GROUPS}PSG/", {"parent": "SDWG"}, format="json")

    assert response.status_code == 400
    assert "itself" in response.json()["parent"][0]
    assert GovernanceGroup.objects.get(code="PSG").parent is None


def test_it_rejects_a_group_as_its_own_parent(pmo_api, structure):
    response = pmo_api.patch(f"{GROUPS}DAG/", {"parent": "DAG"}, format="json")

    assert response.status_code == 400
    assert response.json()["parent"]
    assert GovernanceGroup.objects.get(code="DAG").parent.code == "PSG"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "XWG", "name": "X", "level": 9}, "level"),
        ({"code": "XWG", "name": "X", "level": "three"}, "level"),
        ({"code": "XWG", "name": "X", "level": 4, "parent": "NOPE"}, "parent"),
        ({"code": "not a slug!", "name": "X", "level": 4, "parent": "DAG"}, "code"),
        ({"code": "DAG", "name": "Again", "level": 3, "parent": "PSG"}, "code"),
    ],
    ids=["level-out-of-range", "level-not-a-number", "unknown-parent", "malformed-code", "duplicate-code"],
)
def test_it_rejects_malformed_group_input_per_field(pmo_api, structure, payload, field):
    response = pmo_api.post(GROUPS, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field]
    assert GovernanceGroup.objects.count() == 4


def test_it_rejects_a_body_that_is_not_json(pmo_api, structure):
    response = pmo_api.generic("POST", GROUPS, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_it_rejects_a_duplicate_constituency_code(pmo_api, parties):
    response = pmo_api.post(CONSTITUENCIES, {"code": "DNO", "name": "Another DNO"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"]


@pytest.mark.parametrize(
    "path", [f"{GROUPS}DAG/", f"{CONSTITUENCIES}DNO/", "organisation"], ids=["group", "constituency", "org"]
)
def test_it_does_not_allow_deleting_records(pmo_api, structure, parties, path):
    if path == "organisation":
        path = f"{ORGANISATIONS}{parties['UKPN'].pk}/"

    response = pmo_api.delete(path)

    assert response.status_code == 405
    assert GovernanceGroup.objects.filter(code="DAG").exists()
    assert Constituency.objects.filter(code="DNO").exists()
    assert Organisation.objects.filter(name="UKPN").exists()


# --- who may write --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Participant", "Chair"])
def test_it_refuses_writes_from_readers(api_for, structure, parties, role):
    api = api_for(role)

    created = api.post(GROUPS, {"code": "XWG", "name": "X", "level": 4, "parent": "DAG"}, format="json")
    patched = api.patch(f"{GROUPS}DAG/", {"chair": "Someone"}, format="json")
    organisation = api.post(ORGANISATIONS, {"name": "Nobody Ltd", "constituency": "DNO"}, format="json")
    constituency = api.post(CONSTITUENCIES, {"code": "NEW", "name": "New"}, format="json")

    assert [created.status_code, patched.status_code, organisation.status_code, constituency.status_code] == [
        403,
        403,
        403,
        403,
    ]
    assert not GovernanceGroup.objects.filter(code="XWG").exists()
    assert GovernanceGroup.objects.get(code="DAG").chair == ""
    assert not Organisation.objects.filter(name="Nobody Ltd").exists()
    assert not Constituency.objects.filter(code="NEW").exists()


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("get", GROUPS, None),
        ("get", f"{GROUPS}DAG/", None),
        ("post", GROUPS, {"code": "XWG", "name": "X", "level": 4, "parent": "DAG"}),
        ("patch", f"{GROUPS}DAG/", {"chair": "Someone"}),
        ("get", ORGANISATIONS, None),
        ("post", ORGANISATIONS, {"name": "Nobody Ltd", "constituency": "DNO"}),
        ("get", CONSTITUENCIES, None),
        ("post", CONSTITUENCIES, {"code": "NEW", "name": "New"}),
    ],
)
def test_it_refuses_anonymous_callers_without_a_server_error(structure, parties, method, path, payload):
    response = getattr(APIClient(), method)(path, payload, format="json")

    assert response.status_code in (401, 403)
    assert "detail" in response.json()
    assert not GovernanceGroup.objects.filter(code="XWG").exists()
    assert GovernanceGroup.objects.get(code="DAG").chair == ""


def test_it_accepts_token_authentication(pmo_user, structure):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=pmo_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.patch(f"{GROUPS}DAG/", {"chair": "By token"}, format="json")

    assert response.status_code == 200
    assert GovernanceGroup.objects.get(code="DAG").history.first().history_user == pmo_user


# --- schema and docs ------------------------------------------------------------------------------------


def test_it_serves_an_openapi_3_schema_describing_the_reference_data(participant_api):
    response = participant_api.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/governance-groups/{code}/" in schema["paths"]
    assert "/api/constituencies/{code}/" in schema["paths"]
    assert "/api/organisations/{id}/" in schema["paths"]


def test_it_serves_interactive_docs_from_local_assets(participant_api):
    response = participant_api.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode().lower()
    assert "<html" in html
    assert "swagger" in html
    for cdn in ("cdn", "jsdelivr", "unpkg"):
        assert cdn not in html
    assert "/static/drf_spectacular_sidecar/" in html
