"""/changes-since/: what moved since a date, read from the history — RAID items new, closed or re-scored (in the
papers' wording), milestones whose forecast or RAG changed, CRs that moved stage or were decided, actions raised
or closed; by default since the last PSG (the end of its day), or four weeks without one; Participants see
Public records only."""

import pytest

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from meetings.choices import ActionStatus, MeetingStatus
from milestones import services as milestone_services
from milestones.rag import add_working_days
from raid.choices import RaidKind
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import DAY, backdate, by_testid, days_ago, page, save_at, today
from tests.meetings.factories import ActionFactory, MeetingFactory, close
from tests.milestones.factories import MilestoneFactory
from tests.milestones.factories import save_at as milestone_save_at
from tests.raid.factories import close_at, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED
SINCE_DAYS = 14


def score(likelihood, impact):
    return load_scoring().score(RaidKind.RISK, likelihood, impact)


@pytest.fixture
def moves(groups):
    """Records created thirty days ago unless said otherwise (R11, T3-DB-0012 and CR203 five days ago), some
    changed three days ago, some twenty; "since" is fourteen days ago. One Restricted record moved per register."""
    dag = groups["DAG"]
    created = days_ago(30)

    raid = {ref: raid_item_at(created, ref=ref, likelihood=2, impact=3) for ref in ("R10", "R12", "R13", "R16", "R17")}
    raid["R11"] = raid_item_at(days_ago(5), ref="R11", likelihood=1, impact=2)
    raid["R14"] = raid_item_at(created, ref="R14", likelihood=4, impact=5)
    raid["R15"] = raid_item_at(created, ref="R15", likelihood=2, impact=3, classification=RESTRICTED)
    close_at(raid["R12"], days_ago(3))
    rescore_at(raid["R13"], days_ago(3), likelihood=4, impact=5)
    rescore_at(raid["R14"], days_ago(3), likelihood=2, impact=3)
    rescore_at(raid["R15"], days_ago(3), likelihood=5, impact=6)
    rescore_at(raid["R16"], days_ago(20), likelihood=3, impact=3)  # before "since": no movement since
    close_at(raid["R17"], days_ago(20))

    baseline = today() + 56 * DAY
    milestones = {
        ref: MilestoneFactory(ref=ref, forum=dag, history_date=created, **fields)
        for ref, fields in {
            "T3-DB-0010": {},
            "T3-DB-0011": {"title": "DIP connection ready"},
            "T3-DB-0013": {"baseline_on": add_working_days(today(), 5)},
            "T3-DB-0014": {"classification": RESTRICTED},
            "T3-DB-0015": {},
        }.items()
    }
    milestones["T3-DB-0012"] = MilestoneFactory(ref="T3-DB-0012", forum=dag, history_date=days_ago(5))
    milestone_save_at(milestones["T3-DB-0011"], days_ago(3), forecast_on=add_working_days(baseline, 2))
    milestone_save_at(milestones["T3-DB-0014"], days_ago(3), forecast_on=add_working_days(baseline, 2))
    milestone_save_at(milestones["T3-DB-0015"], days_ago(20), forecast_on=add_working_days(baseline, 2))
    milestone_services.recompute_rag()

    crs = {
        ref: backdate(ChangeRequestFactory(ref=ref, title=f"Change {ref}", **fields), created)
        for ref, fields in {
            "CR200": {},
            "CR201": {},
            "CR202": {"stage": ChangeStage.AWAITING_DECISION},
            "CR204": {"classification": RESTRICTED},
            "CR205": {},
        }.items()
    }
    save_at(crs["CR201"], days_ago(3), stage=ChangeStage.VALIDATED)
    save_at(
        crs["CR202"],
        days_ago(2),
        stage=ChangeStage.APPROVED,
        status=ChangeStatus.APPROVED,
        decided_on=today() - 2 * DAY,
    )
    save_at(crs["CR204"], days_ago(3), stage=ChangeStage.VALIDATED)
    save_at(crs["CR205"], days_ago(3), title="Change CR205, retitled")
    crs["CR203"] = backdate(ChangeRequestFactory(ref="CR203", title="Change CR203"), days_ago(5))

    dag20 = MeetingFactory(group=dag, number="20", starts_at=days_ago(30, hour=10))
    dag21 = MeetingFactory(group=dag, number="21", starts_at=days_ago(3, hour=10))
    actions = {
        "old": ActionFactory(meeting=dag20, description="Old open action"),
        "raised": ActionFactory(meeting=dag21, description="Newly raised action"),
        "closed": ActionFactory(meeting=dag20, description="Action closed at DAG21"),
        "closed_before": ActionFactory(
            meeting=dag20,
            description="Action closed long ago",
            status=ActionStatus.CLOSED,
            closed_on=today() - 20 * DAY,
        ),
        "restricted": ActionFactory(meeting=dag21, description="Restricted new action", classification=RESTRICTED),
    }
    close(actions["closed"], dag21)
    return {"raid": raid, "milestones": milestones, "crs": crs, "actions": actions}


