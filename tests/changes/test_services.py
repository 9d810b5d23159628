"""changes.services: the CR lifecycle, mutual exclusion, refs, optimistic concurrency and IA responses."""

import datetime

import pytest
from django.utils import timezone

from changes import services
from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice, Step
from changes.models import ChangeRequest, ImpactResponse
from core.concurrency import StaleEditError
from core.exceptions import WorkflowError
from core.refs import claim_ref
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)

# Every state a CR can be in: (stage, status).
STATES = [
    (ChangeStage.RAISED, ChangeStatus.OPEN),
    (ChangeStage.VALIDATED, ChangeStatus.OPEN),
    (ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.OPEN),
    (ChangeStage.AWAITING_DECISION, ChangeStatus.OPEN),
    (ChangeStage.RAISED, ChangeStatus.ON_HOLD),
    (ChangeStage.VALIDATED, ChangeStatus.ON_HOLD),
    (ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.ON_HOLD),
    (ChangeStage.AWAITING_DECISION, ChangeStatus.ON_HOLD),
    (ChangeStage.APPROVED, ChangeStatus.APPROVED),
    (ChangeStage.IMPLEMENTATION, ChangeStatus.APPROVED),
    (ChangeStage.COMPLETE, ChangeStatus.APPROVED),
    (ChangeStage.CLOSED, ChangeStatus.REJECTED),
    (ChangeStage.CLOSED, ChangeStatus.WITHDRAWN),
]

# The lifecycle of the issue, written out by hand (not read from changes.choices.TRANSITIONS): the steps a
# full-impact-assessment CR may take from each state.
_ON_HOLD_STEPS = {Step.WITHDRAW, Step.RESUME}
LEGAL = {
    (ChangeStage.RAISED, ChangeStatus.OPEN): {Step.VALIDATE, Step.REJECT, Step.WITHDRAW, Step.HOLD},
    (ChangeStage.VALIDATED, ChangeStatus.OPEN): {Step.ISSUE_IA, Step.REJECT, Step.WITHDRAW, Step.HOLD},
    (ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.OPEN): {Step.CLOSE_IA, Step.WITHDRAW, Step.HOLD},
    (ChangeStage.AWAITING_DECISION, ChangeStatus.OPEN): {
        Step.REOPEN_IA,
        Step.APPROVE,
        Step.REJECT,
        Step.WITHDRAW,
        Step.HOLD,
    },
    (ChangeStage.RAISED, ChangeStatus.ON_HOLD): _ON_HOLD_STEPS,
    (ChangeStage.VALIDATED, ChangeStatus.ON_HOLD): _ON_HOLD_STEPS,
    (ChangeStage.IMPACT_ASSESSMENT, ChangeStatus.ON_HOLD): _ON_HOLD_STEPS,
    (ChangeStage.AWAITING_DECISION, ChangeStatus.ON_HOLD): _ON_HOLD_STEPS,
    (ChangeStage.APPROVED, ChangeStatus.APPROVED): {Step.IMPLEMENT, Step.COMPLETE},
    (ChangeStage.IMPLEMENTATION, ChangeStatus.APPROVED): {Step.COMPLETE},
    (ChangeStage.COMPLETE, ChangeStatus.APPROVED): set(),
    (ChangeStage.CLOSED, ChangeStatus.REJECTED): set(),
    (ChangeStage.CLOSED, ChangeStatus.WITHDRAWN): set(),
}

# Where each step takes a CR: (stage, status); None keeps the current one.
OUTCOME = {
    Step.VALIDATE: (ChangeStage.VALIDATED, None),
    Step.ISSUE_IA: (ChangeStage.IMPACT_ASSESSMENT, None),
    Step.CLOSE_IA: (ChangeStage.AWAITING_DECISION, None),
    Step.REOPEN_IA: (ChangeStage.IMPACT_ASSESSMENT, None),
    Step.APPROVE: (ChangeStage.APPROVED, ChangeStatus.APPROVED),
    Step.REJECT: (ChangeStage.CLOSED, ChangeStatus.REJECTED),
    Step.IMPLEMENT: (ChangeStage.IMPLEMENTATION, None),
    Step.COMPLETE: (ChangeStage.COMPLETE, None),
    Step.WITHDRAW: (ChangeStage.CLOSED, ChangeStatus.WITHDRAWN),
    Step.HOLD: (None, ChangeStatus.ON_HOLD),
    Step.RESUME: (None, ChangeStatus.OPEN),
}

