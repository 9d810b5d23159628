"""raid.services: raising items (refs, scores, validation), editing and re-scoring, closing and reopening,
the mitigation plan, and optimistic concurrency."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.concurrency import StaleEditError
from core.exceptions import WorkflowError
from raid import services
from raid.choices import RaidKind, RaidStatus
from raid.models import MitigationStep, RaidItem
from tests.programme.factories import GovernanceGroupFactory
from tests.raid.factories import RaidItemFactory, RaidThemeFactory

pytestmark = pytest.mark.django_db

STEPS = [
    {"text": "Agree the recovery plan", "owner": "SI", "due_on": datetime.date(2024, 10, 1)},
    {"text": "Re-baseline SIT", "owner": "PMO"},
    {"text": "Report to PSG", "done": True},
]


def raise_item(**fields):
    defaults = {"actor": None, "kind": RaidKind.RISK, "title": "A risk", "likelihood": 3, "impact": 4}
    return services.raid_item_create(**{**defaults, **fields})


def plan(item):
    return list(item.mitigation_steps.order_by("position").values_list("position", "text", "owner", "due_on", "done"))


def history_count(step):
    return MitigationStep.history.filter(id=step.pk).count()


# --- raising ---------------------------------------------------------------------------------------------


def test_it_generates_the_first_ref_of_each_kind():
    risk = raise_item(kind=RaidKind.RISK)
    issue = raise_item(kind=RaidKind.ISSUE, likelihood=None)
    assumption = raise_item(kind=RaidKind.ASSUMPTION)
    dependency = raise_item(kind=RaidKind.DEPENDENCY)

    assert [risk.ref, issue.ref, assumption.ref, dependency.ref] == ["R1", "I1", "A1", "D1"]


def test_it_numbers_each_kind_on_its_own_counter():
    refs = [raise_item(kind=RaidKind.RISK).ref, raise_item(kind=RaidKind.RISK).ref]
    refs.append(raise_item(kind=RaidKind.ISSUE, likelihood=None).ref)
    refs.append(raise_item(kind=RaidKind.RISK).ref)

    assert refs == ["R1", "R2", "I1", "R3"]


def test_it_keeps_an_imported_ref_and_continues_numbering_after_it():
    imported = raise_item(ref="R849")
    generated = raise_item()
    issue = raise_item(kind=RaidKind.ISSUE, likelihood=None)

    assert imported.ref == "R849"
    assert generated.ref == "R850"
    assert issue.ref == "I1"


def test_a_lower_imported_ref_does_not_set_the_counter_back():
    raise_item(ref="R849")
    raise_item(ref="R12")

    assert raise_item().ref == "R850"


def test_it_refuses_an_explicit_ref_that_already_exists():
    raise_item(ref="R849")

    with pytest.raises(WorkflowError) as refused:
        raise_item(ref="R849", title="Duplicate")

    assert refused.value.field == "ref"
    assert "R849" in refused.value.message
    assert RaidItem.objects.filter(ref="R849").count() == 1


def test_it_never_reuses_the_ref_of_a_deleted_item():
    raise_item(ref="R849").delete()

    with pytest.raises(WorkflowError) as refused:
        raise_item(ref="R849")

    assert refused.value.field == "ref"
    assert not RaidItem.objects.exists()


@pytest.mark.parametrize(("kind", "ref"), [("risk", "I12"), ("issue", "R12"), ("assumption", "D3"), ("risk", "R1x")])
def test_it_refuses_a_ref_with_the_wrong_prefix(kind, ref):
    likelihood = None if kind == RaidKind.ISSUE else 3
    with pytest.raises(WorkflowError) as refused:
        raise_item(kind=kind, ref=ref, likelihood=likelihood)

    assert refused.value.field == "ref"
    assert not RaidItem.objects.exists()


def test_it_scores_a_new_risk_from_the_matrix_and_records_that_as_its_initial_score():
    item = raise_item(likelihood=4, impact=6)

    assert item.score == 28
    assert item.initial_score == 28
    assert RaidItem.objects.get(pk=item.pk).initial_score == 28


def test_it_keeps_an_initial_score_that_is_given():
    item = raise_item(likelihood=2, impact=2, initial_score=25)

    assert item.score == 7
    assert item.initial_score == 25


def test_it_scores_a_new_issue_from_impact_alone():
    issue = raise_item(kind=RaidKind.ISSUE, likelihood=None, impact=3)

    assert issue.likelihood is None
    assert issue.score == 22
    assert issue.initial_score == 22


def test_it_records_who_raised_the_item_with_groups_theme_and_plan(pmo_user, today):
    groups = [GovernanceGroupFactory(code="CCAG"), GovernanceGroupFactory(code="PSG")]
    theme = RaidThemeFactory(name="SIT Execution")

    item = raise_item(actor=pmo_user, groups=groups, theme=theme, mitigation=STEPS)

    assert sorted(item.groups.values_list("code", flat=True)) == ["CCAG", "PSG"]
    assert item.theme == theme
    assert item.raised_on == today
    assert item.status == RaidStatus.OPEN
    created = item.history.earliest("history_date")
    assert created.history_type == "+"
    assert created.history_user == pmo_user
    assert created.history_change_reason == "Raised"
    assert [(row[0], row[1]) for row in plan(item)] == [
        (1, "Agree the recovery plan"),
        (2, "Re-baseline SIT"),
        (3, "Report to PSG"),
    ]


def test_an_item_raised_closed_gets_a_closed_date(today):
    item = raise_item(status=RaidStatus.CLOSED)

    assert item.closed_on == today


# --- bad input when raising ------------------------------------------------------------------------------


def test_it_refuses_an_issue_with_a_likelihood_and_saves_nothing():
    with pytest.raises(ValidationError) as refused:
        raise_item(kind=RaidKind.ISSUE, likelihood=3, impact=4)

    assert "likelihood" in refused.value.message_dict
    assert not RaidItem.objects.exists()


@pytest.mark.parametrize("kind", [RaidKind.RISK, RaidKind.ASSUMPTION, RaidKind.DEPENDENCY])
def test_it_refuses_a_non_issue_without_a_likelihood_and_saves_nothing(kind):
    with pytest.raises(ValidationError) as refused:
        raise_item(kind=kind, likelihood=None, impact=4)

    assert "likelihood" in refused.value.message_dict
    assert not RaidItem.objects.exists()


@pytest.mark.parametrize(
    ("likelihood", "impact", "field"),
    [(0, 4, "likelihood"), (6, 4, "likelihood"), (9, 4, "likelihood"), (3, 0, "impact"), (3, 7, "impact")],
)
def test_it_refuses_a_likelihood_or_impact_out_of_range_and_saves_nothing(likelihood, impact, field):
    with pytest.raises(ValidationError) as refused:
        raise_item(likelihood=likelihood, impact=impact)

    assert field in refused.value.message_dict
    assert not RaidItem.objects.exists()


def test_a_refused_raise_does_not_use_up_a_ref():
    with pytest.raises(ValidationError):
        raise_item(kind=RaidKind.ISSUE, likelihood=3)

    assert raise_item(kind=RaidKind.ISSUE, likelihood=None).ref == "I1"


def test_it_refuses_a_mitigation_step_without_text_and_saves_nothing():
    with pytest.raises(ValidationError):
        raise_item(mitigation=[{"text": "Fine"}, {"text": ""}])

    assert not RaidItem.objects.exists()
    assert not MitigationStep.objects.exists()


# --- updating --------------------------------------------------------------------------------------------


def test_an_update_rescores_the_item_and_writes_history(pmo_user):
    item = raise_item(likelihood=4, impact=5)
    assert item.score == 27

    updated = services.raid_item_update(item=item, actor=pmo_user, likelihood=2, impact=3)

    assert updated.score == 12
    assert RaidItem.objects.get(pk=item.pk).score == 12
    assert updated.initial_score == 27
    latest = item.history.latest("history_date")
    assert (latest.score, latest.likelihood, latest.impact) == (12, 2, 3)
    assert latest.history_user == pmo_user
    assert latest.history_change_reason == "Updated"
    assert item.history.count() == 2


def test_an_update_bumps_the_version():
    item = raise_item()

    updated = services.raid_item_update(item=item, actor=None, title="Renamed")

    assert updated.version == item.version + 1
    assert RaidItem.objects.get(pk=item.pk).version == item.version + 1


def test_an_update_replaces_the_groups_only_when_given():
    ccag, psg = GovernanceGroupFactory(code="CCAG"), GovernanceGroupFactory(code="PSG")
    item = raise_item(groups=[ccag])

    services.raid_item_update(item=item, actor=None, title="Renamed")
    assert list(item.groups.values_list("code", flat=True)) == ["CCAG"]

    services.raid_item_update(item=RaidItem.objects.get(pk=item.pk), actor=None, groups=[psg])
    assert list(item.groups.values_list("code", flat=True)) == ["PSG"]


def test_an_update_refuses_an_issue_given_a_likelihood_and_saves_nothing():
    issue = raise_item(kind=RaidKind.ISSUE, likelihood=None, impact=3)

    with pytest.raises(ValidationError) as refused:
        services.raid_item_update(item=issue, actor=None, likelihood=2)

    assert "likelihood" in refused.value.message_dict
    stored = RaidItem.objects.get(pk=issue.pk)
    assert (stored.likelihood, stored.score, stored.version) == (None, 22, issue.version)
    assert issue.history.count() == 1


def test_an_update_refuses_an_impact_out_of_range_and_saves_nothing():
    item = raise_item(likelihood=3, impact=4)

    with pytest.raises(ValidationError) as refused:
        services.raid_item_update(item=item, actor=None, impact=9)

    assert "impact" in refused.value.message_dict
    stored = RaidItem.objects.get(pk=item.pk)
    assert (stored.impact, stored.score, stored.version) == (4, 20, item.version)


def test_an_update_refuses_to_drop_a_risks_likelihood():
    item = raise_item(likelihood=3, impact=4)

    with pytest.raises(ValidationError) as refused:
        services.raid_item_update(item=item, actor=None, likelihood=None)

    assert "likelihood" in refused.value.message_dict
    assert RaidItem.objects.get(pk=item.pk).likelihood == 3


def test_a_stale_expected_version_is_refused():
    item = raise_item()
    services.raid_item_update(item=item, actor=None, title="Someone else's edit")

    with pytest.raises(StaleEditError):
        services.raid_item_update(item=item, actor=None, expected_version=item.version, title="Mine")

    assert RaidItem.objects.get(pk=item.pk).title == "Someone else's edit"


def test_an_update_based_on_a_stale_copy_is_refused():
    item = raise_item()
    services.raid_item_update(item=RaidItem.objects.get(pk=item.pk), actor=None, title="Someone else's edit")

    with pytest.raises(StaleEditError):
        services.raid_item_update(item=item, actor=None, title="Mine")


def test_the_current_expected_version_is_accepted():
    item = raise_item()

    updated = services.raid_item_update(item=item, actor=None, expected_version=item.version, title="Mine")

    assert updated.title == "Mine"


# --- closing and reopening -------------------------------------------------------------------------------


def test_closing_stamps_the_closed_date_and_writes_history(pmo_user, today):
    item = raise_item()

    closed = services.raid_item_close(item=item, actor=pmo_user, reason="Mitigated")

    stored = RaidItem.objects.get(pk=item.pk)
    assert (stored.status, stored.closed_on) == (RaidStatus.CLOSED, today)
    assert closed.version == item.version + 1
    latest = item.history.latest("history_date")
    assert latest.status == RaidStatus.CLOSED
    assert latest.history_user == pmo_user
    assert latest.history_change_reason == "Closed — Mitigated"


def test_closing_a_closed_item_is_refused():
    item = services.raid_item_close(item=raise_item(), actor=None)

    with pytest.raises(WorkflowError):
        services.raid_item_close(item=item, actor=None)


def test_reopening_clears_the_closed_date(pmo_user):
    item = services.raid_item_close(item=raise_item(), actor=None)

    reopened = services.raid_item_reopen(item=item, actor=pmo_user, reason="Recurred")

    stored = RaidItem.objects.get(pk=item.pk)
    assert (stored.status, stored.closed_on) == (RaidStatus.OPEN, None)
    assert reopened.version == item.version + 1
    assert item.history.latest("history_date").history_change_reason == "Reopened — Recurred"


def test_reopening_an_open_item_is_refused():
    with pytest.raises(WorkflowError):
        services.raid_item_reopen(item=raise_item(), actor=None)


def test_closing_through_an_update_stamps_the_closed_date(today):
    item = raise_item()

    closed = services.raid_item_update(item=item, actor=None, status=RaidStatus.CLOSED)

    assert (closed.status, closed.closed_on) == (RaidStatus.CLOSED, today)


def test_a_closed_item_cannot_be_edited_without_reopening():
    item = services.raid_item_close(item=raise_item(likelihood=3, impact=4), actor=None)

    with pytest.raises(WorkflowError) as refused:
        services.raid_item_update(item=item, actor=None, impact=6, title="Changed while closed")

    assert refused.value.field == "status"
    stored = RaidItem.objects.get(pk=item.pk)
    assert (stored.title, stored.impact, stored.status, stored.version) == ("A risk", 4, "closed", item.version)


def test_a_closed_item_cannot_be_edited_while_staying_closed():
    item = services.raid_item_close(item=raise_item(), actor=None)

    with pytest.raises(WorkflowError):
        services.raid_item_update(item=item, actor=None, status=RaidStatus.CLOSED, title="Still closed")

    assert RaidItem.objects.get(pk=item.pk).title == "A risk"


def test_a_closed_item_is_edited_when_reopened_in_the_same_edit():
    item = services.raid_item_close(item=raise_item(likelihood=3, impact=4), actor=None)

    updated = services.raid_item_update(item=item, actor=None, status=RaidStatus.OPEN, impact=6)

    stored = RaidItem.objects.get(pk=item.pk)
    assert (stored.status, stored.closed_on, stored.impact, stored.score) == (RaidStatus.OPEN, None, 6, 25)
    assert updated.history.latest("history_date").history_change_reason == "Reopened"


# --- the mitigation plan ---------------------------------------------------------------------------------


def test_the_plan_is_stored_in_the_order_given():
    item = raise_item(mitigation=STEPS)

    assert plan(item) == [
        (1, "Agree the recovery plan", "SI", datetime.date(2024, 10, 1), False),
        (2, "Re-baseline SIT", "PMO", None, False),
        (3, "Report to PSG", "", None, True),
    ]


def test_replacing_the_plan_touches_only_the_steps_that_changed():
    item = raise_item(mitigation=STEPS)
    first, second, third = item.mitigation_steps.order_by("position")
    assert [history_count(step) for step in (first, second, third)] == [1, 1, 1]

    services.raid_item_update(
        item=item, actor=None, mitigation=[STEPS[0], {**STEPS[1], "done": True, "owner": "SI"}, STEPS[2]]
    )

    assert plan(item)[1] == (2, "Re-baseline SIT", "SI", None, True)
    assert [history_count(step) for step in (first, second, third)] == [1, 2, 1]


def test_replacing_the_plan_with_the_same_plan_writes_no_step_history():
    item = raise_item(mitigation=STEPS)

    services.raid_item_update(item=item, actor=None, mitigation=STEPS)

    assert MitigationStep.history.count() == 3
    assert [row[1] for row in plan(item)] == [step["text"] for step in STEPS]


def test_replacing_the_plan_reorders_and_removes_steps():
    item = raise_item(mitigation=STEPS)

    services.raid_item_update(item=item, actor=None, mitigation=[STEPS[2], STEPS[0]])

    assert [(row[0], row[1]) for row in plan(item)] == [(1, "Report to PSG"), (2, "Agree the recovery plan")]
    assert MitigationStep.objects.filter(item=item).count() == 2
    assert MitigationStep.history.filter(history_type="-").count() == 1


def test_replacing_the_plan_appends_new_steps_at_the_end():
    item = raise_item(mitigation=STEPS[:1])

    services.raid_item_update(item=item, actor=None, mitigation=[STEPS[0], {"text": "Escalate to SRO"}])

    assert [(row[0], row[1]) for row in plan(item)] == [(1, "Agree the recovery plan"), (2, "Escalate to SRO")]


def test_an_update_without_a_plan_leaves_the_plan_alone():
    item = raise_item(mitigation=STEPS)

    services.raid_item_update(item=item, actor=None, title="Renamed")

    assert len(plan(item)) == 3
    assert MitigationStep.history.count() == 3


def test_an_empty_plan_removes_every_step():
    item = raise_item(mitigation=STEPS)

    services.raid_item_update(item=item, actor=None, mitigation=[])

    assert plan(item) == []


# --- re-scoring after a matrix edit ----------------------------------------------------------------------


def test_rescore_all_changes_only_the_items_whose_cell_changed():
    from raid.models import ScoreMatrixCell

    moved = RaidItemFactory(likelihood=5, impact=6)
    stays = RaidItemFactory(likelihood=1, impact=1)
    ScoreMatrixCell.objects.filter(likelihood=5, impact=6).update(score=0)
    ScoreMatrixCell.objects.filter(likelihood=5, impact=5).update(score=30)
    ScoreMatrixCell.objects.filter(likelihood=5, impact=6).update(score=29)

    assert services.rescore_all() == 1

    moved.refresh_from_db()
    stays.refresh_from_db()
    assert (moved.score, stays.score) == (29, 1)
    assert moved.history.count() == 2
    assert stays.history.count() == 1
