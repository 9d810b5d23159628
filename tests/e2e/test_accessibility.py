"""Every page of the URL conf that renders HTML passes axe-core's WCAG 2.2 A and AA rules in Chromium, for every
role that may read it, and so do the states htmx and forms put pages in; the main pages reflow at 320 px and at
200 % zoom without the page itself scrolling sideways (WCAG 1.4.10). Issue 20.

The pages come from the access matrix (tests/test_access_matrix.py): each GET route that answers a role 200, on the
Public and on the Restricted record, with the URL the matrix builds from its world (tests/access_fixtures.py); a
new route is visited once the matrix has its rule. Visitors: anonymous, the Participant, the Chair, the PMO and the
world's two representatives (Participants with a grant: the Participant's expectations apply to them). Left out:
the API (JSON, and its Swagger UI and ReDoc viewers), feeds, downloads and the htmx fragments (NOT_HTML,
FRAGMENTS); the admin is read through the matrix's three admin pages.

The world is built once for the module and committed, since the live server answers from its own thread (on
PostgreSQL, its own connection); the database is emptied at the end, as pytest-django's transactional tests leave
it. Each visitor signs in once, through the sign-in form, in its own browser context, and keeps one tab."""

import csv
import io
import threading
import time
from dataclasses import dataclass

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import path as url_path
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from core.roles import CHAIR, PARTICIPANT, PMO
from meetings.views import TABS
from mhhs_governance import celery_app
from mhhs_governance import urls as site_urls
from mhhs_governance.registers import REGISTERS
from tests.access_fixtures import PASSWORD, build_world
from tests.e2e import axe
from tests.test_access_matrix import ADMIN_URLS, FAMILIES, RULES, RULES_LIST, Case, expected_outcome

# `django_db`: pytest-django creates the test database only for tests that ask for one.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Visitor -> the access-matrix role whose expected answers apply.
VISITORS = {
    "anonymous": "anonymous",
    PARTICIPANT: PARTICIPANT,
    CHAIR: CHAIR,
    PMO: PMO,
    "party-representative": PARTICIPANT,
    "constituency-representative": PARTICIPANT,
}
REPRESENTATIVES = {"party-representative": "party", "constituency-representative": "constituency"}

# GET routes that answer something other than an HTML page, and why.
NOT_HTML = {
    "health": "JSON, for the load balancer",
    "dashboards:group-calendar": "an iCalendar feed",
    "meetings:pack-download": "a PDF (tests/packs check the tagged PDFs)",
    **{f"export-{kind}": "a spreadsheet" for kind in REGISTERS},
    **{f"template-{kind}": "a spreadsheet" for kind in REGISTERS},
}
# GET routes that answer a piece of a page for htmx to swap in: checked inside their page.
FRAGMENTS = {
    "changes:impact-summary": "changes:detail (the impact-assessment tally, polled while the IA is open)",
    "meetings:packs": "meetings:detail (the Packs tab, polled while a pack renders)",
}

DESKTOP = {"width": 1280, "height": 900}
# 320 CSS px: WCAG 1.4.10's width; 640: a 1280 px screen zoomed to 200 %.
REFLOW_WIDTHS = (320, 640)

# Nothing in flight for htmx, nothing being swapped in.
HTMX_IDLE = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
OPEN_DETAILS = "() => document.querySelectorAll('main details:not([open])').forEach(d => { d.open = true; })"
# The details opened, and every tab's panel shown as if its tab were chosen.
REVEAL = """() => {
  document.querySelectorAll('main details:not([open])').forEach(d => { d.open = true; });
  document.querySelectorAll('main [role=tab]').forEach(tab => {
    const id = tab.getAttribute('data-bs-target') || '#' + tab.getAttribute('aria-controls');
    const panel = document.querySelector(id);
    if (panel) { panel.hidden = false; panel.classList.add('show', 'active'); }
  });
}"""
# The elements that stick out of the viewport, not clipped by a scrolling (or hiding) ancestor: the innermost few.
OVERFLOWING = """() => {
  const width = window.innerWidth + 1;
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter(
    el => el.getBoundingClientRect().right > width && !clipped(el));
  return wide.filter(el => !wide.some(other => other !== el && el.contains(other))).slice(0, 5).map(el => {
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    return `${name} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`;
  });
}"""


