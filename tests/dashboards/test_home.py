"""The programme dashboard at /: milestone RAG donuts per tier and forum, the M-milestone timeline, the RAID heat
map and top risks with movement, CRs by stage and in impact assessment, actions overdue and due soon, the next
meeting of each group; every figure links to the register behind it, Participants count Public records only,
the page runs a constant number of queries, and ?as_of= shows the programme as it stood on a past date."""

from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from changes.choices import ChangeStage, ChangeStatus
from core.choices import Classification
from meetings.choices import ActionStatus, MeetingStatus
from milestones import services as milestone_services
from milestones.choices import MilestoneStatus, Rag, Tier
from milestones.rag import add_working_days
from raid.choices import RaidKind
from raid.scoring import load_scoring
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import (
    DAY,
    backdate,
    by_testid,
    days_ago,
    donuts,
    heat_map_cells,
    page,
    register_refs,
    save_at,
    today,
)
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory
from tests.raid.factories import close_at, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED
TIER_1, TIER_2, TIER_3 = Tier.PROGRAMME.label, Tier.TIER_2.label, Tier.TIER_3.label


def score(likelihood, impact, kind=RaidKind.RISK):
    return load_scoring().score(kind, likelihood, impact)


@pytest.fixture
def programme(groups):
    """A small programme, one Restricted record per panel:

    milestones M1 Green, M2 Amber, M3 Red (PSG, tier 1); T3-DB-0001 Green and T3-DB-0002 Red Restricted (DAG);
    T2-DB-0001 Complete (CCAG).
    RAID: R101 L2×I4 → L3×I4 ten days ago; R102 L3×I4 unchanged; R103 L4×I5 → L3×I5 ten days ago; I101 impact 2
    raised five days ago; R104 L5×I6 Restricted; R105 closed; A101 L1×I1 (an assumption: on the map, not a risk).
    CRs: CR100, CR101 raised; CR102 in IA closing in ten days; CR103 Restricted in IA closing in five days; CR104
    awaiting decision; CR105 approved; CR106 rejected.
    Actions of DAG10 (thirty days ago): overdue open, ongoing and Restricted ones, one due soon, one due later, one
    closed overdue.
    Meetings: DAG11 next week, DAG12 in three weeks, PSG5 in two weeks, CCAG3 cancelled, CCAG4 Restricted in ten
    days, CCAG5 beyond the window."""
    psg, dag, ccag = groups["PSG"], groups["DAG"], groups["CCAG"]
    baseline = today() + 56 * DAY
    milestone = {
        "M1": MilestoneFactory(
            ref="M1", forum=psg, baseline_on=baseline, forecast_on=baseline, status=MilestoneStatus.IN_PROGRESS
        ),
        "M2": MilestoneFactory(
            ref="M2",
            forum=psg,
            baseline_on=baseline,
            forecast_on=add_working_days(baseline, 3),
            status=MilestoneStatus.IN_PROGRESS,
        ),
        "M3": MilestoneFactory(
            ref="M3",
            forum=psg,
            baseline_on=baseline,
            forecast_on=add_working_days(baseline, 11),
            status=MilestoneStatus.IN_PROGRESS,
        ),
        "T3-DB-0001": MilestoneFactory(ref="T3-DB-0001", forum=dag, status=MilestoneStatus.IN_PROGRESS),
        "T3-DB-0002": MilestoneFactory(
            ref="T3-DB-0002",
            forum=dag,
            baseline_on=today() - 10 * DAY,
            forecast_on=today() - 10 * DAY,
            status=MilestoneStatus.IN_PROGRESS,
            classification=RESTRICTED,
        ),
        "T2-DB-0001": MilestoneFactory(
            ref="T2-DB-0001",
            forum=ccag,
            baseline_on=today() - 20 * DAY,
            forecast_on=today() - 20 * DAY,
            actual_on=today() - 21 * DAY,
            status=MilestoneStatus.COMPLETE,
        ),
    }
    milestone_services.recompute_rag()

    raid = {
        "R101": raid_item_at(days_ago(60), ref="R101", likelihood=2, impact=4),
        "R102": raid_item_at(days_ago(60), ref="R102", likelihood=3, impact=4),
        "R103": raid_item_at(days_ago(60), ref="R103", likelihood=4, impact=5),
        "I101": raid_item_at(days_ago(5), ref="I101", kind=RaidKind.ISSUE, impact=2),
        "R104": raid_item_at(days_ago(60), ref="R104", likelihood=5, impact=6, classification=RESTRICTED),
        "R105": raid_item_at(days_ago(60), ref="R105", likelihood=2, impact=2),
        "A101": raid_item_at(days_ago(60), ref="A101", kind=RaidKind.ASSUMPTION, likelihood=1, impact=1),
    }
    rescore_at(raid["R101"], days_ago(10), likelihood=3, impact=4)
    rescore_at(raid["R103"], days_ago(10), likelihood=3, impact=5)
    close_at(raid["R105"], days_ago(10))

    IA, OPEN = ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.OPEN
    crs = {
        "CR100": ChangeRequestFactory(ref="CR100"),
        "CR101": ChangeRequestFactory(ref="CR101"),
        "CR102": ChangeRequestFactory(ref="CR102", stage=IA, ia_closes_on=today() + 10 * DAY, decision_body=dag),
        "CR103": ChangeRequestFactory(ref="CR103", stage=IA, ia_closes_on=today() + 5 * DAY, classification=RESTRICTED),
        "CR104": ChangeRequestFactory(ref="CR104", stage=ChangeStage.AWAITING_DECISION, status=OPEN),
        "CR105": ChangeRequestFactory(ref="CR105", stage=ChangeStage.APPROVED, status=ChangeStatus.APPROVED),
        "CR106": ChangeRequestFactory(ref="CR106", stage=ChangeStage.CLOSED, status=ChangeStatus.REJECTED),
    }

    dag10 = MeetingFactory(group=dag, number="10", starts_at=days_ago(30, hour=10))
    actions = {
        "overdue": ActionFactory(meeting=dag10, due_on=today() - 3 * DAY, description="Publish the design note"),
        "due_soon": ActionFactory(meeting=dag10, due_on=today() + 2 * DAY, description="Share the test plan"),
        "later": ActionFactory(meeting=dag10, due_on=today() + 30 * DAY, description="Review the code drafts"),
        "closed": ActionFactory(
            meeting=dag10,
            due_on=today() - 4 * DAY,
            status=ActionStatus.CLOSED,
            closed_on=today() - 5 * DAY,
            description="Circulate the minutes",
        ),
        "restricted": ActionFactory(
            meeting=dag10, due_on=today() - 2 * DAY, classification=RESTRICTED, description="Brief the SRO"
        ),
        "ongoing": ActionFactory(
            meeting=dag10, due_on=today() - DAY, status=ActionStatus.ONGOING, description="Chase the DNO replies"
        ),
    }

    meetings = {
        "DAG11": MeetingFactory(group=dag, number="11", starts_at=days_ago(-7, hour=10)),
        "DAG12": MeetingFactory(group=dag, number="12", starts_at=days_ago(-21, hour=10)),
        "PSG5": MeetingFactory(group=psg, number="5", starts_at=days_ago(-14, hour=10)),
        "CCAG3": MeetingFactory(
            group=ccag, number="3", starts_at=days_ago(-3, hour=10), status=MeetingStatus.CANCELLED
        ),
        "CCAG4": MeetingFactory(group=ccag, number="4", starts_at=days_ago(-10, hour=10), classification=RESTRICTED),
        "CCAG5": MeetingFactory(group=ccag, number="5", starts_at=days_ago(-200, hour=10)),
    }
    return {"milestones": milestone, "raid": raid, "crs": crs, "actions": actions, "meetings": meetings}


