"""Global search at /search/?q=: refs (an exact ref first) and words across the registers' titles and texts,
scoped to what the reader may see; PostgreSQL ranks stemmed full-text matches, SQLite matches every word as a
case-insensitive substring."""

import pytest
from django.db import connection

from core.choices import Classification
from tests.changes.factories import ChangeRequestFactory
from tests.dashboards.helpers import days_ago, page
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory
from tests.milestones.factories import MilestoneFactory
from tests.raid.factories import RaidItemFactory

pytestmark = pytest.mark.django_db

RESTRICTED = Classification.RESTRICTED
SECTIONS = {
    "Change requests": "search-change-requests",
    "RAID items": "search-raid-items",
    "Milestones": "search-milestones",
    "Actions": "search-actions",
    "Decisions": "search-decisions",
    "Meetings": "search-meetings",
}


@pytest.fixture
def registers(groups):
    dag = groups["DAG"]
    meeting = MeetingFactory(
        group=dag, number="26", starts_at=days_ago(20, hour=10), venue="Birmingham conference centre"
    )
    records = {
        "CR010": ChangeRequestFactory(
            ref="CR010", title="Data flow follow-up", description="Follows up CR054 on the data flows."
        ),
        "CR054": ChangeRequestFactory(
            ref="CR054", title="Half-hourly settlement timetable", description="Moves the run dates."
        ),
        "CR0541": ChangeRequestFactory(ref="CR0541", title="Interface catalogue", description="New interfaces."),
        "CR071": ChangeRequestFactory(
            ref="CR071",
            title="Settlement timetable for disputes",
            description="Reconciliation runs move to fourteen months.",
        ),
        "CR090": ChangeRequestFactory(ref="CR090", title="Elexon portal access", description="Access for parties."),
        "CR091": ChangeRequestFactory(
            ref="CR091",
            title="Elexon commercial terms",
            description="Confidential negotiation.",
            classification=RESTRICTED,
        ),
        "R500": RaidItemFactory(
            ref="R500", title="Data quality", description="Legacy transformer metering data may be incomplete."
        ),
        "R501": RaidItemFactory(ref="R501", title="Elexon capacity", description="Service desk load."),
        "R502": RaidItemFactory(
            ref="R502", title="Elexon contract", description="Contract renewal.", classification=RESTRICTED
        ),
        "M10": MilestoneFactory(ref="M10", forum=groups["PSG"], title="Go-live", commentary="Awaiting Ofgem consent"),
        "meeting": meeting,
        "action": ActionFactory(meeting=meeting, description="Send the Elexon data request", owner="Priya Natarajan"),
        "restricted_action": ActionFactory(
            meeting=meeting, description="Brief Elexon on the contract", classification=RESTRICTED
        ),
        "decision": DecisionFactory(meeting=meeting, text="The group endorsed the cutover rehearsal plan"),
    }
    return records


def search(client, q: str):
    return page(client.get("/search/", {"q": q}))


def hits(document) -> dict[str, list[str]]:
    """{register label: refs found, in order}."""
    found = {}
    for label, testid in SECTIONS.items():
        section = document.find("section", data_testid=testid)
        if section is not None:
            found[label] = [item.find("a").text() for item in section.find_all("li")]
    return found


def totals(document) -> dict[str, int]:
    found = {}
    for label, testid in SECTIONS.items():
        section = document.find("section", data_testid=testid)
        if section is not None:
            found[label] = int(section.find("span", cls="badge").text())
    return found


# --- refs ----------------------------------------------------------------------------------------------------


def test_a_cr_ref_finds_that_cr_first(pmo_client, registers):
    found = hits(search(pmo_client, "CR054"))

    # CR010 mentions CR054 and CR0541's ref starts with it, but the CR itself comes first.
    assert found["Change requests"][0] == "CR054"
    assert set(found["Change requests"]) == {"CR054", "CR010", "CR0541"}


def test_a_ref_is_matched_whatever_its_case(pmo_client, registers):
    assert hits(search(pmo_client, "cr054"))["Change requests"][0] == "CR054"


def test_a_hit_links_to_the_records_page_with_its_title(pmo_client, registers):
    section = search(pmo_client, "CR054").find("section", data_testid="search-change-requests")
    first = section.find("li")

    assert first.find("a").attrs["href"] == "/changes/CR054/"
    assert "Half-hourly settlement timetable" in first.text()


