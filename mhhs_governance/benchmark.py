"""The benchmark (DESIGN §6): a synthetic programme at N × the demo's size, and each figure measured against the
floor of the same work done directly (raw SQL + json.dumps, WeasyPrint alone, one set-based UPDATE), as ratios.
Used by `manage.py benchmark`; timings are reported, never asserted."""

import datetime
import io
import json
import random
import resource
import statistics
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from core.roles import PMO, ensure_roles
from meetings.choices import ActionStatus, AgendaItemType, MeetingStatus, StandingSection
from meetings.models import Action, AgendaItem, Meeting, MeetingPack
from mhhs_governance import benchmark_floor
from mhhs_governance.benchmark_floor import plain_html, query
from milestones.choices import MilestoneStatus
from milestones.models import Milestone
from milestones.services import recompute_rag
from programme.models import GovernanceGroup, Organisation
from raid.choices import RaidKind, RaidStatus
from raid.models import RaidItem
from raid.scoring import load_scoring

# Per unit of scale (the demo programme's size, rounded up).
PER_SCALE = {"milestones": 1000, "raid": 500, "crs": 100, "actions": 500, "meetings": 30}
# Each CR is answered by this many parties, whatever the scale (DESIGN §6: 1,000 CRs with 50,000 IA responses).
RESPONSES_PER_CR = 50
# The PSG-sized pack of issue 8.
PACK_SIZE = {"milestones": 100, "risks": 50, "crs": 30, "actions": 60}
BENCH_PREFIX = "BM"
REPEATS = 5
# Reads of a few to a hundred milliseconds, against a floor of the same order: more of them, taken in turn.
PAIRED_REPEATS = 11


@dataclass
class Figure:
    figure: str
    app_s: float | None
    floor_s: float | None
    ratio: float | None
    target: float | None
    passed: bool | None
    queries: int | None
    scale: float
    max_queries: int | None = None
    note: str = ""


def _paired_medians(app, floor, repeats: int = PAIRED_REPEATS) -> tuple[float, float]:
    """The medians of `app` and of `floor`, their reads taken in turn: a machine that slows for a moment slows both
    alike, rather than whichever happened to be measured then."""
    timings = {app: [], floor: []}
    for _ in range(repeats):
        for work in (app, floor):
            started = time.perf_counter()
            work()
            timings[work].append(time.perf_counter() - started)
    return statistics.median(timings[app]), statistics.median(timings[floor])


