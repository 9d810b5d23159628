"""The Content-Security-Policy in a real browser: pages, htmx filtering, Bootstrap and the API docs work under
it, and Chromium reports no violation (it would log "Refused to …" for anything the policy blocked)."""

import pytest
from playwright.sync_api import expect

from core.roles import PMO
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory

pytestmark = pytest.mark.browser


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("pmo-officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_test_id("dashboard-heading").wait_for()


def test_pages_htmx_and_api_docs_work_with_no_policy_violation(live_server, page):
    UserFactory(username="pmo-officer", role=PMO)
    GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=2)
    ChangeRequestFactory(ref="CR100", title="Faster switching")
    ChangeRequestFactory(ref="CR101", title="Settlement timetable")
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    sign_in(page, live_server)
    page.goto(f"{live_server.url}/changes/")
    page.locator("#id_q").press_sequentially("switching")
    # htmx swaps the table in place (no navigation) and pushes the filtered URL.
    expect(page.locator("#record-table").get_by_text("CR101")).to_have_count(0)
    expect(page.locator("#record-table").get_by_text("CR100")).to_be_visible()
    assert "q=switching" in page.url

    page.goto(f"{live_server.url}/raid/heat-map/")
    page.locator("select[name=kind]").select_option("issue")
    page.wait_for_url("**/raid/heat-map/?kind=issue*")

    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .info").wait_for()

    assert refused == []
