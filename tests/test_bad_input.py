"""The bad-input catalogue (issue 12, item 7): every bad input tried on a form, the API, the spreadsheet upload
page, the `import_register` command or a URL, with the response a person (or a client) gets.

`CATALOGUE` is the single source: each case is run by `test_bad_input_gets_its_documented_response`, which checks
the status, the message the user sees, that nothing was written (every register's rows, their history and the ref
counters) unless the case says what may change, and that the answer is never a 500. docs/bad-input.md is rendered
from the same list; `test_the_document_is_the_rendering_of_the_catalogue` fails when it is out of date, and

    UPDATE_BAD_INPUT_DOC=1 .venv/bin/python -m pytest tests/test_bad_input.py

rewrites it. A case whose correct response the application does not give yet is kept, asserting the correct
response, and marked xfail(strict=True) with the bug: it starts failing (XPASS) the day the bug is fixed."""

import datetime
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import load_workbook
from rest_framework.test import APIClient

from changes.choices import ChangeStage
from changes.models import ChangeRequest, ImpactResponse
from core.models import RefCounter
from core.roles import PMO
from meetings import services as meeting_services
from meetings.choices import PackKind, PackStatus
from meetings.models import Action, ActionUpdate, AgendaItem, Decision, DiscussionItem, Meeting, MeetingPack, Vote
from milestones.models import Milestone
from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation
from raid import services as raid_services
from raid.models import MitigationStep, RaidItem
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory
from tests.raid.factories import RaidItemFactory
from tests.spreadsheets.helpers import sheet, stored

DOC = Path(__file__).resolve().parents[1] / "docs" / "bad-input.md"
REGENERATE = "UPDATE_BAD_INPUT_DOC=1 .venv/bin/python -m pytest tests/test_bad_input.py"
SURFACES = ("Form", "API", "Upload", "Import", "URL")
VENDOR = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
DATABASE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# Everything a bad input could write: each register, its links and the ref counters (a refused create must not
# burn a ref number either).
WATCHED = (
    Constituency,
    Organisation,
    GovernanceGroup,
    ChangeRequest,
    ChangeRequest.mutually_exclusive_with.through,
    ChangeRequest.ia_constituencies.through,
    ImpactResponse,
    RaidItem,
    RaidItem.groups.through,
    MitigationStep,
    Milestone,
    Milestone.depends_on.through,
    Meeting,
    AgendaItem,
    Action,
    ActionUpdate,
    Decision,
    Vote,
    DiscussionItem,
    MeetingPack,
    RefCounter,
)


# --- the programme every case runs against ----------------------------------------------------------------------


def build_world() -> SimpleNamespace:
    """PSG over DAG; two seats with a party each; CR100 raised, CR101 validated, CR102 in an open IA (Large
    Suppliers invited), CR103 in an IA that closed on 28/06/2024; R100 an open risk, R101 closed; milestone M10;
    DAG26 (5 June 2024, one agenda item, open action DAG26-01, action DAG26-02 closed at DAG27, a ready headline
    report pack) and DAG27 (3 July 2024, no agenda)."""
    today = timezone.localdate()
    pmo = UserFactory(username="pmo-user", role=PMO)
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group", level=GroupLevel.ADVISORY, parent=psg)
    large = ConstituencyFactory(code="LARGE", name="Large Supplier", position=1)
    dno = ConstituencyFactory(code="DNO", name="DNO", position=2)
    alpha = OrganisationFactory(name="Alpha Energy Ltd", constituency=large)
    beta = OrganisationFactory(name="Beta Networks plc", constituency=dno)
    ChangeRequestFactory(ref="CR100", title="Raised CR", decision_body=psg)
    ChangeRequestFactory(ref="CR101", title="Validated CR", stage=ChangeStage.VALIDATED, decision_body=psg)
    ChangeRequestFactory(
        ref="CR102",
        title="CR in impact assessment",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today - datetime.timedelta(days=7),
        ia_closes_on=today + datetime.timedelta(days=7),
        ia_constituencies=[large],
    )
    ChangeRequestFactory(
        ref="CR103",
        title="CR whose impact assessment closed",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=datetime.date(2024, 6, 3),
        ia_closes_on=datetime.date(2024, 6, 28),
    )
    RaidItemFactory(ref="R100", title="Open risk")
    raid_services.raid_item_close(item=RaidItemFactory(ref="R101", title="Closed risk"), actor=None)
    MilestoneFactory(ref="M10", forum=dag, title="SIT complete")
    dag26 = MeetingFactory(group=dag, number="26", starts_at=at(datetime.date(2024, 6, 5)))
    dag27 = MeetingFactory(group=dag, number="27", starts_at=at(datetime.date(2024, 7, 3)))
    AgendaItem.objects.create(meeting=dag26, position=1, title="Welcome", duration_minutes=5)
    ActionFactory(meeting=dag26, ref="DAG26-01", description="Circulate the design note")
    close(ActionFactory(meeting=dag26, ref="DAG26-02", description="Confirm the DIP date"), dag27)
    pack = MeetingPack.objects.create(meeting=dag26, kind=PackKind.HEADLINE_REPORT, status=PackStatus.READY)
    return SimpleNamespace(
        pmo=pmo, psg=psg, dag=dag, large=large, dno=dno, alpha=alpha, beta=beta, dag26=dag26, dag27=dag27, pack=pack
    )


# --- what a person (or a client) sees ----------------------------------------------------------------------------


@dataclass
class Observed:
    status: str  # "200", "302 → 200" (a button that redirects to the page showing the message), "exit 1"
    text: str  # the page's visible text, the JSON as "field: message" lines, or the command's output
    raw: str = ""  # the HTML as sent (to check what is escaped)
    flagged: str = ""  # the text of the page's error elements (alerts, field errors, refused import rows)


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(strip_tags(html)))