def changes_since(client, since=None):
    params = {"since": (today() - since * DAY).isoformat()} if since is not None else {}
    return page(client.get("/changes-since/", params))


def listed(document, section: str) -> dict[str, str]:
    """{ref: the line's text} of one section of the page."""
    return {
        item.find("a").text(): item.text() for item in by_testid(document, section).find_all("li") if item.find("a")
    }


# --- RAID ----------------------------------------------------------------------------------------------------


def test_lists_raid_items_new_closed_and_re_scored_since_the_date_in_the_papers_wording(pmo_client, moves):
    raid = listed(changes_since(pmo_client, SINCE_DAYS), "raid-changes")

    assert raid["R11"].endswith("New item")
    assert raid["R12"].endswith("Closed")
    assert raid["R13"].endswith(f"Score increased from {score(2, 3)} to {score(4, 5)}")
    assert raid["R14"].endswith(f"Score reduced from {score(4, 5)} to {score(2, 3)}")


def test_leaves_out_raid_items_that_did_not_move_since_the_date(pmo_client, moves):
    raid = listed(changes_since(pmo_client, SINCE_DAYS), "raid-changes")

    # R10 untouched, R16 re-scored and R17 closed before the date.
    assert set(raid) == {"R11", "R12", "R13", "R14", "R15"}


# --- milestones ----------------------------------------------------------------------------------------------


def test_lists_milestones_whose_forecast_changed_with_old_and_new_forecast_and_rag(pmo_client, moves):
    line = listed(changes_since(pmo_client, SINCE_DAYS), "milestone-changes")["T3-DB-0011"]

    baseline = today() + 56 * DAY
    assert f"forecast {baseline:%d/%m/%y} → {add_working_days(baseline, 2):%d/%m/%y}" in line
    assert "RAG Green → Amber" in line


def test_lists_milestones_whose_rag_alone_changed(pmo_client, moves):
    # T3-DB-0013's baseline came within the look-ahead with work not started: Green then, Amber now.
    line = listed(changes_since(pmo_client, SINCE_DAYS), "milestone-changes")["T3-DB-0013"]

    assert "RAG Green → Amber" in line
    assert "forecast" not in line


def test_lists_milestones_created_since_the_date_as_new(pmo_client, moves):
    line = listed(changes_since(pmo_client, SINCE_DAYS), "milestone-changes")["T3-DB-0012"]

    assert line.endswith("— new")


def test_leaves_out_milestones_whose_forecast_and_rag_did_not_change_since_the_date(pmo_client, moves):
    milestones = listed(changes_since(pmo_client, SINCE_DAYS), "milestone-changes")

    # T3-DB-0010 untouched; T3-DB-0015 re-forecast before the date.
    assert set(milestones) == {"T3-DB-0011", "T3-DB-0012", "T3-DB-0013", "T3-DB-0014"}


# --- change requests -----------------------------------------------------------------------------------------


def test_lists_crs_that_moved_stage_with_where_they_were_and_are(pmo_client, moves):
    line = listed(changes_since(pmo_client, SINCE_DAYS), "cr-changes")["CR201"]

    assert "Raised (Open) → Validated by Change Board (Open)" in line


def test_lists_crs_decided_since_the_date(pmo_client, moves):
    line = listed(changes_since(pmo_client, SINCE_DAYS), "cr-changes")["CR202"]

    assert "Awaiting approval decision (Open) → Approved, awaiting implementation (Approved)" in line


def test_lists_crs_raised_since_the_date(pmo_client, moves):
    line = listed(changes_since(pmo_client, SINCE_DAYS), "cr-changes")["CR203"]

    assert "raised, now Raised (Open)" in line


def test_leaves_out_crs_that_neither_moved_stage_nor_were_decided(pmo_client, moves):
    crs = listed(changes_since(pmo_client, SINCE_DAYS), "cr-changes")

    # CR200 untouched; CR205 only retitled.
    assert set(crs) == {"CR201", "CR202", "CR203", "CR204"}


# --- actions -------------------------------------------------------------------------------------------------


def test_lists_actions_raised_and_closed_since_the_date(pmo_client, moves):
    actions = listed(changes_since(pmo_client, SINCE_DAYS), "action-changes")
    a = moves["actions"]

    assert actions[a["raised"].ref].startswith("Raised")
    assert actions[a["closed"].ref].startswith("Closed")
    assert set(actions) == {a["raised"].ref, a["closed"].ref, a["restricted"].ref}


def test_shows_the_date_it_compares_with(pmo_client, moves):
    document = changes_since(pmo_client, SINCE_DAYS)

    assert document.find("h1").text() == f"What changed since {today() - SINCE_DAYS * DAY:%d %B %Y}"


def test_a_date_after_every_change_lists_nothing(pmo_client, moves):
    document = changes_since(pmo_client, 1)

    for section in ("raid-changes", "milestone-changes", "cr-changes", "action-changes"):
        assert listed(document, section) == {}, section
    assert "No RAID item new, closed or re-scored." in document.text()