def test_a_meeting_and_an_action_ref_find_them(pmo_client, registers):
    assert hits(search(pmo_client, "DAG26"))["Meetings"] == ["DAG26"]
    action = registers["action"].ref
    assert hits(search(pmo_client, action))["Actions"][0] == action


# --- words ---------------------------------------------------------------------------------------------------


def test_a_word_of_a_raid_items_description_finds_it(pmo_client, registers):
    assert hits(search(pmo_client, "transformer")) == {"RAID items": ["R500"]}


def test_an_actions_owner_finds_it(pmo_client, registers):
    assert hits(search(pmo_client, "Natarajan")) == {"Actions": [registers["action"].ref]}


def test_words_match_across_a_records_title_and_description(pmo_client, registers):
    # "timetable" is in both CR054's and CR071's titles; "reconciliation" only in CR071's description.
    assert hits(search(pmo_client, "timetable reconciliation")) == {"Change requests": ["CR071"]}


def test_words_find_milestones_decisions_and_meetings_by_their_text(pmo_client, registers):
    assert hits(search(pmo_client, "Ofgem consent")) == {"Milestones": ["M10"]}
    assert hits(search(pmo_client, "cutover rehearsal")) == {"Decisions": [registers["decision"].ref]}
    assert hits(search(pmo_client, "Birmingham")) == {"Meetings": ["DAG26"]}


def test_one_word_can_match_several_registers(pmo_client, registers):
    found = hits(search(pmo_client, "Elexon"))

    assert set(found) == {"Change requests", "RAID items", "Actions"}
    assert set(found["Change requests"]) == {"CR090", "CR091"}
    assert set(found["RAID items"]) == {"R501", "R502"}


def test_nothing_matching_says_so(pmo_client, registers):
    document = search(pmo_client, "zeppelin")

    assert hits(document) == {}
    assert "Nothing matches “zeppelin”." in document.text()


@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_query_shows_nothing(pmo_client, registers, q):
    document = search(pmo_client, q)

    assert hits(document) == {}
    assert "Nothing matches" not in document.text()


def test_the_search_box_is_in_the_navigation_bar_of_every_page(pmo_client, registers):
    navigation_form = page(pmo_client.get("/")).find("form", action="/search/")

    assert navigation_form is not None
    assert navigation_form.find("input", name="q") is not None


# --- classification ------------------------------------------------------------------------------------------


def test_a_participant_never_finds_restricted_records(participant_client, registers):
    found = hits(search(participant_client, "Elexon"))

    assert found == {
        "Change requests": ["CR090"],
        "RAID items": ["R501"],
        "Actions": [registers["action"].ref],
    }
    assert totals(search(participant_client, "Elexon")) == {"Change requests": 1, "RAID items": 1, "Actions": 1}


def test_a_participant_searching_a_restricted_ref_finds_nothing(participant_client, registers):
    assert hits(search(participant_client, "CR091")) == {}
    assert hits(search(participant_client, "R502")) == {}
    assert hits(search(participant_client, registers["restricted_action"].ref)) == {}


def test_pmo_finds_restricted_records(pmo_client, registers):
    assert totals(search(pmo_client, "Elexon")) == {"Change requests": 2, "RAID items": 2, "Actions": 2}


# --- per database --------------------------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Ranked, stemmed full-text search is the PostgreSQL search; SQLite has the substring fallback.",
)
def test_on_postgresql_search_is_stemmed_and_ranked(pmo_client, registers):
    ChangeRequestFactory(ref="CR080", title="Migration plan", description="Migration of the migration data.")
    ChangeRequestFactory(ref="CR081", title="Registration services", description="A note on one migration.")

    assert hits(search(pmo_client, "migrations"))["Change requests"] == ["CR080", "CR081"]
    # Stemmed: "disputed" finds CR071's "disputes", which no substring match would.
    assert hits(search(pmo_client, "disputed")) == {"Change requests": ["CR071"]}


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="The case-insensitive substring fallback is the SQLite search; PostgreSQL matches whole lexemes.",
)
def test_on_sqlite_each_word_matches_as_a_case_insensitive_substring(pmo_client, registers):
    assert hits(search(pmo_client, "RECONCIL")) == {"Change requests": ["CR071"]}
    assert hits(search(pmo_client, "transform metering")) == {"RAID items": ["R500"]}
    # Refs are listed in order, the exact ref first.
    assert hits(search(pmo_client, "Elexon"))["Change requests"] == ["CR090", "CR091"]
