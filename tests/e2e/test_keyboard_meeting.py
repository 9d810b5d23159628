"""A PMO runs a live meeting with the keyboard alone: signs in, opens the meeting in live mode, raises an action,
records a decision and records votes, pressing only Tab, Shift+Tab, arrows, Enter and typing. After each htmx swap
focus is on the changed region and the page's live region says what happened; axe finds nothing on the way."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.roles import PMO
from meetings.choices import MeetingStatus
from meetings.models import Action, Decision, Vote
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory, at, dag
from tests.programme.factories import ConstituencyFactory

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
MOST_KEYS = 80  # more Tab presses than any control is away on these pages


def is_focused(page, selector: str) -> bool:
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def tab_to(page, selector: str, *, backwards: bool = False) -> None:
    """Presses Tab (Shift+Tab backwards) until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(MOST_KEYS):
        if is_focused(page, selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} is not reachable with {'Shift+' if backwards else ''}Tab")


def announced(page, text: str) -> None:
    page.wait_for_function(
        "(text) => document.getElementById('live-region').textContent.trim() === text", arg=text, timeout=10_000
    )


def no_violations(page, state: str) -> None:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    violations = {v["id"]: [node["target"] for node in v["nodes"]] for v in result.response["violations"]}
    assert violations == {}, state


def test_a_pmo_runs_a_live_meeting_with_the_keyboard_only(live_server, page, today):
    for position, code in enumerate(["DNO", "IDNO"], start=1):
        ConstituencyFactory(code=code, name=code, position=position)
    UserFactory(username="pmo-keys", first_name="Pat", last_name="Okafor", role=PMO)
    ChangeRequestFactory(ref="CR901", title="Change to the DIP message set")
    meeting = MeetingFactory(
        group=dag(), number="26", starts_at=at(today - datetime.timedelta(days=1)), status=MeetingStatus.HELD
    )

    # Sign in: the username field has focus as the page opens.
    page.goto(f"{live_server.url}/login/?next=/meetings/DAG26/")
    tab_to(page, "#id_username")
    page.keyboard.type("pmo-keys")
    tab_to(page, "#id_password")
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/meetings/DAG26/")

    # The first Tab reaches the skip link, which shows on focus and moves focus to the main content.
    page.keyboard.press("Tab")
    assert is_focused(page, "a.skip-link[href='#main']")
    assert page.locator("a.skip-link").bounding_box()["width"] > 1
    page.keyboard.press("Enter")
    assert is_focused(page, "main#main")

    # Live mode.
    tab_to(page, "a[href$='?live=1&tab=actions']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/meetings/DAG26/?live=1&tab=actions")
    no_violations(page, "live mode, actions tab")

    # Raise an action.
    tab_to(page, "#id_action-description")
    page.keyboard.type("Circulate the migration plan")
    tab_to(page, "#id_action-owner")
    page.keyboard.type("Data Working Group")
    tab_to(page, "#actions-tab button[type=submit]")
    page.keyboard.press("Enter")
    announced(page, "DAG26-01 raised.")
    assert is_focused(page, "#actions-tab")
    assert page.get_by_test_id("actions-log").get_by_role("link", name="DAG26-01").is_visible()
    action = Action.objects.get(ref="DAG26-01")
    assert (action.description, action.owner, action.meeting_id) == (
        "Circulate the migration plan",
        "Data Working Group",
        meeting.pk,
    )
    no_violations(page, "action raised")

    # A record the service refuses (due before it was raised) keeps focus in the region, says why, and keeps
    # what was typed for the correction.
    tab_to(page, "#id_action-description")
    page.keyboard.type("Confirm the cut-over date")
    tab_to(page, "#id_action-owner")
    page.keyboard.type("PMO")
    tab_to(page, "#id_action-due_on")
    page.keyboard.type("01012000")
    tab_to(page, "#actions-tab button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => /due before/.test(document.getElementById('live-region').textContent)")
    assert is_focused(page, "#actions-tab")
    assert page.locator("#id_action-description").input_value() == "Confirm the cut-over date"
    assert Action.objects.count() == 1
    no_violations(page, "action refused")

    # Record a decision: back to the tabs, arrow to Decisions.
    tab_to(page, "#tab-actions-button", backwards=True)
    page.keyboard.press("ArrowRight")
    assert is_focused(page, "#tab-decisions-button")
    page.wait_for_selector("#tab-decisions.active.show")
    assert page.locator("#tab-decisions-button").get_attribute("aria-selected") == "true"
    tab_to(page, "#id_decision-text")
    page.keyboard.type("DAG agreed the migration plan.")
    tab_to(page, "#decisions-tab button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('live-region').textContent.trim().endsWith(' recorded.')")
    decision = Decision.objects.get(meeting=meeting)
    announced(page, f"{decision.ref} recorded.")
    assert decision.text == "DAG agreed the migration plan."
    assert is_focused(page, "#decisions-tab")
    assert "DAG agreed the migration plan." in page.get_by_test_id("decisions-log").inner_text()
    no_violations(page, "decision recorded")

    # Record votes: arrow on to Votes; each constituency's vote is picked with the arrow keys.
    tab_to(page, "#tab-decisions-button", backwards=True)
    page.keyboard.press("ArrowRight")
    assert is_focused(page, "#tab-votes-button")
    page.wait_for_selector("#tab-votes.active.show")
    tab_to(page, "#id_votes-subject")
    page.keyboard.type("CR901")
    tab_to(page, "#id_votes-vote_DNO")
    page.keyboard.press("ArrowDown")  # Approve
    tab_to(page, "#id_votes-vote_IDNO")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Reject
    tab_to(page, "#votes-tab form[action$='/votes/new/'] button[type=submit]")
    page.keyboard.press("Enter")
    announced(page, "Votes on CR901 recorded.")
    assert is_focused(page, "#votes-tab")
    assert dict(Vote.objects.filter(meeting=meeting).values_list("constituency__code", "vote")) == {
        "DNO": "approve",
        "IDNO": "reject",
    }
    tally = page.get_by_test_id("tally").get_by_role("row", name="CR901").inner_text()
    assert tally.split("\t")[:3] == ["CR901", "1", "1"]
    no_violations(page, "votes recorded")
