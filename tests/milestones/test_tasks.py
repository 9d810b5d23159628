"""milestones.tasks.recompute_rag, run eagerly (the real-worker run is tests/test_celery_worker.py's), and its
nightly celery beat entry."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings

from mhhs_governance import celery_app
from milestones import tasks
from milestones.choices import Rag
from milestones.models import Milestone
from milestones.rag import add_working_days
from tests.milestones.factories import MilestoneFactory

DAY = datetime.timedelta(days=1)


@pytest.fixture
def baseline(today):
    """Eight weeks ahead: a milestone due then, and forecast on time, is Green today."""
    return today + 56 * DAY


@pytest.fixture
def register(db, today, baseline):
    return [
        MilestoneFactory(ref="T3-DB-0001", baseline_on=baseline, forecast_on=baseline),
        MilestoneFactory(ref="T3-DB-0002", baseline_on=baseline, forecast_on=add_working_days(baseline, 11)),
        MilestoneFactory(ref="T3-DB-0003", baseline_on=today - DAY, forecast_on=today + DAY),
    ]


def stored_rags():
    return dict(Milestone.objects.values_list("ref", "rag"))


def test_the_task_stores_every_rag_and_returns_how_many_changed(register):
    result = tasks.recompute_rag.delay()

    assert result.get() == 3
    assert stored_rags() == {"T3-DB-0001": Rag.GREEN, "T3-DB-0002": Rag.RED, "T3-DB-0003": Rag.RED}


def test_the_task_is_idempotent(register):
    tasks.recompute_rag.delay().get()
    history_rows = Milestone.history.count()

    assert tasks.recompute_rag.delay().get() == 0
    assert Milestone.history.count() == history_rows


def test_the_task_takes_milestone_ids_as_json_would_carry_them(register):
    # A broker carries a list of ints; the task scopes itself to those milestones.
    assert tasks.recompute_rag.delay([register[1].pk]).get() == 1
    assert stored_rags() == {"T3-DB-0001": "", "T3-DB-0002": Rag.RED, "T3-DB-0003": ""}


def test_the_task_is_registered_under_its_dotted_name():
    assert "milestones.tasks.recompute_rag" in celery_app.tasks
    assert tasks.recompute_rag.name == "milestones.tasks.recompute_rag"


def test_celery_beat_recomputes_every_rag_once_a_day():
    entries = [
        entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == "milestones.tasks.recompute_rag"
    ]

    assert len(entries) == 1
    entry = entries[0]
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1  # one run a day…
    assert schedule.day_of_week == set(range(7))  # …every day
    assert schedule.day_of_month == set(range(1, 32))
    assert schedule.month_of_year == set(range(1, 13))
    assert not entry.get("args")  # no ids: everything
