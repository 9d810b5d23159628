"""Pictures with words (issue 20): every chart on the pages and in the papers is an image named by its <title> (the
PDF's alternative text) and described by its <desc>, holds no links or other controls, and has its numbers in an
HTML table with header cells; RAG and band are stated in words, never by colour alone. Read from the HTML the
Django test client and meetings.packs.compose return: no browser."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from core.roles import PARTICIPANT, PMO
from meetings import packs
from meetings.choices import StandingSection
from milestones import services as milestone_services
from milestones.choices import MilestoneStatus
from tests.factories import UserFactory
from tests.milestones.factories import MilestoneFactory
from tests.packs.conftest import ANCHOR, build_world, new_pack
from tests.packs.html import Element, parse
from tests.raid.factories import aware, raid_item_at, rescore_at

pytestmark = pytest.mark.django_db

FOCUSABLE = {"a", "button", "input", "select", "textarea", "iframe"}
RAG_WORDS = {"Red", "Amber", "Green", "Complete"}
BAND_WORDS = re.compile(r"\b(Critical|High|Medium|Low) band\b")
CELL_LINK = re.compile(r"\d+ items?, likelihood \d, impact \d, score \d+, (Critical|High|Medium|Low) band")


@pytest.fixture
def charted(groups):
    """Two programme milestones at PSG, one forecast three weeks past its baseline (so Green and Amber or Red donut
    slices and a slip on the timeline); R920 risk re-scored once (a trend of two points), R921 at L3 × I4."""
    baseline = timezone.localdate() + datetime.timedelta(days=56)
    for ref, forecast in (("M1", baseline), ("M2", baseline + datetime.timedelta(days=21))):
        MilestoneFactory(
            ref=ref,
            forum=groups["PSG"],
            baseline_on=baseline,
            forecast_on=forecast,
            status=MilestoneStatus.IN_PROGRESS,
        )
    milestone_services.recompute_rag()
    r920 = raid_item_at(aware(2024, 8, 7), ref="R920", likelihood=3, impact=4)
    rescore_at(r920, aware(2024, 10, 23), likelihood=1, impact=5)
    raid_item_at(aware(2024, 8, 7), ref="R921", likelihood=3, impact=4)


@pytest.fixture(params=[PMO, PARTICIPANT])
def reader(request, charted) -> Client:
    client = Client()
    client.force_login(UserFactory(username=f"{request.param.lower()}-reader", role=request.param))
    return client


def get(client: Client, path: str) -> Element:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return parse(response.content.decode())


def elements(node: Element) -> list[Element]:
    return [child for child in node.children if isinstance(child, Element)]


def assert_pictures_have_words(document: Element) -> list[Element]:
    """Every SVG is hidden from assistive technology or an image with a name and a description and no controls;
    ids are unique, so two charts never name each other. Returns the charts (the images)."""
    ids = [element.attrs["id"] for element in document.iter() if "id" in element.attrs]
    assert len(ids) == len(set(ids)), "ids repeat: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1}))
    charts = []
    for svg in document.find_all("svg"):
        if svg.attrs.get("aria-hidden") == "true":
            assert not svg.find_all("a"), "a hidden picture hides no links"
            continue
        assert svg.attrs.get("role") == "img", f"{svg} is neither hidden nor an image"
        title, desc = document.by_id(svg.attrs["aria-labelledby"]), document.by_id(svg.attrs["aria-describedby"])
        assert elements(svg)[0] is title and title.tag == "title", "named by its first child, the PDF's alt text"
        assert desc.tag == "desc" and desc.parent is svg
        assert title.text() and desc.text()
        controls = [e for e in svg.iter() if e.tag in FOCUSABLE or "tabindex" in e.attrs]
        assert not controls, f"an image holds no controls: {controls}"
        charts.append(svg)
    return charts


def data_table(table: Element) -> Element:
    """A real data table: a caption and header cells, each with its scope."""
    assert table is not None and table.tag == "table"
    assert table.find("caption") is not None and table.find("caption").text()
    headers = table.find_all("th")
    assert headers and all(th.attrs.get("scope") in ("col", "row") for th in headers), table
    return table


def following_table(svg: Element) -> Element:
    """The data table one click away: the <details> after the chart (or after its figure)."""
    holder = svg.parent if svg.parent.tag != "figure" else svg.parent.parent
    siblings = elements(holder)
    start = siblings.index(svg if svg.parent is holder else svg.parent)
    details = next(e for e in siblings[start + 1 :] if e.tag == "details")
    assert "as a table" in details.find("summary").text()
    return data_table(details.find("table"))


def assert_donuts_have_words(document: Element, linked: bool):
    figures = document.find_all("figure", data_testid="donut")
    assert figures
    for figure in figures:
        svg, legend = figure.find("svg"), data_table(figure.find("table"))
        rows = legend.find("tbody").find_all("tr")
        # A label's link adds its donut's title for a screen reader: "Red in Tier 1 — programme".
        labels = [row.find("th").text().split(" in ")[0] for row in rows]
        counts = [int(row.find("td").text()) for row in rows]
        assert labels and set(labels) <= RAG_WORDS, "RAG in words"
        assert str(sum(counts)) in [text.text() for text in svg.find_all("text")], "the total at the centre"
        for label, count in zip(labels, counts, strict=True):
            assert f"{label} {count}" in svg.find("title").text(), "the title, the PDF's alt text, has the counts"
        links = figure.find("table").find_all("a")
        assert bool(links) == linked, "the legend carries the filter links, if any"
        for link in links:
            assert " in " in link.text(), "a link names its donut: Red in Tier 1 — programme"


def assert_heat_map_has_words(document: Element, linked: bool):
    table = data_table(document.find("table", data_testid="heat-map"))
    assert "Critical" in table.find("caption").text(), "the colour key in words"
    assert [th.text() for th in table.find("thead").find_all("th")][1:] == [f"Impact {i}" for i in range(1, 7)]
    assert [th.text() for th in table.find("tbody").find_all("th")] == [f"Likelihood {i}" for i in range(5, 0, -1)]
    cells = table.find_all("td")
    assert len(cells) == 30
    for cell in cells:
        assert BAND_WORDS.search(cell.text()), f"the band in words: {cell.text()}"
    links = table.find_all("a")
    assert bool(links) == linked
    for link in links:
        assert re.fullmatch(
            r"\d+ items?, likelihood \d, impact \d, score \d+, (Critical|High|Medium|Low) band", link.text()
        )


# --- pages ----------------------------------------------------------------------------------------------------


def test_the_dashboards_donuts_timeline_and_heat_map_are_pictures_with_words(reader):
    document = get(reader, "/")

    charts = assert_pictures_have_words(document)

    assert len(charts) == len(document.find_all("figure", data_testid="donut")) + 1, "the donuts and the timeline"
    assert_donuts_have_words(document, linked=True)
    assert_heat_map_has_words(document, linked=True)
    table = following_table(document.find("svg", cls="milestone-timeline"))
    assert [row[0] for row in table.rows()] == ["M1", "M2"]
    assert table.rows()[1][3] == "21 days later"


def test_the_timeline_states_the_slip_in_words_and_draws_it_dashed_not_only_red(reader):
    svg = get(reader, "/").find("svg", cls="milestone-timeline")

    assert (
        svg.find("title").text() == "Baseline and forecast dates of 2 milestones: 1 forecast later than baseline (M2)"
    )
    late = [line for line in svg.find_all("line") if line.attrs.get("stroke") == "#dc3545"]
    assert late and all(line.attrs.get("stroke-dasharray") for line in late)


def test_the_heat_map_page_is_a_data_table_naming_each_cells_count_and_band(reader):
    document = get(reader, "/raid/heat-map/")

    assert_pictures_have_words(document)
    assert_heat_map_has_words(document, linked=True)
    cell = document.find("td", data_likelihood="3", data_impact="4")
    assert cell.find("a").text().startswith("1 item, likelihood 3, impact 4, score ")


def test_a_raid_items_trend_is_a_picture_with_its_scores_in_a_table(reader):
    document = get(reader, "/raid/R920/?since=2024-08-07")

    (svg,) = assert_pictures_have_words(document)
    assert svg.find("title").text() == "Score trend from 07 Aug 2024: from 20 to 10"
    assert following_table(svg).rows() == [["07 Aug 2024", "20"], ["23 Oct 2024", "10"]]


def test_the_delivery_dashboards_timeline_is_a_picture_with_its_dates_in_a_table(reader):
    document = get(reader, "/milestones/dashboards/PSG/")

    (svg,) = assert_pictures_have_words(document)
    assert [row[0] for row in following_table(svg).rows()] == ["M1", "M2"]


# --- papers ---------------------------------------------------------------------------------------------------


def test_the_papers_charts_are_pictures_with_words_and_no_links(db):
    world = build_world()
    html, _ = packs.compose(new_pack(world.meeting))
    document = parse(html)

    charts = assert_pictures_have_words(document)

    assert {svg.attrs.get("class", "donut") for svg in charts} == {"donut", "milestone-timeline"}
    assert_donuts_have_words(document.by_id(ANCHOR[StandingSection.MILESTONES]), linked=False)
    assert_heat_map_has_words(document.by_id(ANCHOR[StandingSection.RAID]), linked=False)
    following_table(document.find("svg", cls="milestone-timeline"))
