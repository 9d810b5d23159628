"""What meetings.packs.compose() puts in a pack: the cover, the agenda with its page references, one section per
agenda item filled from the registers, classification filtering, section digests and "Updated" marks, and a
number of queries that does not grow with the registers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.records import recorded_at
from meetings import packs, services
from meetings.choices import AgendaItemType, PackKind, StandingSection
from meetings.models import Action, AgendaItem, MeetingPack
from programme.choices import GroupLevel
from raid.choices import RaidKind
from raid.models import MitigationStep
from tests.changes.factories import ChangeRequestFactory
from tests.milestones.factories import MilestoneFactory
from tests.milestones.factories import aware as aware_on
from tests.packs.conftest import AGENDA, ANCHOR, HEADINGS, KEPT_UP_TO, PUBLIC, RESTRICTED, _meeting, new_pack, score
from tests.packs.html import parse
from tests.programme.factories import GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import aware, raid_item_at


def composed(meeting, kind=PackKind.PAPERS, classification=PUBLIC):
    pack = new_pack(meeting, kind=kind, classification=classification)
    html, digests = packs.compose(pack)
    return pack, parse(html), digests


def section(doc, standing_section):
    return doc.by_id(ANCHOR[standing_section])


def first_column(table) -> list[str]:
    return [row[0] for row in table.rows()]


# --- sections -------------------------------------------------------------------------------------------------


def test_the_papers_have_one_section_per_agenda_item_with_its_type_objective_lead_and_time_slot(world):
    _, doc, digests = composed(world.meeting)

    assert list(digests) == [f"item-{n}" for n in range(1, len(AGENDA) + 1)]
    sections = doc.find_all("section", cls="pack-section")
    assert [s.attrs["id"] for s in sections] == ["agenda", *digests]
    for anchor, heading in HEADINGS.items():
        assert doc.by_id(anchor).find("h2").text() == heading
    meta = doc.by_id("item-3").find("p", cls="meta").text()
    assert meta == ("Decision: Objective of change request status · DAG Chair · 20 mins (10:15-10:35)"), (
        "type, objective, lead, duration and the computed time slot"
    )
    assert doc.by_id("item-4").find("span", cls="section-type").text() == "Discussion:"
    assert doc.by_id("item-1").find("table") is None, "an item with no standing section shows its objective only"


def test_the_cover_names_the_programme_group_meeting_date_version_document_ref_and_classification(world):
    _, doc, _ = composed(world.meeting)

    cover = doc.find("section", cls="cover").text()
    assert "Market-wide Half-Hourly Settlement Programme" in cover
    assert "Design Advisory Group #26" in cover
    assert "Meeting papers" in cover
    assert "Wednesday 20 March 2024, 10:00–12:00" in cover
    assert "Version 1.0" in cover
    assert "Document ref MHHS-DEL2026" in cover
    assert "Document Classification: Public" in cover


def test_the_actions_review_lists_the_groups_outstanding_actions_and_those_closed_since_the_previous_meeting(world):
    _, doc, _ = composed(world.meeting)

    review = section(doc, StandingSection.ACTIONS)
    assert "closed since DAG25 (06 March 2024)" in review.text()
    table = review.find("table", data_testid="actions-log")
    assert first_column(table) == ["DAG26-01", "DAG25-01", "DAG25-02"], "the latest meeting's first, as the papers"
    rows = {row[0]: row for row in table.rows()}
    assert rows["DAG25-01"][-1] == "Draft circulated", "the latest update"
    assert rows["DAG25-02"][5] == "Closed"
    # Closed at the previous meeting (DAG24-01), another group's (SITAG10-01), Restricted (DAG25-03): not listed.
    for ref in ("DAG24-01", "SITAG10-01", "DAG25-03"):
        assert ref not in review.text()


def test_the_change_request_section_has_the_status_table_and_the_ia_tally_of_the_cr_up_for_decision(world):
    _, doc, _ = composed(world.meeting)

    crs = section(doc, StandingSection.CHANGE_REQUESTS)
    status = crs.find("table", data_testid="status-table")
    assert first_column(status) == ["CR101", "CR102", "CR103"], "recent or open CRs; not CR090 (old, approved)"
    assert {row[0]: row[6] for row in status.rows()}["CR101"] == "Awaiting approval decision"

    # Only CR101 is up for decision by DAG; CR103 awaits SITAG's decision.
    headings = [h.text() for h in crs.find_all("h3")]
    assert headings == ["Change Request Status", "CR101 – Impact Assessment Summary: Move the design baseline date"]
    tally = crs.find("table", data_testid="impact-summary")
    assert tally.rows() == [["Large Supplier", "1", "1", "-", "-"], ["DNO", "-", "-", "-", "1"]]
    totals = tally.find("tfoot").find("tr")
    assert [cell.text() for cell in totals.children if not isinstance(cell, str)] == ["Totals", "1", "1", "0", "1"]


def test_the_raid_section_lists_the_groups_open_risks_by_score_with_their_movement_since_the_previous_meeting(world):
    _, doc, _ = composed(world.meeting)

    raid = section(doc, StandingSection.RAID)
    assert "Top programme risks related to DAG" in raid.text()
    assert "Score movement since 06 March 2024." in raid.text()
    table = raid.find("table", data_testid="top-risks")
    movement = {row[0]: row[5] for row in table.rows()}
    assert movement == {
        "R101": f"Score increased from {score(RaidKind.RISK, 3, 4)} to {score(RaidKind.RISK, 4, 5)}",
        "I101": f"Score remains at {score(RaidKind.ISSUE, None, 3)}",
        "R102": f"Score remains at {score(RaidKind.RISK, 2, 3)}",
        "R103": "New item",
    }
    scores = [int(row[4].split()[0]) for row in table.rows()]
    assert scores == sorted(scores, reverse=True), "highest score first"
    assert "Agree a fallback design" in table.rows()[0][6], "the mitigation steps"
    assert "R105" not in raid.text(), "a risk related to another group only"


def test_the_delivery_dashboard_shows_the_groups_milestones_with_previous_current_and_forecast_rag(world):
    _, doc, _ = composed(world.meeting)

    dashboard = section(doc, StandingSection.MILESTONES)
    table = dashboard.find("table", data_testid="delivery-dashboard")
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers[6:9] == ["Previous RAG 06/03/24", "Current RAG 20/03/24", "Forecast RAG 17/04/24"]
    rag = {row[0]: row[6:9] for row in table.rows()}
    assert rag == {
        "T3-DB-0101": ["Green", "Amber", "Amber"],
        "T3-DB-0102": ["Green", "Green", "Green"],
    }, (
        "the group's milestones only (not SITAG's T3-SI-0101), RAG as at DAG25 and DAG26, and the forecast for DAG27"
        " as known when the papers were issued: the PMO's Red of 1 April came later"
    )
    assert dashboard.find("figure", data_testid="donut").find("svg") is not None, "the RAG donut, server-rendered"
    assert dashboard.find("svg", cls="milestone-timeline") is not None, "the timeline, server-rendered"


def test_the_summary_lists_the_meetings_actions_and_decisions_and_the_forward_plan_with_the_next_agenda(world):
    _, doc, _ = composed(world.meeting)

    summary = section(doc, StandingSection.SUMMARY)
    assert first_column(summary.find("table", data_testid="actions-log")) == ["DAG26-01"]
    assert first_column(summary.find("table", data_testid="decisions-log")) == [world.decisions["public"].ref]
    text = summary.text()
    assert "Design Advisory Group #27 — Wednesday 17 April 2024, 10:00" in text
    assert [li.text() for li in summary.find("ul").find_all("li")] == [
        "Design baseline review",
        "Interface specification walkthrough",
    ]


def test_the_headline_report_has_actions_and_decisions_by_area_discussion_votes_and_the_next_meeting(world):
    _, doc, digests = composed(world.meeting, kind=PackKind.HEADLINE_REPORT)

    assert list(digests) == ["headline"]
    report = doc.by_id("headline")
    text = report.text()
    assert "Design Advisory Group (DAG) Headline Report" in text
    assert "Meeting number DAG 26" in text
    assert "Venue Teams" in text
    assert [h.text() for h in report.find_all("h2")] == [
        "Actions",
        "Decisions",
        "Key discussion items",
        "Votes",
        "Next meeting",
    ], "one table per section, the area a column"
    actions = report.find("table", data_testid="actions-log")
    assert [tuple(row[:2]) for row in actions.rows()] == [
        ("This meeting",),
        ("DAG26-01", "Baseline"),
        ("Previous Meeting(s)",),
        ("DAG25-01", "Design"),
    ], "this meeting's actions, then the earlier meetings' still open (DAG25-02 closed here, DAG24-01 long ago)"
    decisions = report.find("table", data_testid="decisions-log")
    assert [tuple(row[:2]) for row in decisions.rows()] == [(world.decisions["public"].ref, "Baseline")]
    assert "Walkthrough of the API spec" in text
    assert report.find("table", data_testid="tally").rows() == [
        ["CR101", "1", "1", "0", "0", "One voted to reject, one to approve"]
    ]
    assert "Design Advisory Group #27: Wednesday 17 April 2024, 10:00" in text
    assert doc.find("table", data_testid="pack-agenda") is None, "a headline report has no agenda table"


# --- agenda and page references ------------------------------------------------------------------------------


def test_the_agenda_table_has_one_page_reference_per_item_pointing_at_its_section(world):
    _, doc, _ = composed(world.meeting)

    agenda = doc.find("table", data_testid="pack-agenda")
    rows = agenda.find("tbody").find_all("tr")
    assert len(rows) == len(AGENDA)
    for position, row in enumerate(rows, start=1):
        refs = row.find_all("a", cls="page-ref")
        assert [ref.attrs["href"] for ref in refs] == [f"#item-{position}"]
        target = doc.by_id(f"item-{position}")
        assert target.tag == "section"
        assert "pack-section" in target.classes
    times = [row[5] for row in agenda.rows()]
    assert times == [
        "10:00-10:05 5 mins",
        "10:05-10:15 10 mins",
        "10:15-10:35 20 mins",
        "10:35-10:50 15 mins",
        "10:50-11:05 15 mins",
        "11:05-11:10 5 mins",
    ]


@pytest.mark.parametrize(("classification", "label"), [(PUBLIC, "Public"), (RESTRICTED, "Restricted")])
def test_the_classification_and_version_feed_the_page_header_and_footer(world, classification, label):
    _, doc, _ = composed(world.meeting, classification=classification)

    strings = doc.find("div", cls="doc-strings")
    assert strings.attrs["data-classification"] == label
    assert strings.attrs["data-version"] == "v1.0 · MHHS-DEL2026"
    assert strings.attrs["data-title"] == "Design Advisory Group #26 · 20 March 2024"
    assert f"Document Classification: {label}" in doc.find("section", cls="cover").text()


# --- classification -------------------------------------------------------------------------------------------


def _refs_in(doc, refs: dict) -> dict[str, list[str]]:
    text = doc.find("body").text()
    return {kind: [ref for ref in listed if ref in text] for kind, listed in refs.items()}


def test_a_public_pack_leaves_out_restricted_records(world):
    _, doc, _ = composed(world.meeting, classification=PUBLIC)

    assert _refs_in(doc, world.restricted) == {kind: [] for kind in world.restricted}
    assert _refs_in(doc, world.public) == world.public
    assert "The group noted the contingency plan" not in doc.find("body").text()


def test_a_restricted_pack_includes_restricted_records(world):
    _, doc, _ = composed(world.meeting, classification=RESTRICTED)

    assert _refs_in(doc, world.restricted) == world.restricted
    assert _refs_in(doc, world.public) == world.public
    assert _refs_in(doc, world.absent) == {kind: [] for kind in world.absent}, "other groups' and stale records"


def test_a_public_headline_report_leaves_out_restricted_actions_and_decisions(world):
    _, public, _ = composed(world.meeting, kind=PackKind.HEADLINE_REPORT, classification=PUBLIC)
    _, restricted, _ = composed(world.meeting, kind=PackKind.HEADLINE_REPORT, classification=RESTRICTED)

    assert world.decisions["restricted"].ref not in public.find("body").text()
    assert world.decisions["restricted"].ref in restricted.find("body").text()


# --- digests, versions and change marks -----------------------------------------------------------------------


def test_section_digests_are_stable_while_the_records_do_not_change(world):
    pack = new_pack(world.meeting)
    _, first = packs.compose(pack)
    _, again = packs.compose(pack)
    _, next_version = packs.compose(new_pack(world.meeting))

    assert first == again == next_version
    assert len(set(first.values())) == len(first), "each section has its own digest"


def test_versions_run_1_0_1_1_1_2_per_meeting_kind_and_classification(world):
    papers = [new_pack(world.meeting) for _ in range(3)]
    headline = new_pack(world.meeting, kind=PackKind.HEADLINE_REPORT)
    restricted = new_pack(world.meeting, classification=RESTRICTED)
    other_meeting = new_pack(world.following)

    assert [pack.version for pack in papers] == ["1.0", "1.1", "1.2"]
    assert (headline.version, restricted.version, other_meeting.version) == ("1.0", "1.0", "1.0")
    assert papers[1].filename() == "DAG26-papers-v1.1.pdf"
    assert restricted.filename() == "DAG26-papers-v1.0-restricted.pdf"
    assert MeetingPack.objects.filter(meeting=world.meeting).count() == 5


def _marked(html) -> dict[str, str]:
    """{section id: its "Updated" mark} for every marked section."""
    doc = parse(html)
    return {
        s.attrs["id"]: s.find("span", cls="updated").text()
        for s in doc.find_all("section", cls="pack-section")
        if s.find("span", cls="updated") is not None
    }


def test_a_later_version_marks_only_the_sections_corrected_retroactively_since_1_0(world, fake_printer):
    first = services.pack_render(new_pack(world.meeting).pk)
    services.action_update(action=world.actions["open"], actor=None, text="Update given after the meeting")
    unchanged = services.pack_render(new_pack(world.meeting).pk)
    # The PMO records an update the owner gave before the papers' moment: a correction of the past.
    with recorded_at(KEPT_UP_TO + datetime.timedelta(days=1)):
        services.action_update(action=world.actions["open"], actor=None, text="Design note agreed with the SI")
    changed = services.pack_render(new_pack(world.meeting).pk)
    later = services.pack_render(new_pack(world.meeting).pk)

    assert [p.version for p in (first, unchanged, changed, later)] == ["1.0", "1.1", "1.2", "1.3"]
    assert _marked(fake_printer[0]) == {}, "1.0 marks nothing"
    assert _marked(fake_printer[1]) == {}, "a paper states its moment: what happened after it changes nothing"
    assert fake_printer[1].count("Update given after the meeting") == 0
    assert _marked(fake_printer[2]) == {"item-2": "Updated: v1.2"}, "only the corrected actions review changed"
    assert _marked(fake_printer[3]) == {"item-2": "Updated: v1.3"}, "marks are against 1.0, not the last version"
    changed_sections = {a for a in first.section_digests if first.section_digests[a] != changed.section_digests[a]}
    assert changed_sections == {"item-2"}


def test_the_first_version_of_the_other_classification_is_not_compared_with_this_one(world, fake_printer):
    services.pack_render(new_pack(world.meeting, classification=PUBLIC).pk)
    services.pack_render(new_pack(world.meeting, classification=RESTRICTED).pk)
    services.pack_render(new_pack(world.meeting, classification=RESTRICTED).pk)

    assert _marked(fake_printer[2]) == {}, "Restricted 1.1 is compared with Restricted 1.0"


def test_a_version_after_a_1_0_that_never_rendered_marks_nothing(world, monkeypatch):
    def broken_printer(html):
        raise RuntimeError("Failed to load image")

    monkeypatch.setattr(packs, "print_pdf", broken_printer)
    first = services.pack_render(new_pack(world.meeting).pk)
    assert first.status == "failed"

    html, _ = packs.compose(new_pack(world.meeting))

    assert _marked(html) == {}, "1.0 has no content to compare with: nothing is known to have changed since it"


def test_agenda_items_without_a_chosen_section_are_filled_from_what_their_titles_suggest(world):
    meeting = world.following
    meeting.agenda_items.all().delete()
    titles = ["Headline report and actions", "Top risks", "Milestone delivery", "Change requests for decision"]
    for position, title in enumerate(titles, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title)

    _, doc, _ = composed(meeting)

    assert [h.text() for h in doc.by_id("item-1").find_all("h3")] == ["Actions review"]
    assert doc.by_id("item-2").find("table", data_testid="top-risks") is not None
    assert doc.by_id("item-3").find("table", data_testid="delivery-dashboard") is not None
    assert doc.by_id("item-4").find("table", data_testid="status-table") is not None


# --- queries --------------------------------------------------------------------------------------------------


def _sized_meeting(size: int):
    """A steering-free advisory group whose meeting's agenda asks for every standing section, with `size`
    actions, risks, milestones and change requests (each with the links and steps a pack prints)."""
    group = GovernanceGroupFactory(code="QAG", name="Query Advisory Group", level=GroupLevel.ADVISORY)
    previous = _meeting(group, "1", datetime.date(2024, 3, 6))
    meeting = _meeting(group, "2", datetime.date(2024, 3, 20))
    _meeting(group, "3", datetime.date(2024, 4, 17))
    for position, (title, _, minutes, standing) in enumerate(AGENDA, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            item_type=AgendaItemType.INFORMATION,
            duration_minutes=minutes,
            standing_section=standing,
        )
    ChangeRequestFactory(ref="CR500", title="Up for decision", stage="awaiting_decision", decision_body=group)

    def grow(count: int, start: int):
        for n in range(start, start + count):
            cr = ChangeRequestFactory(ref=f"CR{600 + n}", raised_on=datetime.date(2024, 3, 1))
            risk = raid_item_at(aware(2024, 2, 1), ref=f"R{600 + n}", groups=[group])
            MitigationStep.objects.create(item=risk, position=1, text=f"Step {n}")
            milestone = MilestoneFactory(
                ref=f"T3-QA-{n + 1:04d}",
                forum=group,
                baseline_on=datetime.date(2024, 9, 2),
                history_date=aware_on(datetime.date(2024, 1, 10)),
            )
            services.action_raise(
                meeting=previous if n % 2 else meeting,
                actor=None,
                description=f"Action {n}",
                owner="PMO",
                owner_organisation=OrganisationFactory(),
                links={"change_requests": [cr], "raid_items": [risk], "milestones": [milestone]},
            )

    return meeting, grow


def _queries(pack) -> int:
    with CaptureQueriesContext(connection) as queries:
        packs.compose(pack)
    return len(queries)


@pytest.mark.parametrize("kind", [PackKind.PAPERS, PackKind.HEADLINE_REPORT])
def test_compose_takes_the_same_number_of_queries_for_5_or_40_actions_risks_milestones_and_crs(db, kind):
    meeting, grow = _sized_meeting(5)
    grow(5, 0)
    pack = new_pack(meeting, kind=kind)
    packs.compose(pack)  # warm-up: content types, scoring defaults
    with_5 = _queries(pack)

    grow(35, 5)
    with_40 = _queries(pack)

    assert Action.objects.filter(meeting__group=meeting.group).count() == 40
    assert with_40 == with_5


def test_compose_takes_the_same_number_of_queries_for_1_or_10_crs_up_for_decision(db):
    meeting, grow = _sized_meeting(5)
    grow(5, 0)
    pack = new_pack(meeting)
    packs.compose(pack)  # warm-up
    with_1 = _queries(pack)

    for n in range(9):
        ChangeRequestFactory(ref=f"CR{510 + n}", stage="awaiting_decision", decision_body=meeting.group)
    with_10 = _queries(pack)

    assert with_10 == with_1, "the IA tallies are fetched in a constant number of queries, however many CRs"