# --- the visits: generated from the access matrix -----------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    rule: str
    variant: str
    visitor: str

    @property
    def id(self) -> str:
        return "/".join(part for part in (self.rule, self.variant, self.visitor) if part != "-")


def visits() -> list[Visit]:
    found = []
    for rule in RULES_LIST:
        if rule.api or rule.name in NOT_HTML or rule.name in FRAGMENTS:
            continue
        for index, op in enumerate(rule.ops):
            if op.method != "GET":
                continue
            for variant, visible in FAMILIES[rule.family]:
                for visitor, role in VISITORS.items():
                    if expected_outcome(op, Case(rule.name, index, variant, visible, role)) == 200:
                        found.append(Visit(rule.name, variant, visitor))
    return found


VISITS = visits()


def visit_path(visit: Visit, world) -> str:
    rule = RULES[visit.rule]
    found = reverse(rule.name, kwargs=rule.kwargs(world, visit.variant))
    op = next(op for op in rule.ops if op.method == "GET")
    if op.query:
        found = f"{found}?{op.query(world, visit.variant, VISITORS[visit.visitor])}"
    return found


def test_every_html_route_of_the_matrix_is_visited_or_said_why_not():
    """A page route is visited, or listed as not HTML or as a fragment; nothing listed that is gone."""
    pages = {rule.name for rule in RULES_LIST if not rule.api and any(op.method == "GET" for op in rule.ops)}
    answered_200 = {visit.rule for visit in VISITS}
    post_only = {
        rule.name
        for rule in RULES_LIST
        if not rule.api and all(op.expect[PMO] == 405 for op in rule.ops if op.method == "GET")
    }
    assert pages - answered_200 - post_only == set(NOT_HTML) | set(FRAGMENTS)


# --- the site: the world, the live server, a signed-in tab per visitor ------------------------------------------