def home(client, **params):
    return page(client.get("/", params))


# --- milestone RAG donuts ------------------------------------------------------------------------------------


def test_donuts_count_each_tiers_milestones_by_their_rag(pmo_client, programme):
    charts = donuts(home(pmo_client))

    assert {label: count for label, (count, _) in charts[TIER_1].items()} == {"Red": 1, "Amber": 1, "Green": 1}
    assert {label: count for label, (count, _) in charts[TIER_2].items()} == {"Complete": 1}
    assert {label: count for label, (count, _) in charts[TIER_3].items()} == {"Red": 1, "Green": 1}


def test_donuts_count_each_forums_milestones_by_their_rag(pmo_client, programme):
    charts = donuts(home(pmo_client))

    assert {label: count for label, (count, _) in charts["PSG"].items()} == {"Red": 1, "Amber": 1, "Green": 1}
    assert {label: count for label, (count, _) in charts["DAG"].items()} == {"Red": 1, "Green": 1}
    assert {label: count for label, (count, _) in charts["CCAG"].items()} == {"Complete": 1}


def test_a_donuts_total_is_the_number_of_its_milestones(pmo_client, programme):
    document = home(pmo_client)

    totals = {
        figure.find("caption").text(): int(figure.find("text").text())
        for figure in document.find_all("figure", data_testid="donut")
    }

    assert totals == {TIER_1: 3, TIER_2: 1, TIER_3: 2, "PSG": 3, "DAG": 2, "CCAG": 1}


