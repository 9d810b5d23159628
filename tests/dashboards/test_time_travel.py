"""Time travel: every register page with ?as_of=<date> shows its records as they stood at the end of that day
(old titles, statuses, stages and scores; records created later left out), read-only (a banner, no "New"
button), with filters on the fields the history keeps still applied; the API's ?as_of= on lists and records
answers the old values, 400 for an unreadable date or a record that did not exist yet."""

import pytest
from rest_framework.test import APIClient

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from meetings.choices import ActionStatus
from meetings.models import Decision
from raid.choices import RaidKind, RaidStatus
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import DAY, backdate, by_testid, days_ago, page, register_rows, save_at, today
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.milestones.factories import save_at as milestone_save_at
from tests.raid.factories import close_at, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED
AS_OF_DAYS = 10


def as_of() -> str:
    return (today() - AS_OF_DAYS * DAY).isoformat()


def score(likelihood, impact):
    return load_scoring().score(RaidKind.RISK, likelihood, impact)


@pytest.fixture
def past(groups):
    """Thirty days ago each register got a record that changed five days ago (after the as-of date, ten days
    ago), and two days ago a record that did not exist then; CR302 was rejected twenty days ago (before the date),
    CR303 and R302 were decided / closed three days ago (after it); CR304 is Restricted."""
    dag = groups["DAG"]
    created, changed, later = days_ago(30), days_ago(5), days_ago(2)

    crs = {
        ref: backdate(ChangeRequestFactory(ref=ref, title=title, **fields), created)
        for ref, title, fields in [
            ("CR300", "Faster switching data flows", {}),
            ("CR302", "Decided long ago", {}),
            ("CR303", "Decided lately", {}),
            ("CR304", "Restricted change", {"classification": RESTRICTED}),
        ]
    }
    save_at(crs["CR300"], changed, title="Revised switching data flows", stage=ChangeStage.VALIDATED)
    rejected = {"stage": ChangeStage.CLOSED, "status": ChangeStatus.REJECTED}
    save_at(crs["CR302"], days_ago(20), **rejected)
    save_at(crs["CR303"], days_ago(3), **rejected)
    crs["CR301"] = backdate(ChangeRequestFactory(ref="CR301", title="Raised lately"), later)

    r300 = raid_item_at(created, ref="R300", title="Supplier readiness", likelihood=2, impact=3)
    r300.title = "Supplier readiness slipping"
    rescore_at(r300, changed, likelihood=4, impact=5)
    r302 = raid_item_at(created, ref="R302", title="Closed lately", likelihood=1, impact=2)
    close_at(r302, days_ago(3))
    raid_item_at(later, ref="R301", title="Raised lately", likelihood=1, impact=1)
    raid_item_at(created, ref="R304", title="Restricted risk", classification=RESTRICTED)

    t300 = MilestoneFactory(ref="T3-DB-0300", forum=dag, title="Design baseline signed off", history_date=created)
    milestone_save_at(t300, changed, title="Design baseline re-signed", forecast_on=t300.baseline_on + 7 * DAY)
    MilestoneFactory(ref="T3-DB-0301", forum=dag, title="Created lately", history_date=later)

    dag40 = backdate(MeetingFactory(group=dag, number="40", starts_at=days_ago(25, hour=10)), created)
    save_at(dag40, changed, title="DAG 40 (minutes revised)")
    dag41 = backdate(MeetingFactory(group=dag, number="41", starts_at=days_ago(-5, hour=10)), later)

    action = backdate(ActionFactory(meeting=dag40, description="Draft the code change"), created)
    save_at(
        action,
        changed,
        description="Draft the code change and consult",
        status=ActionStatus.CLOSED,
        closed_on=today() - 5 * DAY,
    )
    action_later = backdate(ActionFactory(meeting=dag41, description="Raised lately"), later)

    decision = backdate(DecisionFactory(meeting=dag40, text="The group agreed the design baseline"), created)
    decision_later = backdate(DecisionFactory(meeting=dag41, text="Decided lately"), later)
    return {
        "action": action,
        "action_later": action_later,
        "decision": decision,
        "decision_later": decision_later,
    }


# --- register pages ------------------------------------------------------------------------------------------


