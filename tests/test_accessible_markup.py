"""The markup assistive technology relies on, read from the pages as the server writes them (no browser): the skip
link first, one polite live region, every field of the list filters and the live-meeting forms labelled, sort links
named, wide tables in named scroll regions the keyboard reaches, and errors tied to their fields."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client

from core.roles import PMO
from meetings.choices import MeetingStatus
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory, at, dag

HTMX = {"HX-Request": "true"}
LISTS = ["/changes/", "/raid/", "/milestones/", "/meetings/", "/actions/", "/decisions/"]
CONTROLS = {"input", "select", "textarea", "button"}


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.text = tag, dict(attrs), ""

    def __getitem__(self, name):
        return self.attrs.get(name)


class Page(HTMLParser):
    """The page's elements in document order, each with its text (what a label or a link says)."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "col", "source"}

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def all(self, tag=None, **attrs):
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and all(e[name.replace("_", "-")] == v for name, v in attrs.items())
        ]

    def by_id(self, id_):
        found = [e for e in self.elements if e["id"] == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]

    def name_of(self, control: Element) -> str:
        """The accessible name a control gets from its markup: aria-label, aria-labelledby, a label, its text."""
        if control["aria-label"]:
            return control["aria-label"]
        if control["aria-labelledby"]:
            return " ".join(self.by_id(id_).text.strip() for id_ in control["aria-labelledby"].split())
        labels = [label.text.strip() for label in self.all("label") if control["id"] and label["for"] == control["id"]]
        return " ".join(labels) or control.text.strip()


def page_of(response) -> Page:
    assert response.status_code == 200, response.status_code
    return Page(response.content.decode())


def focusable(element: Element) -> bool:
    if element["tabindex"] == "-1" or element["type"] == "hidden" or element["disabled"] is not None:
        return False
    return (element.tag == "a" and element["href"] is not None) or element.tag in CONTROLS or element["tabindex"]


@pytest.fixture
def pmo_page(db):
    client = Client()
    client.force_login(UserFactory(username="pmo-markup", role=PMO))
    return client


@pytest.fixture
def registers(db):
    ChangeRequestFactory(ref="CR901", raised_on=datetime.date(2024, 5, 1))
    meeting = MeetingFactory(
        group=dag(), number="26", starts_at=at(datetime.date(2024, 11, 13)), status=MeetingStatus.HELD
    )
    ActionFactory(meeting=meeting)
    DecisionFactory(meeting=meeting)
    return meeting


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches_and_main_takes_its_focus(pmo_page, registers):
    page = page_of(pmo_page.get("/changes/"))

    first = next(e for e in page.elements if focusable(e))
    assert (first.tag, first["href"], first.text.strip()) == ("a", "#main", "Skip to main content")
    assert page.by_id("main").tag == "main"
    assert page.by_id("main")["tabindex"] == "-1"


def test_every_page_has_one_polite_live_region(pmo_page, registers):
    for path in ["/", "/changes/", "/meetings/DAG26/?live=1&tab=actions"]:
        regions = page_of(pmo_page.get(path)).all(aria_live="polite")
        assert [(r["role"], r["id"]) for r in regions] == [("status", "live-region")], path


@pytest.mark.parametrize("path", LISTS)
def test_every_filter_of_a_register_is_named(pmo_page, registers, path):
    page = page_of(pmo_page.get(path, {"status": "open", "raised_after": "2024-01-01"}))
    form = page.all("form", role="search")
    assert form, "the filter form is a search landmark"

    unnamed = [
        (c.tag, c["id"] or c["name"])
        for c in page.elements
        if c.tag in CONTROLS and c["type"] != "hidden" and not page.name_of(c)
    ]
    assert unnamed == []


def test_the_date_range_filter_is_a_group_with_a_label_for_each_date(pmo_page, registers):
    page = page_of(pmo_page.get("/changes/"))

    assert page.name_of(page.by_id("id_raised_0")) == "Raised between: from"
    assert page.name_of(page.by_id("id_raised_1")) == "Raised between: to"
    assert any(legend.text.strip() == "Raised between" for legend in page.all("legend"))