def test_each_donut_slice_links_to_the_milestone_register_filtered_to_its_tier_or_forum_and_rag(pmo_client, programme):
    charts = donuts(home(pmo_client))

    assert charts[TIER_1]["Red"][1] == "/milestones/?tier=1&rag=red"
    assert charts[TIER_3]["Green"][1] == "/milestones/?tier=3&rag=green"
    assert charts["PSG"]["Amber"][1] == "/milestones/?forum=PSG&rag=amber"
    assert charts["CCAG"]["Complete"][1] == "/milestones/?forum=CCAG&rag=complete"


@pytest.mark.parametrize("reader", ["pmo_client", "participant_client"])
def test_following_a_donut_slice_lists_exactly_the_milestones_it_counts(request, reader, programme):
    client = request.getfixturevalue(reader)

    for title, slices in donuts(home(client)).items():
        for label, (count, link) in slices.items():
            listed = register_refs(page(client.get(link)))
            assert len(listed) == count, (title, label, link, listed)


def test_a_donut_is_a_picture_without_links_named_by_its_counts_and_its_legend_carries_the_links(pmo_client, programme):
    figure = next(
        f for f in home(pmo_client).find_all("figure", data_testid="donut") if f.find("caption").text() == TIER_1
    )
    svg = figure.find("svg")

    assert svg.attrs["role"] == "img" and not svg.find_all("a"), "an image holds no controls"
    assert svg.find("title").text() == f"{TIER_1}: Red 1, Amber 1, Green 1"
    assert svg.find("desc").text() == "3 in all: Red 33%, Amber 33%, Green 33%."
    assert sorted(text.text() for text in svg.find_all("text")) == ["3", "A", "G", "R"], "each slice's initial"
    links = {a.attrs["href"]: a.text() for a in figure.find("figcaption").find_all("a")}
    assert links == {
        "/milestones/?tier=1&rag=red": f"Red in {TIER_1}",
        "/milestones/?tier=1&rag=amber": f"Amber in {TIER_1}",
        "/milestones/?tier=1&rag=green": f"Green in {TIER_1}",
    }


# --- programme milestones timeline ---------------------------------------------------------------------------


