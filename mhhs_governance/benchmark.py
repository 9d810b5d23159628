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

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from changes.choices import ChangeStage, ChangeStatus, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from core.roles import PMO, ensure_roles
from meetings.choices import ActionStatus, AgendaItemType, MeetingStatus, StandingSection
from meetings.models import Action, AgendaItem, Meeting, MeetingPack
from milestones.choices import MilestoneStatus
from milestones.models import Milestone
from milestones.services import recompute_rag
from programme.models import GovernanceGroup, Organisation
from raid.choices import RaidKind, RaidStatus
from raid.models import RaidItem
from raid.scoring import load_scoring

# Per unit of scale (the demo programme's size, rounded up).
PER_SCALE = {"milestones": 1000, "raid": 500, "crs": 100, "responses_per_cr": 50, "actions": 500, "meetings": 30}
# The PSG-sized pack of issue 8.
PACK_SIZE = {"milestones": 100, "risks": 50, "crs": 30, "actions": 60}
BENCH_PREFIX = "BM"
REPEATS = 5


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


def _median_time(work, repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _figure(name, app, floor, target, queries, scale) -> Figure:
    ratio = round(app / floor, 2) if app is not None and floor else None
    passed = None if target is None or ratio is None else ratio <= target
    return Figure(
        name,
        round(app, 5) if app is not None else None,
        round(floor, 5) if floor else None,
        ratio,
        target,
        passed,
        queries,
        scale,
    )


# --- the synthetic programme --------------------------------------------------------------------------------


def build(scale: float, *, log=print) -> None:
    """Bulk-inserts the synthetic programme beside the demo's reference data; reused when already there."""
    if Milestone.objects.filter(ref__startswith=f"T3-{BENCH_PREFIX}-").exists():
        log("Reusing the synthetic programme already in this database.")
        return
    rng = random.Random(2024)
    today = timezone.localdate()
    groups = list(GovernanceGroup.objects.filter(level__gte=3))
    organisations = list(Organisation.objects.filter(active=True))
    count = {key: max(1, int(value * scale)) for key, value in PER_SCALE.items()}
    log(
        f"Building {count['milestones']} milestones, {count['raid']} RAID items, {count['crs']} CRs, "
        f"{count['crs'] * min(count['responses_per_cr'], len(organisations))} IA responses, "
        f"{count['actions']} actions, "
        f"{count['meetings']} meetings…"
    )

    milestones = []
    for n in range(count["milestones"]):
        baseline = today + datetime.timedelta(days=rng.randint(-200, 400))
        milestones.append(
            Milestone(
                ref=f"T3-{BENCH_PREFIX}-{n:05d}",
                tier=3,
                workstream=BENCH_PREFIX,
                title=f"Synthetic milestone {n}",
                forum=rng.choice(groups),
                responsible="Programme",
                baseline_on=baseline,
                forecast_on=baseline + datetime.timedelta(days=rng.choice([0, 0, 5, 20])),
                status=rng.choice([MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS]),
            )
        )
    bulk_create_with_history(milestones, Milestone, batch_size=2000)

    scoring = load_scoring()
    items = []
    for n in range(count["raid"]):
        kind = RaidKind.ISSUE if n % 10 == 0 else RaidKind.RISK
        likelihood, impact = (None if kind == RaidKind.ISSUE else rng.randint(1, 5)), rng.randint(1, 6)
        items.append(
            RaidItem(
                ref=f"{'I' if kind == RaidKind.ISSUE else 'R'}{90000 + n}",
                kind=kind,
                title=f"Synthetic {kind} {n}",
                description="There is a risk that the synthetic programme slips.",
                likelihood=likelihood,
                impact=impact,
                score=scoring.score(kind, likelihood, impact),
                status=RaidStatus.OPEN,
                raised_on=today - datetime.timedelta(days=90),
            )
        )
    created = bulk_create_with_history(items, RaidItem, batch_size=2000)
    # A second version of each: the history a movement is read from.
    for item in created:
        item.impact = max(1, item.impact - 1)
        item.score = scoring.score(item.kind, item.likelihood, item.impact)
    bulk_update_with_history(created, RaidItem, ["impact", "score"], batch_size=2000)

    crs = [
        ChangeRequest(
            ref=f"CR{9000 + n}",
            title=f"Synthetic change {n}",
            status=ChangeStatus.OPEN,
            stage=rng.choice([ChangeStage.RAISED, ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION]),
            decision_body=rng.choice(groups),
            raised_on=today - datetime.timedelta(days=rng.randint(0, 200)),
        )
        for n in range(count["crs"])
    ]
    crs = bulk_create_with_history(crs, ChangeRequest, batch_size=2000)
    per_cr = min(count["responses_per_cr"], len(organisations))
    ImpactResponse.objects.bulk_create(
        (
            ImpactResponse(change_request=cr, organisation=org, response=rng.choice(ImpactResponseChoice.values))
            for cr in crs
            for org in rng.sample(organisations, per_cr)
        ),
        batch_size=5000,
    )

    start = timezone.now() - datetime.timedelta(days=365)
    meetings = [
        Meeting(
            group=groups[n % len(groups)],
            number=str(900 + n),
            ref=f"{groups[n % len(groups)].code}{900 + n}",
            title=f"Synthetic meeting {n}",
            starts_at=start + datetime.timedelta(days=n * 3),
            status=MeetingStatus.HELD,
        )
        for n in range(count["meetings"])
    ]
    meetings = bulk_create_with_history(meetings, Meeting, batch_size=2000)
    actions = []
    for n in range(count["actions"]):
        meeting = meetings[n % len(meetings)]
        actions.append(
            Action(
                ref=f"{meeting.ref}-{n // len(meetings) + 1:02d}",
                meeting=meeting,
                description=f"Synthetic action {n}",
                owner="Programme",
                raised_on=meeting.starts_at.date(),
                due_on=meeting.starts_at.date() + datetime.timedelta(days=rng.randint(5, 60)),
                status=rng.choice([ActionStatus.OPEN, ActionStatus.ONGOING, ActionStatus.CLOSED]),
            )
        )
    bulk_create_with_history(actions, Action, batch_size=2000)
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


def _benchmark_user():
    ensure_roles()
    user, _ = get_user_model().objects.get_or_create(username="benchmark-pmo")
    user.groups.add(Group.objects.get(name=PMO))
    return user


def _signed_in_client() -> Client:
    """A browser: signed in with a session, as PMO staff use the pages."""
    client = Client()
    client.force_login(_benchmark_user())
    client.get("/")  # warms the session and the connection
    return client


def _integration_client() -> Client:
    """An integration: authenticated by its API token, as machine clients of the API are."""
    token, _ = Token.objects.get_or_create(user=_benchmark_user())
    client = Client(headers={"Authorization": f"Token {token.key}"})
    client.get("/api/")
    return client


def _raw_json(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        columns = [c[0] for c in cursor.description]
        json.dumps([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()], default=str)


def _raw(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()


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


def _timed_get(client, url) -> tuple[float, int]:
    with QueryCounter() as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: the benchmark measures only real pages.")
    return _median_time(lambda: client.get(url)), queries.count


def measure(scale: float, *, log=print, skip_pack: bool = False) -> list[Figure]:
    client = _signed_in_client()
    api_client = _integration_client()
    figures = []

    api_lists = [
        ("API list 500 milestones", "/api/milestones/?page_size=500", "milestones_milestone", "baseline_on, ref"),
        ("API list 500 RAID items", "/api/raid-items/?page_size=500", "raid_raiditem", "score DESC, ref"),
        ("API list 500 change requests", "/api/change-requests/?page_size=500", "changes_changerequest", "ref DESC"),
        ("API list 500 actions", "/api/actions/?page_size=500", "meetings_action", "ref"),
    ]
    for name, url, table, order in api_lists:
        app, queries = _timed_get(api_client, url)
        floor = _median_time(lambda t=table, o=order: _raw_json(f"SELECT * FROM {t} ORDER BY {o} LIMIT 500"))
        figures.append(_figure(name, app, floor, 3.0, queries, scale))
        log(f"  {name}: {app:.3f}s ({queries} queries)")

    dashboard_floor_sql = [
        "SELECT tier, forum_id, rag, COUNT(*) FROM milestones_milestone GROUP BY tier, forum_id, rag",
        "SELECT likelihood, impact, COUNT(*) FROM raid_raiditem WHERE status = 'open' GROUP BY likelihood, impact",
        "SELECT * FROM raid_raiditem WHERE status = 'open' ORDER BY score DESC LIMIT 8",
        "SELECT stage, COUNT(*) FROM changes_changerequest WHERE status IN ('open', 'on_hold') GROUP BY stage",
        "SELECT * FROM meetings_action WHERE status <> 'closed' AND due_on <= CURRENT_DATE ORDER BY due_on",
        "SELECT * FROM meetings_meeting WHERE starts_at >= CURRENT_TIMESTAMP ORDER BY starts_at",
    ]
    app, queries = _timed_get(client, "/")
    floor = _median_time(lambda: [_raw(sql) for sql in dashboard_floor_sql])
    figures.append(_figure("Programme dashboard", app, floor, 3.0, queries, scale))
    log(f"  dashboard: {app:.3f}s ({queries} queries)")

    pages = [
        ("Page /changes/", "/changes/", "changes_changerequest"),
        ("Page /raid/", "/raid/", "raid_raiditem"),
        ("Page /milestones/", "/milestones/", "milestones_milestone"),
        ("Page /meetings/", "/meetings/", "meetings_meeting"),
        ("Page /actions/", "/actions/", "meetings_action"),
        ("Page /decisions/", "/decisions/", "meetings_decision"),
    ]
    for name, url, table in pages:
        app, queries = _timed_get(client, url)
        floor = _median_time(lambda t=table: (_raw(f"SELECT COUNT(*) FROM {t}"), _raw(f"SELECT * FROM {t} LIMIT 50")))
        figures.append(_figure(name, app, floor, None, queries, scale))
        log(f"  {name}: {app:.3f}s ({queries} queries)")

    figures.append(_recompute_figure(scale))
    log(f"  recompute_rag: {figures[-1].app_s}s vs SQL {figures[-1].floor_s}s")
    if not skip_pack:
        figures.append(_pack_figure(scale, log))
    figures.append(_import_figure(scale, log))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures.append(
        Figure("Peak memory of the process (MB, in app_s)", round(peak_mb, 1), None, None, None, None, None, scale)
    )
    return figures


def _recompute_figure(scale: float) -> Figure:
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
    return _figure(
        "recompute_rag over all milestones", _median_time(app, 3), _median_time(floor, 3), 3.0, queries.count, scale
    )


def _pack_figure(scale: float, log) -> Figure:
    from meetings import packs, services

    meeting = build_pack_meeting()
    pack = MeetingPack.objects.create(
        meeting=meeting, kind="papers", minor=MeetingPack.objects.filter(meeting=meeting).count()
    )
    started = time.perf_counter()
    with QueryCounter() as queries:
        services.pack_render(pack.pk)
    app = time.perf_counter() - started
    pack.refresh_from_db()
    html, _ = packs.compose(pack)
    floor = _median_time(lambda: packs.print_pdf(html), 1)
    log(f"  pack: {pack.pages} pages, {app:.2f}s vs WeasyPrint alone {floor:.2f}s ({pack.status} {pack.error[:80]})")
    return _figure(f"Meeting pack ({pack.pages} pages)", app, floor, 1.5, queries.count, scale)


def _import_figure(scale: float, log) -> Figure:
    """Importing 5,000 milestones (×scale/10) from .xlsx vs openpyxl reading the same workbook."""
    from openpyxl import Workbook, load_workbook

    from milestones.spreadsheets import MilestoneSheet

    rows = max(50, int(5000 * scale / 10))
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
    report = MilestoneSheet().run("benchmark.xlsx", content, actor=None, dry_run=False)
    app = time.perf_counter() - started
    floor = _median_time(
        lambda: list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)), 1
    )
    log(f"  import: {rows} milestones in {app:.2f}s ({report.counts})")
    return _figure(f"Import {rows} milestones from xlsx", app, floor, None, None, scale)


def as_json(figures: list[Figure]) -> str:
    return json.dumps([asdict(f) for f in figures], indent=2)


def as_table(figures: list[Figure]) -> str:
    lines = [f"{'figure':48} {'app s':>9} {'floor s':>9} {'ratio':>7} {'target':>7} {'result':>7} {'queries':>8}"]
    for f in figures:
        result = "" if f.passed is None else ("pass" if f.passed else "MISS")
        lines.append(
            f"{f.figure[:48]:48} {f.app_s if f.app_s is not None else '':>9} {f.floor_s or '':>9} {f.ratio or '':>7} "
            f"{f.target or '':>7} {result:>7} {f.queries if f.queries is not None else '':>8}"
        )
    return "\n".join(lines)
