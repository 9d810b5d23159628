"""One clock (core.clock): "as it stood at T" answered alike by pages, API lists and records, exports, dashboards
and "what changed"; T a date (the end of that day), a date-time or a meeting ref (`since=PSG35`: its start;
`as_of=PSG36`: when its papers were issued, or its start where none were), a Restricted meeting's ref unreadable
to a Participant; filters select by the values as they stood."""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from changes.choices import ChangeStage, ChangeStatus
from core import clock
from core.choices import Classification
from core.dates import end_of
from meetings.choices import ActionStatus, MeetingStatus, PackKind, PackStatus
from meetings.models import MeetingPack
from milestones import services as milestone_services
from milestones.choices import MilestoneStatus
from milestones.rag import add_working_days
from raid.choices import RaidKind
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import DAY, backdate, by_testid, days_ago, donuts, page, register_rows, save_at, signed_in
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.milestones.factories import save_at as milestone_save_at
from tests.raid.factories import raid_item_at, rescore_at
from tests.spreadsheets.helpers import read_table

pytestmark = pytest.mark.django_db

AS_OF_DAYS = 10  # the as-of date: ten days ago; records changed three days ago, after it


def as_of() -> str:
    return (timezone.localdate() - AS_OF_DAYS * DAY).isoformat()


def score(likelihood, impact) -> int:
    return load_scoring().score(RaidKind.RISK, likelihood, impact)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def regroup_at(item, when, groups):
    """The RAID item's related groups changed at `when` (a dated history row, with its many-to-many rows)."""
    item._history_date = when
    item.save()
    item.groups.set(groups)
    del item._history_date
    return item


# --- readers ---------------------------------------------------------------------------------------------------


def api_refs(api, path, params) -> list[str]:
    response = api.get(path, params)
    assert response.status_code == 200, response.content[:2000]
    return sorted(row["ref"] for row in response.json()["results"])


def page_refs(client, path, params) -> list[str]:
    return sorted(register_rows(page(client.get(path, params))))


def export_refs(client, path, params) -> list[str]:
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:2000]
    _, *rows = read_table(response.content, "csv")
    return sorted(row[0] for row in rows)


@pytest.fixture
def pmo_client(pmo_user):
    return signed_in(pmo_user)


@pytest.fixture
def participant_client(participant_user):
    return signed_in(participant_user)


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


# --- every register: the API list and the page filter on the values as they stood --------------------------------


@dataclass(frozen=True)
class Register:
    name: str
    page: str
    api: str
    export: str | None
    params: dict


REGISTERS = [
    Register("change requests", "/changes/", "/api/change-requests/", "/changes/export.csv", {"status": "open"}),
    Register("raid band", "/raid/", "/api/raid-items/", "/raid/export.csv", {"band": "band-of-4x5"}),
    Register("raid group", "/raid/", "/api/raid-items/", "/raid/export.csv", {"group": "CCAG"}),
    Register("milestones", "/milestones/", "/api/milestones/", "/milestones/export.csv", {"rag": "red"}),
    Register("actions", "/actions/", "/api/actions/", "/actions/export.csv", {"status": "open"}),
    Register("decisions", "/decisions/", "/api/decisions/", "/decisions/export.csv", {"q": "Settlement"}),
    Register("meetings", "/meetings/", "/api/meetings/", None, {"status": "planned"}),
]