def test_the_timeline_shows_the_programme_milestones_only(pmo_client, programme):
    timeline = home(pmo_client).find("svg", cls="milestone-timeline")

    assert timeline is not None
    labels = [text.text() for text in timeline.find_all("text") if text.text().startswith(("M", "T"))]
    assert labels == ["M1", "M2", "M3"]


def test_the_timeline_marks_baseline_and_forecast_of_each_programme_milestone(pmo_client, programme):
    timeline = home(pmo_client).find("svg", cls="milestone-timeline")
    titles = {title.text() for title in timeline.find_all("title")}

    m3 = programme["milestones"]["M3"]
    assert f"M3 baseline {m3.baseline_on:%d/%m/%Y}" in titles
    assert f"M3 forecast {m3.forecast_on:%d/%m/%Y}" in titles
    # M3 slipped past its baseline: the line joining its markers is drawn red.
    assert any(line.attrs.get("stroke") == "#dc3545" for line in timeline.find_all("line"))


# --- RAID heat map and top risks -----------------------------------------------------------------------------


def test_the_heat_map_counts_open_items_per_likelihood_and_impact(pmo_client, programme):
    cells = heat_map_cells(home(pmo_client))

    counted = {cell: count for cell, (count, _) in cells.items() if count}
    # R101 and R102 at L3×I4, R103 at L3×I5, the issue I101 in the top row at impact 2, R104 at L5×I6, the
    # assumption A101 at L1×I1; the closed R105 is not counted.
    assert counted == {(3, 4): 2, (3, 5): 1, (5, 2): 1, (5, 6): 1, (1, 1): 1}
    assert len(cells) == 30


def test_each_heat_map_count_links_to_the_register_filtered_to_its_cell(pmo_client, programme):
    cells = heat_map_cells(home(pmo_client))

    assert cells[(3, 4)][1] == "/raid/?status=open&impact=4&likelihood=3"
    assert cells[(5, 2)][1] == "/raid/?status=open&impact=2&likelihood=5"
    assert cells[(2, 2)] == (0, "")  # an empty cell has nothing to link to


@pytest.mark.parametrize("reader", ["pmo_client", "participant_client"])
def test_following_a_heat_map_cell_lists_exactly_the_items_it_counts(request, reader, programme):
    client = request.getfixturevalue(reader)

    for cell, (count, link) in heat_map_cells(home(client)).items():
        if count:
            assert len(register_refs(page(client.get(link)))) == count, (cell, link)


def test_top_risks_are_open_risks_and_issues_by_score_with_their_movement(pmo_client, programme):
    rows = by_testid(home(pmo_client), "top-risks-panel").rows()

    assert [row[0] for row in rows] == ["R104", "R103", "R101", "R102", "I101"]
    movement = {row[0]: row[3] for row in rows}
    assert movement == {
        "R104": f"Score remains at {score(5, 6)}",
        "R103": f"Score reduced from {score(4, 5)} to {score(3, 5)}",
        "R101": f"Score increased from {score(2, 4)} to {score(3, 4)}",
        "R102": f"Score remains at {score(3, 4)}",
        "I101": "New item",
    }
    scores = {row[0]: int(row[2].split()[0]) for row in rows}
    assert scores["R103"] == score(3, 5)
    assert scores["I101"] == score(None, 2, RaidKind.ISSUE)


def test_top_risks_link_to_each_items_page(pmo_client, programme):
    links = [a.attrs["href"] for a in by_testid(home(pmo_client), "top-risks-panel").find_all("a")]

    assert links == ["/raid/R104/", "/raid/R103/", "/raid/R101/", "/raid/R102/", "/raid/I101/"]


# --- change requests -----------------------------------------------------------------------------------------


def stage_badges(document) -> dict[str, tuple[int, str]]:
    badges = {}
    for link in by_testid(document, "cr-stages").find_all("a"):
        label, count = link.text().rsplit(":", 1)
        badges[label] = (int(count), link.attrs["href"])
    return badges


