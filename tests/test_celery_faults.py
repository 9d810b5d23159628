"""Celery under faults, with real workers on Redis: a worker killed mid-render, a render that raises, the nightly
RAG recompute run twice, and the time limits every task of ours must carry.

The kill tests run the worker as a separate process (`celery -A mhhs_governance worker`), pointed at the test
database, the same Redis and a temporary MEDIA_ROOT through the environment the settings read, so it can be
SIGKILLed like a real one. The others use an in-process worker (celery.contrib.testing), which lets a test patch
what the task calls.

Tests that need a worker are skipped without REDIS_URL; those that start a worker process also need PostgreSQL
(the SQLite test database lives in the test process's memory, out of another process's reach).
"""

import contextlib
import datetime
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import time_machine
from celery import states
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from core.tasks import DELIVERY_KEY, record_delivery
from meetings import packs, services
from meetings.choices import PackKind, PackStatus
from meetings.models import MeetingPack, pack_path
from meetings.tasks import render_pack
from mhhs_governance import celery_app
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from tests.milestones.factories import MilestoneFactory
from tests.packs.conftest import KEPT_UP_TO, _action, build_world
from tests.programme.factories import GovernanceGroupFactory

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no broker for a real worker")
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=f"a worker process needs a database it can share with the test: PostgreSQL, not {connection.vendor}",
)

CELERY = Path(sys.executable).with_name("celery")
# Waits are generous for a loaded CI machine, yet bounded: a test never hangs.
STARTED_TIMEOUT = 30
FINISHED_TIMEOUT = 45
# Extra open actions for the papers' actions review: a render of a few seconds, so a kill lands mid-render.
EXTRA_ACTIONS = 150


# --- helpers --------------------------------------------------------------------------------------------------


def wait_for(predicate, *, timeout: float, what: str, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    log = f"\n--- worker log ---\n{worker.log()[-6000:]}" if worker is not None else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{log}")


def pack_status(pack) -> str:
    return MeetingPack.objects.filter(pk=pack.pk).values_list("status", flat=True).first()


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def big_papers() -> MeetingPack:
    """DAG26's papers (every standing section) with a long actions review, queued but not sent to a worker. The
    extra actions are raised when the world's records were (before the papers' moment), so the papers state them."""
    world = build_world()
    with time_machine.travel(KEPT_UP_TO, tick=False):
        for number in range(EXTRA_ACTIONS):
            _action(world.previous, f"Extra action {number}: " + "review the interface specification change " * 4)
    return MeetingPack.objects.create(meeting=world.meeting, kind=PackKind.PAPERS)


def database_url() -> str:
    """The test database (test_…, created by pytest-django) as a DATABASE_URL for another process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


def unacked_tag(task_id: str) -> str | None:
    """The broker's delivery tag of `task_id` if Redis holds it as delivered but not yet acknowledged."""
    for tag, payload in redis_client().hgetall("unacked").items():
        message = json.loads(payload)[0]
        if message.get("headers", {}).get("id") == task_id:
            return tag.decode()
    return None


def assert_acknowledged(task_id: str) -> None:
    """The broker no longer holds the message as unacknowledged (acks-late acknowledges just after the result is
    stored, so this may take a moment)."""
    wait_for(lambda: unacked_tag(task_id) is None, timeout=10, what=f"the message of {task_id} to be acknowledged")


def assert_deliveries_forgotten(task_id: str) -> None:
    """The redelivery guard's count of `task_id` was cleared when a run returned (just after its result)."""
    key = DELIVERY_KEY.format(task_id)
    wait_for(lambda: cache.get(key) is None, timeout=10, what=f"the delivery count of {task_id} to be cleared")


class WorkerProcess:
    """`celery -A mhhs_governance worker` as a child process of the test, on the environment given."""

    def __init__(self, env: dict, log_path: Path, pool: str = "solo"):
        self.env, self.log_path, self.pool = env, log_path, pool
        self.process: subprocess.Popen | None = None

    def start(self) -> "WorkerProcess":
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    str(CELERY), "-A", "mhhs_governance", "worker", f"--pool={self.pool}", "-c", "1",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                    "-n", f"faults-{uuid.uuid4().hex[:8]}@%h", "--loglevel=INFO",
                ],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the pool children are ended with it
            )  # fmt: skip
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def children(self) -> list[int]:
        """Pids of the worker's pool processes (prefork), read from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def kill(self, pid: int | None = None) -> None:
        """SIGKILL the worker (or one of its pool processes): no shutdown, no acknowledgement, nothing flushed."""
        os.kill(pid or self.process.pid, signal.SIGKILL)
        if pid is None:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.alive:
            self.process.terminate()  # warm shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # pool processes orphaned by a SIGKILLed worker
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def broker(transactional_db):
    """Tasks go through Redis (not run eagerly), the queue starts empty, and the test's rows are committed so
    another connection sees them."""
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    yield
    celery_app.control.purge()


@pytest.fixture
def worker_processes(broker, media_root, tmp_path):
    """`start(pool=…, **env)` starts a worker process on the test database, Redis and MEDIA_ROOT of this test;
    every worker started is stopped when the test ends, whatever happened."""
    started: list[WorkerProcess] = []

    def start(pool: str = "solo", **extra_env) -> WorkerProcess:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mhhs_governance.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(media_root),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            **extra_env,
        }
        worker = WorkerProcess(env, tmp_path / f"worker-{len(started) + 1}.log", pool=pool)
        started.append(worker)
        return worker.start()

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def in_process_worker(broker):
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
        yield


def assert_rendered_once(pack: MeetingPack, media_root: Path) -> None:
    """The pack is ready with one PDF, at its version's name, matching its checksum, and nothing else was stored."""
    pack.refresh_from_db()
    assert (pack.status, pack.error) == (PackStatus.READY, "")
    expected = pack_path(pack, pack.filename())
    assert pack.file.name == expected
    assert stored_files(media_root) == [expected], "one file for the version, no duplicate from the lost run"
    pdf = (media_root / expected).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == pack.checksum
    assert pack.pages > 1