@pytest.fixture
def moved(groups):
    """Per register, records whose filtered value changed three days ago, after the as-of date: {name: (the
    refs the filter selects as of the date, the refs it selects today)}."""
    dag, ccag = groups["DAG"], groups["CCAG"]
    created, later = days_ago(30), days_ago(3)
    today = timezone.localdate()

    cr400 = backdate(ChangeRequestFactory(ref="CR400", title="Open then, approved since"), created)
    save_at(cr400, later, status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED, decided_on=today - 3 * DAY)
    cr401 = backdate(ChangeRequestFactory(ref="CR401", title="On hold then, open since"), created)
    save_at(cr401, days_ago(20), status=ChangeStatus.ON_HOLD)
    save_at(cr401, later, status=ChangeStatus.OPEN)

    r400 = raid_item_at(created, ref="R400", likelihood=1, impact=2, groups=[dag])
    rescore_at(r400, later, likelihood=4, impact=5)
    r401 = raid_item_at(created, ref="R401", likelihood=4, impact=5, groups=[dag])
    rescore_at(r401, later, likelihood=1, impact=2)
    r402 = raid_item_at(created, ref="R402", likelihood=1, impact=1, groups=[ccag])
    regroup_at(r402, later, [dag])
    r403 = raid_item_at(created, ref="R403", likelihood=1, impact=1, groups=[dag])
    regroup_at(r403, later, [ccag])

    # T3-DB-0400 missed its baseline before the date (Red then) and was met since (Complete now);
    # T3-DB-0401 was on track then (Green) and was re-forecast beyond tolerance since (Red now).
    missed = today - (AS_OF_DAYS + 5) * DAY
    t400 = MilestoneFactory(ref="T3-DB-0400", forum=dag, baseline_on=missed, forecast_on=missed, history_date=created)
    milestone_save_at(t400, later, actual_on=today - 3 * DAY, status=MilestoneStatus.COMPLETE)
    t401 = MilestoneFactory(ref="T3-DB-0401", forum=dag, history_date=created)
    milestone_save_at(t401, later, forecast_on=add_working_days(t401.baseline_on, 30))
    milestone_services.recompute_rag()

    dag40 = backdate(MeetingFactory(group=dag, number="40", starts_at=days_ago(25, hour=10)), created)
    dag41 = backdate(MeetingFactory(group=dag, number="41", starts_at=days_ago(20, hour=10)), created)
    save_at(dag41, days_ago(15), status=MeetingStatus.HELD)
    save_at(dag41, later, status=MeetingStatus.PLANNED)

    open_then = backdate(ActionFactory(meeting=dag40, description="Open then, closed since"), created)
    save_at(open_then, later, status=ActionStatus.CLOSED, closed_on=today - 3 * DAY)
    ongoing_then = backdate(ActionFactory(meeting=dag40, description="Ongoing then, open since"), created)
    save_at(ongoing_then, days_ago(20), status=ActionStatus.ONGOING)
    save_at(ongoing_then, later, status=ActionStatus.OPEN)
    save_at(dag40, later, status=MeetingStatus.HELD)

    settlement_then = backdate(DecisionFactory(meeting=dag40, area="Settlement"), created)
    save_at(settlement_then, later, area="Testing")
    settlement_now = backdate(DecisionFactory(meeting=dag40, area="Testing"), created)
    save_at(settlement_now, later, area="Settlement")

    return {
        "change requests": (["CR400"], ["CR401"]),
        "raid band": (["R401"], ["R400"]),
        "raid group": (["R402"], ["R403"]),
        "milestones": (["T3-DB-0400"], ["T3-DB-0401"]),
        "actions": ([open_then.ref], [ongoing_then.ref]),
        "decisions": ([settlement_then.ref], [settlement_now.ref]),
        "meetings": (["DAG40"], ["DAG41"]),
    }


def _params(register: Register) -> dict:
    if register.params.get("band") == "band-of-4x5":
        return {"band": load_scoring().band(score(4, 5))}
    return register.params


@pytest.mark.parametrize("register", REGISTERS, ids=[r.name for r in REGISTERS])
def test_the_api_list_and_the_page_give_the_same_records_for_a_filter_as_of_a_date(
    register, moved, pmo_client, pmo_api
):
    then, now = moved[register.name]
    params = _params(register)

    on_the_page = page_refs(pmo_client, register.page, {"as_of": as_of(), **params})
    in_the_api = api_refs(pmo_api, register.api, {"as_of": as_of(), **params})

    assert on_the_page == in_the_api == then
    # Today the same filter selects other records: filtering on today's values would have been caught.
    assert page_refs(pmo_client, register.page, params) == api_refs(pmo_api, register.api, params) == now


@pytest.mark.parametrize("register", [r for r in REGISTERS if r.export], ids=[r.name for r in REGISTERS if r.export])
def test_the_export_of_a_filtered_page_as_of_a_date_holds_the_same_records(register, moved, pmo_client):
    then, _ = moved[register.name]

    assert export_refs(pmo_client, register.export, {"as_of": as_of(), **_params(register)}) == then