LEGAL_CASES = [(stage, status, step) for (stage, status) in STATES for step in Step if step in LEGAL[(stage, status)]]
ILLEGAL_CASES = [
    (stage, status, step) for (stage, status) in STATES for step in Step if step not in LEGAL[(stage, status)]
]


def case_id(case):
    stage, status, step = case
    return f"{step}-from-{stage}-{status}"


@pytest.fixture
def board():
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return GovernanceGroupFactory(code="CB", name="Change Board", level=GroupLevel.ADVISORY, parent=psg)


def step_inputs(step, board):
    """Valid inputs for `step`, so only the state decides whether it is allowed."""
    if step in {Step.ISSUE_IA, Step.REOPEN_IA}:
        return {"ia_closes_on": timezone.localdate() + 14 * DAY}
    if step in {Step.APPROVE, Step.REJECT}:
        return {"decision_body": board}
    return {}


def snapshot(change_request):
    change_request.refresh_from_db()
    return (
        change_request.status,
        change_request.stage,
        change_request.latest_action,
        change_request.version,
        change_request.decision_body_id,
        change_request.decided_on,
        change_request.ia_opens_on,
        change_request.ia_closes_on,
        change_request.history.count(),
    )


def transition(change_request, step, actor, **inputs):
    return services.change_request_transition(change_request=change_request, step=step, actor=actor, **inputs)


# --- the lifecycle, step by step ------------------------------------------------------------------------


@pytest.mark.parametrize(("stage", "status", "step"), LEGAL_CASES, ids=map(case_id, LEGAL_CASES))
def test_it_moves_a_cr_one_legal_step_and_records_it(pmo_user, board, stage, status, step):
    change_request = ChangeRequestFactory(stage=stage, status=status, latest_action="Before the step")
    history_before = change_request.history.count()

    transition(change_request, step, pmo_user, **step_inputs(step, board))

    change_request.refresh_from_db()
    to_stage, to_status = OUTCOME[step]
    assert change_request.stage == (to_stage or stage)
    assert change_request.status == (to_status or status)
    assert change_request.latest_action not in ("", "Before the step")
    assert change_request.version == 2
    assert change_request.history.count() == history_before + 1
    row = change_request.history.order_by("-history_date", "-history_id").first()
    assert row.history_user == pmo_user
    assert Step(step).label in row.history_change_reason
    assert row.latest_action == change_request.latest_action


@pytest.mark.parametrize(("stage", "status", "step"), ILLEGAL_CASES, ids=map(case_id, ILLEGAL_CASES))
def test_it_refuses_an_illegal_step_with_a_clear_message_and_changes_nothing(pmo_user, board, stage, status, step):
    change_request = ChangeRequestFactory(stage=stage, status=status, latest_action="Where it stands")
    before = snapshot(change_request)

    with pytest.raises(WorkflowError) as refused:
        transition(change_request, step, pmo_user, **step_inputs(step, board))

    assert refused.type is WorkflowError
    message = refused.value.message
    assert change_request.ref in message
    if (stage, status, step) == (ChangeStage.VALIDATED, ChangeStatus.OPEN, Step.APPROVE):
        assert "needs its impact assessment" in message  # full-IA CR; fast track is tested below
    else:
        assert str(ChangeStatus(status).label) in message
        assert str(ChangeStage(stage).label) in message
    assert snapshot(change_request) == before