class Site:
    """The live server's address, the world, and a browser tab per visitor, each signed in through the form."""

    def __init__(self, browser, url: str, world):
        self.browser, self.url, self.world = browser, url, world
        self.tabs = {}
        self.scanned = 0
        for visitor in VISITORS:
            context = browser.new_context(locale="en-GB", reduced_motion="reduce", viewport=DESKTOP)
            self.tabs[visitor, ""] = self._new_tab(context)
            if visitor != "anonymous":
                self._sign_in(self.tabs[visitor, ""], self.username(visitor))

    def username(self, visitor: str) -> str:
        if visitor in REPRESENTATIVES:
            return self.world.representatives[REPRESENTATIVES[visitor]].username
        return self.world.users[visitor].username

    def tab(self, visitor: str, purpose: str = ""):
        """The visitor's tab; `purpose` names another tab of theirs, signed in too."""
        if (visitor, purpose) not in self.tabs:
            self.tabs[visitor, purpose] = self._new_tab(self.tabs[visitor, ""].context)
        return self.tabs[visitor, purpose]

    @staticmethod
    def _new_tab(context):
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def _sign_in(self, page, username: str) -> None:
        page.goto(f"{self.url}/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("input[name=password]").press("Enter")
        assert "/login/" not in page.url, f"{username} could not sign in"

    def close(self) -> None:
        for visitor in VISITORS:
            self.tabs[visitor, ""].context.close()


def assert_on_test_databases() -> None:
    """The world is committed and everything flushed afterwards: never on a database the tests did not create."""
    for alias in connections:
        name = str(connections[alias].settings_dict["NAME"])
        assert name.startswith("test_") or "memorydb" in name, f"{alias} is {name}, not a test database"


def wait_for_the_requests_to_end() -> None:
    """The server's request threads outlive the browser's connections by a moment, and close their database
    connection as they end: on SQLite, before the server stops sharing the test's connection with them."""
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(browser, django_db_setup, django_db_blocker, tmp_path_factory, request):
    """Built before each test's transaction (pytest-django's `django_db`), so the world and the visitors' sessions
    stay for the module; on SQLite the server shares the test's connection, so what a test writes through the
    pages is rolled back with it. Not pytest-django's `live_server`: a test using it is a transactional test,
    whose end empties the database."""
    started = time.monotonic()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    media = tmp_path_factory.mktemp("a11y-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        assert_on_test_databases()
        server = site = None
        try:
            world = build_world()
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            site = Site(browser, server.url, world)
            yield site
        finally:
            if site is not None:
                site.close()
                wait_for_the_requests_to_end()
            if server is not None:
                server._live_server_modified_settings.disable()
                server.stop()
            for alias in connections:
                call_command("flush", verbosity=0, interactive=False, database=alias)
            # Once Playwright runs, this thread reads Django's connections in another context (greenlets): close
            # the one the module used, or PostgreSQL cannot drop the test database at the end of the session.
            connections.close_all()
            celery_app.conf.task_always_eager = eager
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None and site is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"accessibility: {site.scanned} axe scans in {time.monotonic() - started:.0f} s")


# --- looking at a page -----------------------------------------------------------------------------------------


def go(site: Site, page, path: str, status: int = 200):
    response = page.goto(site.url + path)
    assert response is not None, f"{path} did not load"
    assert response.request.redirected_from is None, f"{path} redirected to {response.url}"
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    content_type = response.headers.get("content-type", "")
    assert content_type.startswith("text/html"), f"{path} answered {content_type}: list its route in NOT_HTML"
    assert "<html" in response.text().lower(), f"{path} answered a fragment: list its route in FRAGMENTS"
    settle(page)
    return response


def settle(page) -> None:
    page.wait_for_load_state()
    page.wait_for_function(HTMX_IDLE)


def scan(site: Site, page, within: str | None = None) -> list[dict]:
    site.scanned += 1
    return axe.violations(page, within)


def scan_revealed(site: Site, page) -> dict[str, list[dict]]:
    """The page with its collapsed <details> opened and all its tab panels shown: one scan reads all it holds."""
    page.evaluate(REVEAL)
    return {"every tab and <details> shown": scan(site, page)}


def assert_no_violations(where: str, found: dict[str, list[dict]]) -> None:
    failing = {state: violations for state, violations in found.items() if violations}
    assert not failing, f"axe: WCAG 2.2 A/AA violations on {where}\n" + "\n".join(
        f"[{state}]\n{axe.describe(violations)}" for state, violations in failing.items()
    )


# --- every page, every visitor -----------------------------------------------------------------------------------


@pytest.mark.parametrize("visit", [pytest.param(visit, id=visit.id) for visit in VISITS])
def test_page_passes_axe(visit, site):
    page = site.tab(visit.visitor)
    path = visit_path(visit, site.world)
    go(site, page, path)
    assert_no_violations(f"{path} as {visit.visitor}", scan_revealed(site, page))


@pytest.mark.parametrize("name", sorted(ADMIN_URLS))
def test_admin_page_passes_axe(name, site):
    page = site.tab(PMO)
    path = ADMIN_URLS[name](site.world)
    go(site, page, path)
    assert_no_violations(f"{path} as {PMO}", {"as loaded": scan(site, page)})


# --- error pages ------------------------------------------------------------------------------------------------


@login_not_required
def _raise(request):
    raise RuntimeError("the accessibility test's server error")


# The site's URL conf and error handlers, plus a route that fails: the 500 page as a visitor gets it.
urlpatterns = [url_path("a11y/server-error/", _raise), *site_urls.urlpatterns]
handler403, handler404, handler500 = site_urls.handler403, site_urls.handler404, site_urls.handler500

ERROR_PAGES = {
    # A Participant naming a Restricted record gets the 404 page, as if it did not exist.
    "404": (PARTICIPANT, lambda w: reverse("changes:detail", kwargs={"ref": w.cr["restricted"].ref}), 404),
    "403": (PARTICIPANT, lambda w: reverse("changes:create"), 403),
    "400-unsubscribe-forged": (
        "anonymous",
        lambda w: reverse("notifications:unsubscribe", kwargs={"token": w.unsubscribe_token[:-4] + "AAAA"}),
        400,
    ),
    "500": ("anonymous", lambda w: "/a11y/server-error/", 500),
    "500-signed-in": (PARTICIPANT, lambda w: "/a11y/server-error/", 500),
}


@pytest.mark.parametrize("name", sorted(ERROR_PAGES))
def test_error_page_passes_axe(name, site):
    visitor, path_of, status = ERROR_PAGES[name]
    page = site.tab(visitor)
    path = path_of(site.world)
    with override_settings(ROOT_URLCONF=__name__):
        go(site, page, path, status=status)
    assert_no_violations(f"{path} ({status}) as {visitor}", {"as loaded": scan(site, page)})


# --- htmx and form states --------------------------------------------------------------------------------------

# Every list page (each has a FilterSet): as the PMO, who may read them all.
LISTS = sorted({visit.rule for visit in VISITS if visit.rule.endswith("list") and visit.visitor == PMO})


def expand_collapsed(page) -> None:
    """A filter panel that folds away, unfolded."""
    for toggle in page.locator("main [data-bs-toggle=collapse][aria-expanded=false]").all():
        toggle.click()


def apply_a_filter(form) -> None:
    """The first choice of the first filter, as a person picks it (htmx then swaps the table in)."""
    checkboxes, selects = form.locator("input[type=checkbox]"), form.locator("select")
    if checkboxes.count():
        checkbox = checkboxes.first
        if not checkbox.is_visible():
            checkbox.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' dropdown ')][1]").locator(
                "[data-bs-toggle=dropdown]"
            ).click()
        checkbox.check()
    elif selects.count():
        selects.first.select_option(index=1)
    else:
        text = form.locator("input[type=search], input[type=text]").first
        text.fill("a")
        text.press("Tab")  # the change event, on leaving the field