def test_milestones_red_as_of_a_date_are_those_red_then_with_the_rag_they_had(moved, pmo_client, pmo_api):
    """Issue 16, repro 2: the API filtered on today's RAG and showed the old versions; the page dropped the filter."""
    response = pmo_api.get("/api/milestones/", {"as_of": as_of(), "rag": "red"})
    rows = register_rows(page(pmo_client.get("/milestones/", {"as_of": as_of(), "rag": "red"})))

    assert [(row["ref"], row["rag"]) for row in response.json()["results"]] == [("T3-DB-0400", "red")]
    assert list(rows) == ["T3-DB-0400"] and "Red" in rows["T3-DB-0400"]


def test_an_as_of_record_carries_its_relations_as_they_stood(moved, pmo_api):
    then = pmo_api.get("/api/raid-items/R402/", {"as_of": as_of()}).json()
    listed = {row["ref"]: row for row in pmo_api.get("/api/raid-items/", {"as_of": as_of()}).json()["results"]}

    assert then["groups"] == listed["R402"]["groups"] == ["CCAG"]
    assert pmo_api.get("/api/raid-items/R402/").json()["groups"] == ["DAG"]


@pytest.mark.parametrize("api", sorted({r.api for r in REGISTERS}))
def test_an_as_of_list_reads_a_constant_number_of_queries_whatever_the_page_size(moved, pmo_api, api):
    pmo_api.get(api, {"page_size": 1, "as_of": as_of()})  # permissions cached: the list itself is measured
    with CaptureQueriesContext(connection) as small:
        assert pmo_api.get(api, {"page_size": 1, "as_of": as_of()}).status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert len(pmo_api.get(api, {"page_size": 50, "as_of": as_of()}).json()["results"]) > 1

    assert len(large) == len(small), [query["sql"][:200] for query in large.captured_queries]


# --- meeting refs --------------------------------------------------------------------------------------------------


@pytest.fixture
def psg(groups):
    """PSG35 twenty days ago at 10:00 (no papers); PSG36 six days ago, its papers first issued nine days ago at 14:00
    (a later version and a failed render do not count); PSG37, Restricted, two days ago. CR500 was retitled at
    16:00 on the day the PSG36 papers were issued, CR501 an hour after PSG35 started; R500 was re-scored between
    the two meetings."""
    psg_group = groups["PSG"]
    created = days_ago(30)
    psg35 = backdate(MeetingFactory(group=psg_group, number="35", starts_at=days_ago(20, hour=10)), created)
    psg36 = backdate(MeetingFactory(group=psg_group, number="36", starts_at=days_ago(6, hour=10)), created)
    backdate(
        MeetingFactory(
            group=psg_group, number="37", starts_at=days_ago(2, hour=10), classification=Classification.RESTRICTED
        ),
        created,
    )
    issued = days_ago(9, hour=14)
    MeetingPack.objects.create(meeting=psg36, kind=PackKind.PAPERS, status=PackStatus.READY, rendered_at=issued)
    MeetingPack.objects.create(
        meeting=psg36, kind=PackKind.PAPERS, minor=1, status=PackStatus.READY, rendered_at=days_ago(7)
    )
    MeetingPack.objects.create(meeting=psg36, kind=PackKind.PAPERS, minor=2, status=PackStatus.FAILED)

    cr500 = backdate(ChangeRequestFactory(ref="CR500", title="As the papers had it"), created)
    save_at(cr500, days_ago(9, hour=16), title="Retitled after the papers")
    cr501 = backdate(ChangeRequestFactory(ref="CR501", title="Before PSG35"), created)
    save_at(cr501, days_ago(20, hour=11), title="Retitled at PSG35")
    r500 = raid_item_at(created, ref="R500", likelihood=1, impact=2, groups=[psg_group])
    rescore_at(r500, days_ago(12), likelihood=4, impact=5)
    MilestoneFactory(ref="T3-DB-0500", forum=psg_group, history_date=created)
    milestone_services.recompute_rag()
    action = backdate(ActionFactory(meeting=psg35, description="Raised at PSG35"), created)
    decision = backdate(DecisionFactory(meeting=psg35, area="Settlement"), created)
    return {"psg35": psg35, "psg36": psg36, "issued": issued, "action": action, "decision": decision}


