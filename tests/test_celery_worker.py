"""A task sent through the real broker to a real Celery worker, which reads the database and answers.

Needs REDIS_URL (CI starts Redis); on a bare machine the tasks run eagerly and this is skipped.
"""

import datetime
import os

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.utils import timezone

from mhhs_governance import celery_app
from mhhs_governance.tasks import system_probe
from milestones.choices import Rag
from milestones.models import Milestone
from milestones.tasks import recompute_rag
from tests.programme.factories import GovernanceGroupFactory

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker for a real worker"),
]


@pytest.fixture
def celery_worker(transactional_db):
    # Transactional test: the worker thread has its own connection and must see committed rows.
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
        yield


def test_a_worker_runs_a_queued_task_against_the_database(celery_worker):
    GovernanceGroupFactory(code="PSG", level=2)
    GovernanceGroupFactory(code="DAG")

    result = system_probe.delay()

    answer = result.get(timeout=20)
    assert answer["governance_groups"] == 2
    assert answer["database"] in {"postgresql", "sqlite"}
    assert result.successful()


def test_a_worker_recomputes_milestone_rag_and_a_second_run_changes_nothing(celery_worker):
    today = timezone.localdate()
    forum = GovernanceGroupFactory(code="SITAG")
    # Written directly, so no recompute is queued before the one under test.
    missed = Milestone.objects.create(
        ref="T3-TE-0001", tier=3, title="Missed", forum=forum, baseline_on=today - datetime.timedelta(days=3)
    )
    on_track = Milestone.objects.create(
        ref="T3-TE-0002", tier=3, title="On track", forum=forum, baseline_on=today + datetime.timedelta(days=90)
    )

    changed = recompute_rag.delay().get(timeout=20)
    again = recompute_rag.delay().get(timeout=20)

    assert changed == 2
    assert again == 0
    assert Milestone.objects.get(pk=missed.pk).rag == Rag.RED
    assert Milestone.objects.get(pk=on_track.pk).rag == Rag.GREEN


def test_probe_worker_command_reports_the_worker_answer(celery_worker, capsys):
    call_command("probe_worker", timeout=20)
    assert "Worker answered" in capsys.readouterr().out