# --- a worker lost mid-render -----------------------------------------------------------------------------------


@pytest.mark.celery_worker
@needs_redis
@needs_postgresql
def test_a_worker_killed_mid_render_leaves_the_message_unacknowledged_and_a_new_worker_renders_it_once(
    worker_processes, media_root
):
    """The whole worker dies (SIGKILL: out of memory, a node lost). With acks-late its message stays
    unacknowledged in Redis; once the visibility timeout has passed, the next worker restores it and runs it again,
    and the re-run replaces nothing but its own file."""
    # The settings derive the visibility timeout from the hard time limit (six times it): 1 s gives 6 s. The solo
    # pool does not enforce time limits, so the render itself is not cut short.
    limits = {"CELERY_TASK_TIME_LIMIT": "1", "CELERY_TASK_SOFT_TIME_LIMIT": "1"}
    visibility = 6 * int(limits["CELERY_TASK_TIME_LIMIT"])
    pack = big_papers()
    result = render_pack.delay(pack.pk)

    first = worker_processes(**limits)
    wait_for(lambda: pack_status(pack) == PackStatus.RENDERING, timeout=STARTED_TIMEOUT, what="the render to start",
             worker=first)  # fmt: skip
    time.sleep(0.5)  # into the composing and printing, which take seconds
    first.kill()

    assert pack_status(pack) == PackStatus.RENDERING, "the kill landed mid-render"
    assert stored_files(media_root) == [], "nothing was written before the kill"
    tag = unacked_tag(result.id)
    assert tag is not None, "acks-late: the message of the lost run is still held by the broker, unacknowledged"
    assert cache.get(DELIVERY_KEY.format(result.id)) == 1, "the redelivery guard counted the lost run"
    delivered_at = redis_client().zscore("unacked_index", tag)
    # A starting worker restores every message delivered longer ago than the visibility timeout.
    time.sleep(max(0.0, delivered_at + visibility + 0.5 - time.time()))
    second = worker_processes(**limits)

    assert result.get(timeout=FINISHED_TIMEOUT) == PackStatus.READY, second.log()[-6000:]
    assert result.state == states.SUCCESS
    assert_rendered_once(pack, media_root)
    assert_acknowledged(result.id)
    assert_deliveries_forgotten(result.id)  # and forgot it once a run returned
    assert f"render_pack[{result.id}] received" in second.log(), "the new worker ran it"