def test_as_of_a_meeting_ref_is_when_its_papers_were_first_issued(psg, pmo_user):
    found = clock.read("PSG36", user=pmo_user)

    assert found.at == psg["issued"]
    assert found.given == "PSG36"
    assert "PSG36 papers" in found.label


def test_as_of_a_meeting_without_papers_is_its_start(psg, pmo_user):
    assert clock.moment("PSG35", user=pmo_user) == psg["psg35"].starts_at


def test_since_a_meeting_ref_is_its_start_even_with_papers(psg, pmo_user):
    assert clock.moment("PSG36", user=pmo_user, param=clock.SINCE) == psg["psg36"].starts_at
    assert "the start of PSG36" in clock.read("PSG36", user=pmo_user, param=clock.SINCE).label


def test_a_meeting_ref_reads_case_insensitively(psg, pmo_user):
    assert clock.moment("psg36", user=pmo_user) == psg["issued"]


def test_as_of_the_papers_shows_what_the_papers_showed_not_the_end_of_that_day(psg, pmo_api):
    papers = pmo_api.get("/api/change-requests/CR500/", {"as_of": "PSG36"}).json()
    that_day = pmo_api.get("/api/change-requests/CR500/", {"as_of": psg["issued"].date().isoformat()}).json()

    assert papers["title"] == "As the papers had it"
    assert that_day["title"] == "Retitled after the papers"


def test_as_of_a_meeting_without_papers_shows_the_records_at_its_start(psg, pmo_api):
    assert pmo_api.get("/api/change-requests/CR501/", {"as_of": "PSG35"}).json()["title"] == "Before PSG35"


def _api_urls(psg) -> list[str]:
    return [
        "/api/change-requests/",
        "/api/raid-items/",
        "/api/milestones/",
        "/api/actions/",
        "/api/decisions/",
        "/api/meetings/",
        "/api/change-requests/CR500/",
        "/api/raid-items/R500/",
        "/api/milestones/T3-DB-0500/",
        f"/api/actions/{psg['action'].ref}/",
        f"/api/decisions/{psg['decision'].ref}/",
        "/api/meetings/PSG35/",
        "/api/agenda-items/",
        "/api/discussion-items/",
        "/api/governance-groups/",
        "/api/constituencies/",
        "/api/organisations/",
    ]


def test_as_of_a_meeting_ref_answers_every_api_list_and_record_as_at_that_moment(psg, pmo_api):
    moment = psg["issued"].isoformat()
    for url in _api_urls(psg):
        by_ref = pmo_api.get(url, {"as_of": "PSG36"})
        by_moment = pmo_api.get(url, {"as_of": moment})

        assert by_ref.status_code == 200, (url, by_ref.content[:500])
        assert by_ref.json() == by_moment.json(), url


@pytest.mark.parametrize("register", ["/changes/", "/raid/", "/milestones/", "/actions/", "/decisions/", "/meetings/"])
def test_as_of_a_meeting_ref_works_on_every_register_page(psg, pmo_client, register):
    by_ref = page(pmo_client.get(register, {"as_of": "PSG36"}))
    by_moment = page(pmo_client.get(register, {"as_of": psg["issued"].isoformat()}))

    assert register_rows(by_ref) == register_rows(by_moment)
    assert "PSG36 papers" in by_testid(by_ref, "as-of-banner").text()
    assert by_ref.find("input", id="as_of").attrs["value"] == "PSG36"


@pytest.mark.parametrize("export", ["changes", "raid", "milestones", "actions", "decisions"])
def test_as_of_a_meeting_ref_works_on_every_export(psg, pmo_client, export):
    by_ref = pmo_client.get(f"/{export}/export.csv", {"as_of": "PSG36"})
    by_moment = pmo_client.get(f"/{export}/export.csv", {"as_of": psg["issued"].isoformat()})

    assert by_ref.status_code == 200
    assert by_ref.content == by_moment.content