def test_change_register_as_of_shows_crs_as_they_stood_and_not_those_raised_later(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/changes/", {"as_of": as_of()})))

    assert set(rows) == {"CR300", "CR302", "CR303", "CR304"}
    assert "Faster switching data flows" in rows["CR300"]
    assert "Revised switching" not in rows["CR300"]
    assert "Raised" in rows["CR300"] and "Validated" not in rows["CR300"]
    assert "Open" in rows["CR303"] and "Rejected" not in rows["CR303"]
    assert "Rejected" in rows["CR302"]


def test_raid_register_as_of_shows_items_with_their_title_and_score_then(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/raid/", {"as_of": as_of()})))

    assert set(rows) == {"R300", "R302", "R304"}
    assert "Supplier readiness" in rows["R300"] and "slipping" not in rows["R300"]
    assert f" {score(2, 3)} " in f" {rows['R300']} "
    assert f" {score(4, 5)} " not in f" {rows['R300']} "


def test_milestone_register_as_of_shows_milestones_as_they_stood(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/milestones/", {"as_of": as_of()})))

    assert set(rows) == {"T3-DB-0300"}
    assert "Design baseline signed off" in rows["T3-DB-0300"]
    assert "re-signed" not in rows["T3-DB-0300"]


def test_action_register_as_of_shows_an_action_closed_since_as_open(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/actions/", {"as_of": as_of()})))
    ref = past["action"].ref

    assert set(rows) == {ref}
    assert "Open" in rows[ref] and "Closed" not in rows[ref]
    assert "and consult" not in rows[ref]


def test_decision_register_as_of_leaves_out_decisions_recorded_later(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/decisions/", {"as_of": as_of()})))

    assert set(rows) == {past["decision"].ref}
    assert past["decision_later"].ref in register_rows(page(pmo_client.get("/decisions/")))


def test_meeting_register_as_of_shows_meetings_as_they_stood(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/meetings/", {"as_of": as_of()})))

    assert set(rows) == {"DAG40"}
    assert "Design Advisory Group #40" in rows["DAG40"]
    assert "minutes revised" not in rows["DAG40"]


@pytest.mark.parametrize("register", ["/changes/", "/raid/", "/milestones/", "/actions/", "/decisions/", "/meetings/"])
def test_every_register_as_of_a_date_shows_the_read_only_banner(pmo_client, past, register):
    document = page(pmo_client.get(register, {"as_of": as_of()}))

    banner = by_testid(document, "as-of-banner")
    assert f"{today() - AS_OF_DAYS * DAY:%d %B %Y}" in banner.text()
    assert "read-only" in banner.text()
    assert banner.find("a", href=register) is not None  # back to today


@pytest.mark.parametrize("register", ["/changes/", "/raid/", "/milestones/", "/meetings/"])
def test_a_register_as_of_a_date_offers_no_new_button(pmo_client, past, register):
    def new_buttons(document):
        return [a for a in document.find_all("a", cls="btn-primary") if a.text() == "New"]

    assert new_buttons(page(pmo_client.get(register)))  # PMO may add today
    assert new_buttons(page(pmo_client.get(register, {"as_of": as_of()}))) == []


@pytest.mark.parametrize("register", ["/changes/", "/raid/", "/milestones/", "/actions/", "/decisions/", "/meetings/"])
def test_a_register_today_shows_no_banner(pmo_client, past, register):
    assert page(pmo_client.get(register)).find(data_testid="as-of-banner") is None


def test_as_of_rows_link_to_the_records_pages(pmo_client, past):
    document = page(pmo_client.get("/changes/", {"as_of": as_of()}))
    links = {a.text(): a.attrs["href"] for a in document.find("div", id="record-table").find("tbody").find_all("a")}

    assert links["CR300"] == "/changes/CR300/"


def test_the_as_of_date_stays_in_the_register_filter_form(pmo_client, past):
    document = page(pmo_client.get("/changes/", {"as_of": as_of()}))

    assert document.find("input", id="as_of").attrs["value"] == as_of()


# --- filters in as-of mode -----------------------------------------------------------------------------------


def test_a_status_filter_as_of_a_date_selects_by_the_status_then(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/changes/", {"as_of": as_of(), "status": "open"})))

    # CR303 was still open then (rejected three days ago); CR302 was already rejected.
    assert set(rows) == {"CR300", "CR303", "CR304"}


def test_today_the_same_status_filter_selects_by_todays_status(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/changes/", {"status": "open"})))

    assert set(rows) == {"CR300", "CR301", "CR304"}


def test_a_stage_filter_as_of_a_date_selects_by_the_stage_then(pmo_client, past):
    rows = register_rows(page(pmo_client.get("/changes/", {"as_of": as_of(), "stage": "raised"})))

    assert set(rows) == {"CR300", "CR303", "CR304"}


def test_raid_status_filter_as_of_a_date_includes_an_item_closed_since(pmo_client, past):
    then = register_rows(page(pmo_client.get("/raid/", {"as_of": as_of(), "status": RaidStatus.OPEN})))
    now = register_rows(page(pmo_client.get("/raid/", {"status": RaidStatus.OPEN})))

    assert "R302" in then
    assert "R302" not in now


def test_text_search_as_of_a_date_matches_the_text_then(pmo_client, past):
    then = register_rows(page(pmo_client.get("/raid/", {"as_of": as_of(), "q": "slipping"})))
    old = register_rows(page(pmo_client.get("/raid/", {"as_of": as_of(), "q": "readiness"})))

    assert then == {}
    assert set(old) == {"R300"}


def test_a_filter_on_links_selects_by_the_links_as_they_stood(pmo_client, past, groups):
    """RAID items keep their related groups in the history: as of a date, the group filter reads those."""
    from raid import services as raid_services
    from raid.models import RaidItem

    raid_services.raid_item_update(item=RaidItem.objects.get(ref="R300"), actor=None, groups=[groups["DAG"]])

    then = pmo_client.get("/raid/", {"as_of": as_of(), "group": "DAG"})
    now = pmo_client.get("/raid/", {"group": "DAG"})

    assert set(register_rows(page(then))) == set()
    assert set(register_rows(page(now))) == {"R300"}


def test_a_participant_as_of_a_date_sees_no_restricted_record(participant_client, past):
    changes = register_rows(page(participant_client.get("/changes/", {"as_of": as_of()})))
    raid = register_rows(page(participant_client.get("/raid/", {"as_of": as_of()})))

    assert "CR304" not in changes and "CR300" in changes
    assert "R304" not in raid and "R300" in raid


# --- the API -------------------------------------------------------------------------------------------------


@pytest.fixture
def pmo_api(pmo):
    api = APIClient()
    api.force_authenticate(pmo)
    return api


@pytest.fixture
def participant_api(participant):
    api = APIClient()
    api.force_authenticate(participant)
    return api


def results(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    return {row["ref"]: row for row in response.json()["results"]}


def test_api_change_request_list_as_of_answers_the_old_values(pmo_api, past):
    listed = results(pmo_api.get("/api/change-requests/", {"as_of": as_of()}))

    assert set(listed) == {"CR300", "CR302", "CR303", "CR304"}
    assert listed["CR300"]["title"] == "Faster switching data flows"
    assert listed["CR300"]["stage"] == ChangeStage.RAISED
    assert listed["CR303"]["status"] == ChangeStatus.OPEN


def test_api_change_request_list_as_of_hides_restricted_crs_from_a_participant(participant_api, past):
    assert "CR304" not in results(participant_api.get("/api/change-requests/", {"as_of": as_of()}))


def test_api_change_request_as_of_answers_the_record_as_it_stood(pmo_api, past):
    response = pmo_api.get("/api/change-requests/CR300/", {"as_of": as_of()})

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Faster switching data flows"
    assert response.json()["stage"] == ChangeStage.RAISED
    assert pmo_api.get("/api/change-requests/CR300/").json()["title"] == "Revised switching data flows"


def test_api_raid_item_list_as_of_answers_the_old_values(pmo_api, past):
    listed = results(pmo_api.get("/api/raid-items/", {"as_of": as_of()}))

    assert set(listed) == {"R300", "R302", "R304"}
    assert listed["R300"]["title"] == "Supplier readiness"
    assert listed["R300"]["score"] == score(2, 3)
    assert listed["R302"]["status"] == RaidStatus.OPEN


def test_api_raid_item_as_of_answers_the_item_as_it_stood(pmo_api, past):
    response = pmo_api.get("/api/raid-items/R300/", {"as_of": as_of()})

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Supplier readiness"
    assert response.json()["score"] == score(2, 3)


def test_api_action_list_as_of_answers_an_action_closed_since_as_open(pmo_api, past):
    listed = results(pmo_api.get("/api/actions/", {"as_of": as_of()}))
    ref = past["action"].ref

    assert set(listed) == {ref}
    assert listed[ref]["status"] == ActionStatus.OPEN
    assert listed[ref]["description"] == "Draft the code change"


def test_api_meeting_list_as_of_answers_the_old_title(pmo_api, past):
    listed = results(pmo_api.get("/api/meetings/", {"as_of": as_of()}))

    assert set(listed) == {"DAG40"}
    assert listed["DAG40"]["title"] == "Design Advisory Group #40"


def test_api_decision_list_as_of_leaves_out_decisions_recorded_later(pmo_api, past):
    assert Decision.objects.count() == 2

    listed = results(pmo_api.get("/api/decisions/", {"as_of": as_of()}))

    assert set(listed) == {past["decision"].ref}


@pytest.mark.parametrize(
    "url",
    ["/api/change-requests/", "/api/raid-items/", "/api/actions/", "/api/change-requests/CR300/"],
)
@pytest.mark.parametrize("raw", ["yesterday", "2024-13-45", "31/12/2024"])
def test_api_an_unreadable_as_of_answers_400(pmo_api, past, url, raw):
    response = pmo_api.get(url, {"as_of": raw})

    assert response.status_code == 400, (url, raw, response.status_code)
    assert "as_of" in response.json()


def test_api_as_of_before_a_record_existed_answers_400(pmo_api, past):
    response = pmo_api.get("/api/change-requests/CR301/", {"as_of": as_of()})

    assert response.status_code == 400
    assert "as_of" in response.json()


def test_api_as_of_before_an_action_existed_answers_400(pmo_api, past):
    response = pmo_api.get(f"/api/actions/{past['action_later'].ref}/", {"as_of": as_of()})

    assert response.status_code == 400
    assert "as_of" in response.json()