def test_the_multiple_choice_filters_say_what_they_filter_and_what_is_ticked(pmo_page, registers):
    page = page_of(pmo_page.get("/changes/", {"status": ["open", "on_hold"]}))

    assert " ".join(page.name_of(page.by_id("id_status-toggle")).split()) == "Approval status 2 selected"


@pytest.mark.parametrize("path", ["/changes/", "/meetings/", "/actions/", "/decisions/"])
def test_every_sort_link_is_named_and_the_sorted_column_says_so(pmo_page, registers, path):
    page = page_of(pmo_page.get(path, {"sort": "-ref"}))

    headers = page.all("th", scope="col")
    sort_links = [a for a in page.all("a") if a["href"] and a["href"].startswith("?") and "sort=" in a["href"]]
    assert sort_links
    assert all(link.text.strip() for link in sort_links)
    assert [h["aria-sort"] for h in headers if h["aria-sort"]] == ["descending"]


def test_a_register_table_scrolls_in_a_named_region_the_keyboard_reaches(pmo_page, registers):
    page = page_of(pmo_page.get("/changes/"))

    region = next(e for e in page.elements if e["class"] and "table-responsive" in e["class"].split())
    assert (region["role"], region["tabindex"], region["aria-label"]) == ("region", "0", "Change requests")
    assert region["data-announce"] == "Change requests: 1 found."


def test_a_refused_form_ties_each_error_to_its_field_and_sums_them_up_first(pmo_page, registers):
    response = pmo_page.post("/changes/new/", {})
    page = page_of(response)

    title = page.by_id("id_title")
    assert title["aria-invalid"] == "true"
    described = [page.by_id(id_) for id_ in title["aria-describedby"].split()]
    assert "This field is required." in " ".join(d.text for d in described)
    summary = page.all(data_testid="error-summary")[0]
    assert (summary["role"], summary["tabindex"]) == ("alert", "-1")
    assert "#id_title" in [a["href"] for a in page.all("a")]
    assert response.content.decode().index('data-testid="error-summary"') < response.content.decode().index(
        'id="id_title"'
    )


def test_the_meeting_tabs_name_their_panels(pmo_page, registers):
    page = page_of(pmo_page.get("/meetings/DAG26/", {"tab": "votes"}))

    tabs = page.all(role="tab")
    assert [t["aria-selected"] for t in tabs].count("true") == 1
    for tab in tabs:
        panel = page.by_id(tab["aria-controls"])
        assert (panel["role"], panel["aria-labelledby"]) == ("tabpanel", tab["id"])
    assert next(t for t in tabs if t["aria-selected"] == "true")["aria-controls"] == "tab-votes"


def test_a_live_form_stays_labelled_after_a_swap_and_a_refused_one_marks_its_fields(pmo_page, registers):
    refused = page_of(pmo_page.post("/meetings/DAG26/actions/new/", {"action-owner": "PMO"}, headers=HTMX))

    description = refused.by_id("id_action-description")
    assert refused.name_of(description).startswith("Description")
    assert description["aria-invalid"] == "true"
    assert refused.by_id("id_action-owner")["value"] == "PMO"  # what was typed is kept

    raised = page_of(
        pmo_page.post(
            "/meetings/DAG26/actions/new/", {"action-description": "Circulate", "action-owner": "PMO"}, headers=HTMX
        )
    )
    fields = [c for c in raised.elements if c.tag in {"input", "textarea"} and c["type"] != "hidden"]
    assert {f["id"] for f in fields} >= {"id_action-description", "id_action-owner", "id_action-due_on"}
    assert all(raised.name_of(f) for f in fields)
    assert raised.by_id("id_action-description").text.strip() == "" and raised.by_id("id_action-owner")["value"] is None
    assert [a.text for a in raised.all(role="alert")] == ["DAG26-02 raised."]


def test_the_filters_stay_tick_lists_after_the_api_schema_is_built(pmo_page, registers):
    """The schema reads each FilterSet's own filters, which builds and keeps their form fields: the page's copies
    must still be the dropdown of ticks, not a plain multiple select."""
    assert pmo_page.get("/api/schema/").status_code == 200

    page = page_of(pmo_page.get("/changes/", {"status": ["open", "on_hold"]}))

    assert " ".join(page.name_of(page.by_id("id_status-toggle")).split()) == "Approval status 2 selected"