def test_it_walks_a_cr_through_the_whole_lifecycle_with_latest_action_and_history(pmo_user, board, today):
    psg = board.parent
    change_request = services.change_request_create(actor=pmo_user, title="Clock midnight for reads")
    closes = today + 21 * DAY

    transition(change_request, Step.VALIDATE, pmo_user)
    assert change_request.latest_action == "Validated by Change Board for Impact Assessment"
    transition(change_request, Step.ISSUE_IA, pmo_user, ia_opens_on=today, ia_closes_on=closes)
    assert change_request.latest_action == f"Issued for Impact Assessment, closing {closes:%d/%m/%Y}"
    assert (change_request.ia_opens_on, change_request.ia_closes_on) == (today, closes)
    transition(change_request, Step.CLOSE_IA, pmo_user)
    assert change_request.latest_action == "Impact Assessment closed; awaiting approval decision"
    transition(change_request, Step.APPROVE, pmo_user, decision_body=psg, decided_on=today - DAY)
    assert change_request.latest_action == "Approved by PSG"
    assert (change_request.decision_body, change_request.decided_on) == (psg, today - DAY)
    transition(change_request, Step.IMPLEMENT, pmo_user)
    assert change_request.latest_action == "Implementation started"
    transition(change_request, Step.COMPLETE, pmo_user)

    change_request.refresh_from_db()
    assert (change_request.stage, change_request.status) == (ChangeStage.COMPLETE, ChangeStatus.APPROVED)
    assert change_request.latest_action == "Implemented and complete"
    assert change_request.version == 7
    rows = list(change_request.history.order_by("history_date", "history_id"))
    assert [row.history_change_reason for row in rows] == [
        "Raised",
        "Validate",
        "Issue for impact assessment",
        "Close impact assessment",
        "Approve",
        "Start implementation",
        "Mark complete",
    ]
    assert {row.history_user for row in rows} == {pmo_user}
    assert [row.stage for row in rows] == [
        ChangeStage.RAISED,
        ChangeStage.VALIDATED,
        ChangeStage.IMPACT_ASSESSMENT,
        ChangeStage.AWAITING_DECISION,
        ChangeStage.APPROVED,
        ChangeStage.IMPLEMENTATION,
        ChangeStage.COMPLETE,
    ]


def test_it_records_a_rejection_with_its_body_date_and_reason(pmo_user, board, today):
    change_request = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION)

    transition(
        change_request,
        Step.REJECT,
        pmo_user,
        decision_body=board,
        decided_on=today - 2 * DAY,
        reason="Does not meet the Change Freeze criteria",
    )

    change_request.refresh_from_db()
    assert (change_request.stage, change_request.status) == (ChangeStage.CLOSED, ChangeStatus.REJECTED)
    assert change_request.latest_action == "Rejected by CB: Does not meet the Change Freeze criteria"
    assert (change_request.decision_body, change_request.decided_on) == (board, today - 2 * DAY)
    row = change_request.history.order_by("-history_date", "-history_id").first()
    assert row.history_change_reason == "Reject — Does not meet the Change Freeze criteria"
    assert row.history_user == pmo_user


@pytest.mark.parametrize("stage", [s for s, status in STATES if status == ChangeStatus.OPEN])
def test_it_puts_an_undecided_cr_on_hold_and_resumes_it_where_it_was(pmo_user, stage):
    change_request = ChangeRequestFactory(stage=stage)

    transition(change_request, Step.HOLD, pmo_user, reason="Awaiting Ofgem view")
    assert (change_request.stage, change_request.status) == (stage, ChangeStatus.ON_HOLD)
    assert change_request.latest_action == "Put on hold: Awaiting Ofgem view"
    transition(change_request, Step.RESUME, pmo_user)

    assert (change_request.stage, change_request.status) == (stage, ChangeStatus.OPEN)
    assert change_request.latest_action == "Resumed from hold"
    assert change_request.history.count() == 3


@pytest.mark.parametrize("status", [ChangeStatus.OPEN, ChangeStatus.ON_HOLD])
@pytest.mark.parametrize(
    "stage",
    [ChangeStage.RAISED, ChangeStage.VALIDATED, ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION],
)
def test_it_withdraws_a_cr_from_every_undecided_stage(pmo_user, stage, status):
    change_request = ChangeRequestFactory(stage=stage, status=status)

    transition(change_request, Step.WITHDRAW, pmo_user, reason="Raiser withdrew it")

    change_request.refresh_from_db()
    assert (change_request.stage, change_request.status) == (ChangeStage.CLOSED, ChangeStatus.WITHDRAWN)
    assert change_request.latest_action == "Withdrawn: Raiser withdrew it"


def test_it_reopens_an_impact_assessment_with_a_new_closing_date(pmo_user, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.AWAITING_DECISION, ia_opens_on=today - 30 * DAY, ia_closes_on=today - 2 * DAY
    )

    transition(change_request, Step.REOPEN_IA, pmo_user, ia_closes_on=today + 7 * DAY)

    assert change_request.stage == ChangeStage.IMPACT_ASSESSMENT
    assert (change_request.ia_opens_on, change_request.ia_closes_on) == (today - 30 * DAY, today + 7 * DAY)
    assert change_request.latest_action == f"Impact Assessment reopened until {today + 7 * DAY:%d/%m/%Y}"


