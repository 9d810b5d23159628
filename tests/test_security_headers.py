"""Web security as a browser sees it: every response carries the Content-Security-Policy (no inline script or
style, nothing from elsewhere) and the other security headers, cookies are HttpOnly / SameSite, and no
template writes inline script, inline style or event-handler attributes that the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from changes.models import ChangeRequest
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory

PAGES = ["/", "/changes/", "/changes/CR100/", "/raid/", "/raid/heat-map/", "/milestones/", "/meetings/", "/my/"]
PUBLIC = ["/login/", "/health/"]
API = ["/api/", "/api/change-requests/", "/api/docs/", "/api/redoc/"]


@pytest.fixture
def records(db):
    GovernanceGroupFactory(code="PSG", level=2)
    ChangeRequestFactory(ref="CR100")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", PAGES + PUBLIC + API + ["/no-such-page/"])
def test_every_response_carries_a_strict_content_security_policy(records, client_for, path):
    response = client_for("PMO").get(path)
    assert response.status_code in {200, 302, 404}, path
    policy = directives(response)

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", PAGES + PUBLIC + ["/api/change-requests/"])
def test_every_response_carries_the_security_headers(records, client_for, path):
    response = client_for("Participant").get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_session_and_csrf_cookies_are_httponly_and_same_site(db, client):
    UserFactory(username="pmo-officer", role="PMO")
    page = client.get("/login/")
    response = client.post(
        "/login/",
        {
            "username": "pmo-officer",
            "password": "correct-horse-battery",
            "csrfmiddlewaretoken": page.cookies["csrftoken"].value,
        },
    )

    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert page.cookies["csrftoken"]["samesite"] == "Lax"


def test_production_settings_mark_cookies_secure_and_redirect_to_https():
    # The test settings turn these off for the plain-HTTP test server; tests/test_settings.py runs the real
    # production settings through `check --deploy`. Here: what production reads when nothing overrides it.
    source = (Path(settings.BASE_DIR) / "mhhs_governance" / "settings.py").read_text()
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        assert re.search(rf'^{name} = env\.bool\("{name}", default=not DEBUG\)$', source, re.M), name


# Templates rendered by the browser (the pack templates feed WeasyPrint, which no policy governs).
BROWSER_TEMPLATES = [
    path for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html") if "packs" not in path.parts
]
INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "an event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "an inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


@pytest.mark.parametrize("template", BROWSER_TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_no_template_writes_what_the_policy_would_block(template):
    text = template.read_text()
    found = [what for what, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.name} has {', '.join(found)}"


FORM_PAGES = [
    "/changes/new/",
    "/changes/CR100/edit/",
    "/raid/new/",
    "/milestones/new/",
    "/meetings/new/",
    "/changes/import/",
]


@pytest.mark.parametrize("path", [*FORM_PAGES, "/login/"])
def test_every_form_that_posts_carries_the_csrf_token(records, client, pmo_user, path):
    if path != "/login/":
        client.force_login(pmo_user)
    html = client.get(path).content.decode()

    forms = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", html, re.S | re.I)
    assert forms, path
    assert all('name="csrfmiddlewaretoken"' in form for form in forms), path


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(records, pmo_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(pmo_user)
    before = ChangeRequest.objects.count()

    response = browser.post("/changes/new/", {"title": "Forged", "change_type": "full_impact_assessment"})

    assert response.status_code == 403
    assert ChangeRequest.objects.count() == before