def test_a_long_list_shows_its_first_rows_and_total_and_offers_them_all(pmo_client, moves, monkeypatch):
    monkeypatch.setattr("dashboards.selectors.CHANGES_ROWS", 2)
    since = (today() - SINCE_DAYS * DAY).isoformat()

    first = page(pmo_client.get("/changes-since/", {"since": since}))
    every = page(pmo_client.get("/changes-since/", {"since": since, "all": "1"}))

    raid = by_testid(first, "raid-changes")
    assert len([item for item in raid.find_all("li") if item.attrs.get("data-testid") != "more-changes"]) == 2
    assert "RAID items (5)" in first.text()
    more = by_testid(raid, "more-changes")
    assert more.text().startswith("The first 2 of 5")
    assert more.find("a").attrs["href"] == f"?since={since}&all=1"
    assert set(listed(every, "raid-changes")) == {"R11", "R12", "R13", "R14", "R15"}
    assert every.find(data_testid="more-changes") is None


# --- classification ------------------------------------------------------------------------------------------


def test_a_participant_does_not_see_restricted_records_that_moved(participant_client, pmo_client, moves):
    participant = changes_since(participant_client, SINCE_DAYS)
    pmo = changes_since(pmo_client, SINCE_DAYS)
    restricted = {
        "raid-changes": "R15",
        "milestone-changes": "T3-DB-0014",
        "cr-changes": "CR204",
        "action-changes": moves["actions"]["restricted"].ref,
    }

    for section, ref in restricted.items():
        assert ref in listed(pmo, section), section
        assert ref not in listed(participant, section), section
        assert set(listed(pmo, section)) - set(listed(participant, section)) == {ref}, section
    assert "Restricted new action" not in participant.text()


# --- the default date ----------------------------------------------------------------------------------------


@pytest.fixture
def psg_meetings(groups):
    """PSG1 forty days ago, PSG2 ten days ago, PSG3 five days ago but cancelled, PSG4 next week; a DAG meeting
    three days ago."""
    psg = groups["PSG"]
    return {
        "PSG1": MeetingFactory(group=psg, number="1", starts_at=days_ago(40, hour=10)),
        "PSG2": MeetingFactory(group=psg, number="2", starts_at=days_ago(10, hour=10)),
        "PSG3": MeetingFactory(group=psg, number="3", starts_at=days_ago(5, hour=10), status=MeetingStatus.CANCELLED),
        "PSG4": MeetingFactory(group=psg, number="4", starts_at=days_ago(-7, hour=10)),
        "DAG30": MeetingFactory(group=groups["DAG"], number="30", starts_at=days_ago(3, hour=10)),
    }


def test_by_default_compares_with_the_last_psg_held(pmo_client, psg_meetings):
    document = changes_since(pmo_client)

    assert document.find("h1").text() == f"What changed since {today() - 10 * DAY:%d %B %Y}"
    assert f"since the last PSG, PSG2 on {today() - 10 * DAY:%d %B %Y}" in document.text()
    assert document.find("a", href="/meetings/PSG2/") is not None


def test_by_default_what_happened_on_the_day_of_the_last_psg_is_not_new(pmo_client, psg_meetings):
    psg1 = psg_meetings["PSG1"]
    on_the_day = ActionFactory(meeting=psg1, raised_on=today() - 10 * DAY, due_on=today() + 10 * DAY)
    day_after = ActionFactory(meeting=psg1, raised_on=today() - 9 * DAY, due_on=today() + 10 * DAY)
    raid_item_at(days_ago(10, hour=17), ref="R30")  # the afternoon after PSG2, the same day
    raid_item_at(days_ago(9), ref="R31")

    document = changes_since(pmo_client)

    assert set(listed(document, "action-changes")) == {day_after.ref}
    assert on_the_day.ref not in listed(document, "action-changes")
    assert set(listed(document, "raid-changes")) == {"R31"}


def test_without_a_psg_the_default_is_four_weeks_ago(pmo_client, groups):
    dag = MeetingFactory(group=groups["DAG"], number="1", starts_at=days_ago(60, hour=10))
    inside = ActionFactory(meeting=dag, raised_on=today() - 27 * DAY, due_on=today() + 10 * DAY)
    outside = ActionFactory(meeting=dag, raised_on=today() - 29 * DAY, due_on=today() + 10 * DAY)
    raid_item_at(days_ago(27), ref="R40")
    raid_item_at(days_ago(29), ref="R41")

    document = changes_since(pmo_client)

    assert set(listed(document, "action-changes")) == {inside.ref}
    assert outside.ref not in listed(document, "action-changes")
    assert set(listed(document, "raid-changes")) == {"R40"}
    assert "since the last PSG" not in document.text()


def test_an_unreadable_since_falls_back_to_the_default(pmo_client, psg_meetings):
    document = page(pmo_client.get("/changes-since/", {"since": "not-a-date"}))

    assert document.find("h1").text() == f"What changed since {today() - 10 * DAY:%d %B %Y}"
