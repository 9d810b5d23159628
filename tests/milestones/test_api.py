"""The milestone API: /api/milestones/ (DESIGN §5) — contract, lookup by ref, filters, the read-only RAG and
writable override, refusals with field messages, ?as_of=, optimistic concurrency, permissions, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from milestones import services
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.rag import add_working_days
from tests.changes.factories import ChangeRequestFactory
from tests.milestones.factories import MilestoneFactory, aware, save_at
from tests.programme.factories import GovernanceGroupFactory

pytestmark = pytest.mark.django_db

LIST = "/api/milestones/"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def baseline(today):
    """Eight weeks ahead: a milestone due then, and forecast on time, is Green today."""
    return today + 56 * DAY


CONTRACT_FIELDS = {
    "ref",
    "tier",
    "title",
    "forum",
    "responsible",
    "baseline_on",
    "forecast_on",
    "actual_on",
    "status",
    "rag",
    "rag_override",
    "rag_override_reason",
    "rag_override_until",
    "commentary",
    "depends_on",
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
    return api_for("Participant")


@pytest.fixture
def forums():
    return {
        code: GovernanceGroupFactory(code=code, name=name)
        for code, name in [
            ("SITAG", "SI Test Advisory Group"),
            ("DAG", "Design Advisory Group"),
            ("PSG", "Programme Steering Group"),
        ]
    }


@pytest.fixture
def register(forums, today, baseline):
    """A small register with its RAG stored; ordered by baseline: M6, T3-DB-0900, T2-RE-0600, T3-DB-0153,
    T3-DB-0154 (which depends on T3-DB-0153), M10."""
    m6 = MilestoneFactory(
        ref="M6",
        tier=1,
        title="Qualification complete",
        forum=forums["PSG"],
        baseline_on=today - 30 * DAY,
        forecast_on=today - 30 * DAY,
        actual_on=today - 30 * DAY,
        status=MilestoneStatus.COMPLETE,
    )
    db153 = MilestoneFactory(
        ref="T3-DB-0153",
        title="Data integration platform ready",
        forum=forums["SITAG"],
        responsible="DIP Service Provider",
        baseline_on=baseline,
        forecast_on=add_working_days(baseline, 11),
        status=MilestoneStatus.IN_PROGRESS,
        commentary="Environment build running late",
    )
    MilestoneFactory(
        ref="T3-DB-0154",
        title="Test data loaded",
        forum=forums["SITAG"],
        baseline_on=baseline + 21 * DAY,
        forecast_on=baseline + 21 * DAY,
        depends_on=[db153],
    )
    MilestoneFactory(
        ref="T2-RE-0600",
        title="Release plan agreed",
        forum=forums["DAG"],
        baseline_on=baseline - 14 * DAY,
        forecast_on=add_working_days(baseline - 14 * DAY, 2),
        commentary="Awaiting supplier confirmation",
    )
    MilestoneFactory(ref="M10", tier=1, title="Migration starts", forum=forums["PSG"], baseline_on=baseline + 60 * DAY)
    MilestoneFactory(
        ref="T3-DB-0900",
        title="Restricted readiness gate",
        forum=forums["SITAG"],
        baseline_on=today - 3 * DAY,
        forecast_on=today + 3 * DAY,
        classification=Classification.RESTRICTED,
    )
    services.recompute_rag()
    return m6


# --- reading -----------------------------------------------------------------------------------------------


def test_a_milestone_carries_the_contract_fields_and_is_found_by_its_ref(pmo_api, register, baseline):
    response = pmo_api.get(detail("T3-DB-0153"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CONTRACT_FIELDS
    assert body == body | {
        "ref": "T3-DB-0153",
        "tier": 3,
        "title": "Data integration platform ready",
        "forum": "SITAG",
        "responsible": "DIP Service Provider",
        "baseline_on": baseline.isoformat(),
        "forecast_on": add_working_days(baseline, 11).isoformat(),
        "actual_on": None,
        "status": "in_progress",
        "rag": "red",
        "rag_override": "",
        "rag_override_reason": "",
        "rag_override_until": None,
        "commentary": "Environment build running late",
        "depends_on": [],
        "classification": "public",
    }
    assert response["ETag"] == '"1"'


def test_dependencies_are_given_by_ref(pmo_api, register):
    assert pmo_api.get(detail("T3-DB-0154")).json()["depends_on"] == ["T3-DB-0153"]


def test_the_list_is_paginated_and_ordered_by_baseline(pmo_api, register):
    response = pmo_api.get(LIST)

    assert response.json()["count"] == 6
    assert refs(response) == ["M6", "T3-DB-0900", "T2-RE-0600", "T3-DB-0153", "T3-DB-0154", "M10"]
    assert {row["ref"]: row["rag"] for row in response.json()["results"]} == {
        "M6": "complete",
        "T3-DB-0900": "red",
        "T2-RE-0600": "amber",
        "T3-DB-0154": "red",  # forecast after its Red dependency
        "T3-DB-0153": "red",
        "M10": "green",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"forum": "SITAG", "rag": "red"}, ["T3-DB-0900", "T3-DB-0153", "T3-DB-0154"]),
        ({"forum": "DAG"}, ["T2-RE-0600"]),
        ({"rag": ["amber", "complete"]}, ["M6", "T2-RE-0600"]),
        ({"tier": "1"}, ["M6", "M10"]),
        ({"workstream": "DB"}, ["T3-DB-0900", "T3-DB-0153", "T3-DB-0154"]),
        ({"workstream": "re"}, ["T2-RE-0600"]),
        ({"responsible": "dip service"}, ["T3-DB-0153"]),
        ({"status": "complete"}, ["M6"]),
        ({"classification": "restricted"}, ["T3-DB-0900"]),
        # Dates relative to the baseline: a function of it, called with the test's.
        (
            lambda baseline: {
                "baseline_after": (baseline - 14 * DAY).isoformat(),
                "baseline_before": baseline.isoformat(),
            },
            ["T2-RE-0600", "T3-DB-0153"],
        ),
        (lambda baseline: {"forecast_after": (baseline + DAY).isoformat()}, ["T3-DB-0153", "T3-DB-0154", "M10"]),
        ({"q": "supplier"}, ["T2-RE-0600"]),
        ({"q": "integration platform"}, ["T3-DB-0153"]),
        ({"search": "T3-DB-015"}, ["T3-DB-0153", "T3-DB-0154"]),
    ],
)
def test_the_list_filters_on_its_main_fields(pmo_api, register, params, expected, baseline):
    if callable(params):
        params = params(baseline)

    assert refs(pmo_api.get(LIST, params)) == expected


def test_an_unknown_forum_in_a_filter_answers_400(pmo_api, register):
    response = pmo_api.get(LIST, {"forum": "NOPE"})

    assert response.status_code == 400
    assert "forum" in response.json()


# --- writing -----------------------------------------------------------------------------------------------


def test_pmo_creates_a_milestone_with_tier_and_workstream_from_its_ref_and_the_rag_sent_ignored(
    pmo_api, forums, django_capture_on_commit_callbacks, baseline
):
    with django_capture_on_commit_callbacks(execute=True):
        response = pmo_api.post(
            LIST,
            {
                "ref": "T2-RE-0601",
                "title": "Release 3 scope agreed",
                "forum": "DAG",
                "baseline_on": baseline.isoformat(),
                "forecast_on": baseline.isoformat(),
                "rag": "red",
            },
            format="json",
        )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["tier"], body["workstream"], body["forum"]) == (2, "RE", "DAG")
    assert body["rag"] != "red"
    assert Milestone.objects.get(ref="T2-RE-0601").rag == Rag.GREEN  # computed, not taken


def test_rag_sent_in_a_patch_is_ignored(pmo_api, register):
    response = pmo_api.patch(detail("M10"), {"rag": "red"}, format="json")

    assert response.status_code == 200
    assert response.json()["rag"] == "green"
    assert Milestone.objects.get(ref="M10").rag == Rag.GREEN


def test_pmo_overrides_the_rag_with_a_reason_and_expiry(pmo_api, register, django_capture_on_commit_callbacks, today):
    until = today + 14 * DAY

    with django_capture_on_commit_callbacks(execute=True):
        response = pmo_api.patch(
            detail("M10"),
            {
                "rag_override": "amber",
                "rag_override_reason": "Dependent on Ofgem decision",
                "rag_override_until": until,
            },
            format="json",
        )

    assert response.status_code == 200, response.content
    assert (response.json()["rag_override"], response.json()["rag_override_until"]) == ("amber", until.isoformat())
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.rag_override, milestone.rag_override_reason) == (Rag.AMBER, "Dependent on Ofgem decision")
    assert milestone.rag == Rag.AMBER


def test_pmo_moves_a_baseline_under_an_approved_cr(pmo_api, register, baseline):
    ChangeRequestFactory(ref="CR055", status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED)

    response = pmo_api.patch(
        detail("M10"),
        {"baseline_on": (baseline + 90 * DAY).isoformat(), "baseline_change_reference": "CR055"},
        format="json",
    )

    assert response.status_code == 200, response.content
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.baseline_on, milestone.baseline_change_reference) == (baseline + 90 * DAY, "CR055")
    assert milestone.history.latest().history_change_reason == "Baseline moved under CR055"


def test_pmo_replaces_dependencies_by_ref(pmo_api, register):
    response = pmo_api.patch(detail("M10"), {"depends_on": ["T3-DB-0153", "T2-RE-0600"]}, format="json")

    assert response.status_code == 200, response.content
    assert sorted(response.json()["depends_on"]) == ["T2-RE-0600", "T3-DB-0153"]


# --- refusals ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"forum": "NOPE"}, "forum"),
        ({"actual_on": DAY}, "actual_on"),
        ({"tier": 2}, "tier"),  # an M ref is tier 1
        ({"ref": "bad ref"}, "ref"),
        ({"ref": "M6"}, "ref"),  # taken
        ({"rag_override": "red"}, "rag_override_reason"),
        ({"depends_on": ["T9-XX-0000"]}, "depends_on"),
    ],
)
def test_a_bad_create_answers_400_with_the_field_and_saves_nothing(
    pmo_api, register, payload, field, dates_from_today, baseline
):
    before = Milestone.objects.count()
    data = {"ref": "M12", "title": "Go-live", "forum": "PSG", "baseline_on": baseline.isoformat()} | dates_from_today(
        payload
    )

    response = pmo_api.post(LIST, data, format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert response.json()[field]  # a message, not an empty list
    assert Milestone.objects.count() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"forum": "NOPE"}, "forum"),
        ({"actual_on": DAY}, "actual_on"),
        ({"forecast_on": -DAY}, "forecast_on"),
        # 70 days past the baseline (eight weeks from today).
        ({"baseline_on": (56 + 70) * DAY}, "baseline_change_reference"),
        ({"baseline_on": (56 + 70) * DAY, "baseline_change_reference": "CR999"}, "baseline_change_reference"),
        ({"rag_override": "red", "rag_override_until": DAY}, "rag_override_reason"),
        ({"depends_on": ["M10"]}, "depends_on"),  # on itself
        ({"ref": "M11"}, "ref"),
        ({"rag_override": "purple", "rag_override_reason": "Why not"}, "rag_override"),
    ],
)
def test_a_bad_update_answers_400_with_the_field_and_saves_nothing(pmo_api, register, payload, field, dates_from_today):
    before = Milestone.objects.get(ref="M10")

    response = pmo_api.patch(detail("M10"), dates_from_today(payload), format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert response.json()[field]
    after = Milestone.objects.get(ref="M10")
    assert (after.version, after.baseline_on, after.forecast_on, after.actual_on, after.rag_override) == (
        before.version,
        before.baseline_on,
        before.forecast_on,
        before.actual_on,
        before.rag_override,
    )
    assert list(after.depends_on.all()) == []
    assert after.history.count() == before.history.count()


def test_a_patch_with_a_stale_if_match_answers_412_and_saves_nothing(pmo_api, register):
    etag = pmo_api.get(detail("M10"))["ETag"]
    assert (
        pmo_api.patch(detail("M10"), {"commentary": "First"}, format="json", headers={"If-Match": etag}).status_code
        == 200
    )

    response = pmo_api.patch(detail("M10"), {"commentary": "Second"}, format="json", headers={"If-Match": etag})

    assert response.status_code == 412
    assert "changed by someone else" in response.json()["detail"]
    milestone = Milestone.objects.get(ref="M10")
    assert (milestone.commentary, milestone.version) == ("First", 2)


def test_a_patch_with_the_current_if_match_succeeds_and_returns_the_next_etag(pmo_api, register):
    response = pmo_api.patch(detail("M10"), {"commentary": "On plan"}, format="json", headers={"If-Match": '"1"'})

    assert response.status_code == 200
    assert response["ETag"] == '"2"'


# --- as_of -------------------------------------------------------------------------------------------------


@pytest.fixture
def dated(forums, today, baseline):
    """T3-DB-0153 on track when created three weeks ago, re-forecast beyond tolerance (and retitled) two days
    ago; M11 created yesterday."""
    milestone = MilestoneFactory(
        ref="T3-DB-0153",
        title="DIP ready",
        forum=forums["SITAG"],
        baseline_on=baseline,
        forecast_on=baseline,
        status=MilestoneStatus.IN_PROGRESS,
        commentary="On track",
        history_date=aware(today - 21 * DAY),
    )
    save_at(
        milestone,
        aware(today - 2 * DAY),
        title="Data integration platform ready",
        forecast_on=add_working_days(baseline, 11),
        commentary="Environment build running late",
    )
    MilestoneFactory(ref="M11", tier=1, forum=forums["PSG"], history_date=aware(today - DAY))
    services.recompute_rag()


def test_as_of_lists_the_milestones_as_they_stood_then_with_their_rag_then(pmo_api, dated, today, baseline):
    last_week = (today - 7 * DAY).isoformat()

    response = pmo_api.get(LIST, {"as_of": last_week})

    assert refs(response) == ["T3-DB-0153"]  # M11 did not exist yet
    row = response.json()["results"][0]
    assert (row["forecast_on"], row["rag"]) == (baseline.isoformat(), "green")


def test_as_of_gives_the_text_fields_as_they_stood_then_too(pmo_api, dated, today):
    last_week = (today - 7 * DAY).isoformat()

    listed = pmo_api.get(LIST, {"as_of": last_week}).json()["results"][0]
    read = pmo_api.get(detail("T3-DB-0153"), {"as_of": last_week}).json()

    assert (listed["title"], listed["commentary"]) == ("DIP ready", "On track")
    assert (read["title"], read["commentary"]) == ("DIP ready", "On track")


def test_as_of_gives_the_dependencies_as_they_stood_then(pmo_api, dated, forums, today):
    m10 = MilestoneFactory(ref="M10", tier=1, forum=forums["PSG"], history_date=aware(today - 21 * DAY))
    save_at(m10, aware(today - 2 * DAY), depends_on=[Milestone.objects.get(ref="T3-DB-0153")])

    then = pmo_api.get(detail("M10"), {"as_of": (today - 7 * DAY).isoformat()})

    assert then.status_code == 200
    assert then.json()["depends_on"] == []


def test_as_of_reads_one_milestone_as_it_stood_then(pmo_api, dated, today, baseline):
    then = pmo_api.get(detail("T3-DB-0153"), {"as_of": (today - 7 * DAY).isoformat()})
    now = pmo_api.get(detail("T3-DB-0153"))

    assert then.status_code == 200
    assert (then.json()["forecast_on"], then.json()["rag"]) == (baseline.isoformat(), "green")
    assert (now.json()["forecast_on"], now.json()["rag"]) == (add_working_days(baseline, 11).isoformat(), "red")


def test_as_of_a_date_before_a_milestone_existed_does_not_return_it(pmo_api, dated, today):
    response = pmo_api.get(detail("M11"), {"as_of": (today - 7 * DAY).isoformat()})

    assert response.status_code == 400
    assert "as_of" in response.json()


@pytest.mark.parametrize("raw", ["last week", "2024-13-01", "04/09/2024"])
def test_a_bad_as_of_answers_400(pmo_api, dated, raw):
    response = pmo_api.get(LIST, {"as_of": raw})

    assert response.status_code == 400
    assert "as_of" in response.json()


def test_as_of_today_matches_the_current_list(pmo_api, dated, today):
    as_of_today = pmo_api.get(LIST, {"as_of": today.isoformat()}).json()["results"]
    current = pmo_api.get(LIST).json()["results"]

    assert [(r["ref"], r["forecast_on"], r["rag"]) for r in as_of_today] == [
        (r["ref"], r["forecast_on"], r["rag"]) for r in current
    ]


# --- permissions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Participant", "Chair"])
def test_readers_read_but_cannot_write(api_for, register, role, baseline):
    api = api_for(role)

    assert api.get(LIST).status_code == 200
    assert api.get(detail("M10")).status_code == 200
    new = {"ref": "M12", "title": "Go-live", "forum": "PSG", "baseline_on": baseline.isoformat()}
    assert api.post(LIST, new, format="json").status_code == 403
    assert api.patch(detail("M10"), {"commentary": "Not allowed"}, format="json").status_code == 403
    assert api.put(detail("M10"), new | {"ref": "M10"}, format="json").status_code == 403
    assert not Milestone.objects.filter(ref="M12").exists()
    assert Milestone.objects.get(ref="M10").commentary == ""


def test_anonymous_callers_get_401(api_for, register):
    api = api_for("anonymous")

    assert api.get(LIST).status_code == 401
    assert api.get(detail("M10")).status_code == 401
    assert api.patch(detail("M10"), {"commentary": "x"}, format="json").status_code == 401


def test_nobody_deletes_a_milestone(pmo_api, register):
    assert pmo_api.delete(detail("M10")).status_code == 405
    assert Milestone.objects.filter(ref="M10").exists()


def test_a_participant_never_sees_restricted_milestones(participant_api, register, today):
    assert "T3-DB-0900" not in refs(participant_api.get(LIST))
    assert refs(participant_api.get(LIST, {"forum": "SITAG", "rag": "red"})) == ["T3-DB-0153", "T3-DB-0154"]
    assert participant_api.get(detail("T3-DB-0900")).status_code == 404
    assert "T3-DB-0900" not in refs(participant_api.get(LIST, {"as_of": today.isoformat()}))


def test_a_participant_does_not_see_the_ref_of_a_restricted_dependency(participant_api, pmo_api, register):
    restricted = Milestone.objects.get(ref="T3-DB-0900")
    Milestone.objects.get(ref="T3-DB-0154").depends_on.add(restricted)

    assert sorted(pmo_api.get(detail("T3-DB-0154")).json()["depends_on"]) == ["T3-DB-0153", "T3-DB-0900"]
    assert participant_api.get(detail("T3-DB-0154")).json()["depends_on"] == ["T3-DB-0153"]


# --- query counts ------------------------------------------------------------------------------------------


def test_the_list_reads_in_a_constant_number_of_queries(pmo_api, forums):
    previous = None
    for n in range(60):
        previous = MilestoneFactory(
            ref=f"T3-DB-{n:04d}", forum=forums["SITAG" if n % 2 else "DAG"], depends_on=[previous] if previous else []
        )
    pmo_api.get(LIST, {"page_size": 1})  # the user's permissions are cached from here on

    with CaptureQueriesContext(connection) as small:
        assert len(refs(pmo_api.get(LIST, {"page_size": 5}))) == 5
    with CaptureQueriesContext(connection) as large:
        assert len(refs(pmo_api.get(LIST, {"page_size": 50}))) == 50

    assert len(large) == len(small) <= 8