@pytest.mark.parametrize("rule", LISTS)
def test_list_with_filters_applied_and_open_passes_axe(rule, site):
    """A filter applied through the form (htmx swaps the table, the URL keeps it), the page read again from that URL,
    and each filter's dropdown (or collapsed panel) opened."""
    page = site.tab(PMO)
    go(site, page, reverse(rule))
    form = page.locator("main form[role=search]")
    assert form.count() == 1, f"{reverse(rule)} has no filter form"
    expand_collapsed(page)
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        apply_a_filter(form)
    settle(page)
    filtered = page.url
    assert "?" in filtered, "the filter is in the URL"
    found = {"filter applied by htmx": scan(site, page)}
    go(site, page, filtered.removeprefix(site.url))
    expand_collapsed(page)
    found["filtered page loaded"] = scan(site, page)
    dropdowns = form.locator("[data-bs-toggle=dropdown]")
    for index in range(dropdowns.count()):
        dropdowns.nth(index).click()
        found[f"filter dropdown {index + 1} open"] = scan(site, page, within="main form[role=search]")
    assert_no_violations(f"{filtered.removeprefix(site.url)} as {PMO}", found)


CREATE_PAGES = [visit.rule for visit in VISITS if visit.rule.endswith("create") and visit.visitor == PMO]


@pytest.mark.parametrize("rule", CREATE_PAGES)
def test_empty_create_form_with_its_errors_passes_axe(rule, site):
    page = site.tab(PMO)
    go(site, page, reverse(rule))
    form = page.locator("main form[method=post]").first
    # The browser's own checks would stop the empty form before the server's errors: those are the state here.
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()
    settle(page)
    assert page.url == site.url + reverse(rule), "the empty form was refused"
    assert_no_violations(f"{reverse(rule)} (errors) as {PMO}", {"form with errors": scan(site, page)})


def test_sign_in_with_a_wrong_password_passes_axe(site):
    page = site.tab("anonymous")
    go(site, page, reverse("login"))
    page.locator("input[name=username]").fill(site.world.users[PMO].username)
    page.locator("input[name=password]").fill("not-the-password")
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    settle(page)
    assert_no_violations("/login/ (refused) as anonymous", {"sign-in refused": scan(site, page)})


@pytest.mark.parametrize("tab", TABS)
def test_live_meeting_tab_passes_axe(tab, site):
    """Live mode is the PMO's (it adds actions); each tab as chosen, its forms open."""
    visitor = PMO
    page = site.tab(visitor)
    path = f"{reverse('meetings:detail', kwargs={'ref': site.world.meeting['public'].ref})}?live=1&tab={tab}"
    go(site, page, path)
    page.evaluate(OPEN_DETAILS)
    assert_no_violations(f"{path} as {visitor}", {"live meeting": scan(site, page)})