def test_open_change_requests_are_counted_by_stage(pmo_client, programme):
    document = home(pmo_client)

    assert {label: count for label, (count, _) in stage_badges(document).items()} == {
        "Raised": 2,
        "Impact Assessment": 2,
        "Awaiting approval decision": 1,
    }
    assert "Change requests: 5 open" in document.find("h2", id="cr-heading").text()


def test_each_stage_count_links_to_the_open_change_requests_at_that_stage(pmo_client, programme):
    badges = stage_badges(home(pmo_client))

    for label, stage in [("Raised", "raised"), ("Impact Assessment", "impact_assessment")]:
        path, _, query = badges[label][1].partition("?")
        assert path == "/changes/"
        assert parse_qs(query)["stage"] == [stage]
        assert "open" in parse_qs(query)["status"]
    for label, (count, link) in badges.items():
        assert len(register_refs(page(pmo_client.get(link)))) == count, label


def test_a_stage_count_including_a_cr_on_hold_links_to_a_register_that_lists_it(pmo_client, programme):
    ChangeRequestFactory(ref="CR107", stage=ChangeStage.AWAITING_DECISION, status=ChangeStatus.ON_HOLD)

    count, link = stage_badges(home(pmo_client))["Awaiting approval decision"]

    assert count == 2  # CR104 (open) and CR107 (on hold) are both undecided at that stage
    assert sorted(register_refs(page(pmo_client.get(link)))) == ["CR104", "CR107"]


def test_crs_in_impact_assessment_are_listed_with_their_closing_dates_soonest_first(pmo_client, programme):
    document = home(pmo_client)
    section = document.find("h2", id="cr-heading").parent.parent
    listed = [
        item.text() for item in section.find("div", cls="card-body").find("ul", cls="list-unstyled").find_all("li")
    ]

    assert len(listed) == 2
    assert listed[0].startswith("CR103") and listed[0].endswith(f"closes {today() + 5 * DAY:%d/%m/%Y}")
    assert listed[1].startswith("CR102") and listed[1].endswith(f"closes {today() + 10 * DAY:%d/%m/%Y}")


# --- actions -------------------------------------------------------------------------------------------------


def test_actions_overdue_come_first_then_those_due_soon(pmo_client, programme):
    rows = by_testid(home(pmo_client), "actions-panel").rows()
    a = programme["actions"]

    assert [row[0] for row in rows] == [a["overdue"].ref, a["restricted"].ref, a["ongoing"].ref, a["due_soon"].ref]
    assert ["Overdue" in row[3] for row in rows] == [True, True, True, False]
    assert "Due soon" in rows[3][3]
    assert rows[0][3].startswith(f"{today() - 3 * DAY:%d/%m/%y}")


def test_closed_actions_and_actions_due_later_are_not_in_the_actions_panel(pmo_client, programme):
    refs = [row[0] for row in by_testid(home(pmo_client), "actions-panel").rows()]

    assert programme["actions"]["closed"].ref not in refs
    assert programme["actions"]["later"].ref not in refs


def test_the_actions_panel_links_to_the_overdue_register(pmo_client, programme):
    section = by_testid(home(pmo_client), "actions-panel").parent.parent
    link = section.find("a", href="/actions/?overdue=true")

    assert link is not None
    a = programme["actions"]
    assert sorted(register_refs(page(pmo_client.get(link.attrs["href"])))) == sorted(
        [a["overdue"].ref, a["restricted"].ref, a["ongoing"].ref]
    )


