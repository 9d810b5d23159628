"""The redelivery guard: a task whose message keeps coming back (its worker died each time) is given up."""

import uuid

import pytest
from celery import states
from celery.exceptions import Reject

from core.tasks import record_delivery
from mhhs_governance import celery_app
from mhhs_governance.tasks import system_probe

pytestmark = pytest.mark.django_db

# Each test's task ids are its own: the delivery counters live in the cache (Redis in CI), which outlives a run.


@pytest.fixture
def delivered_task():
    """Runs system_probe as a worker would (not eagerly) under a fixed task id; conftest restores eager."""
    celery_app.conf.task_always_eager = False

    def run(task_id):
        # Task.__call__ with a pushed request is what a worker does with a delivered message.
        system_probe.push_request(id=task_id, is_eager=False)
        try:
            return system_probe()
        finally:
            system_probe.pop_request()

    return run


def test_it_runs_a_task_that_has_not_killed_its_worker(delivered_task):
    answer = delivered_task(f"fresh-task-{uuid.uuid4()}")
    assert answer["governance_groups"] == 0


def test_it_forgets_deliveries_once_a_run_returns(delivered_task):
    task_id = f"repeat-task-{uuid.uuid4()}"
    for _ in range(5):
        # Each run finishes, so the count never builds up past one.
        system_probe.push_request(id=task_id, is_eager=False)
        try:
            system_probe()
            system_probe.after_return(states.SUCCESS, None, task_id, (), {}, None)
        finally:
            system_probe.pop_request()
    assert record_delivery(task_id) == 1


def test_it_marks_a_task_failed_after_too_many_lost_runs(delivered_task, settings):
    settings.CELERY_MAX_DELIVERIES = 3
    task_id = f"poison-task-{uuid.uuid4()}"
    for _ in range(3):
        # Three starts that never returned: the worker was killed mid-run.
        record_delivery(task_id)
    with pytest.raises(Reject) as refused:
        delivered_task(task_id)
    assert refused.value.requeue is False
    assert "delivered 4 times" in str(refused.value.reason)
    result = system_probe.AsyncResult(task_id)
    assert result.state == states.FAILURE