def _median_time(work, repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


# --- the synthetic programme --------------------------------------------------------------------------------

# Each register record is written this many times over HISTORY_DAYS, as records grow in life (DESIGN §6).
VERSIONS = 10
HISTORY_DAYS = 730
# A milestone on the critical path, and a meeting with a full actions log: the largest record pages.
DEPENDENCIES = 12
MEETING_ACTIONS = 40


class ThinHistory(RuntimeError):
    """The database holds a synthetic programme built before records had their full history."""


def _versions(model, records, evolve, born) -> None:
    """Inserts `records` as they are now, then VERSIONS historical versions of each, dated from `born(record)` to
    today: `evolve(record, k)` sets the fields as they stood at version k, the last (k = VERSIONS - 1) being the
    record as it is now, so the history ends where the table is."""
    now = timezone.now()
    for record in records:
        evolve(record, VERSIONS - 1)
    model.objects.bulk_create(records, batch_size=2000)
    for k in range(VERSIONS):
        for record in records:
            evolve(record, k)
            start = born(record)
            record._history_date = start + (now - start) * k / VERSIONS
        model.history.bulk_history_create(records, batch_size=2000, update=k > 0)


def _seeded(ref: str, k: int) -> random.Random:
    """The same draw for a record's version k in every build (str seeds are hashed deterministically)."""
    return random.Random(f"{ref}:{k}")


def build(scale: float, *, log=print) -> None:
    """Bulk-inserts the synthetic programme beside the demo's reference data; reused when already there."""
    first = Milestone.objects.filter(ref=f"T3-{BENCH_PREFIX}-00000").first()
    if first is not None:
        if first.history.count() < VERSIONS:
            raise ThinHistory("The benchmark database was built with less history than records now have.")
        log("Reusing the synthetic programme already in this database.")
        return
    rng = random.Random(2024)
    today = timezone.localdate()
    now = timezone.now()
    two_years_ago = now - datetime.timedelta(days=HISTORY_DAYS)
    groups = list(GovernanceGroup.objects.filter(level__gte=3))
    organisations = list(Organisation.objects.filter(active=True))
    count = {key: max(1, int(value * scale)) for key, value in PER_SCALE.items()}
    count["actions"] = max(count["actions"], MEETING_ACTIONS)
    log(
        f"Building {count['milestones']} milestones, {count['raid']} RAID items, {count['crs']} CRs, "
        f"{count['crs'] * min(RESPONSES_PER_CR, len(organisations))} IA responses, "
        f"{count['actions']} actions, {count['meetings']} meetings, {VERSIONS} versions of each over two years…"
    )

    def born_within_two_years(record) -> datetime.datetime:
        return two_years_ago + datetime.timedelta(days=_seeded(record.ref, -1).randint(0, HISTORY_DAYS - 60))

    milestones = []
    for n in range(count["milestones"]):
        baseline = today + datetime.timedelta(days=rng.randint(-200, 400))
        milestone = Milestone(
            ref=f"T3-{BENCH_PREFIX}-{n:05d}",
            tier=3,
            workstream=BENCH_PREFIX,
            title=f"Synthetic milestone {n}",
            forum=rng.choice(groups),
            responsible="Programme",
            baseline_on=baseline,
        )
        milestone.final = (rng.choice([0, 0, 5, 20]), rng.choice(MilestoneStatus.values[:2]))
        milestones.append(milestone)

    def milestone_at(milestone, k):
        slip, status = milestone.final if k == VERSIONS - 1 else (_seeded(milestone.ref, k).choice([0, 5, 10]), "")
        milestone.forecast_on = milestone.baseline_on + datetime.timedelta(days=slip)
        milestone.status = status or (MilestoneStatus.NOT_STARTED if k < VERSIONS // 2 else MilestoneStatus.IN_PROGRESS)
        milestone.commentary = f"Position at review {k + 1}: forecast {milestone.forecast_on:%d/%m/%Y}."

    _versions(Milestone, milestones, milestone_at, born_within_two_years)
    critical = milestones[0]
    Milestone.depends_on.through.objects.bulk_create(
        Milestone.depends_on.through(from_milestone_id=critical.pk, to_milestone_id=other.pk)
        for other in milestones[1 : DEPENDENCIES + 1]
    )

    scoring = load_scoring()
    items = []
    for n in range(count["raid"]):
        kind = RaidKind.ISSUE if n % 10 == 0 else RaidKind.RISK
        item = RaidItem(
            ref=f"{'I' if kind == RaidKind.ISSUE else 'R'}{90000 + n}",
            kind=kind,
            title=f"Synthetic {kind} {n}",
            description="There is a risk that the synthetic programme slips.",
            status=RaidStatus.OPEN,
        )
        item.final = (None if kind == RaidKind.ISSUE else rng.randint(1, 5)), rng.randint(1, 6)
        items.append(item)

    def raid_at(item, k):
        draw = _seeded(item.ref, k)
        if k == VERSIONS - 1:
            item.likelihood, item.impact = item.final
        else:
            item.likelihood = None if item.kind == RaidKind.ISSUE else draw.randint(1, 5)
            item.impact = draw.randint(1, 6)
        item.score = scoring.score(item.kind, item.likelihood, item.impact)
        item.raised_on = born_within_two_years(item).date()
        item.impact_text = f"Assessed at review {k + 1}."

    _versions(RaidItem, items, raid_at, born_within_two_years)

    crs = []
    for n in range(count["crs"]):
        cr = ChangeRequest(
            ref=f"CR{9000 + n}",
            title=f"Synthetic change {n}",
            status=ChangeStatus.OPEN,
            decision_body=rng.choice(groups),
        )
        cr.final = rng.choice([ChangeStage.RAISED, ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION])
        crs.append(cr)
    lifecycle = [
        ChangeStage.RAISED,
        ChangeStage.VALIDATED,
        ChangeStage.IMPACT_ASSESSMENT,
        ChangeStage.AWAITING_DECISION,
    ]

    def cr_at(cr, k):
        # Each CR moves through the stages up to where it is now, a step every few versions.
        cr.stage = lifecycle[min(lifecycle.index(cr.final), k * len(lifecycle) // VERSIONS)]
        cr.latest_action = f"Update {k + 1}: {ChangeStage(cr.stage).label}."
        cr.raised_on = born_within_two_years(cr).date()

    _versions(ChangeRequest, crs, cr_at, born_within_two_years)
    per_cr = min(RESPONSES_PER_CR, len(organisations))
    responses = []
    for cr in crs:
        for org in rng.sample(organisations, per_cr):
            response = ImpactResponse(
                change_request=cr, organisation=org, response=rng.choice(ImpactResponseChoice.values)
            )
            response.responded_at = response._history_date = timezone.make_aware(
                datetime.datetime.combine(cr.raised_on, datetime.time(12))
            ) + datetime.timedelta(days=rng.randint(1, 40))
            responses.append(response)
    ImpactResponse.objects.bulk_create(responses, batch_size=5000)
    ImpactResponse.history.bulk_history_create(responses, batch_size=5000)

    meetings = []
    for n in range(count["meetings"]):
        group = groups[n % len(groups)]
        meeting = Meeting(
            group=group,
            number=str(900 + n),
            ref=f"{group.code}{900 + n}",
            title=f"Synthetic meeting {n}",
            starts_at=two_years_ago + datetime.timedelta(days=30 + n * (HISTORY_DAYS - 60) / count["meetings"]),
        )
        meetings.append(meeting)

    def meeting_at(meeting, k):
        meeting.status = MeetingStatus.PLANNED if k < 2 else MeetingStatus.HELD
        meeting.document_version = f"1.{k}"

    _versions(Meeting, meetings, meeting_at, lambda meeting: meeting.starts_at - datetime.timedelta(days=21))
    actions = []
    for n in range(count["actions"]):
        # The first meeting has a full actions log; the others share the rest.
        meeting = meetings[0] if n < MEETING_ACTIONS else meetings[n % len(meetings)]
        number = n + 1 if n < MEETING_ACTIONS else n // len(meetings) + 1 + MEETING_ACTIONS
        action = Action(
            ref=f"{meeting.ref}-{number:02d}",
            meeting=meeting,
            description=f"Synthetic action {n}",
            owner="Programme",
            raised_on=meeting.starts_at.date(),
            due_on=meeting.starts_at.date() + datetime.timedelta(days=rng.randint(5, 60)),
        )
        action.final = rng.choice([ActionStatus.OPEN, ActionStatus.ONGOING, ActionStatus.CLOSED])
        actions.append(action)

    def action_at(action, k):
        final = k == VERSIONS - 1
        action.status = action.final if final else (ActionStatus.OPEN if k < 3 else ActionStatus.ONGOING)
        action.latest_update = f"Update {k + 1}: work continues."

    _versions(Action, actions, action_at, lambda action: action.meeting.starts_at)
    recompute_rag()
    with connection.cursor() as cursor:
        # Planner statistics for the freshly loaded tables, as autovacuum would soon gather them in production.
        cursor.execute("ANALYZE")


def build_pack_meeting() -> Meeting:
    """A working group with a PSG-sized load (100 milestones, 50 risks, 30 CRs, 60 actions) and a full agenda."""
    group, _ = GovernanceGroup.objects.get_or_create(
        code="BMWG",
        defaults={"name": "Benchmark Working Group", "level": 4, "parent": GovernanceGroup.objects.get(code="PSG")},
    )
    meeting = Meeting.objects.filter(group=group, number="1").first()
    if meeting is not None:
        return meeting
    today = timezone.localdate()
    previous = Meeting.objects.create(
        group=group, number="0", title="Benchmark WG #0", starts_at=timezone.now() - datetime.timedelta(days=28)
    )
    # Tomorrow's meeting: its papers state the moment they are printed (meetings.packs.paper_moment), and read
    # the records as they stood then from their history, so every write below keeps one.
    meeting = Meeting.objects.create(
        group=group,
        number="1",
        title="Benchmark WG #1",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        document_ref="MHHS-BENCH",
    )
    milestones = list(Milestone.objects.filter(ref__startswith=f"T3-{BENCH_PREFIX}-")[: PACK_SIZE["milestones"]])
    for milestone in milestones:
        milestone.forum = group
    bulk_update_with_history(milestones, Milestone, ["forum"], batch_size=2000)
    for item in RaidItem.objects.filter(ref__startswith="R9")[: PACK_SIZE["risks"]]:
        item.groups.add(group)
    crs = list(ChangeRequest.objects.filter(ref__startswith="CR9")[: PACK_SIZE["crs"]])
    for cr in crs:
        cr.decision_body, cr.stage, cr.raised_on = group, ChangeStage.AWAITING_DECISION, today
    bulk_update_with_history(crs, ChangeRequest, ["decision_body", "stage", "raised_on"], batch_size=2000)
    bulk_create_with_history(
        [
            Action(
                ref=f"{previous.ref}-{n + 1:02d}",
                meeting=previous,
                description=(
                    f"Benchmark action {n} with a description long enough to wrap onto a second line in the pack"
                ),
                owner="Programme",
                raised_on=previous.starts_at.date(),
                due_on=today + datetime.timedelta(days=n % 20),
                status=ActionStatus.ONGOING,
                latest_update="Work in progress; the owner will report at the next meeting.",
            )
            for n in range(PACK_SIZE["actions"])
        ],
        Action,
    )
    for position, (title, section) in enumerate(
        [
            ("Headline Report and Actions", StandingSection.ACTIONS),
            ("Programme Change Requests", StandingSection.CHANGE_REQUESTS),
            ("RAID", StandingSection.RAID),
            ("Delivery Dashboards", StandingSection.MILESTONES),
            ("Summary and Next Steps", StandingSection.SUMMARY),
        ],
        start=1,
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            item_type=AgendaItemType.INFORMATION,
            duration_minutes=15,
            standing_section=section,
        )
    return meeting


# --- the measurements ---------------------------------------------------------------------------------------

# Time travel is measured one year back: the middle of the synthetic programme's two years of history.
AS_OF_DAYS_BACK = 365
# The meeting "what changed since" and RAID movement are read from (the demo's PSG before PSG36).
SINCE_MEETING = "PSG35"


def _benchmark_user():
    ensure_roles()
    user, _ = get_user_model().objects.get_or_create(username="benchmark-pmo")
    user.groups.add(Group.objects.get(name=PMO))
    return user


class _HttpsClient(Client):
    """Reads over HTTPS, as the shipped settings serve (SECURE_SSL_REDIRECT answers plain HTTP with a 301)."""

    def get(self, path, *args, **kwargs):
        return super().get(path, *args, secure=True, **kwargs)


def _https_client(**headers) -> Client:
    # A page that fails answers 500 here as to a browser: that figure misses, and the run carries on.
    return _HttpsClient(raise_request_exception=False, headers=headers)


def _signed_in_client() -> Client:
    """A browser: signed in with a session, as PMO staff use the pages."""
    client = _https_client()
    client.force_login(_benchmark_user())
    client.get("/")  # warms the session and the connection
    return client


def _integration_client() -> Client:
    """An integration: authenticated by its API token, as machine clients of the API are."""
    token, _ = Token.objects.get_or_create(user=_benchmark_user())
    client = _https_client(Authorization=f"Token {token.key}")
    client.get("/api/")
    return client


def _raw_json(sql: str) -> str:
    columns, rows = query(sql)
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=str)


def _raw(sql: str) -> None:
    query(sql)


def _page_floor(client, sql: str, link: str, params) -> tuple[float, str]:
    """A page's floor: its rows from one SQL query written as a plain HTML table, served to the same signed-in
    client through the project's middleware (every page pays for its request); and, as a note, the same table
    written without the request."""
    benchmark_floor.floor.update(sql=sql, link=link, params=params)
    with override_settings(ROOT_URLCONF="mhhs_governance.benchmark_floor"):
        _counted_get(client, "/floor/")
        served = _median_time(lambda: client.get("/floor/"))
    bare = _median_time(lambda: plain_html(sql, link, params))
    return served, f"floor served as a page; written alone {bare * 1000:.2f} ms"


def _list_of(alias: str, table: str, column: str, where: str) -> str:
    """A correlated subquery joining the related values of a many-to-many into one text, per database."""
    joined = f"string_agg({column}, ', ')" if connection.vendor == "postgresql" else f"group_concat({column}, ', ')"
    return f"(SELECT {joined} FROM {table} WHERE {where}) AS {alias}"


class QueryCounter:
    """Counts the queries run while active (an execute wrapper: unlike the debug query log, it does not depend
    on DEBUG nor get reset by a request starting)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapping = connection.execute_wrapper(self)
        self._wrapping.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapping.__exit__(*exc)


class NotAPage(RuntimeError):
    """A URL the benchmark reads did not answer 200."""


def rendered():
    """Pages rendered on every read, as after a write: no page is answered as kept (core.page_cache)."""
    return override_settings(PAGE_CACHE=False)


def _counted_get(client, url) -> int:
    """The queries of a warm read, rendered: the first use of a feature may probe the database once per connection
    (SQLite's JSON support, for one), which is not the read's."""
    with rendered():
        client.get(url)
        with QueryCounter() as queries:
            response = client.get(url)
    if response.status_code != 200:
        raise NotAPage(f"{url} answered {response.status_code}")
    return queries.count


def _timed_page(client, url) -> tuple[float, float, int]:
    """A page's time as its reader waits for it — answered as kept when read again with nothing written since,
    where pages are kept (PAGE_CACHE) — its time rendered afresh, and the queries of rendering it."""
    queries = _counted_get(client, url)
    client.get(url)
    served = _median_time(lambda: client.get(url))
    with rendered():
        afresh = _median_time(lambda: client.get(url))
    return served, afresh, queries


def _rendered_note(afresh: float, floor: float) -> str:
    if not settings.PAGE_CACHE:
        return f"pages are not kept (PAGE_CACHE off, no shared cache): rendered {afresh / floor:.1f}×"
    return f"rendered afresh (after a write) {afresh * 1000:.1f} ms, {afresh / floor:.1f}×"


def _with(url: str, **params) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


class Run:
    """One benchmark run: each figure is measured in turn; one that fails to measure is reported as a miss, with
    the reason, and the run carries on."""

    def __init__(self, scale: float, log):
        self.scale = scale
        self.log = log
        self.figures: list[Figure] = []

    def add(self, name: str, measure) -> Figure | None:
        try:
            figure = measure()
        except Exception as failure:  # any failure is this figure's miss, not the run's end
            figure = Figure(name, None, None, None, None, False, None, self.scale, note=f"not measured: {failure}")
        figure.figure = name
        self.figures.append(figure)
        self.log(f"  {_line(figure)}")
        return figure

    def figure(self, app, floor, target, queries, *, max_queries=None, growing="", note="") -> Figure:
        """A measured figure; `growing` says how its queries grow with the page or the data, which misses."""
        return _figure(app, floor, target, queries, self.scale, max_queries=max_queries, growing=growing, note=note)


def _figure(app, floor, target, queries, scale, *, max_queries=None, growing="", note="") -> Figure:
    ratio = round(app / floor, 2) if app is not None and floor else None
    passed = None if target is None or ratio is None else ratio <= target
    if passed is not None and queries is not None:
        passed = passed and not growing and (max_queries is None or queries <= max_queries)
    return Figure(
        "",
        round(app, 5) if app is not None else None,
        round(floor, 5) if floor else None,
        ratio,
        target,
        passed,
        queries,
        scale,
        max_queries=max_queries,
        note="; ".join(filter(None, (growing, note))),
    )


def _constant(queries: int, other: int, what: str) -> str:
    """Why a read's queries are not constant, or "" when they are."""
    return "" if queries == other else f"queries grow with {what} ({other} → {queries})"


# What each register page lists, read the plain way: the same rows, columns and order in one SQL query.
def _page_floors(since: datetime.datetime) -> list[tuple[str, str, tuple]]:
    return [
        (
            "/changes/",
            "SELECT c.ref, c.title, c.raised_by, o.name, c.change_type, c.latest_action, c.status, c.stage, g.code, "
            "c.ia_closes_on, c.implementation_target, c.classification FROM changes_changerequest c "
            "LEFT JOIN programme_organisation o ON o.id = c.raiser_organisation_id "
            "LEFT JOIN programme_governancegroup g ON g.id = c.decision_body_id ORDER BY c.ref DESC LIMIT 50",
            (),
        ),
        (
            "/raid/",
            "SELECT r.ref, r.kind, r.title, t.name, r.owner, r.score, "
            "(SELECT h.score FROM raid_historicalraiditem h WHERE h.id = r.id AND h.history_date <= %s "
            "ORDER BY h.history_date DESC LIMIT 1) AS score_then, "
            + _list_of(
                "groups",
                "raid_raiditem_groups rg JOIN programme_governancegroup g ON g.id = rg.governancegroup_id",
                "g.code",
                "rg.raiditem_id = r.id",
            )
            + ", r.status, r.classification FROM raid_raiditem r LEFT JOIN raid_raidtheme t ON t.id = r.theme_id "
            "ORDER BY r.score DESC, r.ref LIMIT 50",
            (since,),
        ),
        (
            "/milestones/",
            "SELECT m.ref, g.code, m.title, m.baseline_on, m.forecast_on, m.actual_on, m.responsible, m.rag, "
            "m.status, m.classification FROM milestones_milestone m "
            "JOIN programme_governancegroup g ON g.id = m.forum_id ORDER BY m.baseline_on, m.ref LIMIT 50",
            (),
        ),
        (
            "/meetings/",
            "SELECT m.ref, g.code, m.title, m.starts_at, m.venue, m.status, m.headline_status, m.classification "
            "FROM meetings_meeting m JOIN programme_governancegroup g ON g.id = m.group_id "
            "ORDER BY m.starts_at DESC LIMIT 50",
            (),
        ),
        (
            "/actions/",
            "SELECT a.ref, a.area, a.description, a.owner, a.due_on, a.due_text, a.status, a.latest_update "
            "FROM meetings_action a ORDER BY a.ref LIMIT 50",
            (),
        ),
        (
            "/decisions/",
            "SELECT d.ref, m.ref, d.area, d.text, d.decided_by, c.ref FROM meetings_decision d "
            "JOIN meetings_meeting m ON m.id = d.meeting_id "
            "LEFT JOIN changes_changerequest c ON c.id = d.change_request_id ORDER BY m.starts_at DESC LIMIT 50",
            (),
        ),
    ]


def _record_pages() -> list[tuple[str, object, str, str]]:
    """The largest record pages — (name, where: () -> (url, floor params), floor SQL, link) — and their floor: the
    record with its related rows in one SQL query, written as HTML."""

    def critical_milestone():
        milestone = Milestone.objects.get(ref=f"T3-{BENCH_PREFIX}-00000")
        return milestone.get_absolute_url(), (milestone.ref,)

    def busiest_meeting():
        meeting = Meeting.objects.annotate(n=Count("actions")).order_by("-n").first()
        return meeting.get_absolute_url(), (meeting.ref,)

    return [
        (
            "Record page CR054 with its IA responses",
            lambda: ("/changes/CR054/", ("CR054",)),
            "SELECT c.ref, c.title, c.description, c.stage, c.status, o.name, k.name, r.response, r.comments "
            "FROM changes_changerequest c LEFT JOIN changes_impactresponse r ON r.change_request_id = c.id "
            "LEFT JOIN programme_organisation o ON o.id = r.organisation_id "
            "LEFT JOIN programme_constituency k ON k.id = o.constituency_id WHERE c.ref = %s",
            "/changes/",
        ),
        (
            f"Record page milestone with {DEPENDENCIES} dependencies",
            critical_milestone,
            "SELECT m.ref, m.title, m.baseline_on, m.forecast_on, m.rag, d.ref, d.title, d.forecast_on, d.rag "
            "FROM milestones_milestone m LEFT JOIN milestones_milestone_depends_on x ON x.from_milestone_id = m.id "
            "LEFT JOIN milestones_milestone d ON d.id = x.to_milestone_id WHERE m.ref = %s",
            "/milestones/",
        ),
        (
            f"Record page meeting with {MEETING_ACTIONS} actions",
            busiest_meeting,
            "SELECT m.ref, m.title, m.starts_at, a.ref, a.description, a.owner, a.due_on, a.status, a.latest_update "
            "FROM meetings_meeting m LEFT JOIN meetings_action a ON a.meeting_id = m.id WHERE m.ref = %s "
            "ORDER BY a.ref",
            "/meetings/",
        ),
    ]


# Each list's floor: the same 500 rows, in the list's order, by one raw SQL query (an action is listed in the order
# of its meeting's start, so its floor reads the meeting too).
API_LISTS = [
    ("milestones", "/api/milestones/", "SELECT * FROM milestones_milestone ORDER BY baseline_on, ref"),
    ("RAID items", "/api/raid-items/", "SELECT * FROM raid_raiditem ORDER BY score DESC, ref"),
    ("change requests", "/api/change-requests/", "SELECT * FROM changes_changerequest ORDER BY ref DESC"),
    (
        "actions",
        "/api/actions/",
        "SELECT a.* FROM meetings_action a JOIN meetings_meeting m ON m.id = a.meeting_id ORDER BY m.starts_at, a.ref",
    ),
]

DASHBOARD_FLOOR_SQL = [
    "SELECT tier, forum_id, rag, COUNT(*) FROM milestones_milestone GROUP BY tier, forum_id, rag",
    "SELECT likelihood, impact, COUNT(*) FROM raid_raiditem WHERE status = 'open' GROUP BY likelihood, impact",
    "SELECT * FROM raid_raiditem WHERE status = 'open' ORDER BY score DESC LIMIT 8",
    "SELECT stage, COUNT(*) FROM changes_changerequest WHERE status IN ('open', 'on_hold') GROUP BY stage",
    "SELECT * FROM meetings_action WHERE status <> 'closed' AND due_on <= CURRENT_DATE ORDER BY due_on",
    "SELECT * FROM meetings_meeting WHERE starts_at >= CURRENT_TIMESTAMP ORDER BY starts_at",
]


def measure(scale: float, *, log=print, skip_pack: bool = False) -> list[Figure]:
    run = Run(scale, log)
    client = _signed_in_client()
    api = _integration_client()

    for name, url, rows in API_LISTS:

        def api_list(url=url, rows=rows):
            page = _with(url, page_size=500)
            queries = _counted_get(api, page)
            app, floor = _paired_medians(lambda: api.get(page), lambda: _raw_json(f"{rows} LIMIT 500"))
            growing = _constant(queries, _counted_get(api, _with(url, page_size=50)), "the page size")
            return run.figure(app, floor, 3.0, queries, max_queries=6, growing=growing)

        run.add(f"API list 500 {name}", api_list)

    def dashboard():
        # Rendered on every read: its target is the work of its aggregates, against the same aggregates in SQL.
        queries = _counted_get(client, "/")
        with rendered():
            app, floor = _paired_medians(lambda: client.get("/"), lambda: [_raw(sql) for sql in DASHBOARD_FLOOR_SQL])
        return run.figure(app, floor, 3.0, queries, max_queries=15)

    run.add("Programme dashboard", dashboard)

    for url, sql, params in _page_floors(timezone.now() - datetime.timedelta(days=28)):

        def register_page(url=url, sql=sql, params=params):
            app, afresh, queries = _timed_page(client, url)
            floor, bare = _page_floor(client, sql, url, params)
            growing = _constant(queries, _counted_get(client, _with(url, per_page=100)), "the page size")
            note = f"{_rendered_note(afresh, floor)}; {bare}"
            return run.figure(app, floor, 3.0, queries, growing=growing, note=note)

        run.add(f"Register page {url} (first page)", register_page)

    for name, where, sql, link in _record_pages():

        def record_page(where=where, sql=sql, link=link):
            url, params = where()
            app, afresh, queries = _timed_page(client, url)
            floor, bare = _page_floor(client, sql, link, params)
            return run.figure(app, floor, 3.0, queries, note=f"{_rendered_note(afresh, floor)}; {bare}")

        run.add(name, record_page)

    _time_travel(run, client, api)
    run.add("recompute_rag over all milestones", lambda: _recompute_figure(run))
    if not skip_pack:
        run.add("Meeting pack", lambda: _pack_figure(run))
    run.add("Import milestones from xlsx", lambda: _import_figure(run))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    run.figures.append(
        Figure("Peak memory of the process (MB, in app_s)", round(peak_mb, 1), None, None, None, None, None, scale)
    )
    return run.figures


def _time_travel(run: Run, client, api) -> None:
    """Each read as of a date (or since a meeting) against the same read today, taken in turn, its queries held
    constant as the page grows. Pages are rendered on every read: the figure is the cost of reading the past."""
    as_of = (timezone.localdate() - datetime.timedelta(days=AS_OF_DAYS_BACK)).isoformat()

    def against_today(client, url, page_size: dict, **moment):
        def timed():
            then = _with(url, **moment)
            queries = _counted_get(client, then)
            with rendered():
                app, floor = _paired_medians(lambda: client.get(then), lambda: client.get(url))
            growing = ""
            if page_size:
                smaller = _counted_get(client, _with(_with(url, **page_size), **moment))
                growing = _constant(queries, smaller, "the page size")
            return run.figure(app, floor, 3.0, queries, growing=growing)

        return timed

    for name, url, *_ in API_LISTS:
        page = _with(url, page_size=500)
        run.add(f"API list 500 {name} ?as_of=", against_today(api, page, {"page_size": 50}, as_of=as_of))
    raid_page = _with("/api/raid-items/", page_size=500)
    run.add(
        f"RAID movement of 500 items since {SINCE_MEETING}",
        against_today(api, raid_page, {"page_size": 50}, since=SINCE_MEETING),
    )
    for url, *_ in _page_floors(timezone.now()):
        run.add(f"Register page {url} ?as_of=", against_today(client, url, {"per_page": 100}, as_of=as_of))
    run.add("Programme dashboard ?as_of=", against_today(client, "/", {}, as_of=as_of))

    def changes_since():
        # Against the same page over the last four weeks (a change of every kind in it): the cost of a window of
        # two years over a short one.
        recent = _with("/changes-since/", since=(timezone.localdate() - datetime.timedelta(days=28)).isoformat())
        since_meeting = _with("/changes-since/", since=SINCE_MEETING)
        queries = _counted_get(client, since_meeting)
        with rendered():
            app, floor = _paired_medians(lambda: client.get(since_meeting), lambda: client.get(recent), REPEATS)
        # Counted against the meeting's day as a date: reading the ref itself is one query more, whatever changed.
        meeting_day = Meeting.objects.get(ref=SINCE_MEETING).starts_at.date().isoformat()
        long_window = _counted_get(client, _with("/changes-since/", since=meeting_day))
        growing = _constant(long_window, _counted_get(client, recent), "the number of changes")
        return run.figure(app, floor, 3.0, queries, growing=growing, note="floor: the same page over four weeks")

    run.add(f"What changed since {SINCE_MEETING}", changes_since)


def _recompute_figure(run: Run) -> Figure:
    """All milestones' RAG through the app's task function vs one UPDATE computing the same date rules in SQL
    (calendar days stand in for working days and the dependency rule is left out, which only flatters the floor)."""

    def app():
        Milestone.objects.update(rag="")
        recompute_rag()

    today = timezone.localdate()
    tolerance = datetime.timedelta(days=14)  # ten working days
    look_ahead = datetime.timedelta(days=14)
    sql = (
        "UPDATE milestones_milestone SET rag = CASE "
        "WHEN rag_override <> '' AND (rag_override_until IS NULL OR rag_override_until >= %(today)s) THEN rag_override "
        "WHEN actual_on IS NOT NULL AND actual_on <= %(today)s THEN 'complete' "
        "WHEN baseline_on < %(today)s THEN 'red' "
        "WHEN COALESCE(forecast_on, baseline_on) > baseline_on + %(tolerance)s THEN 'red' "
        "WHEN COALESCE(forecast_on, baseline_on) > baseline_on THEN 'amber' "
        "WHEN status = 'not_started' AND baseline_on <= %(ahead)s THEN 'amber' "
        "ELSE 'green' END"
    )
    params = {"today": today, "tolerance": tolerance, "ahead": today + look_ahead}
    if connection.vendor == "sqlite":
        sql = sql.replace("baseline_on + %(tolerance)s", "date(baseline_on, '+14 days')")
        del params["tolerance"]

    def floor():
        Milestone.objects.update(rag="")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    with QueryCounter() as queries:
        recompute_rag()
    return run.figure(_median_time(app, 3), _median_time(floor, 3), 3.0, queries.count)


def _pack_figure(run: Run) -> Figure:
    from meetings import packs, services

    meeting = build_pack_meeting()
    pack = MeetingPack.objects.create(
        meeting=meeting, kind="papers", minor=MeetingPack.objects.filter(meeting=meeting).count()
    )
    # As a worker renders it: each worker process loads WeasyPrint as it starts (mhhs_governance.celery).
    packs.warm_up()
    started = time.perf_counter()
    with QueryCounter() as queries:
        services.pack_render(pack.pk)
    app = time.perf_counter() - started
    pack.refresh_from_db()
    if pack.status != "ready":
        raise RuntimeError(f"the pack is {pack.status}: {pack.error[:200]}")
    html, _ = packs.compose(pack)
    floor = _median_time(lambda: packs.print_pdf(html), 1)
    figure = run.figure(
        app, floor, 1.5, queries.count, note=f"{pack.pages} pages, {pack.pages / app:.1f} pages/s, {len(html):,} B HTML"
    )
    run.log(f"  pack: {pack.pages} pages in {app:.2f}s, WeasyPrint alone {floor:.2f}s")
    return figure


# An import reads the workbook (the floor), parses and checks each row once (about 2× more), then writes every
# record and its history through the services and recomputes the RAG after commit (3–4× more): 10× in all.
IMPORT_TARGET = 10.0


def _import_figure(run: Run) -> Figure:
    """Importing 5,000 milestones (×scale/10) from .xlsx vs openpyxl reading the same workbook."""
    from openpyxl import Workbook, load_workbook

    from milestones.spreadsheets import MilestoneSheet

    rows = max(50, int(5000 * run.scale / 10))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Milestone ID", "Forum", "Title", "Baseline Date", "Forecast Date", "Status"])
    for n in range(rows):
        sheet.append([f"T2-BI-{n:05d}", "SITAG", f"Imported milestone {n}", "30/05/2027", "30/06/2027", "Not started"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    Milestone.history.filter(ref__startswith="T2-BI-").delete()
    Milestone.objects.filter(ref__startswith="T2-BI-").delete()
    started = time.perf_counter()
    with QueryCounter() as queries:
        report = MilestoneSheet().run("benchmark.xlsx", content, actor=None, dry_run=False)
    app = time.perf_counter() - started
    if report.errors:
        raise RuntimeError(f"the import refused rows: {report.errors[:3]}")
    floor = _median_time(
        lambda: list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)), 1
    )
    return run.figure(app, floor, IMPORT_TARGET, queries.count, note=f"{rows} rows: {report.counts}")


def _line(f: Figure) -> str:
    result = "" if f.passed is None else ("pass" if f.passed else "MISS")
    queries = "" if f.queries is None else f"{f.queries}" + (f"/{f.max_queries}" if f.max_queries else "")
    return (
        f"{f.figure[:52]:52} {f.app_s if f.app_s is not None else '':>9} {f.floor_s or '':>9} {f.ratio or '':>7} "
        f"{f.target or '':>6} {result:>5} {queries:>8}  {f.note}"
    )


def as_json(figures: list[Figure]) -> str:
    return json.dumps([asdict(f) for f in figures], indent=2)


def as_table(figures: list[Figure]) -> str:
    header = f"{'figure':52} {'app s':>9} {'floor s':>9} {'ratio':>7} {'target':>6} {'result':>5} {'queries':>8}  note"
    misses = sum(1 for f in figures if f.passed is False)
    return "\n".join([header, *map(_line, figures), f"{misses} of {len(figures)} figures missed their target."])


def as_markdown(figures: list[Figure]) -> str:
    """The figures as the README's Performance table."""
    lines = [
        "| figure | app s | floor s | ratio | target | result | queries | note |",
        "| --- |" + " ---: |" * 6 + " --- |",
    ]
    for f in figures:
        result = "" if f.passed is None else ("pass" if f.passed else "**MISS**")
        queries = "" if f.queries is None else f"{f.queries}" + (f" (≤ {f.max_queries})" if f.max_queries else "")
        cells = [
            f.figure,
            "" if f.app_s is None else f"{f.app_s:.4g}",
            "" if f.floor_s is None else f"{f.floor_s:.3g}",
            "" if f.ratio is None else f"{f.ratio:g}×",
            "" if f.target is None else f"{f.target:g}×",
            result,
            queries,
            f.note,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