def _with_a_bad_row(content: bytes) -> bytes:
    """The register's own rows, then one whose every cell is unreadable."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    out = io.StringIO()
    csv.writer(out).writerows([*rows, ["??"] * len(rows[0])])
    return out.getvalue().encode()


@pytest.mark.parametrize("kind", sorted(REGISTERS))
def test_import_preview_with_a_refused_row_passes_axe(kind, site):
    register = REGISTERS[kind]
    sheet = register.sheet()
    records = list(sheet.queryset_for_export(register.queryset(site.world.users[PMO])))
    upload = _with_a_bad_row(sheet.export(records, "csv"))
    page = site.tab(PMO)
    path = reverse(f"import-{kind}")
    go(site, page, path)
    page.locator("main input[type=file]").set_input_files(
        files=[{"name": f"{kind}.csv", "mimeType": "text/csv", "buffer": upload}]
    )
    with page.expect_navigation():
        page.locator("main form[enctype='multipart/form-data'] [type=submit]").click()
    settle(page)
    assert page.get_by_test_id("import-report").count() == 1, "the preview is shown"
    assert_no_violations(f"{path} (preview) as {PMO}", {"import preview with a refused row": scan(site, page)})


def test_impact_assessment_answer_form_and_its_error_pass_axe(site):
    page = site.tab("party-representative")
    path = reverse("changes:detail", kwargs={"ref": site.world.cr["public"].ref})
    go(site, page, path)
    form = page.get_by_test_id("your-answer")
    assert form.count() == 1, "the party representative is asked for an answer"
    found = {"answer form": scan(site, page)}
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_response(lambda response: response.request.method == "POST"):
        form.locator("[type=submit]").click()
    settle(page)
    found["answer refused (no response chosen)"] = scan(site, page)
    assert_no_violations(f"{path} as the party representative", found)


def test_vote_form_and_its_error_pass_axe(site):
    page = site.tab("constituency-representative")
    vote_round = site.world.round["public"]
    path = f"{reverse('meetings:detail', kwargs={'ref': vote_round.meeting.ref})}?tab=votes"
    go(site, page, path)
    cast = page.locator(f"form[action='{reverse('meetings:cast-vote', args=[vote_round.meeting.ref, vote_round.pk])}']")
    assert cast.count() == 1, "the constituency representative is asked for a vote"
    found = {"vote form": scan(site, page)}
    cast.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        cast.locator("[type=submit]").click()
    settle(page)
    found["vote refused (no choice)"] = scan(site, page)
    assert_no_violations(f"{path} as the constituency representative", found)


@pytest.mark.parametrize("visitor", [PARTICIPANT, PMO])
@pytest.mark.parametrize("query", ["design", "nothing-matches-this"])
def test_search_results_pass_axe(query, visitor, site):
    page = site.tab(visitor)
    path = f"{reverse('dashboards:search')}?q={query}"
    go(site, page, path)
    assert_no_violations(f"{path} as {visitor}", {"search results": scan(site, page)})


def test_unsubscribe_confirmed_passes_axe(site):
    page = site.tab("anonymous")
    path = reverse("notifications:unsubscribe", kwargs={"token": site.world.unsubscribe_token})
    go(site, page, path)
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").click()
    settle(page)
    assert page.get_by_test_id("unsubscribed").count() == 1
    assert_no_violations(f"{path} (confirmed) as anonymous", {"unsubscribed": scan(site, page)})


# --- reflow: WCAG 1.4.10 ---------------------------------------------------------------------------------------

# The dashboard, each register's list and a record page of each, a meeting and the inbox.
REFLOW_PAGES = [
    "dashboards:home",
    *sorted({register.list_url for register in REGISTERS.values()} | {"meetings:list"}),
    "changes:detail",
    "raid:detail",
    "milestones:detail",
    "meetings:action-detail",
    "meetings:decision-detail",
    "meetings:detail",
    "notifications:inbox",
]


@pytest.mark.parametrize("width", REFLOW_WIDTHS)
@pytest.mark.parametrize("rule", REFLOW_PAGES)
def test_page_reflows_without_scrolling_sideways(rule, width, site):
    """Tables may scroll inside their own region; the page itself never does."""
    page = site.tab(PMO, purpose="reflow")
    page.set_viewport_size({"width": width, "height": 800})
    variant = FAMILIES[RULES[rule].family][0][0]
    path = visit_path(Visit(rule, variant, PMO), site.world)
    go(site, page, path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} at {width} px scrolls sideways by {overflow} px: " + ", ".join(
        page.evaluate(OVERFLOWING)
    )