def test_the_programme_dashboard_as_of_a_meeting_ref(psg, pmo_client):
    by_ref = page(pmo_client.get("/", {"as_of": "PSG36"}))
    by_moment = page(pmo_client.get("/", {"as_of": psg["issued"].isoformat()}))

    assert donuts(by_ref) == donuts(by_moment)
    assert "PSG36 papers" in by_testid(by_ref, "as-of-banner").text()


def test_what_changed_since_a_meeting_ref(psg, pmo_client):
    by_ref = page(pmo_client.get("/changes-since/", {"since": "PSG35"}))
    by_moment = page(pmo_client.get("/changes-since/", {"since": psg["psg35"].starts_at.isoformat()}))

    for section in ("raid-changes", "cr-changes", "milestone-changes"):
        assert by_testid(by_ref, section).text() == by_testid(by_moment, section).text()
    assert "R500" in by_testid(by_ref, "raid-changes").text()
    assert "the start of PSG35" in by_testid(by_ref, "since-moment").text()


def test_raid_movement_since_a_meeting_ref_in_the_api_and_on_the_pages(psg, pmo_api, pmo_client):
    listed = pmo_api.get("/api/raid-items/", {"since": "PSG35"}).json()["results"]
    read = pmo_api.get("/api/raid-items/R500/", {"since": "PSG35"}).json()
    expected = f"Score increased from {score(1, 2)} to {score(4, 5)}"

    assert [row["movement"]["text"] for row in listed] == [expected]
    assert read["movement"]["text"] == expected
    assert expected in page(pmo_client.get("/raid/R500/", {"since": "PSG35"})).text()
    assert expected in page(pmo_client.get("/raid/", {"since": "PSG35"})).text()
    assert expected in page(pmo_client.get("/raid/groups/PSG/", {"since": "PSG35"})).text()


def test_the_delivery_dashboard_on_a_meeting_ref_is_the_day_its_papers_were_issued(psg, pmo_client):
    by_ref = pmo_client.get("/milestones/dashboards/PSG/", {"on": "PSG36"})
    by_day = pmo_client.get("/milestones/dashboards/PSG/", {"on": psg["issued"].date().isoformat()})

    assert by_ref.status_code == 200
    assert by_testid(page(by_ref), "delivery-dashboard").text() == by_testid(page(by_day), "delivery-dashboard").text()


# --- the reader: a Restricted meeting's ref ------------------------------------------------------------------------


def test_a_restricted_meetings_ref_does_not_resolve_for_a_participant(psg, participant_api, pmo_api):
    refused = participant_api.get("/api/change-requests/", {"as_of": "PSG37"})
    unknown = participant_api.get("/api/change-requests/", {"as_of": "PSG99"})

    assert refused.status_code == 400
    assert list(refused.json()) == ["as_of"]
    # Worded as for a meeting that does not exist: nothing says there is one.
    assert refused.json()["as_of"][0].replace("PSG37", "X") == unknown.json()["as_of"][0].replace("PSG99", "X")
    assert pmo_api.get("/api/change-requests/", {"as_of": "PSG37"}).status_code == 200


def test_a_restricted_meetings_ref_is_not_read_on_a_participants_pages(psg, participant_client):
    register = page(participant_client.get("/changes/", {"as_of": "PSG37"}))
    since = page(participant_client.get("/changes-since/", {"since": "PSG37"}))

    assert register.find(data_testid="as-of-banner") is None
    assert "There is no meeting PSG37 that you can see." in register.text()
    assert since.find(data_testid="since-moment") is None
    assert "There is no meeting PSG37 that you can see." in since.text()


def test_the_meetings_offered_as_moments_are_those_the_reader_may_see_newest_first(psg, participant_client, pmo_client):
    def offered(client):
        return [option.attrs["value"] for option in page(client.get("/changes/")).find("datalist").find_all("option")]

    assert offered(pmo_client) == ["PSG37", "PSG36", "PSG35"]
    assert offered(participant_client) == ["PSG36", "PSG35"]