def test_it_refuses_an_unknown_step_and_changes_nothing(pmo_user):
    change_request = ChangeRequestFactory()
    before = snapshot(change_request)

    with pytest.raises(WorkflowError, match="Unknown step 'escalate'"):
        transition(change_request, "escalate", pmo_user)

    assert snapshot(change_request) == before


# --- step inputs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", [Step.APPROVE, Step.REJECT])
def test_it_refuses_a_decision_without_a_decision_body(pmo_user, step):
    change_request = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, decision_body=None)
    before = snapshot(change_request)

    with pytest.raises(WorkflowError, match="Say who decided") as refused:
        transition(change_request, step, pmo_user)

    assert refused.value.field == "decision_body"
    assert snapshot(change_request) == before


def test_it_approves_with_the_crs_own_decision_body_when_none_is_given(pmo_user, board, today):
    change_request = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, decision_body=board)

    transition(change_request, Step.APPROVE, pmo_user)

    assert change_request.status == ChangeStatus.APPROVED
    assert change_request.decision_body == board
    assert change_request.decided_on == today
    assert change_request.latest_action == "Approved by CB"


def test_it_refuses_an_impact_assessment_that_closes_before_it_opens(pmo_user, today):
    change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED)
    before = snapshot(change_request)

    with pytest.raises(WorkflowError, match="cannot close") as refused:
        transition(change_request, Step.ISSUE_IA, pmo_user, ia_opens_on=today + 10 * DAY, ia_closes_on=today)

    assert refused.value.field == "ia_closes_on"
    assert snapshot(change_request) == before


def test_it_refuses_to_issue_an_impact_assessment_without_a_closing_date(pmo_user, today):
    change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED)
    before = snapshot(change_request)

    with pytest.raises(WorkflowError, match="closes") as refused:
        transition(change_request, Step.ISSUE_IA, pmo_user, ia_opens_on=today)

    assert refused.value.field == "ia_closes_on"
    assert snapshot(change_request) == before


def test_it_refuses_to_reopen_an_impact_assessment_until_a_past_date(pmo_user, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.AWAITING_DECISION, ia_opens_on=today - 30 * DAY, ia_closes_on=today - 10 * DAY
    )
    before = snapshot(change_request)

    with pytest.raises(WorkflowError, match="today or later"):
        transition(change_request, Step.REOPEN_IA, pmo_user, ia_closes_on=today - DAY)

    assert snapshot(change_request) == before


def test_it_lets_a_fast_track_cr_be_approved_straight_after_validation(pmo_user, board):
    change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED, change_type=ChangeType.FAST_TRACK)

    assert Step.APPROVE in services.allowed_steps(change_request)
    transition(change_request, Step.APPROVE, pmo_user, decision_body=board)

    assert (change_request.stage, change_request.status) == (ChangeStage.APPROVED, ChangeStatus.APPROVED)


def test_it_refuses_to_approve_a_full_impact_assessment_cr_straight_after_validation(pmo_user, board):
    change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED, change_type=ChangeType.FULL_IMPACT_ASSESSMENT)
    before = snapshot(change_request)

    assert Step.APPROVE not in services.allowed_steps(change_request)
    with pytest.raises(WorkflowError, match="needs its impact assessment"):
        transition(change_request, Step.APPROVE, pmo_user, decision_body=board)

    assert snapshot(change_request) == before


@pytest.mark.parametrize(("stage", "status"), STATES)
def test_it_offers_exactly_the_legal_steps(stage, status):
    change_request = ChangeRequestFactory.build(stage=stage, status=status)

    assert set(services.allowed_steps(change_request)) == LEGAL[(stage, status)]


# --- mutual exclusion -----------------------------------------------------------------------------------


