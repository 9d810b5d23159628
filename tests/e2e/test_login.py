import pytest

from core.roles import PMO
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory

pytestmark = pytest.mark.browser


def test_a_pmo_user_signs_in_through_the_login_page_and_sees_the_dashboard(live_server, page):
    UserFactory(username="pmo-officer", first_name="Pat", last_name="Morgan", role=PMO)
    GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=2)

    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url

    page.get_by_label("Username").fill("pmo-officer")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_test_id("dashboard-heading").wait_for()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_test_id("signed-in-user").inner_text().strip() == "Pat Morgan"
    assert page.get_by_test_id("user-role").inner_text() == "PMO"
    assert page.get_by_role("link", name="PSG", exact=True).is_visible()
    # Vendored Bootstrap loaded (no CDN): the navbar is styled, not a bare list.
    assert page.locator("nav.navbar").evaluate("el => getComputedStyle(el).display") == "flex"


def test_a_wrong_password_is_refused_with_a_message(live_server, page):
    UserFactory(username="pmo-officer", role=PMO)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("pmo-officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_role("alert").is_visible()
    assert "/login/" in page.url