def test_a_long_actions_panel_shows_the_most_urgent_and_links_to_all_of_each_kind(pmo_client, programme):
    dag10 = programme["actions"]["overdue"].meeting
    for n in range(12):
        ActionFactory(meeting=dag10, due_on=today() - (4 + n) * DAY, description=f"Older overdue {n}")
    for _ in range(10):
        ActionFactory(meeting=dag10, due_on=today() + DAY)
    document = home(pmo_client)
    rows = by_testid(document, "actions-panel").rows()

    overdue_rows = [row for row in rows if "Overdue" in row[-1]]
    assert len(overdue_rows) == 10  # the oldest first: the twelve added are all older than the fixture's three
    assert overdue_rows[0][1].startswith("Older overdue 11")
    more_overdue = by_testid(document, "more-overdue")
    assert more_overdue.text() == "15 overdue in all"
    assert len(register_refs(page(pmo_client.get(more_overdue.attrs["href"])))) == 15
    more_due = by_testid(document, "more-due-soon")
    assert more_due.text() == "11 due soon in all"
    assert len(register_refs(page(pmo_client.get(more_due.attrs["href"])))) == 11


# --- next meetings -------------------------------------------------------------------------------------------


def test_next_meetings_show_each_groups_next_meeting_soonest_first(pmo_client, programme):
    listed = by_testid(home(pmo_client), "next-meetings")
    links = [(a.attrs["href"], a.text().split(" — ")[0]) for a in listed.find_all("a")]

    # DAG11 (next week) before CCAG4 (ten days) before PSG5 (two weeks); DAG12 is DAG's second, CCAG3 is
    # cancelled and CCAG5 is beyond the coming months.
    assert links == [("/meetings/DAG11/", "DAG"), ("/meetings/CCAG4/", "CCAG"), ("/meetings/PSG5/", "PSG")]


# --- classification ------------------------------------------------------------------------------------------


def panel_figures(document) -> dict:
    charts = donuts(document)
    return {
        "milestones": sum(count for slices in charts.values() for count, _ in slices.values()),
        "heat_map": sum(count for count, _ in heat_map_cells(document).values()),
        "top_risks": {row[0] for row in by_testid(document, "top-risks-panel").rows()},
        "cr_stages": sum(count for count, _ in stage_badges(document).values()),
        "actions": {row[0] for row in by_testid(document, "actions-panel").rows()},
        "meetings": {a.attrs["href"] for a in by_testid(document, "next-meetings").find_all("a")},
        "text": document.text(),
    }


def test_a_participants_figures_leave_out_exactly_the_restricted_records(pmo_client, participant_client, programme):
    pmo, participant = panel_figures(home(pmo_client)), panel_figures(home(participant_client))

    # T3-DB-0002 is counted twice by PMO (its tier and its forum).
    assert pmo["milestones"] - participant["milestones"] == 2
    assert pmo["heat_map"] - participant["heat_map"] == 1
    assert pmo["top_risks"] - participant["top_risks"] == {"R104"}
    assert participant["top_risks"] <= pmo["top_risks"]
    assert pmo["cr_stages"] - participant["cr_stages"] == 1
    assert pmo["actions"] - participant["actions"] == {programme["actions"]["restricted"].ref}
    assert participant["actions"] <= pmo["actions"]
    assert pmo["meetings"] - participant["meetings"] == {"/meetings/CCAG4/"}
    assert participant["meetings"] <= pmo["meetings"]


def test_a_participant_sees_no_restricted_record_anywhere_on_the_dashboard(participant_client, programme):
    document = home(participant_client)
    text = document.text()

    charts = donuts(document)
    assert {label: count for label, (count, _) in charts[TIER_3].items()} == {"Green": 1}
    assert {label: count for label, (count, _) in charts["DAG"].items()} == {"Green": 1}
    assert heat_map_cells(document)[(5, 6)][0] == 0
    assert "Change requests: 4 open" in text
    assert {label: count for label, (count, _) in stage_badges(document).items()}["Impact Assessment"] == 1
    for restricted in ("R104", "CR103", "CCAG4", programme["actions"]["restricted"].ref, "Brief the SRO"):
        assert restricted not in text


# --- speed ---------------------------------------------------------------------------------------------------