def test_it_rejects_the_open_mutually_exclusive_crs_when_one_is_approved(pmo_user, board, today):
    open_rival = ChangeRequestFactory(ref="CR061", stage=ChangeStage.IMPACT_ASSESSMENT)
    held_rival = ChangeRequestFactory(ref="CR062", stage=ChangeStage.VALIDATED, status=ChangeStatus.ON_HOLD)
    approved = ChangeRequestFactory(
        ref="CR060", stage=ChangeStage.AWAITING_DECISION, mutually_exclusive_with=[open_rival, held_rival]
    )

    transition(approved, Step.APPROVE, pmo_user, decision_body=board, decided_on=today - DAY)

    for rival in (open_rival, held_rival):
        rival.refresh_from_db()
        assert (rival.stage, rival.status) == (ChangeStage.CLOSED, ChangeStatus.REJECTED)
        assert "CR060" in rival.latest_action
        assert "mutually exclusive" in rival.latest_action
        assert (rival.decision_body, rival.decided_on) == (board, today - DAY)
        assert rival.version == 2
        row = rival.history.order_by("-history_date", "-history_id").first()
        assert row.history_user == pmo_user
        assert "CR060" in row.history_change_reason
        assert "mutually exclusive" in row.history_change_reason


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        (ChangeStage.APPROVED, ChangeStatus.APPROVED),
        (ChangeStage.COMPLETE, ChangeStatus.APPROVED),
        (ChangeStage.CLOSED, ChangeStatus.REJECTED),
        (ChangeStage.CLOSED, ChangeStatus.WITHDRAWN),
    ],
)
def test_it_leaves_already_decided_mutually_exclusive_crs_alone(pmo_user, board, stage, status):
    decided = ChangeRequestFactory(stage=stage, status=status, latest_action="Decided earlier")
    before = snapshot(decided)
    approved = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, mutually_exclusive_with=[decided])

    transition(approved, Step.APPROVE, pmo_user, decision_body=board)

    assert approved.status == ChangeStatus.APPROVED
    assert snapshot(decided) == before


def test_it_treats_mutual_exclusion_as_symmetric(pmo_user, board):
    first = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION)
    second = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, mutually_exclusive_with=[first])

    transition(first, Step.APPROVE, pmo_user, decision_body=board)

    second.refresh_from_db()
    assert second.status == ChangeStatus.REJECTED
    assert first.ref in second.latest_action


def test_it_rejects_nothing_else_when_a_cr_is_merely_rejected(pmo_user, board):
    rival = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION)
    rejected = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, mutually_exclusive_with=[rival])
    before = snapshot(rival)

    transition(rejected, Step.REJECT, pmo_user, decision_body=board)

    assert snapshot(rival) == before


def test_it_approves_and_rejects_the_rivals_in_one_transaction(pmo_user, board, monkeypatch):
    rival = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION)
    approved = ChangeRequestFactory(stage=ChangeStage.AWAITING_DECISION, mutually_exclusive_with=[rival])
    approved_before, rival_before = snapshot(approved), snapshot(rival)
    reject_rivals = services._reject_mutually_exclusive

    def reject_then_fail(*args, **kwargs):
        reject_rivals(*args, **kwargs)
        raise RuntimeError("database went away after the rivals were rejected")

    monkeypatch.setattr(services, "_reject_mutually_exclusive", reject_then_fail)

    with pytest.raises(RuntimeError):
        transition(approved, Step.APPROVE, pmo_user, decision_body=board)

    assert snapshot(approved) == approved_before
    assert snapshot(rival) == rival_before


# --- optimistic concurrency -----------------------------------------------------------------------------


def test_it_refuses_a_step_based_on_a_stale_version_and_changes_nothing(pmo_user, chair_user):
    change_request = ChangeRequestFactory()
    seen_version = change_request.version
    transition(ChangeRequest.objects.get(pk=change_request.pk), Step.VALIDATE, pmo_user)
    before = snapshot(change_request)

    with pytest.raises(StaleEditError, match="changed by someone else"):
        transition(change_request, Step.WITHDRAW, pmo_user, expected_version=seen_version)

    assert snapshot(change_request) == before
    assert change_request.stage == ChangeStage.VALIDATED


def test_it_accepts_a_step_based_on_the_current_version(pmo_user):
    change_request = ChangeRequestFactory()

    transition(change_request, Step.VALIDATE, pmo_user, expected_version=1)
    transition(change_request, Step.HOLD, pmo_user, expected_version=2)

    assert (change_request.stage, change_request.status, change_request.version) == (
        ChangeStage.VALIDATED,
        ChangeStatus.ON_HOLD,
        3,
    )


# --- refs -----------------------------------------------------------------------------------------------