@pytest.mark.celery_worker
@needs_redis
@needs_postgresql
def test_a_pool_process_killed_mid_render_is_requeued_at_once_and_rendered_once(worker_processes, media_root):
    """A prefork pool process dies mid-task (SIGKILL): reject-on-worker-lost requeues the message straight away,
    without waiting for the visibility timeout, and a fresh pool process renders it."""
    # A visibility timeout of 12 minutes: only the requeue on worker loss can bring the message back in this test.
    worker = worker_processes(pool="prefork", CELERY_TASK_TIME_LIMIT="120", CELERY_TASK_SOFT_TIME_LIMIT="110")
    pack = big_papers()
    result = render_pack.delay(pack.pk)

    wait_for(lambda: pack_status(pack) == PackStatus.RENDERING, timeout=STARTED_TIMEOUT, what="the render to start",
             worker=worker)  # fmt: skip
    time.sleep(0.5)  # into the composing and printing, which take seconds
    children = worker.children()
    assert len(children) == 1, children
    worker.kill(children[0])

    assert result.get(timeout=FINISHED_TIMEOUT) == PackStatus.READY, worker.log()[-6000:]
    assert worker.alive, "the worker itself survived the loss of its pool process"
    assert worker.children() and worker.children() != children, "a fresh pool process did the re-run"
    assert "WorkerLostError" in worker.log() or "SIGKILL" in worker.log()
    assert_rendered_once(pack, media_root)
    assert_acknowledged(result.id)
    assert_deliveries_forgotten(result.id)


# --- a render that fails ----------------------------------------------------------------------------------------


def published_ids(task_name: str):
    ids: list[str] = []

    def record(sender=None, headers=None, **kwargs):
        if sender == task_name:
            ids.append(headers["id"])

    return ids, record


@pytest.mark.celery_worker
@needs_redis
def test_a_render_that_raises_is_stored_as_failed_with_its_message_and_a_retry_renders_it(
    in_process_worker, monkeypatch, media_root
):
    world = build_world()
    real_print_pdf = packs.print_pdf

    def broken(html):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(packs, "print_pdf", broken)
    ids, record = published_ids(render_pack.name)
    after_task_publish.connect(record, weak=False)
    try:
        # Through the service, as the page does: the render is queued when the request commits.
        pack = services.pack_request(meeting=world.meeting, kind=PackKind.HEADLINE_REPORT, actor=None)
    finally:
        after_task_publish.disconnect(record)

    assert len(ids) == 1
    result = render_pack.AsyncResult(ids[0])
    # The task itself returns normally: the failure is the pack's, for PMO to read and retry; the worker carries on.
    assert result.get(timeout=FINISHED_TIMEOUT) == PackStatus.FAILED
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
    assert pack.error == "OSError: cannot load library 'libpango-1.0-0'"
    assert (pack.file.name, pack.checksum, pack.pages) == ("", "", None)
    assert stored_files(media_root) == []
    assert_acknowledged(result.id)  # a failed render is not redelivered

    monkeypatch.setattr(packs, "print_pdf", real_print_pdf)
    retried = services.pack_retry(pack=pack, actor=None)
    assert retried.status in (PackStatus.QUEUED, PackStatus.RENDERING, PackStatus.READY)
    wait_for(lambda: pack_status(pack) == PackStatus.READY, timeout=FINISHED_TIMEOUT, what="the retried render")
    assert_rendered_once(pack, media_root)


