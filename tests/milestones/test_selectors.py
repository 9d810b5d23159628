"""milestones.selectors: milestones as they stood on a past date (read from history), RAG on a date, reporting
dates, the Delivery Dashboard's previous / current / forecast RAG and the worst-of roll-ups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.choices import Classification
from core.selectors import Audience
from milestones import selectors
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.rag import add_working_days
from tests.milestones.factories import MilestoneFactory, aware, save_at
from tests.programme.factories import GovernanceGroupFactory

PMO_READER = Audience(Classification.RESTRICTED)  # reads every record, as PMO does

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def baseline(today):
    """Eight weeks ahead: a milestone due then, and forecast on time, is Green today."""
    return today + 56 * DAY


@pytest.fixture
def slipped(baseline):
    """After the baseline, within tolerance: Amber."""
    return add_working_days(baseline, 3)


@pytest.fixture
def forum():
    return GovernanceGroupFactory(code="SITAG", name="SI Test Advisory Group")


@pytest.fixture
def reforecast(forum, today, baseline, slipped):
    """On track when created three weeks ago; re-forecast past its baseline two days ago."""
    milestone = MilestoneFactory(
        ref="T3-DB-0153",
        forum=forum,
        baseline_on=baseline,
        forecast_on=baseline,
        status=MilestoneStatus.IN_PROGRESS,
        commentary="On track",
        history_date=aware(today - 21 * DAY),
    )
    return save_at(milestone, aware(today - 2 * DAY), forecast_on=slipped, commentary="Supplier slipped")


# --- the past, from history --------------------------------------------------------------------------------


def test_snapshots_as_of_a_past_date_show_the_forecast_as_it_stood_then(reforecast, today, baseline, slipped):
    then = selectors.snapshots_as_of(selectors.end_of(today - 7 * DAY))
    now = selectors.snapshots_as_of(timezone.now())

    assert then["T3-DB-0153"].forecast_on == baseline
    assert now["T3-DB-0153"].forecast_on == slipped


def test_snapshots_as_of_a_date_include_that_days_changes(reforecast, today, baseline, slipped):
    on_the_day = selectors.snapshots_as_of(selectors.end_of(today - 2 * DAY))
    the_day_before = selectors.snapshots_as_of(selectors.end_of(today - 3 * DAY))

    assert on_the_day["T3-DB-0153"].forecast_on == slipped
    assert the_day_before["T3-DB-0153"].forecast_on == baseline


def test_snapshots_as_of_omit_milestones_created_later_and_deleted_earlier(forum, reforecast, today):
    MilestoneFactory(ref="M11", tier=1, forum=forum, history_date=aware(today - DAY))
    deleted = MilestoneFactory(ref="T2-RE-0600", forum=forum, history_date=aware(today - 30 * DAY))
    deleted._history_date = aware(today - 14 * DAY)
    deleted.delete()

    then = selectors.snapshots_as_of(selectors.end_of(today - 7 * DAY))
    before_the_deletion = selectors.snapshots_as_of(selectors.end_of(today - 20 * DAY))

    assert set(then) == {"T3-DB-0153"}
    assert set(before_the_deletion) == {"T3-DB-0153", "T2-RE-0600"}


def test_snapshots_as_of_carry_the_dependencies_recorded_then(forum, reforecast, today):
    dependency = MilestoneFactory(ref="T2-RE-0600", forum=forum, history_date=aware(today - 30 * DAY))
    dependent = MilestoneFactory(ref="M10", tier=1, forum=forum, history_date=aware(today - 30 * DAY))
    save_at(dependent, aware(today - 10 * DAY), depends_on=[dependency, reforecast])
    save_at(dependent, aware(today - 5 * DAY), depends_on=[reforecast])

    def depends_on(day):
        return set(selectors.snapshots_as_of(selectors.end_of(day))["M10"].depends_on)

    assert depends_on(today - 20 * DAY) == set()
    assert depends_on(today - 7 * DAY) == {"T2-RE-0600", "T3-DB-0153"}
    assert depends_on(today) == {"T3-DB-0153"}


def test_snapshots_as_of_read_history_in_a_constant_number_of_queries(forum, today, slipped):
    def build(first, count):
        for n in range(first, first + count):
            milestone = MilestoneFactory(ref=f"T3-DB-{n:04d}", forum=forum, history_date=aware(today - 20 * DAY))
            save_at(milestone, aware(today - 10 * DAY), forecast_on=slipped)

    build(1, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.snapshots_as_of(selectors.end_of(today - 7 * DAY))) == 3
    build(4, 30)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.snapshots_as_of(selectors.end_of(today - 7 * DAY))) == 33

    assert len(many) == len(few) <= 2


def test_rag_on_a_past_date_reads_history_and_today_reads_the_record(reforecast, today):
    last_week = selectors.rag_on(today - 7 * DAY)
    now = selectors.rag_on(today)

    assert last_week["T3-DB-0153"].rag == Rag.GREEN
    assert now["T3-DB-0153"].rag == Rag.AMBER
    assert "within 10 working days" in now["T3-DB-0153"].rule


def test_rag_on_a_past_date_judges_the_record_against_that_date(forum, today):
    # Baseline passed two days ago and never met: Red now, but Amber (due soon, not started) a week ago.
    MilestoneFactory(
        ref="M9",
        tier=1,
        forum=forum,
        baseline_on=today - 2 * DAY,
        forecast_on=today - 2 * DAY,
        history_date=aware(today - 30 * DAY),
    )

    assert selectors.rag_on(today - 7 * DAY)["M9"].rag == Rag.AMBER
    assert selectors.rag_on(today)["M9"].rag == Rag.RED


# --- reporting dates ---------------------------------------------------------------------------------------


def test_reporting_dates_are_weekly_by_default(today):
    dates = selectors.reporting_dates()

    assert (dates.previous, dates.current, dates.forecast) == (today - 7 * DAY, today, today + 7 * DAY)


def test_reporting_dates_follow_the_interval_in_settings(settings):
    settings.RAG_REPORTING_INTERVAL_DAYS = 14
    day = datetime.date(2025, 3, 3)

    dates = selectors.reporting_dates(day)

    assert (dates.previous, dates.current, dates.forecast) == (day - 14 * DAY, day, day + 14 * DAY)


# --- the Delivery Dashboard --------------------------------------------------------------------------------


def test_the_dashboard_shows_week_on_week_movement_from_history(forum, reforecast, today):
    due_soon = MilestoneFactory(
        ref="T2-RE-0600",
        forum=forum,
        baseline_on=today + 3 * DAY,
        forecast_on=today + 3 * DAY,
        status=MilestoneStatus.IN_PROGRESS,
        history_date=aware(today - 21 * DAY),
    )
    new = MilestoneFactory(ref="M11", tier=1, forum=forum, history_date=aware(today - DAY))

    rows = selectors.delivery_dashboard([reforecast, due_soon, new], selectors.reporting_dates(), PMO_READER)

    movement = {
        row.milestone.ref: (row.previous.rag if row.previous else None, row.current.rag, row.forecast.rag)
        for row in rows
    }
    assert movement == {
        "T3-DB-0153": (Rag.GREEN, Rag.AMBER, Rag.AMBER),  # re-forecast past baseline since last week
        "T2-RE-0600": (Rag.GREEN, Rag.GREEN, Rag.RED),  # its baseline passes before the next report
        "M11": (None, Rag.GREEN, Rag.GREEN),  # did not exist last week
    }
    assert [row.milestone.ref for row in rows] == ["T3-DB-0153", "T2-RE-0600", "M11"]


def test_the_dashboard_forecast_rag_drops_an_override_that_expires_before_the_next_report(forum, today):
    overridden = MilestoneFactory(
        ref="M10",
        tier=1,
        forum=forum,
        rag_override=Rag.RED,
        rag_override_reason="Awaiting Ofgem decision",
        rag_override_until=today + 2 * DAY,
        history_date=aware(today - 3 * DAY),
    )

    [row] = selectors.delivery_dashboard([overridden], selectors.reporting_dates(), PMO_READER)

    assert row.previous is None  # recorded since last week
    assert (row.current.rag, row.current.overridden) == (Rag.RED, True)
    assert (row.forecast.rag, row.forecast.overridden) == (Rag.GREEN, False)


def test_the_dashboard_reads_in_a_constant_number_of_queries(forum, today):
    def build(first, count):
        for n in range(first, first + count):
            MilestoneFactory(ref=f"T3-DB-{n:04d}", forum=forum, history_date=aware(today - 20 * DAY))
        return list(Milestone.objects.all())

    few_items = build(1, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.delivery_dashboard(few_items, selectors.reporting_dates(), PMO_READER)) == 3
    many_items = build(4, 30)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.delivery_dashboard(many_items, selectors.reporting_dates(), PMO_READER)) == 33

    assert len(many) == len(few) <= 6


# --- roll-ups ----------------------------------------------------------------------------------------------


@pytest.fixture
def rated():
    """Stored RAGs across two forums and two workstreams, and a Restricted Red milestone in a third forum."""
    sitag = GovernanceGroupFactory(code="SITAG", name="SI Test Advisory Group")
    dag = GovernanceGroupFactory(code="DAG", name="Design Advisory Group")
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group")
    for ref, forum, rag, classification in [
        ("T3-DB-0001", sitag, Rag.GREEN, Classification.PUBLIC),
        ("T3-DB-0002", sitag, Rag.AMBER, Classification.PUBLIC),
        ("T3-DB-0003", sitag, Rag.GREEN, Classification.PUBLIC),
        ("T2-RE-0001", dag, Rag.COMPLETE, Classification.PUBLIC),
        ("T2-RE-0002", dag, Rag.GREEN, Classification.PUBLIC),
        ("M10", psg, Rag.RED, Classification.RESTRICTED),
    ]:
        MilestoneFactory(ref=ref, forum=forum, rag=rag, classification=classification)


def summary(rows):
    return {row.key: (row.rag, {rag: count for rag, count in row.counts.items() if count}, row.total) for row in rows}


def test_the_programme_rollup_is_the_worst_of_every_milestone(rated, pmo_user):
    rows = selectors.rollup(pmo_user, "programme")

    assert summary(rows) == {
        "programme": (Rag.RED, {Rag.GREEN: 3, Rag.AMBER: 1, Rag.COMPLETE: 1, Rag.RED: 1}, 6),
    }


def test_the_forum_rollup_is_the_worst_of_each_forums_milestones_worst_first(rated, pmo_user):
    rows = selectors.rollup(pmo_user, "forum")

    assert summary(rows) == {
        "PSG": (Rag.RED, {Rag.RED: 1}, 1),
        "SITAG": (Rag.AMBER, {Rag.GREEN: 2, Rag.AMBER: 1}, 3),
        "DAG": (Rag.GREEN, {Rag.COMPLETE: 1, Rag.GREEN: 1}, 2),
    }
    assert [row.key for row in rows] == ["PSG", "SITAG", "DAG"]
    assert rows[1].label == "SI Test Advisory Group"


def test_the_workstream_rollup_groups_by_the_workstream_in_the_ref(rated, pmo_user):
    rows = selectors.rollup(pmo_user, "workstream")

    assert summary(rows) == {
        "": (Rag.RED, {Rag.RED: 1}, 1),  # programme milestones (M10) have no workstream
        "DB": (Rag.AMBER, {Rag.GREEN: 2, Rag.AMBER: 1}, 3),
        "RE": (Rag.GREEN, {Rag.COMPLETE: 1, Rag.GREEN: 1}, 2),
    }


def test_a_participants_rollups_leave_out_restricted_milestones(rated, participant_user):
    assert summary(selectors.rollup(participant_user, "programme")) == {
        "programme": (Rag.AMBER, {Rag.GREEN: 3, Rag.AMBER: 1, Rag.COMPLETE: 1}, 5),
    }
    assert [row.key for row in selectors.rollup(participant_user, "forum")] == ["SITAG", "DAG"]
    assert "" not in {row.key for row in selectors.rollup(participant_user, "workstream")}


def test_a_rollup_of_only_complete_milestones_is_complete(forum, pmo_user):
    MilestoneFactory(forum=forum, rag=Rag.COMPLETE)

    assert selectors.rollup(pmo_user, "forum")[0].rag == Rag.COMPLETE


def test_a_rollup_reads_in_one_query(rated, pmo_user):
    pmo_user.has_perm("programme.view_restricted")  # the permission cache is not what is measured

    with CaptureQueriesContext(connection) as queries:
        selectors.rollup(pmo_user, "forum")

    assert len(queries) == 1


def test_the_rule_in_words_does_not_name_a_milestone_the_reader_may_not_see():
    result = selectors.RagResult(Rag.RED, "Depends on T3-DB-0701, which is Red, and is forecast after it")

    told = selectors.rule_for_reader(result, {"T3-DB-0701", "T3-DB-07"})

    assert told.rule == "Depends on a Restricted milestone, which is Red, and is forecast after it"
    assert told.rag == Rag.RED