def test_it_generates_cr001_style_refs(pmo_user, today):
    first = services.change_request_create(actor=pmo_user, title="First")
    second = services.change_request_create(actor=pmo_user, title="Second")

    assert (first.ref, second.ref) == ("CR001", "CR002")
    assert (first.stage, first.status, first.latest_action) == (ChangeStage.RAISED, ChangeStatus.OPEN, "Raised")
    assert first.raised_on == today
    row = first.history.get()
    assert (row.history_user, row.history_change_reason) == (pmo_user, "Raised")


def test_it_generates_the_ref_after_imported_ones(pmo_user):
    ChangeRequestFactory(ref="CR054")
    claim_ref("CR", "CR054")

    created = services.change_request_create(actor=pmo_user, title="After the import")

    assert created.ref == "CR055"


def test_it_keeps_an_explicit_ref_and_generates_past_it(pmo_user):
    imported = services.change_request_create(actor=pmo_user, ref="CR120", title="From the old register")
    generated = services.change_request_create(actor=pmo_user, title="New")

    assert imported.ref == "CR120"
    assert generated.ref == "CR121"


def test_it_skips_refs_entered_before_the_counter_existed(pmo_user):
    ChangeRequestFactory(ref="CR001")

    created = services.change_request_create(actor=pmo_user, title="Next")

    assert created.ref == "CR002"


def test_it_refuses_an_explicit_duplicate_ref(pmo_user):
    existing = ChangeRequestFactory(ref="CR054", title="The original")

    with pytest.raises(WorkflowError, match="CR054 already exists") as refused:
        services.change_request_create(actor=pmo_user, ref="CR054", title="An impostor")

    assert refused.value.field == "ref"
    assert ChangeRequest.objects.count() == 1
    existing.refresh_from_db()
    assert existing.title == "The original"


@pytest.mark.parametrize("ref", ["CR54", "cr054", "CR-054", "X054"])
def test_it_refuses_a_ref_that_is_not_a_cr_ref(pmo_user, ref):
    with pytest.raises(WorkflowError, match="not a CR ref") as refused:
        services.change_request_create(actor=pmo_user, ref=ref, title="Badly numbered")

    assert refused.value.field == "ref"
    assert not ChangeRequest.objects.exists()


def test_it_never_reuses_a_ref(pmo_user):
    services.change_request_create(actor=pmo_user, title="First")
    services.change_request_create(actor=pmo_user, title="Second").delete()

    created = services.change_request_create(actor=pmo_user, title="Third")

    assert created.ref == "CR003"


def test_it_creates_a_cr_with_its_mutually_exclusive_crs_and_invited_constituencies(pmo_user):
    rival = ChangeRequestFactory()
    dno = ConstituencyFactory(code="DNO", name="DNO")

    created = services.change_request_create(
        actor=pmo_user, title="Either this", mutually_exclusive_with=[rival], ia_constituencies=[dno]
    )

    assert list(created.mutually_exclusive_with.all()) == [rival]
    assert list(rival.mutually_exclusive_with.all()) == [created]
    assert list(created.ia_constituencies.all()) == [dno]


# --- impact assessment responses ------------------------------------------------------------------------


@pytest.fixture
def parties():
    dno = ConstituencyFactory(code="DNO", name="DNO", position=1)
    supplier = ConstituencyFactory(code="LARGE_SUPPLIER", name="Large Supplier", position=2)
    return {
        "DNO": dno,
        "LARGE_SUPPLIER": supplier,
        "UKPN": OrganisationFactory(name="UKPN", constituency=dno),
        "Octopus": OrganisationFactory(name="Octopus", constituency=supplier),
    }


@pytest.fixture
def in_assessment(today):
    return ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 7 * DAY, ia_closes_on=today + 7 * DAY
    )


def record(change_request, organisation, response, actor, comments=""):
    return services.impact_response_record(
        change_request=change_request, organisation=organisation, response=response, comments=comments, actor=actor
    )


def test_it_records_a_response_inside_the_window(pmo_user, parties, in_assessment):
    response = record(in_assessment, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user, "Fine by us")

    assert ImpactResponse.objects.get() == response
    assert (response.response, response.comments) == (ImpactResponseChoice.SUPPORT, "Fine by us")
    row = response.history.get()
    assert (row.history_user, row.history_change_reason) == (pmo_user, "Response received")


@pytest.mark.parametrize("when", ["opening day", "closing day"])
def test_it_accepts_responses_on_the_first_and_last_day_of_the_window(pmo_user, parties, when, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today if when == "opening day" else today - 7 * DAY,
        ia_closes_on=today if when == "closing day" else today + 7 * DAY,
    )

    record(change_request, parties["UKPN"], ImpactResponseChoice.ABSTAIN, pmo_user)

    assert change_request.impact_responses.count() == 1


