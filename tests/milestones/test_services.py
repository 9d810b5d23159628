"""milestones.services: create (tier and workstream from the ref), update (baseline moves need an approved CR or
decision, date checks, overrides, dependencies, optimistic concurrency) and the set-based RAG recompute."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus
from core.concurrency import StaleEditError
from core.exceptions import WorkflowError
from milestones import services
from milestones.choices import MilestoneStatus, Rag
from milestones.models import Milestone
from milestones.rag import add_working_days
from tests.changes.factories import ChangeRequestFactory
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def baseline(today):
    """Eight weeks ahead: a milestone due then, and forecast on time, is Green today."""
    return today + 56 * DAY


@pytest.fixture
def forum():
    return GovernanceGroupFactory(code="SITAG", name="SI Test Advisory Group")


@pytest.fixture
def milestone(forum, baseline):
    return MilestoneFactory(ref="T3-DB-0153", forum=forum, baseline_on=baseline, forecast_on=baseline)


@pytest.fixture
def approved_cr():
    return ChangeRequestFactory(ref="CR055", status=ChangeStatus.APPROVED, stage=ChangeStage.APPROVED)


def create(actor, forum, ref, **fields):
    fields.setdefault("title", f"Milestone {ref}")
    fields.setdefault("baseline_on", timezone.localdate() + 56 * DAY)
    return services.milestone_create(actor=actor, ref=ref, forum=forum, **fields)


def update(milestone, actor, **changes):
    return services.milestone_update(milestone=milestone, actor=actor, **changes)


def stored(milestone):
    return Milestone.objects.get(pk=milestone.pk)


def stored_rags():
    return dict(Milestone.objects.values_list("ref", "rag"))


# --- create ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "tier", "workstream"),
    [("M10", 1, ""), ("T3-DB-0153", 3, "DB"), ("T2-RE-0600", 2, "RE"), ("T1-SIT-00001", 1, "SIT")],
)
def test_create_reads_the_tier_and_workstream_from_the_ref(pmo_user, forum, ref, tier, workstream):
    milestone = create(pmo_user, forum, ref)

    assert (stored(milestone).tier, stored(milestone).workstream) == (tier, workstream)
    entry = milestone.history.get()
    assert (entry.history_user, entry.history_change_reason) == (pmo_user, "Created")


def test_create_refuses_a_ref_that_does_not_say_its_tier_unless_the_tier_is_given(pmo_user, forum):
    with pytest.raises(WorkflowError) as refused:
        create(pmo_user, forum, "GATE-A")

    assert refused.value.field == "tier"
    assert "GATE-A" in refused.value.message
    assert not Milestone.objects.exists()

    assert create(pmo_user, forum, "GATE-A", tier=2).tier == 2


def test_create_refuses_a_tier_that_contradicts_the_ref(pmo_user, forum):
    with pytest.raises(ValidationError) as refused:
        create(pmo_user, forum, "M10", tier=3)

    assert "tier" in refused.value.message_dict
    assert not Milestone.objects.exists()


def test_create_refuses_a_duplicate_ref(pmo_user, forum, milestone):
    with pytest.raises(WorkflowError) as refused:
        create(pmo_user, forum, "T3-DB-0153")

    assert refused.value.field == "ref"
    assert "already exists" in refused.value.message
    assert Milestone.objects.count() == 1


def test_create_never_reuses_the_ref_of_a_deleted_milestone(pmo_user, forum, milestone):
    milestone.delete()

    with pytest.raises(WorkflowError):
        create(pmo_user, forum, "T3-DB-0153")


def test_create_with_an_actual_date_makes_the_milestone_complete(pmo_user, forum, today):
    milestone = create(pmo_user, forum, "M6", baseline_on=today - 3 * DAY, actual_on=today - DAY)

    assert stored(milestone).status == MilestoneStatus.COMPLETE


def test_create_refuses_an_actual_date_in_the_future(pmo_user, forum, today):
    with pytest.raises(WorkflowError) as refused:
        create(pmo_user, forum, "M6", actual_on=today + DAY)

    assert refused.value.field == "actual_on"
    assert not Milestone.objects.exists()


def test_create_records_dependencies(pmo_user, forum, milestone):
    dependent = create(pmo_user, forum, "M10", depends_on=[milestone])

    assert list(stored(dependent).depends_on.values_list("ref", flat=True)) == ["T3-DB-0153"]


# --- update: the baseline ----------------------------------------------------------------------------------


def test_moving_the_baseline_without_a_reference_is_refused_and_nothing_saved(pmo_user, milestone, baseline):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, baseline_on=baseline + 7 * DAY)

    assert refused.value.field == "baseline_change_reference"
    assert "approved change request" in refused.value.message
    after = stored(milestone)
    assert (after.baseline_on, after.version, after.baseline_change_reference) == (baseline, 1, "")
    assert milestone.history.count() == 1


@pytest.mark.parametrize(
    ("status", "stage"),
    [
        (ChangeStatus.OPEN, ChangeStage.AWAITING_DECISION),
        (ChangeStatus.REJECTED, ChangeStage.CLOSED),
        (ChangeStatus.ON_HOLD, ChangeStage.IMPACT_ASSESSMENT),
    ],
)
def test_moving_the_baseline_under_a_cr_that_is_not_approved_is_refused(pmo_user, milestone, status, stage, baseline):
    ChangeRequestFactory(ref="CR056", status=status, stage=stage)

    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="CR056")

    assert refused.value.field == "baseline_change_reference"
    assert "CR056" in refused.value.message
    assert "not approved" in refused.value.message
    assert stored(milestone).baseline_on == baseline


def test_moving_the_baseline_under_a_cr_that_does_not_exist_is_refused(pmo_user, milestone, baseline):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="CR404")

    assert refused.value.message == "There is no change request CR404."
    assert stored(milestone).baseline_on == baseline


def test_moving_the_baseline_under_an_approved_cr_is_recorded_with_the_change(
    pmo_user, milestone, approved_cr, baseline
):
    moved = baseline + 14 * DAY

    update(milestone, pmo_user, baseline_on=moved, baseline_change_reference=" CR055 ")

    after = stored(milestone)
    assert (after.baseline_on, after.baseline_change_reference, after.version) == (moved, "CR055", 2)
    latest = after.history.latest()
    assert latest.history_change_reason == "Baseline moved under CR055"
    assert latest.history_user == pmo_user
    assert latest.baseline_on == moved


def test_moving_the_baseline_under_a_cr_approved_through_change_control_is_accepted(
    pmo_user, milestone, forum, today, baseline
):
    from changes import services as change_services

    change_request = change_services.change_request_create(
        actor=pmo_user, title="Move the DB milestone", description="Re-plan.", decision_body=forum
    )
    for step in ("validate", "issue_ia", "close_ia", "approve"):
        extra = {"ia_closes_on": today + 10 * DAY} if step == "issue_ia" else {}
        change_request = change_services.change_request_transition(
            change_request=change_request, step=step, actor=pmo_user, **extra
        )
    assert change_request.status == ChangeStatus.APPROVED

    update(milestone, pmo_user, baseline_on=baseline + DAY, baseline_change_reference=change_request.ref)

    assert stored(milestone).baseline_change_reference == change_request.ref


def test_a_decision_that_was_never_recorded_cannot_move_a_baseline(pmo_user, milestone, baseline):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="DAG-DEC55")

    assert refused.value.field == "baseline_change_reference"
    assert refused.value.message == "There is no decision DAG-DEC55."
    assert stored(milestone).baseline_on == baseline


def test_a_ref_that_is_neither_a_cr_nor_a_decision_is_refused(pmo_user, milestone, baseline):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="because")

    assert refused.value.message == "because is neither an approved change request nor a recorded decision."
    assert stored(milestone).baseline_on == baseline


def test_a_registered_decision_checker_can_authorise_a_baseline_move(pmo_user, milestone, monkeypatch, baseline):
    def decisions(reference):
        return None if reference == "DAG-DEC55" else ""

    monkeypatch.setattr(services, "BASELINE_AUTHORITIES", [*services.BASELINE_AUTHORITIES, decisions])

    update(milestone, pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="DAG-DEC55")

    assert stored(milestone).baseline_change_reference == "DAG-DEC55"


def test_a_forecast_change_needs_no_reference(pmo_user, milestone, baseline):
    update(milestone, pmo_user, forecast_on=baseline + 3 * DAY, commentary="Supplier slipped by three days.")

    after = stored(milestone)
    assert (after.forecast_on, after.baseline_on, after.baseline_change_reference) == (
        baseline + 3 * DAY,
        baseline,
        "",
    )
    assert after.history.latest().history_change_reason == "Updated"


def test_a_reference_without_a_baseline_move_is_not_recorded(pmo_user, milestone, approved_cr, baseline):
    update(milestone, pmo_user, forecast_on=baseline + DAY, baseline_change_reference="CR055")

    assert stored(milestone).baseline_change_reference == ""


# --- update: dates, override, dependencies, concurrency ----------------------------------------------------


def test_an_actual_date_in_the_future_is_refused(pmo_user, milestone, today):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, actual_on=today + DAY)

    assert refused.value.field == "actual_on"
    after = stored(milestone)
    assert (after.actual_on, after.status, after.version) == (None, MilestoneStatus.NOT_STARTED, 1)


def test_an_actual_date_today_completes_the_milestone(pmo_user, milestone, today):
    update(milestone, pmo_user, actual_on=today)

    after = stored(milestone)
    assert (after.actual_on, after.status) == (today, MilestoneStatus.COMPLETE)


def test_a_forecast_in_the_past_is_refused_for_an_incomplete_milestone(pmo_user, milestone, today, baseline):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, forecast_on=today - DAY)

    assert refused.value.field == "forecast_on"
    assert stored(milestone).forecast_on == baseline


def test_a_forecast_in_the_past_is_accepted_with_the_actual_date(pmo_user, forum, today):
    milestone = MilestoneFactory(forum=forum, baseline_on=today + DAY, forecast_on=today + DAY)

    update(milestone, pmo_user, forecast_on=today - 2 * DAY, actual_on=today - DAY)

    assert stored(milestone).status == MilestoneStatus.COMPLETE


def test_an_override_without_a_reason_is_refused(pmo_user, milestone, today):
    with pytest.raises(ValidationError) as refused:
        update(milestone, pmo_user, rag_override=Rag.RED, rag_override_until=today + 7 * DAY)

    assert "rag_override_reason" in refused.value.message_dict
    after = stored(milestone)
    assert (after.rag_override, after.version) == ("", 1)


def test_an_override_with_a_reason_is_saved(pmo_user, milestone, today):
    update(
        milestone,
        pmo_user,
        rag_override=Rag.RED,
        rag_override_reason="Supplier in administration",
        rag_override_until=today + 7 * DAY,
    )

    after = stored(milestone)
    assert (after.rag_override, after.rag_override_reason, after.rag_override_until) == (
        Rag.RED,
        "Supplier in administration",
        today + 7 * DAY,
    )


def test_a_milestone_cannot_depend_on_itself(pmo_user, milestone):
    with pytest.raises(WorkflowError) as refused:
        update(milestone, pmo_user, depends_on=[milestone], commentary="Changed")

    assert refused.value.field == "depends_on"
    after = stored(milestone)
    assert (list(after.depends_on.all()), after.commentary, after.version) == ([], "", 1)


def test_dependencies_are_replaced_by_an_update(pmo_user, forum, milestone):
    first, second = MilestoneFactory(forum=forum), MilestoneFactory(forum=forum)
    milestone.depends_on.set([first])

    update(milestone, pmo_user, depends_on=[second])

    assert list(stored(milestone).depends_on.all()) == [second]


def test_a_stale_version_is_refused_and_nothing_saved(pmo_user, milestone):
    update(milestone, pmo_user, commentary="First edit")  # version 1 → 2

    with pytest.raises(StaleEditError):
        update(milestone, pmo_user, expected_version=1, commentary="Based on what I read before the first edit")

    after = stored(milestone)
    assert (after.commentary, after.version) == ("First edit", 2)


def test_the_version_loaded_with_the_instance_is_checked_when_none_is_given(pmo_user, milestone):
    stale_copy = stored(milestone)
    update(milestone, pmo_user, commentary="First edit")

    with pytest.raises(StaleEditError):
        update(stale_copy, pmo_user, commentary="Second edit")


# --- recompute_rag ----------------------------------------------------------------------------------------


@pytest.fixture
def register(forum, today, baseline):
    """One milestone per rule, with no stored RAG yet."""
    return {
        "green": MilestoneFactory(ref="T3-DB-0001", forum=forum, baseline_on=baseline, forecast_on=baseline),
        "amber": MilestoneFactory(
            ref="T3-DB-0002", forum=forum, baseline_on=baseline, forecast_on=add_working_days(baseline, 2)
        ),
        "red": MilestoneFactory(ref="T3-DB-0003", forum=forum, baseline_on=today - DAY, forecast_on=today + DAY),
        "complete": MilestoneFactory(
            ref="T3-DB-0004",
            forum=forum,
            baseline_on=today - DAY,
            actual_on=today - DAY,
            status=MilestoneStatus.COMPLETE,
        ),
    }


def test_recompute_stores_each_milestones_rag_and_counts_the_changes(register):
    changed = services.recompute_rag()

    assert changed == 4
    assert stored_rags() == {
        "T3-DB-0001": Rag.GREEN,
        "T3-DB-0002": Rag.AMBER,
        "T3-DB-0003": Rag.RED,
        "T3-DB-0004": Rag.COMPLETE,
    }


def test_recompute_stores_an_active_override_and_drops_an_expired_one(forum, today):
    MilestoneFactory(
        ref="M10", tier=1, forum=forum, rag_override=Rag.RED, rag_override_reason="Ofgem", rag_override_until=today
    )
    MilestoneFactory(
        ref="M11",
        tier=1,
        forum=forum,
        rag_override=Rag.RED,
        rag_override_reason="Ofgem",
        rag_override_until=today - DAY,
    )

    services.recompute_rag()

    assert stored_rags() == {"M10": Rag.RED, "M11": Rag.GREEN}


def test_recompute_counts_only_the_rags_that_changed(register):
    Milestone.objects.filter(ref="T3-DB-0001").update(rag=Rag.GREEN)
    Milestone.objects.filter(ref="T3-DB-0003").update(rag=Rag.GREEN)  # stale: it is Red now

    assert services.recompute_rag() == 3
    assert stored_rags()["T3-DB-0003"] == Rag.RED


def test_recompute_writes_no_history(register):
    history_rows = Milestone.history.count()

    services.recompute_rag()

    assert Milestone.history.count() == history_rows


def test_a_second_recompute_changes_nothing_and_writes_nothing(register):
    services.recompute_rag()
    history_rows, rags = Milestone.history.count(), stored_rags()

    with CaptureQueriesContext(connection) as queries:
        changed = services.recompute_rag()

    assert changed == 0
    assert stored_rags() == rags
    assert Milestone.history.count() == history_rows
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert writes == []


@pytest.fixture
def chain(forum, today):
    """base ← middle ← top (each depends on the one before), and an unrelated milestone; no stored RAG."""
    base = MilestoneFactory(ref="T2-RE-0001", forum=forum, baseline_on=today - DAY, forecast_on=today + DAY)
    middle = MilestoneFactory(ref="T2-RE-0002", forum=forum, depends_on=[base])
    top = MilestoneFactory(ref="M10", tier=1, forum=forum, depends_on=[middle])
    other = MilestoneFactory(ref="T3-DB-0099", forum=forum)
    return base, middle, top, other


def test_a_scoped_recompute_touches_the_milestone_and_its_transitive_dependents_only(chain):
    base = chain[0]

    changed = services.recompute_rag([base.pk])

    assert changed == 3
    assert stored_rags() == {"T2-RE-0001": Rag.RED, "T2-RE-0002": Rag.RED, "M10": Rag.RED, "T3-DB-0099": ""}


def test_a_scoped_recompute_does_not_touch_what_the_milestone_depends_on(chain):
    middle = chain[1]

    changed = services.recompute_rag([middle.pk])

    assert changed == 2
    assert stored_rags() == {"T2-RE-0001": "", "T2-RE-0002": Rag.RED, "M10": Rag.RED, "T3-DB-0099": ""}


def _bulk_register(forum, first, count):
    """`count` milestones written in bulk (no history: the recompute reads the live table), each depending
    on the one before, with stale RAGs."""
    baseline = timezone.localdate() + 56 * DAY
    made = Milestone.objects.bulk_create(
        Milestone(
            ref=f"T3-DB-{n:04d}",
            tier=3,
            workstream="DB",
            title=f"Milestone {n}",
            forum=forum,
            baseline_on=baseline + (n % 30) * DAY,
            forecast_on=baseline + (n % 45) * DAY,
        )
        for n in range(first, first + count)
    )
    made = list(Milestone.objects.filter(ref__in=[m.ref for m in made]).order_by("ref"))
    through = Milestone.depends_on.through
    through.objects.bulk_create(
        through(from_milestone_id=later.pk, to_milestone_id=earlier.pk) for earlier, later in itertools.pairwise(made)
    )
    return made


def test_recompute_runs_in_a_constant_number_of_queries(forum):
    _bulk_register(forum, 1, 10)
    with CaptureQueriesContext(connection) as small:
        assert services.recompute_rag() == 10

    _bulk_register(forum, 11, 190)
    Milestone.objects.update(rag="")
    with CaptureQueriesContext(connection) as large:
        assert services.recompute_rag() == 200

    # Two reads, then one UPDATE per RAG value written, however many rows carry it.
    for queries in (small, large):
        sql = [query["sql"] for query in queries]
        written = set(Milestone.objects.values_list("rag", flat=True))
        assert sum(s.startswith("SELECT") for s in sql) == 2
        assert sum(s.startswith("UPDATE") for s in sql) <= len(written)


def test_a_scoped_recompute_runs_in_a_constant_number_of_queries(forum):
    small_register = _bulk_register(forum, 1, 10)
    with CaptureQueriesContext(connection) as small:
        assert services.recompute_rag([small_register[0].pk]) == 10

    large_register = _bulk_register(forum, 11, 190)
    with CaptureQueriesContext(connection) as large:
        assert services.recompute_rag([large_register[0].pk]) == 190

    # Three reads (the milestones, their dependencies, the edges to follow), one UPDATE per RAG value written.
    written = set(Milestone.objects.values_list("rag", flat=True))
    for queries in (small, large):
        sql = [query["sql"] for query in queries]
        assert sum(s.startswith("SELECT") for s in sql) == 3
        assert sum(s.startswith("UPDATE") for s in sql) <= len(written)


# --- recompute after an edit -------------------------------------------------------------------------------


def test_an_edit_queues_a_recompute_after_commit_that_changes_the_stored_rag(
    pmo_user, milestone, django_capture_on_commit_callbacks, baseline
):
    services.recompute_rag()
    assert stored(milestone).rag == Rag.GREEN

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update(milestone, pmo_user, forecast_on=add_working_days(baseline, 3), commentary="Slipping")
        assert stored(milestone).rag == Rag.GREEN  # not before the commit

    assert len(callbacks) == 1
    assert stored(milestone).rag == Rag.AMBER


def test_an_edit_recomputes_the_milestones_that_depend_on_it(
    pmo_user, forum, milestone, django_capture_on_commit_callbacks, baseline
):
    later = baseline + 28 * DAY
    dependent = MilestoneFactory(
        ref="M10", tier=1, forum=forum, baseline_on=later, forecast_on=later, depends_on=[milestone]
    )
    services.recompute_rag()
    assert stored_rags() == {"T3-DB-0153": Rag.GREEN, "M10": Rag.GREEN}
    dependent_history = dependent.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        update(milestone, pmo_user, forecast_on=add_working_days(baseline, 11))

    assert stored_rags() == {"T3-DB-0153": Rag.RED, "M10": Rag.RED}
    assert dependent.history.count() == dependent_history  # its RAG changed, its record did not


def test_a_create_queues_a_recompute_after_commit(pmo_user, forum, django_capture_on_commit_callbacks, baseline):
    with django_capture_on_commit_callbacks(execute=True):
        milestone = create(pmo_user, forum, "M11", baseline_on=baseline, forecast_on=add_working_days(baseline, 1))

    assert stored(milestone).rag == Rag.AMBER


def test_a_refused_edit_queues_no_recompute(pmo_user, milestone, django_capture_on_commit_callbacks, baseline):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(WorkflowError):
        update(milestone, pmo_user, baseline_on=baseline + DAY)

    assert callbacks == []