def add_records(groups, count: int, start: int):
    """`count` more records in each register (milestones, RAID items, CRs, actions and meetings)."""
    forums = list(groups.values())
    for n in range(start, start + count):
        forum = forums[n % len(forums)]
        MilestoneFactory(
            ref=f"T{2 + n % 2}-DB-{n:04d}",
            forum=forum,
            forecast_on=today() + (40 + n % 30) * DAY,
            classification=RESTRICTED if n % 5 == 0 else Classification.PUBLIC,
        )
        raid_item_at(
            days_ago(40),
            ref=f"R{n}",
            likelihood=1 + n % 5,
            impact=1 + n % 6,
            classification=RESTRICTED if n % 7 == 0 else Classification.PUBLIC,
        )
        ChangeRequestFactory(
            ref=f"CR{n:03d}",
            stage=list(ChangeStage)[n % 4],
            ia_closes_on=today() + (n % 20) * DAY,
            classification=RESTRICTED if n % 6 == 0 else Classification.PUBLIC,
        )
    for n in range(start, start + count // 5):
        meeting = MeetingFactory(group=forums[n % len(forums)], number=str(n), starts_at=days_ago(n % 40 - 20, 10))
        for k in range(5):
            ActionFactory(meeting=meeting, due_on=meeting.held_on + (k * 3) * DAY, owner=f"Owner {k}")
    milestone_services.recompute_rag()


def home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_few_queries_however_large_the_data(participant_client, groups):
    add_records(groups, 5, start=500)
    home_queries(participant_client)  # the first request warms the session and per-process caches
    small = home_queries(participant_client)

    add_records(groups, 60, start=600)
    large = home_queries(participant_client)

    assert large == small
    assert small <= 15


def test_the_dashboard_as_of_a_date_runs_the_same_few_queries_however_large_the_data(participant_client, groups):
    as_of = (today() - 10 * DAY).isoformat()
    add_records(groups, 5, start=500)
    participant_client.get("/", {"as_of": as_of})
    with CaptureQueriesContext(connection) as small:
        participant_client.get("/", {"as_of": as_of})

    add_records(groups, 60, start=600)
    with CaptureQueriesContext(connection) as large:
        participant_client.get("/", {"as_of": as_of})

    assert len(large) == len(small)


# --- as of a past date ---------------------------------------------------------------------------------------


@pytest.fixture
def history(groups):
    """Forty days ago: M7 on track, R200 at L2×I2, CR200 raised. Ten days ago (after the as-of date, twenty days
    ago) M7 was re-forecast beyond tolerance, R200 re-scored to L4×I5 and CR200 issued for impact assessment;
    R201 was raised five days ago."""
    baseline = today() + 56 * DAY
    m7 = MilestoneFactory(
        ref="M7",
        forum=groups["PSG"],
        baseline_on=baseline,
        forecast_on=baseline,
        status=MilestoneStatus.IN_PROGRESS,
        history_date=days_ago(40),
    )
    save_at(m7, days_ago(10), forecast_on=add_working_days(baseline, 15))
    milestone_services.recompute_rag()

    r200 = raid_item_at(days_ago(40), ref="R200", likelihood=2, impact=2)
    rescore_at(r200, days_ago(10), likelihood=4, impact=5)
    raid_item_at(days_ago(5), ref="R201", likelihood=1, impact=6)

    cr200 = backdate(ChangeRequestFactory(ref="CR200", title="Settlement timetable"), days_ago(40))
    save_at(cr200, days_ago(10), stage=ChangeStage.IMPACT_ASSESSMENT, ia_closes_on=today() + 5 * DAY)
    return {"m7": m7, "r200": r200, "cr200": cr200}


AS_OF = 20  # days ago


def test_as_of_a_past_date_shows_the_read_only_banner(pmo_client, history):
    document = home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat())

    banner = by_testid(document, "as-of-banner")
    assert f"{today() - AS_OF * DAY:%d %B %Y}" in banner.text()
    assert "read-only" in banner.text()