def test_the_moment_fields_are_labelled_and_offer_the_meetings(psg, pmo_client):
    for url, name in [("/changes/", "as_of"), ("/", "as_of"), ("/changes-since/", "since"), ("/raid/R500/", "since")]:
        document = page(pmo_client.get(url))
        field = document.find("input", id=name)
        assert document.find("label", **{"for": name}) is not None, url
        datalist = document.find("datalist", id=field.attrs["list"])
        assert [o.attrs["value"] for o in datalist.find_all("option")][:2] == ["PSG37", "PSG36"], url


# --- dates ---------------------------------------------------------------------------------------------------------


def test_a_bare_date_is_the_end_of_that_day(pmo_user, pmo_api):
    day = timezone.localdate() - 12 * DAY
    late = backdate(ChangeRequestFactory(ref="CR600", title="Before"), days_ago(30))
    save_at(late, at(day, 23, 30), title="Late that evening")
    early = backdate(ChangeRequestFactory(ref="CR601", title="Before"), days_ago(30))
    save_at(early, at(day + DAY, 0, 30), title="Just after midnight")

    found = clock.read(day.isoformat(), user=pmo_user)
    titles = {r["ref"]: r["title"] for r in pmo_api.get("/api/change-requests/", {"as_of": day}).json()["results"]}

    assert found.at == end_of(day)
    assert found.label == f"the end of {day:%d %B %Y}"
    assert titles == {"CR600": "Late that evening", "CR601": "Before"}


def test_a_date_time_is_read_to_the_minute(pmo_user):
    found = clock.read("2024-10-23T10:30:00+01:00", user=pmo_user)

    assert found.at == datetime.datetime(2024, 10, 23, 9, 30, tzinfo=datetime.UTC)


# --- bad values ----------------------------------------------------------------------------------------------------

BAD = {
    "last week": "'last week' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.",
    "2024-02-30": "'2024-02-30' is not a date (YYYY-MM-DD). There is no such day.",
    "1900-01-01": "Give a date between 01/01/1990 and 31/12/2099.",
}


@pytest.mark.parametrize("value", list(BAD))
def test_a_bad_as_of_answers_400_naming_the_field_on_every_api_list_and_record(psg, pmo_api, value):
    for url in _api_urls(psg):
        response = pmo_api.get(url, {"as_of": value})

        assert response.status_code == 400, url
        assert response.json() == {"as_of": [response.json()["as_of"][0]]}, url
        assert BAD[value] in response.json()["as_of"][0], url


def test_a_bad_since_answers_400_naming_the_field(psg, pmo_api):
    for url in ("/api/raid-items/", "/api/raid-items/R500/"):
        response = pmo_api.get(url, {"since": "PSG99"})

        assert response.status_code == 400
        assert response.json() == {"since": ["There is no meeting PSG99 that you can see."]}


def test_a_bad_as_of_on_an_export_is_refused_naming_the_field(psg, pmo_client):
    response = pmo_client.get("/changes/export.csv", {"as_of": "last week"})

    assert response.status_code == 400
    assert response.content.decode().startswith("as_of: 'last week' is not a date")


@pytest.mark.parametrize(
    ("url", "name"),
    [("/changes/", "as_of"), ("/", "as_of"), ("/changes-since/", "since"), ("/milestones/dashboards/PSG/", "on")],
)
def test_a_bad_moment_on_a_page_is_shown_and_the_page_still_answers(psg, pmo_client, url, name):
    document = page(pmo_client.get(url, {name: "last week"}))

    assert BAD["last week"] in document.text()
    assert document.find(data_testid="as-of-banner") is None


def test_the_api_schema_says_as_of_takes_a_date_a_date_time_or_a_meeting_ref(pmo_api):
    schema = pmo_api.get("/api/schema/", {"format": "json"}).json()

    for path in ("/api/change-requests/", "/api/milestones/{ref}/", "/api/decisions/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "meeting ref" in parameters["as_of"]["description"], path
    since = {p["name"]: p for p in schema["paths"]["/api/raid-items/"]["get"]["parameters"]}["since"]
    assert "meeting ref" in since["description"]