class _Flagged(HTMLParser):
    """Collects the text inside elements a page marks as an error or a message."""

    CLASSES = {"alert", "invalid-feedback", "text-danger", "errorlist", "table-danger"}
    VOID = {"input", "br", "img", "hr", "meta", "link", "col", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(bool(classes & self.CLASSES))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if any(self.stack):
            self.parts.append(data)


def flagged_text(html: str) -> str:
    parser = _Flagged()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def flatten(data, prefix: str = ""):
    """{"mitigation": [{"due_on": ["Bad"]}]} → "mitigation.0.due_on: Bad", as a person would read it."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list) and data and all(not isinstance(item, dict | list) for item in data):
        for item in data:
            yield f"{prefix}: {item}" if prefix else str(item)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from flatten(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield f"{prefix}: {data}" if prefix else str(data)


def page_seen(response) -> Observed:
    chain = [str(code) for _, code in getattr(response, "redirect_chain", [])]
    html = response.content.decode(errors="replace")
    return Observed(" → ".join([*chain, str(response.status_code)]), visible_text(html), html, flagged_text(html))


def api_seen(response) -> Observed:
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return Observed(str(response.status_code), visible_text(response.content.decode(errors="replace")))
    return Observed(str(response.status_code), "\n".join(flatten(data)))


class Env:
    """The PMO's browser and API client (raising no exception, so a server error is seen as the 500 it is)."""

    def __init__(self, world, tmp_path):
        self.world = world
        self.tmp_path = tmp_path
        self.browser = Client(raise_request_exception=False)
        self.browser.force_login(world.pmo)
        self.api = APIClient(raise_request_exception=False)
        self.api.force_authenticate(world.pmo)


def _value(value, env):
    return value(env.world) if callable(value) else value


# --- how a case sends its input ------------------------------------------------------------------------------------


def post(path, data=None, follow=True) -> Callable[[Env], Observed]:
    """A form posted from a page; buttons redirect to the page that shows the outcome, which is followed."""
    return lambda env: page_seen(env.browser.post(_value(path, env), _value(data, env) or {}, follow=follow))


def get(path) -> Callable[[Env], Observed]:
    return lambda env: page_seen(env.browser.get(_value(path, env)))


def call(method, path, data=None, *, body=None, content_type="application/json", headers=None):
    """An API call: `data` as JSON, or a raw `body` of `content_type`."""

    def send(env):
        url = _value(path, env)
        if body is not None:
            response = env.api.generic(method, url, body, content_type=content_type, headers=headers)
        elif method == "GET":
            response = env.api.get(url, headers=headers)
        else:
            response = env.api.generic(
                method, url, json.dumps(_value(data, env) or {}), content_type="application/json", headers=headers
            )
        return api_seen(response)

    return send


def upload(path, filename, content) -> Callable[[Env], Observed]:
    return lambda env: page_seen(env.browser.post(path, {"file": SimpleUploadedFile(filename, content)}))


def upload_and_confirm(path, filename, content) -> Callable[[Env], Observed]:
    """The upload, then the preview's confirmation button."""

    def send(env):
        preview = env.browser.post(path, {"file": SimpleUploadedFile(filename, content)}).content.decode()
        token = re.search(r'name="token" value="([^"]+)"', preview)
        assert token, visible_text(preview)[:2000]
        return page_seen(env.browser.post(path, {"token": token[1], "filename": filename}, follow=True))

    return send


def command(kind, filename, content, *options) -> Callable[[Env], Observed]:
    """`manage.py import_register`: a CommandError is what makes manage.py exit 1."""

    def send(env):
        path = env.tmp_path / filename
        path.write_bytes(content)
        out = io.StringIO()
        try:
            call_command("import_register", kind, str(path), *options, stdout=out, stderr=io.StringIO())
        except CommandError as refused:
            return Observed("exit 1", f"{refused}\n{out.getvalue()}")
        return Observed("exit 0", out.getvalue())

    return send


# --- the catalogue -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    surface: str  # Form / API / Upload / Import / URL
    where: str  # the request, e.g. "POST /changes/new/"
    bad_input: str  # in words
    status: str  # expected, e.g. "200", "302 → 200", "400", "exit 1"
    shows: str  # where the message appears: "form error", "JSON", "message on the CR page", ...
    message: str  # the text the user sees (JSON flattened to "field: message")
    send: Callable[[Env], Observed]
    setup: Callable | None = None  # puts the world in the state the case needs, before the snapshot
    absent: str = ""  # must not appear in what the user sees
    raw_absent: str = ""  # must not appear in the HTML as sent (unescaped markup)
    changes: tuple[str, ...] = ()  # models the case may write (default: none)
    check: Callable | None = None  # more assertions after the request
    bug: str = ""  # what happens instead of `status` / `message`: the case is xfail(strict)
    bug_on: str = ""  # "sqlite" / "postgresql": the bug shows on that database only

    @property
    def expected(self) -> str:
        said = f": `{self.message}`" if self.message else ""
        return f"{self.status} — {self.shows}{said}"

    def response(self) -> str:
        if not self.bug:
            return self.expected
        where = f" ({DATABASE_NAMES[self.bug_on]} only)" if self.bug_on else ""
        return f"**BUG**{where}: {self.bug}. Expected {self.expected}"


# Page responses whose message must sit in an error element (an alert, a field error, a refused import row).
FLAGGED = ("form error", "message on", "import error", "filter error", "preview")
STALE = "was changed by someone else since you opened it. Reload to see their changes, then apply yours again."
CR_NEW = {"change_type": "full_impact_assessment", "classification": "public"}
RAID_NEW = {
    "kind": "risk",
    "title": "Environments late",
    "likelihood": "3",
    "impact": "4",
    "status": "open",
    "classification": "public",
    "mitigation_steps-TOTAL_FORMS": "0",
    "mitigation_steps-INITIAL_FORMS": "0",
    "mitigation_steps-MIN_NUM_FORMS": "0",
    "mitigation_steps-MAX_NUM_FORMS": "1000",
}
MILESTONE_HEADERS = ["Milestone ID", "Forum", "Title", "Baseline Date"]
GOOD_MILESTONE = ["T3-DB-0005", "DAG", "Data build complete", "30/05/2027"]
SQLISH = "' OR 1=1; DROP TABLE changes_changerequest; --"
MANY_WORDS = " ".join(["zz"] * 1200)  # 3,600 characters: fits in a URL that gunicorn accepts


def bump(model, **lookup):
    """Someone else saved the record since the form (or client) read it."""
    return lambda world: model.objects.filter(**lookup).update(version=F("version") + 1)


def milestone_form(world, **changes) -> dict:
    m10 = Milestone.objects.get(ref="M10")
    return {
        "tier": "1",
        "title": m10.title,
        "forum": m10.forum_id,
        "status": m10.status,
        "classification": "public",
        "baseline_on": m10.baseline_on.isoformat(),
        "forecast_on": m10.forecast_on.isoformat(),
        "version": m10.version,
        **changes,
    }


def moved_baseline(world) -> str:
    return (Milestone.objects.get(ref="M10").baseline_on + datetime.timedelta(days=7)).isoformat()


def agenda_form(world, **second_item) -> dict:
    item = AgendaItem.objects.get(meeting=world.dag26, position=1)
    return {
        "agenda_items-TOTAL_FORMS": "2",
        "agenda_items-INITIAL_FORMS": "1",
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-id": item.pk,
        "agenda_items-0-meeting": world.dag26.pk,
        "agenda_items-0-position": "1",
        "agenda_items-0-title": "Welcome",
        "agenda_items-0-item_type": "information",
        "agenda_items-0-duration_minutes": "5",
        "agenda_items-1-meeting": world.dag26.pk,
        "agenda_items-1-position": "2",
        "agenda_items-1-title": "Design update",
        "agenda_items-1-item_type": "decision",
        "agenda_items-1-duration_minutes": "10",
        **{f"agenda_items-1-{name}": value for name, value in second_item.items()},
    }


def script_title_everywhere(env) -> Observed:
    """A title with markup, saved, then read on its record page, the register and the search results."""
    seen = page_seen(env.browser.post("/changes/new/", {**CR_NEW, "title": "<script>alert('x')</script>"}, follow=True))
    pages = [seen.raw] + [env.browser.get(url).content.decode() for url in ("/changes/", "/search/?q=alert")]
    return Observed(seen.status, " ".join(visible_text(html) for html in pages), "".join(pages))


def formula_title_exported(env) -> Observed:
    """A title that is a spreadsheet formula, saved, then exported to Excel as the register's Excel button does."""
    title = '=HYPERLINK("http://evil.example","Click")'
    seen = page_seen(env.browser.post("/changes/new/", {**CR_NEW, "title": title}, follow=True))
    workbook = load_workbook(io.BytesIO(env.browser.get("/changes/export.xlsx").content))
    cell = next(c for row in workbook.worksheets[0].iter_rows() for c in row if c.value == title)
    kind = "a live formula" if cell.data_type == "f" else "text"
    return Observed(seen.status, f"{seen.text} exported Key Detail cell: {kind}")


def far_future_milestone(env) -> Observed:
    """A milestone whose baseline is 31/12/9999 (the spreadsheet habit for "no date"), then the dashboard."""
    data = milestone_form(env.world, title="Placeholder date", baseline_on="9999-12-31", forecast_on="9999-12-31")
    del data["version"]
    seen = page_seen(env.browser.post("/milestones/new/", {**data, "ref": "M11"}, follow=True))
    dashboard = env.browser.get("/")
    return Observed(f"{seen.status}; dashboard {dashboard.status_code}", seen.text, seen.raw, seen.flagged)


def confirm_with_token(token) -> Callable[[Env], Observed]:
    return lambda env: page_seen(env.browser.post("/milestones/import/", {"token": token, "filename": "m.csv"}))


def imported_with_its_accent(env, observed):
    assert Milestone.objects.get(ref="T3-DB-0005").title == "Café build"


def only_one_vote_replaced(env, observed):
    assert list(Vote.objects.values_list("constituency__code", "vote")) == [("LARGE", "reject")]


def csv(*rows, headers=MILESTONE_HEADERS, encoding="utf-8") -> bytes:
    lines = [",".join(headers), *(",".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


CATALOGUE: list[Case] = [
    # --- forms ------------------------------------------------------------------------------------------------------
    Case(
        "cr-title-blank",
        "Form",
        "POST /changes/new/",
        "title left blank",
        "200",
        "form error under Title",
        "This field is required.",
        post("/changes/new/", {**CR_NEW, "title": ""}, follow=False),
    ),
    Case(
        "cr-title-100k",
        "Form",
        "POST /changes/new/",
        "title of 100,000 characters",
        "200",
        "form error under Title",
        "Ensure this value has at most 255 characters (it has 100000).",
        post("/changes/new/", {**CR_NEW, "title": "x" * 100_000}, follow=False),
    ),
    Case(
        "cr-date-31-feb",
        "Form",
        "POST /changes/new/",
        "raised date `31/02/2026` (no such day)",
        "200",
        "form error under Raised on",
        "Enter a valid date.",
        post("/changes/new/", {**CR_NEW, "title": "A change", "raised_on": "31/02/2026"}, follow=False),
    ),
    Case(
        "cr-ref-malformed",
        "Form",
        "POST /changes/new/",
        "ref `CR12` (not CR and three digits)",
        "200",
        "form error under Ref",
        "A CR ref is CR followed by at least three digits.",
        post("/changes/new/", {**CR_NEW, "title": "A change", "ref": "CR12"}, follow=False),
    ),
    Case(
        "cr-script-title",
        "Form",
        "POST /changes/new/",
        "HTML/script in a title: `<script>alert('x')</script>`",
        "302 → 200",
        "saved; the record page, the register and the search show it as text (escaped)",
        "<script>alert('x')</script>",
        script_title_everywhere,
        raw_absent="<script>alert(",
        changes=("ChangeRequest", "RefCounter"),
    ),
    Case(
        "cr-formula-title-export",
        "Form",
        "POST /changes/new/ then GET /changes/export.xlsx",
        'title that is a spreadsheet formula: `=HYPERLINK("http://evil.example","Click")`',
        "302 → 200",
        "saved; the Excel export writes it as text",
        "exported Key Detail cell: text",
        formula_title_exported,
        changes=("ChangeRequest", "RefCounter"),
    ),
    Case(
        "cr-edit-stale",
        "Form",
        "POST /changes/CR100/edit/",
        "stale version: someone else saved the CR after the form was opened",
        "409",
        "form error",
        f"Change request CR100 {STALE}",
        post("/changes/CR100/edit/", {**CR_NEW, "title": "My edit", "version": 1}, follow=False),
        setup=bump(ChangeRequest, ref="CR100"),
    ),
    Case(
        "cr-transition-wrong-stage",
        "Form",
        "POST /changes/CR100/transitions/approve/",
        "transition not allowed from this stage (approve a CR that is only Raised)",
        "302 → 200",
        "message on the CR page",
        "CR100 cannot be sent to 'approve': it is Open at stage Raised.",
        post("/changes/CR100/transitions/approve/", {"version": 1}),
    ),
    Case(
        "cr-approve-before-ia",
        "Form",
        "POST /changes/CR101/transitions/approve/",
        "approve a full-impact-assessment CR before its impact assessment",
        "302 → 200",
        "message on the CR page",
        "CR101 needs its impact assessment before it can be approved.",
        post("/changes/CR101/transitions/approve/", {"version": 1}),
    ),
    Case(
        "cr-ia-ends-before-start",
        "Form",
        "POST /changes/CR101/transitions/issue_ia/",
        "end before start: IA opens 10/03/2026, closes 01/03/2026",
        "302 → 200",
        "message on the CR page",
        "The impact assessment cannot close (01/03/2026) before it opens (10/03/2026).",
        post(
            "/changes/CR101/transitions/issue_ia/",
            {"version": 1, "ia_opens_on": "2026-03-10", "ia_closes_on": "2026-03-01"},
        ),
    ),
    Case(
        "cr-ia-no-close-date",
        "Form",
        "POST /changes/CR101/transitions/issue_ia/",
        "IA close date left blank",
        "302 → 200",
        "message on the CR page",
        "Issue for impact assessment not done — IA closes: This field is required.",
        post("/changes/CR101/transitions/issue_ia/", {"version": 1}),
    ),
    Case(
        "cr-transition-stale",
        "Form",
        "POST /changes/CR101/transitions/hold/",
        "stale version: the CR moved on since the page was loaded",
        "302 → 200",
        "message on the CR page",
        f"Change request CR101 {STALE}",
        post("/changes/CR101/transitions/hold/", {"version": 1}),
        setup=bump(ChangeRequest, ref="CR101"),
    ),
    Case(
        "cr-unknown-step",
        "Form",
        "POST /changes/CR101/transitions/fly/",
        "a step that does not exist",
        "404",
        "the not-found page",
        "We couldn't find that",
        post("/changes/CR101/transitions/fly/", {"version": 1}, follow=False),
    ),
    Case(
        "ia-answer-after-window",
        "Form",
        "POST /changes/CR103/responses/",
        "an impact-assessment answer after the window closed",
        "302 → 200",
        "message on the CR page",
        "The impact assessment of CR103 closed on 28/06/2024. PMO can reopen it to accept this response.",
        post("/changes/CR103/responses/", lambda w: {"organisation": w.alpha.pk, "response": "support"}),
    ),
    Case(
        "ia-answer-bad-choice",
        "Form",
        "POST /changes/CR102/responses/",
        "response `maybe` (not support / reject / abstain)",
        "302 → 200",
        "message on the CR page",
        "Response not recorded — Select a valid choice. maybe is not one of the available choices.",
        post("/changes/CR102/responses/", lambda w: {"organisation": w.alpha.pk, "response": "maybe"}),
    ),
    Case(
        "raid-likelihood-9",
        "Form",
        "POST /raid/new/",
        "likelihood 9 (outside 1–5)",
        "200",
        "form error under Likelihood",
        "Ensure this value is less than or equal to 5.",
        post("/raid/new/", {**RAID_NEW, "likelihood": "9"}, follow=False),
    ),
    Case(
        "raid-issue-with-likelihood",
        "Form",
        "POST /raid/new/",
        "an issue given a likelihood",
        "200",
        "form error under Likelihood",
        "An issue has already happened: it has no likelihood.",
        post("/raid/new/", {**RAID_NEW, "kind": "issue"}, follow=False),
    ),
    Case(
        "raid-ref-other-kind",
        "Form",
        "POST /raid/new/",
        "ref `I5` for a risk",
        "200",
        "form error under Ref",
        "A risk's ref starts with R.",
        post("/raid/new/", {**RAID_NEW, "ref": "I5"}, follow=False),
    ),
    Case(
        "raid-step-date-31-feb",
        "Form",
        "POST /raid/new/",
        "mitigation step due `31/02/2026`",
        "200",
        "form error under the step's Due",
        "Enter a valid date.",
        post(
            "/raid/new/",
            {
                **RAID_NEW,
                "mitigation_steps-TOTAL_FORMS": "1",
                "mitigation_steps-0-text": "Replan the SIT cycles",
                "mitigation_steps-0-due_on": "31/02/2026",
            },
            follow=False,
        ),
    ),
    Case(
        "raid-edit-closed",
        "Form",
        "POST /raid/R101/edit/",
        "edit a closed item without reopening it",
        "200",
        "form error under Status",
        "R101 is closed: reopen it before editing.",
        post(
            "/raid/R101/edit/",
            lambda w: {
                **RAID_NEW,
                "title": "Edited",
                "status": "closed",
                "version": RaidItem.objects.get(ref="R101").version,
            },
            follow=False,
        ),
    ),
    Case(
        "raid-close-closed",
        "Form",
        "POST /raid/R101/close/",
        "close an item that is already closed",
        "302 → 200",
        "message on the item page",
        "R101 is already closed.",
        post("/raid/R101/close/"),
    ),
    Case(
        "milestone-baseline-no-authority",
        "Form",
        "POST /milestones/M10/edit/",
        "baseline moved a week with no change authority",
        "200",
        "form error under Baseline change authority",
        "A baseline date changes only with an approved change request or a decision: give its ref (e.g. CR055).",
        post("/milestones/M10/edit/", lambda w: milestone_form(w, baseline_on=moved_baseline(w)), follow=False),
    ),
    Case(
        "milestone-baseline-open-cr",
        "Form",
        "POST /milestones/M10/edit/",
        "baseline moved under CR100, which is not approved",
        "200",
        "form error under Baseline change authority",
        "CR100 is Open, not approved.",
        post(
            "/milestones/M10/edit/",
            lambda w: milestone_form(w, baseline_on=moved_baseline(w), baseline_change_reference="CR100"),
            follow=False,
        ),
    ),
    Case(
        "milestone-authority-html",
        "Form",
        "POST /milestones/M10/edit/",
        "HTML as the change authority: `<img src=x onerror=alert(1)>` (echoed in the error)",
        "200",
        "form error, the markup shown as text",
        "<img src=x onerror=alert(1)> is neither an approved change request nor a recorded decision.",
        post(
            "/milestones/M10/edit/",
            lambda w: milestone_form(
                w, baseline_on=moved_baseline(w), baseline_change_reference="<img src=x onerror=alert(1)>"
            ),
            follow=False,
        ),
        raw_absent="<img src=x",
    ),
    Case(
        "milestone-actual-in-future",
        "Form",
        "POST /milestones/M10/edit/",
        "actual date in the future",
        "200",
        "form error under Actual date",
        "An actual date cannot be in the future: record it when the milestone is met.",
        post(
            "/milestones/M10/edit/",
            lambda w: milestone_form(
                w, actual_on=(timezone.localdate() + datetime.timedelta(days=3)).isoformat(), status="complete"
            ),
            follow=False,
        ),
    ),
    Case(
        "milestone-override-no-reason",
        "Form",
        "POST /milestones/M10/edit/",
        "RAG override with no reason",
        "200",
        "form error under Override reason",
        "Say why the RAG is overridden.",
        post("/milestones/M10/edit/", lambda w: milestone_form(w, rag_override="red"), follow=False),
    ),
    Case(
        "milestone-year-9999",
        "Form",
        "POST /milestones/new/ then GET /",
        "baseline and forecast `31/12/9999` (the spreadsheet placeholder for no date)",
        "200; dashboard 200",
        "form error",
        "Give a date between 01/01/1990 and 31/12/2099.",
        far_future_milestone,
    ),
    Case(
        "meeting-ends-before-start",
        "Form",
        "POST /meetings/new/",
        "end before start: 10:00 to 09:00",
        "200",
        "form error under Ends at",
        "A meeting cannot end before it starts.",
        post(
            "/meetings/new/",
            lambda w: {
                "group": w.dag.pk,
                "number": "30",
                "starts_at": "2026-03-10T10:00",
                "ends_at": "2026-03-10T09:00",
                "document_version": "1.0",
                "status": "planned",
                "classification": "public",
            },
            follow=False,
        ),
    ),
    Case(
        "meeting-number-taken",
        "Form",
        "POST /meetings/new/",
        "a meeting number the group has already used (DAG 26)",
        "200",
        "form error",
        "DAG26 already exists.",
        post(
            "/meetings/new/",
            lambda w: {
                "group": w.dag.pk,
                "number": "26",
                "starts_at": "2026-03-10T10:00",
                "document_version": "1.0",
                "status": "planned",
                "classification": "public",
            },
            follow=False,
        ),
    ),
    Case(
        "agenda-negative-duration",
        "Form",
        "POST /meetings/DAG26/agenda/",
        "negative duration: −5 minutes",
        "200",
        "form error under Minutes",
        "Ensure this value is greater than or equal to 1.",
        post("/meetings/DAG26/agenda/", lambda w: agenda_form(w, duration_minutes="-5"), follow=False),
    ),
    Case(
        "agenda-same-position",
        "Form",
        "POST /meetings/DAG26/agenda/",
        "two agenda items at the same position",
        "200",
        "form error",
        "Please correct the duplicate data for position.",
        post("/meetings/DAG26/agenda/", lambda w: agenda_form(w, position="1"), follow=False),
    ),
    Case(
        "live-action-due-before-raised",
        "Form",
        "POST /meetings/DAG26/actions/new/",
        "live meeting: an action due before the meeting that raised it",
        "302 → 200",
        "message on the meeting page",
        "An action cannot be due before it was raised.",
        post(
            "/meetings/DAG26/actions/new/",
            {"action-description": "Circulate the note", "action-owner": "PMO", "action-due_on": "2024-05-01"},
        ),
    ),
    Case(
        "live-decision-approves-raised-cr",
        "Form",
        "POST /meetings/DAG26/decisions/new/",
        "a decision approving a CR that is not awaiting a decision",
        "302 → 200",
        "message on the meeting page; neither the decision nor the CR is saved",
        "CR100 cannot be sent to 'approve': it is Open at stage Raised.",
        post(
            "/meetings/DAG26/decisions/new/",
            {
                "decision-text": "Approved",
                "decision-change_request": "CR100",
                "decision-change_request_step": "approve",
            },
        ),
    ),
    Case(
        "live-votes-none",
        "Form",
        "POST /meetings/DAG26/votes/new/",
        "votes submitted with no constituency's vote",
        "302 → 200",
        "message on the meeting page",
        "Votes not recorded: Record at least one constituency's vote.",
        post("/meetings/DAG26/votes/new/", {"votes-subject": "CR100"}),
        absent="__all__",
    ),
    Case(
        "headline-issued-before-meeting",
        "Form",
        "POST /meetings/DAG26/headline/issue/",
        "headline report issued the day before its meeting",
        "302 → 200",
        "message on the meeting page",
        "A headline report is issued after its meeting.",
        post("/meetings/DAG26/headline/issue/", {"issue-issued_on": "2024-06-04"}),
    ),
    Case(
        "headline-issued-twice",
        "Form",
        "POST /meetings/DAG26/headline/issue/",
        "headline report issued a second time",
        "302 → 200",
        "message on the meeting page",
        "The headline report of DAG26 is already issued.",
        post("/meetings/DAG26/headline/issue/", {"issue-issued_on": "2024-06-06"}),
        setup=lambda w: meeting_services.headline_issue(
            meeting=w.dag26, actor=None, issued_on=datetime.date(2024, 6, 6)
        ),
    ),
    Case(
        "headline-approve-not-issued",
        "Form",
        "POST /meetings/DAG27/headline/approve/",
        "approve the headline report of a meeting that never issued one",
        "302 → 200",
        "message on the meeting page",
        "Choose an issued headline report of an earlier meeting of this group.",
        post("/meetings/DAG27/headline/approve/", {"approve-meeting": "DAG26"}),
    ),
    Case(
        "action-close-closed",
        "Form",
        "POST /actions/DAG26-02/close/",
        "close an action that is already closed",
        "302 → 200",
        "message on the action page",
        "DAG26-02 is already closed.",
        post("/actions/DAG26-02/close/", {"at_meeting": "DAG27"}),
    ),
    Case(
        "action-update-blank",
        "Form",
        "POST /actions/DAG26-01/update/",
        "an update of only spaces",
        "302 → 200",
        "message on the action page",
        "Say what the update is.",
        post("/actions/DAG26-01/update/", {"text": "   "}),
    ),
    Case(
        "action-update-closes",
        "Form",
        "POST /actions/DAG26-01/update/",
        "an update setting status `closed` (closing is done at a meeting)",
        "302 → 200",
        "message on the action page",
        "An update can set open, ongoing or recommend closed; close the action at a meeting.",
        post("/actions/DAG26-01/update/", {"text": "Done", "status": "closed"}),
    ),
    Case(
        "pack-papers-without-agenda",
        "Form",
        "POST /meetings/DAG27/packs/new/",
        "meeting papers requested for a meeting with no agenda",
        "302 → 200",
        "message on the meeting page",
        "DAG27 has no agenda yet: add its agenda items before generating the papers.",
        post("/meetings/DAG27/packs/new/", {"kind": "papers"}),
    ),
    Case(
        "pack-unknown-kind",
        "Form",
        "POST /meetings/DAG26/packs/new/",
        "pack kind `poster`",
        "302 → 200",
        "message on the meeting page",
        "A pack is papers or headline_report.",
        post("/meetings/DAG26/packs/new/", {"kind": "poster"}),
    ),
    Case(
        "pack-retry-ready",
        "Form",
        "POST /packs/<id>/retry/",
        "retry a pack that rendered fine",
        "302 → 200",
        "message on the meeting page",
        "Only a failed render is retried; this one is ready.",
        post(lambda w: f"/packs/{w.pack.pk}/retry/"),
    ),
    Case(
        "group-under-own-subgroup",
        "Form",
        "POST /groups/PSG/edit/",
        "PSG put under DAG, its own subgroup",
        "200",
        "form error under Parent",
        "A group cannot sit under itself or one of its own subgroups.",
        post(
            "/groups/PSG/edit/",
            lambda w: {"code": "PSG", "name": "PSG", "level": "2", "parent": w.dag.pk, "active": "on", "version": 1},
            follow=False,
        ),
    ),
    Case(
        "constituency-code-not-slug",
        "Form",
        "POST /constituencies/new/",
        "code `not a slug!`",
        "200",
        "form error under Code",
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        post("/constituencies/new/", {"code": "not a slug!", "name": "New seat", "position": "3"}, follow=False),
    ),
    # --- API --------------------------------------------------------------------------------------------------------
    Case(
        "api-malformed-json",
        "API",
        "POST /api/change-requests/",
        'malformed JSON body `{"title": "x",`',
        "400",
        "JSON",
        "detail: JSON parse error - Expecting property name enclosed in double quotes: line 1 column 15 (char 14)",
        call("POST", "/api/change-requests/", body='{"title": "x",'),
    ),
    Case(
        "api-not-json",
        "API",
        "POST /api/change-requests/",
        "body sent as `text/plain`",
        "415",
        "JSON",
        'detail: Unsupported media type "text/plain" in request.',
        call("POST", "/api/change-requests/", body="title=x", content_type="text/plain"),
    ),
    Case(
        "api-json-list",
        "API",
        "POST /api/change-requests/",
        "a JSON list instead of an object",
        "400",
        "JSON",
        "non_field_errors: Invalid data. Expected a dictionary, but got list.",
        call("POST", "/api/change-requests/", body="[1, 2]"),
    ),
    Case(
        "api-title-missing",
        "API",
        "POST /api/change-requests/",
        "no title",
        "400",
        "JSON",
        "title: This field is required.",
        call("POST", "/api/change-requests/", {"description": "No title"}),
    ),
    Case(
        "api-title-100k",
        "API",
        "POST /api/change-requests/",
        "title of 100,000 characters",
        "400",
        "JSON",
        "title: Ensure this field has no more than 255 characters.",
        call("POST", "/api/change-requests/", {"title": "x" * 100_000}),
    ),
    Case(
        "api-date-uk-format",
        "API",
        "POST /api/change-requests/",
        "date in the wrong format: `31/02/2026`",
        "400",
        "JSON",
        "raised_on: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        call("POST", "/api/change-requests/", {"title": "A change", "raised_on": "31/02/2026"}),
    ),
    Case(
        "api-if-match-stale",
        "API",
        "PATCH /api/change-requests/CR100/",
        '`If-Match: "1"` after someone else saved (version 2)',
        "412",
        "JSON",
        f"detail: Change request CR100 {STALE}",
        call("PATCH", "/api/change-requests/CR100/", {"title": "My edit"}, headers={"If-Match": '"1"'}),
        setup=bump(ChangeRequest, ref="CR100"),
    ),
    Case(
        "api-nul-in-body",
        "API",
        "POST /api/change-requests/",
        "a NUL character in the title (`\\u0000` in the JSON)",
        "400",
        "JSON",
        "detail: Null characters are not allowed.",
        call("POST", "/api/change-requests/", {**CR_NEW, "title": "Faster\x00switching"}),
    ),
    Case(
        "api-ref-number-huge",
        "API",
        "POST /api/raid-items/",
        "ref `R30326951809` (a number past any register's)",
        "400",
        "JSON",
        "ref: R30326951809 is not a ref of this programme: numbers go up to 999999.",
        call(
            "POST",
            "/api/raid-items/",
            {"kind": "risk", "title": "t", "impact": 3, "likelihood": 3, "ref": "R30326951809"},
        ),
    ),
    Case(
        "api-meeting-year-242",
        "API",
        "PATCH /api/meetings/DAG26/",
        "`starts_at` in the year 242",
        "400",
        "JSON",
        "starts_at: Give a date between 01/01/1990 and 31/12/2099.",
        call("PATCH", "/api/meetings/DAG26/", {"starts_at": "0242-06-01T19:37:33Z"}),
    ),
    Case(
        "api-if-match-unreadable",
        "API",
        "PATCH /api/change-requests/CR100/",
        '`If-Match: "abc"` (not a version of the record)',
        "412",
        "JSON, nothing written",
        f"detail: Change request CR100 {STALE}",
        call("PATCH", "/api/change-requests/CR100/", {"title": "My edit"}, headers={"If-Match": '"abc"'}),
    ),
    Case(
        "api-ref-change",
        "API",
        "PATCH /api/change-requests/CR100/",
        "ref changed to CR555",
        "400",
        "JSON",
        "ref: A CR's ref cannot change.",
        call("PATCH", "/api/change-requests/CR100/", {"ref": "CR555"}),
    ),
    Case(
        "api-delete",
        "API",
        "DELETE /api/change-requests/CR100/",
        "delete a record (records are archived, never deleted)",
        "405",
        "JSON",
        'detail: Method "DELETE" not allowed.',
        call("DELETE", "/api/change-requests/CR100/"),
    ),
    Case(
        "api-unknown-ref",
        "API",
        "GET /api/change-requests/CR999/",
        "unknown ref in the path",
        "404",
        "JSON",
        "detail: Not found.",
        call("GET", "/api/change-requests/CR999/"),
    ),
    Case(
        "api-nul-in-ref",
        "API",
        "GET /api/change-requests/CR%00/",
        "a NUL byte in the ref in the path",
        "400",
        "plain-text refusal",
        "Null characters are not allowed.",
        call("GET", "/api/change-requests/CR%00/"),
    ),
    Case(
        "api-transition-wrong-stage",
        "API",
        "POST /api/change-requests/CR100/transitions/approve/",
        "transition not allowed from this stage",
        "400",
        "JSON",
        "detail: CR100 cannot be sent to 'approve': it is Open at stage Raised.",
        call("POST", "/api/change-requests/CR100/transitions/approve/"),
    ),
    Case(
        "api-transition-unknown",
        "API",
        "POST /api/change-requests/CR100/transitions/fly/",
        "a step that does not exist",
        "400",
        "JSON",
        "step: Unknown step; use one of validate, issue_ia, close_ia, reopen_ia, approve, reject, implement, "
        "complete, withdraw, hold, resume.",
        call("POST", "/api/change-requests/CR100/transitions/fly/"),
    ),
    Case(
        "api-ia-ends-before-start",
        "API",
        "POST /api/change-requests/CR101/transitions/issue_ia/",
        "end before start: IA opens 2026-03-10, closes 2026-03-01",
        "400",
        "JSON",
        "ia_closes_on: The impact assessment cannot close (01/03/2026) before it opens (10/03/2026).",
        call(
            "POST",
            "/api/change-requests/CR101/transitions/issue_ia/",
            {"ia_opens_on": "2026-03-10", "ia_closes_on": "2026-03-01"},
        ),
    ),
    Case(
        "api-transition-version-0",
        "API",
        "POST /api/change-requests/CR101/transitions/hold/",
        '`"version": 0` (no record ever has version 0)',
        "412",
        "JSON",
        f"detail: Change request CR101 {STALE}",
        call("POST", "/api/change-requests/CR101/transitions/hold/", {"version": 0}),
    ),
    Case(
        "api-ia-answer-never-issued",
        "API",
        "POST /api/impact-responses/",
        "an answer for a CR never issued for impact assessment (CR100, Raised)",
        "400",
        "JSON",
        "detail: The impact assessment of CR100 is not open (stage: Raised).",
        call(
            "POST",
            "/api/impact-responses/",
            lambda w: {"change_request": "CR100", "organisation": w.alpha.pk, "response": "support"},
        ),
        absent="reopen",
    ),
    Case(
        "api-ia-answer-not-invited",
        "API",
        "POST /api/impact-responses/",
        "an answer from a party whose constituency was not invited",
        "400",
        "JSON",
        "organisation: Beta Networks plc (DNO) was not invited to the impact assessment of CR102.",
        call(
            "POST",
            "/api/impact-responses/",
            lambda w: {"change_request": "CR102", "organisation": w.beta.pk, "response": "support"},
        ),
    ),
    Case(
        "api-as-of-not-a-date",
        "API",
        "GET /api/change-requests/?as_of=not-a-date",
        "`as_of=not-a-date`",
        "400",
        "JSON",
        "as_of: 'not-a-date' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.",
        call("GET", "/api/change-requests/?as_of=not-a-date"),
    ),
    Case(
        "api-page-999",
        "API",
        "GET /api/change-requests/?page=999",
        "`?page=999` (past the last page)",
        "404",
        "JSON",
        "detail: Invalid page.",
        call("GET", "/api/change-requests/?page=999"),
    ),
    Case(
        "api-filter-bad-choice",
        "API",
        "GET /api/change-requests/?status=bogus",
        "a filter value that is not a choice",
        "400",
        "JSON",
        "status: Select a valid choice. bogus is not one of the available choices.",
        call("GET", "/api/change-requests/?status=bogus"),
    ),
    Case(
        "api-search-sqlish",
        "API",
        "GET /api/change-requests/?search=…",
        f"SQL-ish text in search: `{SQLISH}`",
        "200",
        "JSON, no results (the text is only ever a bound parameter)",
        "count: 0",
        call("GET", f"/api/change-requests/?search={SQLISH}"),
    ),
    Case(
        "api-raid-likelihood-9",
        "API",
        "POST /api/raid-items/",
        "likelihood 9 (outside 1–5)",
        "400",
        "JSON",
        "likelihood: Ensure this value is less than or equal to 5.",
        call("POST", "/api/raid-items/", {"kind": "risk", "title": "x", "likelihood": 9, "impact": 4}),
    ),
    Case(
        "api-raid-kind-change",
        "API",
        "PATCH /api/raid-items/R100/",
        "a risk turned into an issue",
        "400",
        "JSON",
        "kind: An item's kind cannot change; raise a new item instead.",
        call("PATCH", "/api/raid-items/R100/", {"kind": "issue"}),
    ),
    Case(
        "api-raid-step-bad-date",
        "API",
        "POST /api/raid-items/",
        "mitigation step due `31/02/2026`",
        "400",
        "JSON",
        "mitigation.0.due_on: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        call(
            "POST",
            "/api/raid-items/",
            {
                "kind": "risk",
                "title": "x",
                "likelihood": 3,
                "impact": 4,
                "mitigation": [{"text": "a", "due_on": "31/02/2026"}],
            },
        ),
    ),
    Case(
        "api-raid-edit-closed",
        "API",
        "PATCH /api/raid-items/R101/",
        "edit a closed item",
        "400",
        "JSON",
        "status: R101 is closed: reopen it before editing.",
        call("PATCH", "/api/raid-items/R101/", {"title": "Edited"}),
    ),
    Case(
        "api-milestone-baseline-no-authority",
        "API",
        "PATCH /api/milestones/M10/",
        "baseline moved with no change authority",
        "400",
        "JSON",
        "baseline_change_reference: A baseline date changes only with an approved change request or a decision: "
        "give its ref (e.g. CR055).",
        call("PATCH", "/api/milestones/M10/", {"baseline_on": "2030-01-01"}),
    ),
    Case(
        "api-milestone-as-of-31-feb",
        "API",
        "GET /api/milestones/?as_of=2026-02-31",
        "`as_of=2026-02-31` (no such day)",
        "400",
        "JSON",
        "as_of: '2026-02-31' is not a date (YYYY-MM-DD).",
        call("GET", "/api/milestones/?as_of=2026-02-31"),
    ),
    Case(
        "api-meeting-ends-before-start",
        "API",
        "POST /api/meetings/",
        "end before start",
        "400",
        "JSON",
        "ends_at: A meeting cannot end before it starts.",
        call(
            "POST",
            "/api/meetings/",
            {"group": "DAG", "number": "31", "starts_at": "2026-03-10T10:00:00Z", "ends_at": "2026-03-10T09:00:00Z"},
        ),
    ),
    Case(
        "api-agenda-negative-duration",
        "API",
        "POST /api/agenda-items/",
        "negative duration: −5 minutes",
        "400",
        "JSON",
        "duration_minutes: Ensure this value is greater than or equal to 1.",
        call("POST", "/api/agenda-items/", {"meeting": "DAG26", "position": 2, "title": "x", "duration_minutes": -5}),
    ),
    Case(
        "api-action-update-closed",
        "API",
        "POST /api/actions/DAG26-02/updates/",
        "an update to a closed action",
        "400",
        "JSON",
        "detail: DAG26-02 is closed: reopen it before updating.",
        call("POST", "/api/actions/DAG26-02/updates/", {"text": "Still going"}),
    ),
    Case(
        "api-decision-approves-raised-cr",
        "API",
        "POST /api/decisions/",
        "a decision approving a CR not in the right stage",
        "400",
        "JSON; neither the decision nor the CR is saved",
        "detail: CR100 cannot be sent to 'approve': it is Open at stage Raised.",
        call(
            "POST",
            "/api/decisions/",
            {"meeting": "DAG26", "text": "Approved", "change_request": "CR100", "change_request_step": "approve"},
        ),
    ),
    Case(
        "api-vote-bad-choice",
        "API",
        "POST /api/votes/",
        "vote `maybe`",
        "400",
        "JSON",
        'vote: "maybe" is not a valid choice.',
        call("POST", "/api/votes/", {"meeting": "DAG26", "subject": "CR100", "constituency": "LARGE", "vote": "maybe"}),
    ),
    Case(
        "api-vote-twice",
        "API",
        "POST /api/votes/",
        "the same seat votes twice on one subject (approve, then reject)",
        "201",
        "JSON; the second vote replaces the first (one vote per seat and subject)",
        "vote: reject",
        call(
            "POST", "/api/votes/", {"meeting": "DAG26", "subject": "CR100", "constituency": "LARGE", "vote": "reject"}
        ),
        setup=lambda w: meeting_services.votes_record(
            meeting=w.dag26, actor=None, subject="CR100", votes=[("LARGE", "approve")]
        ),
        changes=("Vote",),
        check=only_one_vote_replaced,
    ),
    Case(
        "api-headline-approve-not-issued",
        "API",
        "POST /api/meetings/DAG26/approve-headline-report/",
        "approve a headline report never issued",
        "400",
        "JSON",
        "detail: The headline report of DAG26 has not been issued, so it cannot be approved.",
        call("POST", "/api/meetings/DAG26/approve-headline-report/", {"at_meeting": "DAG27"}),
    ),
    Case(
        "api-pack-without-agenda",
        "API",
        "POST /api/meeting-packs/",
        "meeting papers for a meeting with no agenda",
        "400",
        "JSON",
        "detail: DAG27 has no agenda yet: add its agenda items before generating the papers.",
        call("POST", "/api/meeting-packs/", {"meeting": "DAG27", "kind": "papers"}),
    ),
    # --- the upload page ----------------------------------------------------------------------------------------------
    Case(
        "upload-formula",
        "Upload",
        "POST /milestones/import/",
        "xlsx with a formula (`=1+1` as a title)",
        "200",
        "preview, row refused, no confirm button",
        "Title: formulas are not imported; paste the value instead",
        upload(
            "/milestones/import/",
            "register.xlsx",
            sheet(MILESTONE_HEADERS, ["T3-DB-0005", "DAG", "=1+1", "30/05/2027"], fmt="xlsx"),
        ),
        absent="Confirm the import",
    ),
    Case(
        "upload-unknown-column",
        "Upload",
        "POST /milestones/import/",
        "CSV with an unknown column (`Colour`)",
        "400",
        "import error",
        "Unknown column: Colour. The Milestone Register columns are: Milestone ID, Tier, Forum, Title, Responsible, "
        "Baseline Date, Forecast Date, Actual Date, Status, Current RAG, Commentary, Depends On, Baseline Change "
        "Authority, Classification.",
        upload(
            "/milestones/import/",
            "register.csv",
            csv([*GOOD_MILESTONE, "blue"], headers=[*MILESTONE_HEADERS, "Colour"]),
        ),
    ),
    Case(
        "upload-over-5mb",
        "Upload",
        "POST /milestones/import/",
        "file over 5 MB",
        "400",
        "import error (refused before it is read)",
        "The file is larger than 5 MB.",
        upload("/milestones/import/", "register.xlsx", b"\0" * (5 * 1024 * 1024 + 1)),
    ),
    Case(
        "upload-binary-csv",
        "Upload",
        "POST /milestones/import/",
        "non-UTF-8 CSV: bytes that are neither UTF-8 nor Windows-1252",
        "400",
        "import error",
        "The file is not a text CSV (UTF-8, UTF-16 or Windows-1252).",
        upload("/milestones/import/", "register.csv", b"\x81\x8d\x8f\x90\x9d" * 10),
    ),
    Case(
        "upload-windows-1252-csv",
        "Upload",
        "POST /milestones/import/, then confirm",
        "non-UTF-8 CSV saved by Excel as Windows-1252 (`Café build`)",
        "302 → 200",
        "accepted: imported on confirmation, the accent read correctly",
        "Imported register.csv: 1 created, 0 updated, 0 unchanged.",
        upload_and_confirm(
            "/milestones/import/",
            "register.csv",
            csv(["T3-DB-0005", "DAG", "Café build", "30/05/2027"], encoding="cp1252"),
        ),
        changes=("Milestone",),
        check=imported_with_its_accent,
    ),
    Case(
        "upload-utf16-csv",
        "Upload",
        "POST /milestones/import/",
        "CSV saved by Excel as UTF-16 (“Unicode Text”)",
        "200",
        "page text",
        "register.csv: 1 to create, 0 to update, 0 unchanged, 0 refused",
        upload("/milestones/import/", "register.csv", csv(GOOD_MILESTONE, encoding="utf-16")),
    ),
    Case(
        "upload-date-31-feb",
        "Upload",
        "POST /milestones/import/",
        "date `31/02/2026`",
        "200",
        "preview, row refused",
        "Baseline Date: '31/02/2026' is not a date (dd/mm/yyyy, dd/mm/yy, Thu 30/05/24 or 24-Sep-24)",
        upload("/milestones/import/", "register.csv", csv(["T3-DB-0005", "DAG", "Data build", "31/02/2026"])),
        absent="Confirm the import",
    ),
    Case(
        "upload-duplicate-ref",
        "Upload",
        "POST /milestones/import/",
        "the same ref on two rows",
        "200",
        "preview, second row refused",
        "T3-DB-0005 also appears on row 2",
        upload("/milestones/import/", "register.csv", csv(GOOD_MILESTONE, GOOD_MILESTONE)),
        absent="Confirm the import",
    ),
    Case(
        "upload-baseline-no-authority",
        "Upload",
        "POST /milestones/import/",
        "an existing milestone's baseline moved with no change authority",
        "200",
        "preview, row refused",
        "A baseline date changes only with an approved change request or a decision: give its ref (e.g. CR055).",
        upload("/milestones/import/", "register.csv", csv(["M10", "DAG", "SIT complete", "30/05/2030"])),
        absent="Confirm the import",
    ),
    Case(
        "upload-raid-impact-9",
        "Upload",
        "POST /raid/import/",
        "RAID impact level 9 (outside 1–6)",
        "200",
        "preview, row refused under the sheet's column name",
        "Impact Level: Ensure this value is less than or equal to 6.",
        upload(
            "/raid/import/",
            "raid.csv",
            csv(
                ["R900", "Risk", "Environments late", "3", "9"],
                headers=["Risk ID", "Type", "Title", "Likelihood", "Impact Level"],
            ),
        ),
        absent="Confirm the import",
    ),
    Case(
        "upload-pdf",
        "Upload",
        "POST /changes/import/",
        "a PDF",
        "400",
        "import error",
        "Upload an .xlsx or .csv file.",
        upload("/changes/import/", "change-log.pdf", b"%PDF-1.7 ..."),
    ),
    Case(
        "upload-forged-token",
        "Upload",
        "POST /milestones/import/ (confirm)",
        "confirmation with a preview token that does not exist (`../../etc/passwd`)",
        "400",
        "import error",
        "This preview has expired: upload the file again.",
        confirm_with_token("../../etc/passwd"),
    ),
    # --- the import command -----------------------------------------------------------------------------------------
    Case(
        "command-row-refused",
        "Import",
        "manage.py import_register milestones register.csv",
        "a row dated `31/02/2026`",
        "exit 1",
        "command error, each refused row printed",
        "Nothing imported: 1 row(s) refused (0 create, 0 update, 0 unchanged, 1 error).",
        command("milestones", "register.csv", csv(["T3-DB-0005", "DAG", "Data build", "31/02/2026"])),
    ),
    Case(
        "command-formula",
        "Import",
        "manage.py import_register milestones register.xlsx",
        "xlsx with a formula",
        "exit 1",
        "command error, the row printed",
        "row 2 T3-DB-0005: Title: formulas are not imported; paste the value instead",
        command(
            "milestones",
            "register.xlsx",
            sheet(MILESTONE_HEADERS, ["T3-DB-0005", "DAG", "=1+1", "30/05/2027"], fmt="xlsx"),
        ),
    ),
    Case(
        "command-unknown-column",
        "Import",
        "manage.py import_register raid-items raid.csv",
        "CSV with an unknown column (`Colour`)",
        "exit 1",
        "command error",
        "Unknown column: Colour.",
        command("raid-items", "raid.csv", csv(["R900", "blue"], headers=["Risk ID", "Colour"])),
    ),
    Case(
        "command-unknown-kind",
        "Import",
        "manage.py import_register gantt-charts register.csv",
        "a register that does not exist",
        "exit 1",
        "command error",
        "Error: argument kind: invalid choice: 'gantt-charts'",
        command("gantt-charts", "register.csv", csv(GOOD_MILESTONE)),
    ),
    Case(
        "command-unknown-user",
        "Import",
        "manage.py import_register milestones register.csv --user nobody",
        "an importer who is not a user",
        "exit 1",
        "command error",
        "No user nobody.",
        command("milestones", "register.csv", csv(GOOD_MILESTONE), "--user", "nobody"),
    ),
    Case(
        "command-utf16",
        "Import",
        "manage.py import_register milestones register.csv",
        "CSV saved by Excel as UTF-16",
        "exit 0",
        "command output",
        "Imported register.csv: 1 create, 0 update, 0 unchanged, 0 error.",
        command("milestones", "register.csv", csv(GOOD_MILESTONE, encoding="utf-16")),
        changes=("Milestone",),
    ),
    # --- URLs -------------------------------------------------------------------------------------------------------
    Case(
        "url-page-999",
        "URL",
        "GET /changes/?page=999",
        "`?page=999` (past the last page)",
        "404",
        "the not-found page",
        "We couldn't find that",
        get("/changes/?page=999"),
    ),
    Case(
        "url-per-page-negative",
        "URL",
        "GET /changes/?per_page=-1",
        "`?per_page=-1`",
        "200",
        "the register",
        "Raised CR",
        get("/changes/?per_page=-1"),
    ),
    Case(
        "url-as-of-not-a-date",
        "URL",
        "GET /changes/?as_of=not-a-date",
        "`as_of=not-a-date`",
        "200",
        "today's register, no “as it stood” banner (the date is ignored, unlike the API's 400)",
        "Raised CR",
        get("/changes/?as_of=not-a-date"),
        absent="As it stood",
    ),
    Case(
        "url-filter-date-31-feb",
        "URL",
        "GET /changes/?raised_after=31/02/2026",
        "filter date `31/02/2026`",
        "200",
        "filter error and an empty table",
        "Enter a valid date.",
        get("/changes/?raised_after=31/02/2026"),
    ),
    Case(
        "url-since-garbage",
        "URL",
        "GET /raid/?since=garbage",
        "`since=garbage`",
        "200",
        "filter error",
        "'garbage' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.",
        get("/raid/?since=garbage"),
    ),
    Case(
        "url-unknown-ref",
        "URL",
        "GET /changes/CR999/",
        "unknown ref in the path",
        "404",
        "the not-found page",
        "The record or page does not exist, or its reference has been mistyped.",
        get("/changes/CR999/"),
    ),
    Case(
        "url-nul-in-ref",
        "URL",
        "GET /raid/R%00/",
        "a NUL byte in the ref in the path",
        "400",
        "plain-text refusal",
        "Null characters are not allowed.",
        get("/raid/R%00/"),
    ),
    Case(
        "url-search-sqlish",
        "URL",
        "GET /search/?q=…",
        f"SQL-ish text in search: `{SQLISH}`",
        "200",
        "no results, the query shown as typed",
        f"Nothing matches “{SQLISH}”.",
        get(f"/search/?q={SQLISH}"),
    ),
    Case(
        "url-search-1200-words",
        "URL",
        "GET /search/?q=…",
        "search of 1,200 words",
        "200",
        "no results",
        "Nothing matches",
        get(f"/search/?q={MANY_WORDS}"),
    ),
    Case(
        "url-search-nul",
        "URL",
        "GET /search/?q=a%00b",
        "a NUL byte in the search text",
        "400",
        "plain-text refusal",
        "Null characters are not allowed.",
        get("/search/?q=a%00b"),
    ),
    Case(
        "url-dashboard-year-9999",
        "URL",
        "GET /?as_of=9999-12-31",
        "`as_of=9999-12-31`, outside the programme's years",
        "200",
        "today's dashboard (the date is not read)",
        "Programme dashboard",
        get("/?as_of=9999-12-31"),
    ),
    Case(
        "url-delivery-dashboard-year-1",
        "URL",
        "GET /milestones/dashboards/DAG/?on=0001-01-01",
        "`on=0001-01-01`",
        "200",
        "the delivery dashboard",
        "Delivery Dashboard — DAG",
        get("/milestones/dashboards/DAG/?on=0001-01-01"),
    ),
    Case(
        "url-months-not-a-number",
        "URL",
        "GET /changes/status/?months=abc",
        "`months=abc`",
        "200",
        "the status view over the default 3 months",
        "raised in the last 3 months or still open",
        get("/changes/status/?months=abc"),
    ),
    Case(
        "url-export-bad-filter",
        "URL",
        "GET /changes/export.xlsx?status=bogus",
        "export with a filter value that is not a choice",
        "400",
        "plain-text error",
        "Bad filter:",
        get("/changes/export.xlsx?status=bogus"),
    ),
]


# --- running the catalogue ---------------------------------------------------------------------------------------


def _param(case: Case):
    marks = []
    if case.bug:
        marks.append(
            pytest.mark.xfail(
                condition=not case.bug_on or case.bug_on == VENDOR, reason=f"BUG: {case.bug}", strict=True
            )
        )
    return pytest.param(case, id=case.id, marks=marks)


def _differences(before: dict, after: dict, allowed: tuple[str, ...]) -> list[str]:
    return [name for name in before if before[name] != after[name] and name.removesuffix(" history") not in allowed]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The programme, built once for the module inside a transaction rolled back after its last test (what
    Django's TestCase.setUpTestData does); the django_db mark runs each case in a savepoint rolled back after it."""
    with django_db_blocker.unblock():
        # The cases below are marked django_db, so the test database is set up: never build this anywhere else.
        assert re.search(r"test|memory", str(connection.settings_dict["NAME"])), "not a test database"
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)


@pytest.fixture
def env(world, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # upload previews park the file there
    return Env(world, tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("case", [_param(case) for case in CATALOGUE])
def test_bad_input_gets_its_documented_response(env, case):
    if case.setup:
        case.setup(env.world)
    before = stored(*WATCHED)

    observed = case.send(env)

    assert "500" not in observed.status, f"a server error: {observed.status}"
    assert observed.status == case.status, observed.text[:2000]
    assert case.message in observed.text, observed.text[:2000]
    if case.surface in ("Form", "Upload", "URL") and case.shows.startswith(FLAGGED):
        assert case.message in observed.flagged, f"not shown as an error or message: {observed.flagged[:1000]}"
    if case.absent:
        assert case.absent not in observed.text
    if case.raw_absent:
        assert case.raw_absent not in observed.raw
    if case.check:
        case.check(env, observed)
    changed = _differences(before, stored(*WATCHED), case.changes)
    assert not changed, f"written although refused: {changed}"


def test_the_catalogue_is_well_formed():
    ids = [case.id for case in CATALOGUE]
    assert len(ids) == len(set(ids)), "two cases share an id"
    assert {case.surface for case in CATALOGUE} == set(SURFACES)
    for case in CATALOGUE:
        assert case.bug_on in ("", *DATABASE_NAMES), case.id
        assert not case.bug_on or case.bug, case.id
        assert case.message or case.bug, f"{case.id}: say what the user sees"


# --- the document ------------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """A table cell: pipes escaped, and outside `code` spans angle brackets too (nothing renders as HTML)."""
    parts = text.replace("|", "\\|").replace("\n", " ").split("`")
    return "`".join(
        part if index % 2 else part.replace("<", "&lt;").replace(">", "&gt;") for index, part in enumerate(parts)
    )


def render_doc(catalogue: list[Case] = CATALOGUE) -> str:
    """docs/bad-input.md: an intro, then one table row per case (surface | where | bad input | response)."""
    counts = ", ".join(f"{sum(c.surface == s for c in catalogue)} {s}" for s in SURFACES)
    bugs = [case for case in catalogue if case.bug]
    lines = [
        "# Bad-input catalogue",
        "",
        "Generated from `CATALOGUE` in `tests/test_bad_input.py` — do not edit by hand. Every row is a test: it sends "
        "the bad input as PMO, asserts the status and the message shown, that the answer is not a 500, and that "
        "nothing was written (every register's rows, their history and the ref counters are unchanged) unless the "
        "row says what is saved. A row marked **BUG** is a strict expected failure: it asserts the correct response "
        "described after “Expected”, which the application does not give yet. After changing the catalogue, "
        f"regenerate this file with `{REGENERATE}`; the suite fails while it is out of date.",
        "",
        f"{len(catalogue)} cases ({counts}); {len(bugs)} open bugs. Statuses read `302 → 200` for a button that "
        "redirects to the page showing the message; JSON errors are shown as `field: message`; “Import” is "
        "`manage.py import_register`, “Upload” the register's import page.",
        "",
        "| Surface | Where | Bad input | Response |",
        "| --- | --- | --- | --- |",
    ]
    for surface in SURFACES:
        for case in catalogue:
            if case.surface == surface:
                lines.append(
                    f"| {surface} | {_cell(f'`{case.where}`')} | {_cell(case.bad_input)} | {_cell(case.response())} |"
                )
    return "\n".join(lines) + "\n"


def test_the_document_is_the_rendering_of_the_catalogue():
    rendered = render_doc()
    if os.environ.get("UPDATE_BAD_INPUT_DOC"):
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(rendered, encoding="utf-8")
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == rendered, (
        f"docs/bad-input.md is out of date with the catalogue: regenerate it with `{REGENERATE}`"
    )