def test_without_as_of_there_is_no_banner(pmo_client, history):
    assert home(pmo_client).find(data_testid="as-of-banner") is None


def test_as_of_a_past_date_counts_a_milestone_re_forecast_since_with_its_rag_then(pmo_client, history):
    now = donuts(home(pmo_client))
    then = donuts(home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat()))

    assert {label: count for label, (count, _) in now[TIER_1].items()} == {Rag.RED.label: 1}
    assert {label: count for label, (count, _) in then[TIER_1].items()} == {Rag.GREEN.label: 1}
    assert {label: count for label, (count, _) in then["PSG"].items()} == {Rag.GREEN.label: 1}


def test_as_of_a_past_date_shows_the_timeline_forecast_then(pmo_client, history):
    then = home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat())
    titles = {title.text() for title in then.find("svg", cls="milestone-timeline").find_all("title")}

    assert f"M7 forecast {today() + 56 * DAY:%d/%m/%Y}" in titles


def test_as_of_a_past_date_leaves_items_raised_later_off_the_heat_map(pmo_client, history):
    now = heat_map_cells(home(pmo_client))
    then = heat_map_cells(home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat()))

    assert now[(1, 6)][0] == 1  # R201, raised five days ago
    assert then[(1, 6)][0] == 0
    assert sum(count for count, _ in now.values()) == 2
    assert sum(count for count, _ in then.values()) == 1


def test_as_of_a_past_date_places_a_re_scored_item_in_its_cell_then(pmo_client, history):
    now = heat_map_cells(home(pmo_client))
    then = heat_map_cells(home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat()))

    assert (now[(4, 5)][0], now[(2, 2)][0]) == (1, 0)
    assert (then[(4, 5)][0], then[(2, 2)][0]) == (0, 1)


def test_as_of_a_past_date_lists_top_risks_with_their_score_then(pmo_client, history):
    rows = by_testid(home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat()), "top-risks-panel").rows()

    assert [row[0] for row in rows] == ["R200"]
    assert int(rows[0][2].split()[0]) == score(2, 2)


def test_as_of_a_past_date_counts_a_cr_in_the_stage_it_was_at_then(pmo_client, history):
    now = stage_badges(home(pmo_client))
    then_document = home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat())
    then = stage_badges(then_document)

    assert {label: count for label, (count, _) in now.items()} == {"Impact Assessment": 1}
    assert {label: count for label, (count, _) in then.items()} == {"Raised": 1}
    # Not yet in impact assessment then: no closing date listed.
    assert "closes" not in then_document.find("h2", id="cr-heading").parent.parent.text()


def test_as_of_a_past_date_still_hides_restricted_records_from_a_participant(participant_client, history):
    R = Classification.RESTRICTED
    for record in (history["r200"], history["cr200"], history["m7"]):
        type(record).objects.filter(pk=record.pk).update(classification=R)

    document = home(participant_client, as_of=(today() - AS_OF * DAY).isoformat())

    assert donuts(document) == {}
    assert sum(count for count, _ in heat_map_cells(document).values()) == 0
    assert stage_badges(document) == {}


def test_as_of_a_past_date_a_forum_deleted_since_still_names_its_donut(pmo_client, groups):
    retired = GovernanceGroupFactory(code="RWG", name="Retired Working Group", parent=groups["PSG"])
    backdate(retired, days_ago(60))
    milestone = MilestoneFactory(ref="T3-RWG-1", tier=Tier.TIER_3, forum=retired, history_date=days_ago(40))
    save_at(milestone, days_ago(10), forum=groups["DAG"])
    retired.delete()

    then = donuts(home(pmo_client, as_of=(today() - AS_OF * DAY).isoformat()))

    assert sum(count for count, _ in then["RWG"].values()) == 1
    assert "RWG" not in donuts(home(pmo_client))
