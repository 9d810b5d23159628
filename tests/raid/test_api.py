"""The RAID API: /api/raid-items/ (DESIGN §5) — contract, lookup by ref, filters, movement `?since=`, nested
writable mitigation, read-only derived fields, bad input, concurrency, permissions and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.choices import Classification
from core.roles import CHAIR, PARTICIPANT
from programme.choices import GroupLevel
from raid import services
from raid.choices import RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from tests.programme.factories import GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory, RaidThemeFactory, aware, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

LIST = "/api/raid-items/"

CONTRACT_FIELDS = {
    "ref",
    "kind",
    "title",
    "description",
    "owner",
    "theme",
    "groups",
    "likelihood",
    "impact",
    "score",
    "band",
    "initial_score",
    "target_score",
    "status",
    "mitigation",
    "classification",
}


def detail(ref):
    return f"{LIST}{ref}/"


def refs(response):
    assert response.status_code == 200, response.content
    return [row["ref"] for row in response.json()["results"]]


@pytest.fixture
def pmo_api(api_for):
    return api_for("PMO")


@pytest.fixture
def participant_api(api_for):
    return api_for(PARTICIPANT)


@pytest.fixture
def groups():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "CCAG": GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", parent=psg),
        "DAG": GovernanceGroupFactory(code="DAG", name="Design Advisory Group", parent=psg),
    }


@pytest.fixture
def register(groups):
    """R849 L3×I6 = 25 (Critical, Restricted), R920 L1×I5 = 10 (Medium), R532 L2×I4 = 15 (High), I183 impact 2 =
    17 (High), A12 L1×I1 = 1 (Low), D7 L5×I4 = 26 (Critical, closed)."""
    sit = RaidThemeFactory(name="SIT Execution")
    m10 = RaidThemeFactory(name="M10 Readiness")
    return {
        "R849": RaidItemFactory(
            ref="R849",
            title="SIT Functional will not complete on time",
            likelihood=3,
            impact=6,
            theme=sit,
            owner="SI Lead",
            groups=[groups["PSG"]],
            classification=Classification.RESTRICTED,
            target_score=12,
        ),
        "R920": RaidItemFactory(
            ref="R920",
            title="Code drafting lags design changes",
            description="Late design changes need code changes.",
            likelihood=1,
            impact=5,
            theme=m10,
            owner="Code Bodies",
            groups=[groups["CCAG"]],
            mitigation=[
                {"text": "Monitor design change triggers", "owner": "Code Bodies"},
                {"text": "Front-load SCR processes", "done": True},
            ],
        ),
        "R532": RaidItemFactory(
            ref="R532",
            title="Qualification approach unclear",
            likelihood=2,
            impact=4,
            owner="PMO",
            groups=[groups["PSG"], groups["CCAG"]],
        ),
        "I183": RaidItemFactory(
            ref="I183", kind=RaidKind.ISSUE, title="Migration throughput too low", impact=2, theme=sit
        ),
        "A12": RaidItemFactory(
            ref="A12", kind=RaidKind.ASSUMPTION, title="DCC support continues", likelihood=1, impact=1
        ),
        "D7": RaidItemFactory(
            ref="D7",
            kind=RaidKind.DEPENDENCY,
            title="Elexon service design assured",
            likelihood=5,
            impact=4,
            status=RaidStatus.CLOSED,
        ),
    }


# --- the contract ----------------------------------------------------------------------------------------


def test_it_gives_an_item_with_the_contract_fields(pmo_api, register):
    response = pmo_api.get(detail("R920"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CONTRACT_FIELDS
    assert {key: body[key] for key in CONTRACT_FIELDS} == {
        "ref": "R920",
        "kind": "risk",
        "title": "Code drafting lags design changes",
        "description": "Late design changes need code changes.",
        "owner": "Code Bodies",
        "theme": "M10 Readiness",
        "groups": ["CCAG"],
        "likelihood": 1,
        "impact": 5,
        "score": 10,
        "band": "medium",
        "initial_score": 10,
        "target_score": None,
        "status": "open",
        "mitigation": [
            {
                "position": 1,
                "text": "Monitor design change triggers",
                "owner": "Code Bodies",
                "due_on": None,
                "done": False,
            },
            {"position": 2, "text": "Front-load SCR processes", "owner": "", "due_on": None, "done": True},
        ],
        "classification": "public",
    }
    assert body["movement"] is None


def test_it_gives_an_issue_without_likelihood_and_its_top_row_score(pmo_api, register):
    body = pmo_api.get(detail("I183")).json()

    assert (body["kind"], body["likelihood"], body["impact"], body["score"], body["band"]) == (
        "issue",
        None,
        2,
        17,
        "high",
    )


def test_it_lists_items_by_score_with_count_and_the_contract_fields(pmo_api, register):
    response = pmo_api.get(LIST)

    body = response.json()
    assert body["count"] == 6
    assert [row["ref"] for row in body["results"]] == ["D7", "R849", "I183", "R532", "R920", "A12"]
    assert all(set(row) >= CONTRACT_FIELDS for row in body["results"])
    assert {row["ref"]: row["band"] for row in body["results"]} == {
        "D7": "critical",
        "R849": "critical",
        "I183": "high",
        "R532": "high",
        "R920": "medium",
        "A12": "low",
    }
    assert all(row["movement"] is None for row in body["results"])


def test_it_answers_404_for_an_unknown_ref(pmo_api, register):
    assert pmo_api.get(detail("R999")).status_code == 404


def test_it_sends_the_version_as_an_etag(pmo_api, register):
    response = pmo_api.get(detail("R920"))

    assert response["ETag"] == f'"{register["R920"].version}"'


# --- filters ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "risk"}, ["R849", "R532", "R920"]),
        ({"kind": ["issue", "dependency"]}, ["D7", "I183"]),
        ({"band": "critical"}, ["D7", "R849"]),
        ({"band": ["critical", "medium"]}, ["D7", "R849", "R920"]),
        ({"band": ["high", "low"]}, ["I183", "R532", "A12"]),
        ({"kind": "risk", "band": "critical", "group": "PSG"}, ["R849"]),
        ({"group": "CCAG"}, ["R532", "R920"]),
        ({"theme": "SIT Execution"}, ["R849", "I183"]),
        ({"owner": "code"}, ["R920"]),
        ({"status": "closed"}, ["D7"]),
        ({"status": "open"}, ["R849", "I183", "R532", "R920", "A12"]),
        ({"q": "drafting"}, ["R920"]),
        ({"q": "late design"}, ["R920"]),
        ({"search": "qualification"}, ["R532"]),
        ({"q": "R849"}, ["R849"]),
        ({"likelihood": "5"}, ["D7", "I183"]),
        ({"likelihood": "1"}, ["R920", "A12"]),
        ({"impact": "4"}, ["D7", "R532"]),
        ({"classification": "restricted"}, ["R849"]),
    ],
)
def test_it_filters_the_list(pmo_api, register, params, expected):
    assert refs(pmo_api.get(LIST, params)) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "hazard"}, "kind"),
        ({"band": "severe"}, "band"),
        ({"status": "pending"}, "status"),
        ({"group": "NOPE"}, "group"),
        ({"likelihood": "9"}, "likelihood"),
    ],
)
def test_it_answers_400_with_the_field_for_a_bad_filter(pmo_api, register, params, field):
    response = pmo_api.get(LIST, params)

    assert response.status_code == 400
    assert field in response.json()


# --- movement --------------------------------------------------------------------------------------------


@pytest.fixture
def dated(groups):
    """R920 raised at 20 on 23 Oct 2024 (noon) and re-scored to 10 on 27 Nov; R1000 raised on 1 Nov."""
    r920 = raid_item_at(aware(2024, 10, 23), ref="R920", likelihood=3, impact=4, groups=[groups["CCAG"]])
    rescore_at(r920, aware(2024, 11, 27), likelihood=1, impact=5)
    raid_item_at(aware(2024, 11, 1), ref="R1000", likelihood=2, impact=2, groups=[groups["CCAG"]])


def movements(response):
    assert response.status_code == 200, response.content
    return {row["ref"]: row["movement"] for row in response.json()["results"]}


def test_since_a_date_adds_each_items_movement(pmo_api, dated):
    response = pmo_api.get(LIST, {"since": "2024-10-23"})

    assert movements(response) == {
        "R920": {"kind": "reduced", "from": 20, "to": 10, "text": "Score reduced from 20 to 10"},
        "R1000": {"kind": "new", "from": None, "to": 7, "text": "New item"},
    }


def test_since_an_iso_datetime_is_taken_to_the_minute(pmo_api, dated):
    # R920 was raised at noon London time (11:00 UTC) on 23 Oct: before that it did not exist.
    before = movements(pmo_api.get(LIST, {"since": "2024-10-23T10:30:00Z"}))
    after = movements(pmo_api.get(LIST, {"since": "2024-10-23T11:30:00+00:00"}))

    assert before["R920"] == {"kind": "new", "from": None, "to": 10, "text": "New item"}
    assert after["R920"]["text"] == "Score reduced from 20 to 10"


def test_since_after_every_change_says_unchanged(pmo_api, dated):
    moved = movements(pmo_api.get(LIST, {"since": "2024-12-01"}))

    assert moved["R920"] == {"kind": "unchanged", "from": 10, "to": 10, "text": "Score remains at 10"}
    assert moved["R1000"]["text"] == "Score remains at 7"


def test_since_reports_a_closed_item(pmo_api, dated):
    services.raid_item_close(item=RaidItem.objects.get(ref="R1000"), actor=None)

    moved = movements(pmo_api.get(LIST, {"since": "2024-12-01"}))

    assert moved["R1000"] == {"kind": "closed", "from": 7, "to": 7, "text": "Closed"}


def test_since_works_on_a_single_item(pmo_api, dated):
    response = pmo_api.get(detail("R920"), {"since": "2024-10-23"})

    assert response.status_code == 200
    assert response.json()["movement"]["text"] == "Score reduced from 20 to 10"


def test_since_combines_with_filters(pmo_api, dated):
    response = pmo_api.get(LIST, {"since": "2024-10-23", "band": "medium", "q": "R920"})

    assert movements(response) == {
        "R920": {"kind": "reduced", "from": 20, "to": 10, "text": "Score reduced from 20 to 10"}
    }


@pytest.mark.parametrize("since", ["garbage", "2024-13-45", "23/10/2024"])
def test_an_unreadable_since_answers_400(pmo_api, dated, since):
    response = pmo_api.get(LIST, {"since": since})

    assert response.status_code == 400
    assert "since" in response.json()


def test_an_unreadable_since_on_a_single_item_answers_400(pmo_api, dated):
    response = pmo_api.get(detail("R920"), {"since": "garbage"})

    assert response.status_code == 400
    assert "since" in response.json()


# --- writing ---------------------------------------------------------------------------------------------


def test_pmo_raise_an_item_with_a_generated_ref_and_nested_mitigation(pmo_api, pmo_user, groups):
    RaidThemeFactory(name="SIT Execution")
    response = pmo_api.post(
        LIST,
        {
            "kind": "risk",
            "title": "Test environments unavailable",
            "description": "Environments are shared.",
            "owner": "SI",
            "theme": "SIT Execution",
            "groups": ["PSG", "DAG"],
            "likelihood": 4,
            "impact": 3,
            "target_score": 5,
            "classification": "restricted",
            "mitigation": [
                {"text": "Book environments a month ahead", "owner": "SI", "due_on": "2024-10-01"},
                {"text": "Add a second environment"},
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["ref"] == "R1"
    assert (body["score"], body["band"], body["initial_score"], body["target_score"]) == (19, "high", 19, 5)
    assert sorted(body["groups"]) == ["DAG", "PSG"]
    assert [(step["position"], step["text"]) for step in body["mitigation"]] == [
        (1, "Book environments a month ahead"),
        (2, "Add a second environment"),
    ]
    assert response["ETag"] == '"1"'
    item = RaidItem.objects.get(ref="R1")
    assert item.classification == Classification.RESTRICTED
    assert item.history.earliest("history_date").history_user == pmo_user
    assert list(item.mitigation_steps.values_list("position", "text", "owner")) == [
        (1, "Book environments a month ahead", "SI"),
        (2, "Add a second environment", ""),
    ]


def test_pmo_raise_an_issue_without_likelihood(pmo_api, groups):
    response = pmo_api.post(LIST, {"kind": "issue", "title": "SIT is late", "impact": 5}, format="json")

    assert response.status_code == 201, response.content
    assert (response.json()["ref"], response.json()["score"], response.json()["band"]) == ("I1", 29, "critical")


def test_an_explicit_ref_is_kept_on_create(pmo_api, register):
    response = pmo_api.post(LIST, {"ref": "R970", "kind": "risk", "title": "Imported", "likelihood": 1, "impact": 1})

    assert response.status_code == 201, response.content
    assert response.json()["ref"] == "R970"
    assert RaidItemFactory().ref == "R971"


def test_score_and_band_sent_on_create_are_ignored(pmo_api, groups):
    response = pmo_api.post(
        LIST,
        {
            "kind": "risk",
            "title": "Trying to set the score",
            "likelihood": 1,
            "impact": 1,
            "score": 30,
            "band": "critical",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert (response.json()["score"], response.json()["band"]) == (1, "low")
    assert RaidItem.objects.get(ref="R1").score == 1


def test_pmo_patch_an_item_and_it_is_rescored(pmo_api, register):
    response = pmo_api.patch(detail("R920"), {"likelihood": 4, "impact": 6, "owner": "RECCo"}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["score"], body["band"], body["owner"], body["initial_score"]) == (28, "critical", "RECCo", 10)
    assert RaidItem.objects.get(ref="R920").score == 28
    assert response["ETag"] == f'"{register["R920"].version + 1}"'
    assert [step["text"] for step in body["mitigation"]] == [
        "Monitor design change triggers",
        "Front-load SCR processes",
    ]


def test_a_patch_replaces_the_mitigation_plan_in_order(pmo_api, register):
    response = pmo_api.patch(
        detail("R920"),
        {
            "mitigation": [
                {"text": "Front-load SCR processes", "done": True},
                {"text": "Escalate to PSG", "owner": "PMO"},
            ]
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert [(s["position"], s["text"], s["owner"], s["done"]) for s in response.json()["mitigation"]] == [
        (1, "Front-load SCR processes", "", True),
        (2, "Escalate to PSG", "PMO", False),
    ]
    item = RaidItem.objects.get(ref="R920")
    assert list(item.mitigation_steps.order_by("position").values_list("text", flat=True)) == [
        "Front-load SCR processes",
        "Escalate to PSG",
    ]


def test_a_patch_replaces_the_groups_by_code(pmo_api, register):
    response = pmo_api.patch(detail("R920"), {"groups": ["DAG", "PSG"]}, format="json")

    assert response.status_code == 200, response.content
    assert sorted(response.json()["groups"]) == ["DAG", "PSG"]
    assert sorted(RaidItem.objects.get(ref="R920").groups.values_list("code", flat=True)) == ["DAG", "PSG"]


def test_score_and_band_sent_on_patch_are_ignored(pmo_api, register):
    response = pmo_api.patch(detail("R920"), {"score": 30, "band": "critical", "title": "Renamed"}, format="json")

    assert response.status_code == 200, response.content
    assert (response.json()["score"], response.json()["band"], response.json()["title"]) == (10, "medium", "Renamed")
    assert RaidItem.objects.get(ref="R920").score == 10


def test_a_patch_can_close_an_item(pmo_api, register):
    response = pmo_api.patch(detail("R920"), {"status": "closed"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed"
    assert response.json()["closed_on"] is not None


def test_a_patch_reopening_a_closed_item_may_edit_it(pmo_api, register):
    response = pmo_api.patch(detail("D7"), {"status": "open", "impact": 6}, format="json")

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closed_on"], response.json()["score"]) == ("open", None, 30)


# --- bad input -------------------------------------------------------------------------------------------


def assert_nothing_saved(before):
    assert RaidItem.objects.count() == before["items"]
    assert RaidItem.history.count() == before["history"]
    assert MitigationStep.objects.count() == before["steps"]


@pytest.fixture
def snapshot(register):
    return {
        "items": RaidItem.objects.count(),
        "history": RaidItem.history.count(),
        "steps": MitigationStep.objects.count(),
    }


VALID = {"kind": "risk", "title": "A new risk", "likelihood": 3, "impact": 3}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"likelihood": 9}, "likelihood"),
        ({"likelihood": 0}, "likelihood"),
        ({"impact": 0}, "impact"),
        ({"impact": 7}, "impact"),
        ({"groups": ["CCAG", "NOPE"]}, "groups"),
        ({"kind": "issue", "likelihood": 3}, "likelihood"),
        ({"kind": "risk", "likelihood": None}, "likelihood"),
        ({"kind": "hazard"}, "kind"),
        ({"ref": "I12"}, "ref"),
        ({"ref": "R849"}, "ref"),
        ({"ref": "X1"}, "ref"),
        ({"title": ""}, "title"),
        ({"theme": "No such theme"}, "theme"),
        ({"mitigation": [{"text": ""}]}, "mitigation"),
    ],
    ids=[
        "likelihood-9",
        "likelihood-0",
        "impact-0",
        "impact-7",
        "unknown-group",
        "issue-with-likelihood",
        "risk-without-likelihood",
        "unknown-kind",
        "ref-of-another-kind",
        "existing-ref",
        "malformed-ref",
        "blank-title",
        "unknown-theme",
        "blank-step",
    ],
)
def test_a_bad_create_answers_400_with_the_field_and_saves_nothing(pmo_api, snapshot, changes, field):
    response = pmo_api.post(LIST, {**VALID, "mitigation": [{"text": "A step"}], **changes}, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert_nothing_saved(snapshot)


@pytest.mark.parametrize(
    ("ref", "changes", "field"),
    [
        ("R920", {"likelihood": 9}, "likelihood"),
        ("R920", {"impact": 0}, "impact"),
        ("R920", {"likelihood": None}, "likelihood"),
        ("R920", {"groups": ["NOPE"]}, "groups"),
        ("I183", {"likelihood": 3}, "likelihood"),
        ("R920", {"kind": "issue"}, "kind"),
        ("R920", {"ref": "R921"}, "ref"),
    ],
    ids=[
        "likelihood-9",
        "impact-0",
        "risk-likelihood-removed",
        "unknown-group",
        "issue-given-likelihood",
        "kind-changed",
        "ref-changed",
    ],
)
def test_a_bad_patch_answers_400_with_the_field_and_saves_nothing(pmo_api, register, snapshot, ref, changes, field):
    before = RaidItem.objects.get(ref=ref)

    response = pmo_api.patch(detail(ref), {**changes, "title": "Changed", "mitigation": []}, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    after = RaidItem.objects.get(ref=ref)
    assert (after.title, after.score, after.version) == (before.title, before.score, before.version)
    assert_nothing_saved(snapshot)


def test_a_patch_of_a_closed_item_without_reopening_answers_400(pmo_api, register, snapshot):
    response = pmo_api.patch(detail("D7"), {"title": "Edited while closed"}, format="json")

    assert response.status_code == 400
    assert "status" in response.json()
    assert "reopen" in response.json()["status"][0]
    assert RaidItem.objects.get(ref="D7").title == "Elexon service design assured"
    assert_nothing_saved(snapshot)


def test_a_patch_with_a_stale_if_match_answers_412(pmo_api, register):
    stale = register["R920"].version
    services.raid_item_update(item=register["R920"], actor=None, title="Someone else's edit")

    response = pmo_api.patch(detail("R920"), {"title": "Mine"}, format="json", HTTP_IF_MATCH=f'"{stale}"')

    assert response.status_code == 412
    assert RaidItem.objects.get(ref="R920").title == "Someone else's edit"


def test_a_patch_with_the_current_if_match_succeeds_and_bumps_the_etag(pmo_api, register):
    etag = pmo_api.get(detail("R920"))["ETag"]

    response = pmo_api.patch(detail("R920"), {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert pmo_api.patch(detail("R920"), {"title": "Again"}, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_delete_is_not_offered(pmo_api, register):
    assert pmo_api.delete(detail("R920")).status_code == 405
    assert RaidItem.objects.filter(ref="R920").exists()


# --- permissions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR, "PMO"])
def test_every_role_reads(api_for, register, role):
    api = api_for(role)

    assert api.get(LIST).status_code == 200
    assert api.get(detail("R920")).status_code == 200


@pytest.mark.parametrize("role", [PARTICIPANT, CHAIR])
def test_readers_may_not_write(api_for, register, role):
    api = api_for(role)

    created = api.post(LIST, VALID, format="json")
    patched = api.patch(detail("R920"), {"title": "Mine"}, format="json")

    assert (created.status_code, patched.status_code) == (403, 403)
    assert RaidItem.objects.count() == 6
    assert RaidItem.objects.get(ref="R920").title == "Code drafting lags design changes"


def test_anonymous_callers_get_401(register):
    api = APIClient()

    assert api.get(LIST).status_code == 401
    assert api.get(detail("R920")).status_code == 401
    assert api.post(LIST, VALID, format="json").status_code == 401


def test_a_participant_never_sees_a_restricted_item(participant_api, register):
    listed = refs(participant_api.get(LIST))

    assert "R849" not in listed
    assert len(listed) == 5
    assert participant_api.get(detail("R849")).status_code == 404
    assert "R849" not in refs(participant_api.get(LIST, {"band": "critical"}))
    assert refs(participant_api.get(LIST, {"classification": "restricted"})) == []
    assert refs(participant_api.get(LIST, {"q": "R849"})) == []


def test_the_chair_sees_restricted_items(api_for, register):
    chair = api_for(CHAIR)

    assert "R849" in refs(chair.get(LIST))
    assert chair.get(detail("R849")).status_code == 200


# --- query counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"since": "2024-10-23"}, {"since": "2024-10-23", "band": ["high", "low"]}])
def test_the_list_takes_a_constant_number_of_queries_whatever_the_page_size(pmo_api, groups, params):
    theme = RaidThemeFactory(name="SIT Execution")
    for n in range(60):
        RaidItemFactory(
            likelihood=1 + n % 5,
            impact=1 + n % 6,
            theme=theme,
            groups=[groups["PSG"], groups["CCAG"]],
            mitigation=[{"text": "First step"}, {"text": "Second step"}],
        )
    pmo_api.get(LIST, {"page_size": 1, **params})  # permissions cached: the list itself is measured

    with CaptureQueriesContext(connection) as small:
        small_page = pmo_api.get(LIST, {"page_size": 5, **params})
    with CaptureQueriesContext(connection) as large:
        large_page = pmo_api.get(LIST, {"page_size": 50, **params})

    assert small_page.status_code == large_page.status_code == 200
    assert len(small_page.json()["results"]) == 5
    assert len(large_page.json()["results"]) >= 20
    assert all(len(row["mitigation"]) == 2 and len(row["groups"]) == 2 for row in large_page.json()["results"])
    if "since" in params:
        assert all(row["movement"]["text"] == "New item" for row in large_page.json()["results"])
    assert len(large) == len(small), [query["sql"] for query in large.captured_queries]
    assert len(large) <= 10, [query["sql"] for query in large.captured_queries]