def test_it_replaces_an_organisations_first_answer_and_keeps_the_change_in_history(
    pmo_user, chair_user, parties, in_assessment
):
    first = record(in_assessment, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user, "Looks fine")

    second = record(in_assessment, parties["UKPN"], ImpactResponseChoice.REJECT, chair_user, "On reflection, no")

    assert second.pk == first.pk
    assert ImpactResponse.objects.count() == 1
    stored = ImpactResponse.objects.get()
    assert (stored.response, stored.comments) == (ImpactResponseChoice.REJECT, "On reflection, no")
    rows = list(stored.history.order_by("history_date", "history_id"))
    assert [(row.response, row.comments) for row in rows] == [
        (ImpactResponseChoice.SUPPORT, "Looks fine"),
        (ImpactResponseChoice.REJECT, "On reflection, no"),
    ]
    assert [row.history_change_reason for row in rows] == ["Response received", "Response replaced"]
    assert [row.history_user for row in rows] == [pmo_user, chair_user]


def test_it_refuses_a_response_that_is_not_support_reject_or_abstain(pmo_user, parties, in_assessment):
    with pytest.raises(WorkflowError, match="not a response") as refused:
        record(in_assessment, parties["UKPN"], "maybe", pmo_user)

    assert refused.value.field == "response"
    assert not ImpactResponse.objects.exists()


def test_it_refuses_a_response_before_the_cr_is_issued_for_assessment(pmo_user, parties):
    change_request = ChangeRequestFactory(stage=ChangeStage.VALIDATED)

    with pytest.raises(WorkflowError, match="is not open"):
        record(change_request, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert not ImpactResponse.objects.exists()


def test_it_refuses_a_response_after_the_closing_date(pmo_user, parties, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today - 30 * DAY, ia_closes_on=today - DAY
    )

    with pytest.raises(WorkflowError, match=f"closed on {today - DAY:%d/%m/%Y}") as refused:
        record(change_request, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert "PMO can reopen it" in refused.value.message
    assert not ImpactResponse.objects.exists()


def test_it_refuses_a_response_before_the_window_opens_without_saying_it_closed(pmo_user, parties, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT, ia_opens_on=today + 3 * DAY, ia_closes_on=today + 20 * DAY
    )

    with pytest.raises(WorkflowError) as refused:
        record(change_request, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert not ImpactResponse.objects.exists()
    # The window has not opened yet: telling the respondent it "closed" on a future date is wrong.
    assert "closed" not in refused.value.message


def test_it_refuses_a_response_once_the_assessment_is_closed_and_reopening_lets_it_in(
    pmo_user, parties, in_assessment, today
):
    transition(in_assessment, Step.CLOSE_IA, pmo_user)

    with pytest.raises(WorkflowError, match="PMO can reopen it"):
        record(in_assessment, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)
    assert not ImpactResponse.objects.exists()

    transition(in_assessment, Step.REOPEN_IA, pmo_user, ia_closes_on=today + 3 * DAY)
    response = record(in_assessment, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert ImpactResponse.objects.get() == response


@pytest.mark.parametrize("status", [ChangeStatus.ON_HOLD, ChangeStatus.WITHDRAWN])
def test_it_refuses_a_response_while_the_cr_is_not_open(pmo_user, parties, status, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT, status=status, ia_opens_on=today - DAY, ia_closes_on=today + DAY
    )

    with pytest.raises(WorkflowError):
        record(change_request, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert not ImpactResponse.objects.exists()


def test_it_refuses_a_response_from_an_organisation_outside_the_invited_constituencies(pmo_user, parties, today):
    change_request = ChangeRequestFactory(
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=today - DAY,
        ia_closes_on=today + DAY,
        ia_constituencies=[parties["DNO"]],
    )

    with pytest.raises(WorkflowError, match="was not invited") as refused:
        record(change_request, parties["Octopus"], ImpactResponseChoice.SUPPORT, pmo_user)
    accepted = record(change_request, parties["UKPN"], ImpactResponseChoice.SUPPORT, pmo_user)

    assert refused.value.field == "organisation"
    assert list(ImpactResponse.objects.all()) == [accepted]