@pytest.mark.celery_worker
@needs_redis
def test_a_render_of_a_pack_deleted_before_it_ran_fails_the_task_and_is_not_redelivered(in_process_worker):
    world = build_world()
    pack = MeetingPack.objects.create(meeting=world.meeting, kind=PackKind.HEADLINE_REPORT)
    pack_id = pack.pk
    pack.delete()

    result = render_pack.delay(pack_id)

    with pytest.raises(MeetingPack.DoesNotExist):
        result.get(timeout=FINISHED_TIMEOUT)
    assert result.state == states.FAILURE
    assert_acknowledged(result.id)  # acknowledged on failure: not redelivered forever
    assert_deliveries_forgotten(result.id)


@pytest.mark.celery_worker
@needs_redis
def test_a_render_that_killed_its_worker_every_time_leaves_the_pack_failed_with_a_message(in_process_worker, settings):
    pack = MeetingPack.objects.create(meeting=build_world().meeting, kind=PackKind.HEADLINE_REPORT)
    task_id = f"poison-render-{uuid.uuid4()}"
    # Three starts that never returned: the worker died on each (what record_delivery counted each time).
    for _ in range(settings.CELERY_MAX_DELIVERIES):
        record_delivery(task_id)

    result = render_pack.apply_async((pack.pk,), task_id=task_id)

    wait_for(lambda: result.state == states.FAILURE, timeout=FINISHED_TIMEOUT, what="the guard to give up")
    assert "without finishing" in str(result.result)
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
    assert "delivered" in pack.error


@pytest.mark.celery_worker
@needs_redis
@needs_postgresql
def test_a_render_whose_pdf_cannot_be_stored_is_stored_as_failed_with_its_message(
    worker_processes, media_root, tmp_path
):
    # A MEDIA_ROOT the worker cannot create: its parent is a file.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media folder should be")
    worker = worker_processes(MEDIA_ROOT=str(blocker / "media"))
    pack = MeetingPack.objects.create(meeting=build_world().meeting, kind=PackKind.HEADLINE_REPORT)

    result = render_pack.delay(pack.pk)
    result.get(timeout=FINISHED_TIMEOUT, propagate=False)

    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED, (pack.status, worker.log()[-3000:])
    assert "Not a directory" in pack.error or "NotADirectoryError" in pack.error


@pytest.mark.celery_worker
@needs_redis
@needs_postgresql
def test_a_render_cut_off_by_its_soft_time_limit_is_stored_as_failed_with_the_reason(worker_processes, media_root):
    """The prefork pool enforces time limits (the solo pool does not): a render past its soft limit is interrupted,
    stored as failed with the reason, and leaves no partial file. The limits travel in the message, from the
    sender's configuration; here the sender asks for 1 s soft, 10 s hard."""
    worker = worker_processes(pool="prefork")
    pack = big_papers()

    result = render_pack.apply_async((pack.pk,), soft_time_limit=1, time_limit=10)

    assert result.get(timeout=FINISHED_TIMEOUT) == PackStatus.FAILED, worker.log()[-6000:]
    assert "Soft time limit (1s) exceeded" in worker.log()
    pack.refresh_from_db()
    assert pack.status == PackStatus.FAILED
    assert pack.error.startswith("SoftTimeLimitExceeded")
    assert stored_files(media_root) == []


# --- the nightly RAG recompute ------------------------------------------------------------------------------------


def milestone_rows() -> list[dict]:
    return list(Milestone.objects.order_by("pk").values())


@pytest.mark.celery_worker
@needs_redis
def test_the_scheduled_rag_recompute_sent_twice_by_beat_changes_nothing_the_second_time(in_process_worker):
    """tests/test_celery_worker.py runs recompute_rag twice directly; here it is sent as beat sends its schedule
    entry (django-celery-beat's database scheduler, from CELERY_BEAT_SCHEDULE), over every kind of RAG, and the
    second run is checked to write nothing at all: rows, versions and history."""
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry

    today = timezone.localdate()
    forum = GovernanceGroupFactory(code="SITAG")
    day = datetime.timedelta(days=1)
    missed = MilestoneFactory(ref="T3-TE-0001", forum=forum, baseline_on=today - 3 * day)
    MilestoneFactory(ref="T3-TE-0002", forum=forum, baseline_on=today + 90 * day, forecast_on=today + 90 * day)
    MilestoneFactory(
        ref="T3-TE-0003", forum=forum, baseline_on=today - 30 * day, actual_on=today - 31 * day,
        status=MilestoneStatus.COMPLETE,
    )  # fmt: skip
    MilestoneFactory(ref="T3-TE-0004", forum=forum, rag_override=Rag.AMBER, rag_override_reason="Supplier risk")
    # Forecast after a Red dependency: Red too.
    MilestoneFactory(ref="T3-TE-0005", forum=forum, baseline_on=today + 60 * day, depends_on=[missed])
    # Already stored right: not counted, not written.
    MilestoneFactory(ref="T3-TE-0006", forum=forum, baseline_on=today + 90 * day, rag=Rag.GREEN)

    scheduler = DatabaseScheduler(app=celery_app, lazy=True)
    try:
        scheduler.setup_schedule()  # what `celery beat` does at start: the settings' entries into the database
        periodic = PeriodicTask.objects.get(name="recompute-rag-daily")
        assert periodic.task == settings.CELERY_BEAT_SCHEDULE["recompute-rag-daily"]["task"]
        assert periodic.enabled
        assert (periodic.crontab.minute, periodic.crontab.hour) == ("0", "2")

        def run_as_beat():
            entry = ModelEntry(PeriodicTask.objects.get(pk=periodic.pk), app=celery_app)
            return scheduler.apply_async(entry, advance=False).get(timeout=FINISHED_TIMEOUT)

        history_before = Milestone.history.count()
        changed = run_as_beat()
        after_first = milestone_rows()
        again = run_as_beat()
    finally:
        scheduler.close()

    assert changed == 5
    assert {row["ref"]: row["rag"] for row in after_first} == {
        "T3-TE-0001": Rag.RED,
        "T3-TE-0002": Rag.GREEN,
        "T3-TE-0003": Rag.COMPLETE,
        "T3-TE-0004": Rag.AMBER,
        "T3-TE-0005": Rag.RED,
        "T3-TE-0006": Rag.GREEN,
    }
    assert again == 0
    assert milestone_rows() == after_first, "the second run wrote nothing"
    assert Milestone.history.count() == history_before, "RAG is not history: neither run added a row"


# --- time limits ------------------------------------------------------------------------------------------------


def test_every_task_of_our_apps_has_a_soft_and_a_hard_time_limit():
    """From the task's own options or the global config; the soft limit comes first (the task can store its
    failure), and the broker's visibility timeout outlasts the hard limit (no redelivery of a task still running)."""
    celery_app.loader.import_default_modules()  # what a worker does at start: every app's tasks.py
    ours = {
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(Path(settings.BASE_DIR).resolve())
    }
    tasks = {name: task for name, task in celery_app.tasks.items() if name.split(".")[0] in ours}
    assert {
        "meetings.tasks.render_pack",
        "milestones.tasks.recompute_rag",
        "mhhs_governance.tasks.system_probe",
    } <= set(tasks)
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    for name, task in sorted(tasks.items()):
        hard = task.time_limit if task.time_limit is not None else celery_app.conf.task_time_limit
        soft = task.soft_time_limit if task.soft_time_limit is not None else celery_app.conf.task_soft_time_limit
        assert hard and soft, f"{name} has no {'hard' if not hard else 'soft'} time limit"
        assert 0 < soft < hard, f"{name}: soft limit {soft}s is not before the hard limit {hard}s"
        assert visibility > hard, f"{name}: redelivered after {visibility}s while it may run {hard}s"
        assert task.acks_late and task.reject_on_worker_lost, f"{name} may be lost with its worker"
