"""meetings.services: meetings and their refs, actions (refs, log, closure), decisions (refs, driving a CR),
votes and their tally, the headline report issued and approved at a later meeting, and decisions authorising
milestone baseline moves."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from changes.choices import ChangeStage, ChangeStatus, Step
from core.choices import Classification
from core.exceptions import WorkflowError
from core.models import RefCounter
from meetings import selectors, services
from meetings.choices import ActionStatus, HeadlineStatus, VoteChoice
from meetings.models import Action, ActionUpdate, Decision, Meeting, Vote
from milestones import services as milestone_services
from milestones.models import Milestone
from programme.choices import GroupLevel
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory, DecisionFactory, MeetingFactory, at, close, dag
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import ConstituencyFactory, GovernanceGroupFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HELD = datetime.date(2024, 11, 13)

# Thirteen seats, as a DAG vote has them.
SEATS = [
    "LARGE_SUPPLIER",
    "MEDIUM_SUPPLIER",
    "SMALL_SUPPLIER",
    "IC_SUPPLIER",
    "DNO",
    "IDNO",
    "INDEPENDENT_AGENT",
    "SUPPLIER_AGENT",
    "SOFTWARE_PROVIDER",
    "REC_CODE_MANAGER",
    "NG_ESO",
    "CONSUMER",
    "ELEXON",
]


@pytest.fixture
def group():
    return dag()


@pytest.fixture
def dag26(group):
    return MeetingFactory(group=group, number="26", starts_at=at(HELD))


@pytest.fixture
def dag27(group):
    return MeetingFactory(group=group, number="27", starts_at=at(datetime.date(2024, 12, 11)))


@pytest.fixture
def ccag():
    return GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", level=GroupLevel.ADVISORY)


@pytest.fixture
def seats():
    return {
        code: ConstituencyFactory(code=code, name=code.replace("_", " ").title(), position=i)
        for i, code in enumerate(SEATS)
    }


def raise_action(meeting, actor, **fields):
    fields.setdefault("description", "Circulate the updated design note")
    fields.setdefault("owner", "Programme PMO")
    return services.action_raise(meeting=meeting, actor=actor, **fields)


def stored(record):
    record.refresh_from_db()
    return record


# --- meetings -------------------------------------------------------------------------------------------


def test_it_gives_a_meeting_its_group_and_number_as_ref(group, pmo_user):
    meeting = services.meeting_create(actor=pmo_user, group=group, number="26", starts_at=at(HELD))

    assert meeting.ref == "DAG26"
    assert meeting.title == "Design Advisory Group #26"
    assert Meeting.objects.get(ref="DAG26").history.first().history_change_reason == "Scheduled"


def test_it_refs_an_extraordinary_meeting_with_its_point_number(group, pmo_user):
    meeting = services.meeting_create(actor=pmo_user, group=group, number="20.1", starts_at=at(HELD))

    assert meeting.ref == "DAG20.1"


def test_it_refuses_a_second_meeting_with_the_same_number(dag26, pmo_user):
    with pytest.raises(WorkflowError) as refused:
        services.meeting_create(actor=pmo_user, group=dag26.group, number="26", starts_at=at(HELD + 7 * DAY))

    assert refused.value.field == "number"
    assert "DAG26 already exists" in refused.value.message
    assert Meeting.objects.filter(group=dag26.group).count() == 1


def test_it_refuses_a_meeting_number_that_is_not_a_number(group, pmo_user):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(actor=pmo_user, group=group, number="26b", starts_at=at(HELD))

    assert "number" in refused.value.message_dict
    assert not Meeting.objects.exists()


# --- action refs ----------------------------------------------------------------------------------------


def test_it_numbers_a_meetings_actions_from_01(dag26, pmo_user):
    refs = [raise_action(dag26, pmo_user).ref for _ in range(3)]

    assert refs == ["DAG26-01", "DAG26-02", "DAG26-03"]


def test_it_numbers_each_meetings_actions_separately(dag26, dag27, pmo_user):
    raise_action(dag26, pmo_user)
    raise_action(dag26, pmo_user)

    assert raise_action(dag27, pmo_user).ref == "DAG27-01"


def test_it_continues_after_an_imported_ref_leaving_the_gap(dag26, pmo_user):
    raise_action(dag26, pmo_user)
    imported = raise_action(dag26, pmo_user, ref="DAG26-05")

    assert imported.ref == "DAG26-05"
    assert raise_action(dag26, pmo_user).ref == "DAG26-06"
    assert sorted(dag26.actions.values_list("ref", flat=True)) == ["DAG26-01", "DAG26-05", "DAG26-06"]


def test_it_numbers_an_extraordinary_meetings_actions_under_its_point_number(group, pmo_user):
    meeting = MeetingFactory(group=group, number="20.1", starts_at=at(HELD))

    action = raise_action(meeting, pmo_user)

    assert action.ref == "DAG20.1-01"
    assert stored(action).ref == "DAG20.1-01"


def test_it_takes_the_meeting_date_as_raised_date_when_none_is_given(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    assert action.raised_on == HELD
    assert action.status == ActionStatus.OPEN
    assert action.history.first().history_user == pmo_user


def test_it_refuses_an_explicit_ref_already_in_use(dag26, pmo_user):
    raise_action(dag26, pmo_user, ref="DAG26-03")

    with pytest.raises(WorkflowError) as refused:
        raise_action(dag26, pmo_user, ref="DAG26-03", description="Another action")

    assert refused.value.field == "ref"
    assert "DAG26-03 already exists" in refused.value.message
    assert Action.objects.filter(ref="DAG26-03").count() == 1
    assert not Action.objects.filter(description="Another action").exists()


@pytest.mark.parametrize("ref", ["DAG25-01", "CCAG26-01", "DAG26-1", "DAG26-AB", "DAG26"])
def test_it_refuses_an_explicit_ref_of_another_series(dag26, pmo_user, ref):
    with pytest.raises(WorkflowError) as refused:
        raise_action(dag26, pmo_user, ref=ref)

    assert refused.value.field == "ref"
    assert "DAG26-NN" in refused.value.message
    assert not Action.objects.exists()


def test_it_refuses_an_action_due_before_it_was_raised_saving_nothing(dag26, pmo_user):
    with pytest.raises(ValidationError) as refused:
        raise_action(dag26, pmo_user, raised_on=HELD, due_on=HELD - DAY)

    assert refused.value.message_dict == {"due_on": ["An action cannot be due before it was raised."]}
    assert not Action.objects.exists()
    assert not RefCounter.objects.filter(series="DAG26-", last__gt=0).exists()
    assert raise_action(dag26, pmo_user).ref == "DAG26-01"


def test_it_links_an_action_to_crs_raid_and_milestones(dag26, pmo_user):
    change_request = ChangeRequestFactory(ref="CR054")
    milestone = MilestoneFactory(ref="T3-DB-0153")

    action = raise_action(dag26, pmo_user, links={"change_requests": [change_request], "milestones": [milestone]})

    assert list(action.change_requests.values_list("ref", flat=True)) == ["CR054"]
    assert list(action.milestones.values_list("ref", flat=True)) == ["T3-DB-0153"]


# --- action updates, closure ----------------------------------------------------------------------------


def test_an_update_is_appended_to_the_log_and_becomes_the_latest(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    services.action_update(action=action, actor=pmo_user, text="Draft circulated", on=HELD + DAY)
    updated = services.action_update(
        action=action, actor=pmo_user, text="Comments received", status=ActionStatus.ONGOING, on=HELD + 2 * DAY
    )

    assert (updated.latest_update, updated.status) == ("Comments received", ActionStatus.ONGOING)
    assert (stored(action).latest_update, action.status, action.version) == (
        "Comments received",
        ActionStatus.ONGOING,
        3,
    )
    log = list(ActionUpdate.objects.filter(action=action).values_list("on", "text", "status", "author"))
    assert log == [
        (HELD + DAY, "Draft circulated", ActionStatus.OPEN, pmo_user.pk),
        (HELD + 2 * DAY, "Comments received", ActionStatus.ONGOING, pmo_user.pk),
    ]
    assert [entry.text for entry in selectors.action_log(action)] == ["Comments received", "Draft circulated"]


def test_an_update_without_a_status_keeps_the_status(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)
    services.action_update(action=action, actor=pmo_user, text="Under way", status=ActionStatus.ONGOING)

    services.action_update(action=action, actor=pmo_user, text="Still under way")

    assert stored(action).status == ActionStatus.ONGOING


def test_an_update_cannot_close_an_action(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    with pytest.raises(WorkflowError) as refused:
        services.action_update(action=action, actor=pmo_user, text="Done", status=ActionStatus.CLOSED)

    assert refused.value.field == "status"
    assert (stored(action).status, action.latest_update, action.updates.count()) == (ActionStatus.OPEN, "", 0)


def test_an_empty_update_is_refused(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    with pytest.raises(WorkflowError) as refused:
        services.action_update(action=action, actor=pmo_user, text="   ")

    assert refused.value.field == "text"
    assert action.updates.count() == 0


def test_a_closed_action_takes_no_update(dag26, dag27, pmo_user):
    action = close(raise_action(dag26, pmo_user), dag27)

    with pytest.raises(WorkflowError) as refused:
        services.action_update(action=action, actor=pmo_user, text="More news")

    assert "reopen it" in refused.value.message
    assert stored(action).latest_update == "Closed at DAG27"
    assert action.updates.count() == 1


def test_recommending_closure_logs_it(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    services.action_recommend_closure(action=action, actor=pmo_user, text="Note published: recommend closed")

    assert (stored(action).status, action.latest_update) == (
        ActionStatus.RECOMMEND_CLOSED,
        "Note published: recommend closed",
    )
    assert action.updates.get().status == ActionStatus.RECOMMEND_CLOSED


def test_closing_at_a_meeting_records_where_and_when(dag26, dag27, pmo_user):
    action = raise_action(dag26, pmo_user)
    services.action_recommend_closure(action=action, actor=pmo_user, text="Recommend closed")

    services.action_close(action=action, actor=pmo_user, at_meeting=dag27, text="Closed as recommended")

    assert stored(action).status == ActionStatus.CLOSED
    assert (action.closed_at, action.closed_on, action.latest_update) == (
        dag27,
        datetime.date(2024, 12, 11),
        "Closed as recommended",
    )
    last = action.updates.order_by("pk").last()
    assert (last.on, last.status, last.text) == (
        datetime.date(2024, 12, 11),
        ActionStatus.CLOSED,
        "Closed as recommended",
    )


def test_closing_twice_is_refused(dag26, dag27, pmo_user):
    action = close(raise_action(dag26, pmo_user), dag27)

    with pytest.raises(WorkflowError, match="already closed"):
        services.action_close(action=action, actor=pmo_user, at_meeting=dag27)

    assert action.updates.count() == 1


def test_an_action_cannot_be_closed_at_a_meeting_before_it_was_raised(group, dag26, pmo_user):
    dag25 = MeetingFactory(group=group, number="25", starts_at=at(datetime.date(2024, 10, 9)))
    action = raise_action(dag26, pmo_user)

    with pytest.raises(WorkflowError) as refused:
        services.action_close(action=action, actor=pmo_user, at_meeting=dag25)

    assert refused.value.field == "at_meeting"
    assert (stored(action).status, action.closed_at, action.closed_on) == (ActionStatus.OPEN, None, None)


def test_an_action_cannot_be_closed_at_another_groups_meeting(dag26, ccag, pmo_user):
    ccag36 = MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27)))
    action = raise_action(dag26, pmo_user)

    with pytest.raises(WorkflowError) as refused:
        services.action_close(action=action, actor=pmo_user, at_meeting=ccag36)

    assert refused.value.field == "at_meeting"
    assert (stored(action).status, action.closed_at) == (ActionStatus.OPEN, None)


def test_reopening_clears_the_closure(dag26, dag27, pmo_user):
    action = close(raise_action(dag26, pmo_user), dag27)

    services.action_reopen(action=action, actor=pmo_user, text="Further work found")

    assert stored(action).status == ActionStatus.OPEN
    assert (action.closed_at, action.closed_on, action.latest_update) == (None, None, "Further work found")
    assert action.updates.order_by("pk").last().text == "Further work found"


def test_reopening_an_open_action_is_refused(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    with pytest.raises(WorkflowError, match="not closed"):
        services.action_reopen(action=action, actor=pmo_user, text="Why")


def test_an_open_action_can_be_edited(dag26, pmo_user):
    action = raise_action(dag26, pmo_user)

    services.action_edit(action=action, actor=pmo_user, owner="Design Authority", due_text="ASAP", due_on=None)

    assert (stored(action).owner, action.due_text, action.due_on, action.version) == (
        "Design Authority",
        "ASAP",
        None,
        2,
    )


def test_editing_a_closed_action_is_refused_until_it_is_reopened(dag26, dag27, pmo_user):
    action = close(raise_action(dag26, pmo_user), dag27)

    with pytest.raises(WorkflowError, match="reopen it before editing"):
        services.action_edit(action=stored(action), actor=pmo_user, owner="Someone else")

    assert stored(action).owner == "Programme PMO"
    services.action_reopen(action=action, actor=pmo_user, text="Reopened")
    services.action_edit(action=stored(action), actor=pmo_user, owner="Someone else")
    assert stored(action).owner == "Someone else"


def test_an_edit_moving_the_due_date_before_raised_is_refused(dag26, pmo_user):
    action = raise_action(dag26, pmo_user, due_on=HELD + 7 * DAY)

    with pytest.raises(ValidationError) as refused:
        services.action_edit(action=action, actor=pmo_user, due_on=HELD - DAY)

    assert "due_on" in refused.value.message_dict
    assert (stored(action).due_on, action.version) == (HELD + 7 * DAY, 1)


# --- decisions ------------------------------------------------------------------------------------------


def test_decisions_are_numbered_across_the_groups_meetings(dag26, dag27, pmo_user):
    first = services.decision_record(meeting=dag26, actor=pmo_user, text="Approve the design baseline")
    second = services.decision_record(meeting=dag26, actor=pmo_user, text="Approve the interface spec")
    third = services.decision_record(meeting=dag27, actor=pmo_user, text="Approve the data catalogue")

    assert [first.ref, second.ref, third.ref] == ["DAG-DEC1", "DAG-DEC2", "DAG-DEC3"]
    assert (first.decided_by, first.classification) == ("DAG", dag26.classification)


def test_after_an_imported_decision_ref_the_next_follows_it(dag26, dag27, pmo_user):
    imported = services.decision_record(meeting=dag26, actor=pmo_user, text="Imported", ref="DAG-DEC54")

    following = services.decision_record(meeting=dag27, actor=pmo_user, text="Next")

    assert (imported.ref, following.ref) == ("DAG-DEC54", "DAG-DEC55")


def test_another_group_has_its_own_decision_series(dag26, ccag, pmo_user):
    services.decision_record(meeting=dag26, actor=pmo_user, text="Imported", ref="DAG-DEC54")
    ccag36 = MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27)))

    assert services.decision_record(meeting=ccag36, actor=pmo_user, text="CCAG decision").ref == "CCAG-DEC1"
    assert services.decision_record(meeting=dag26, actor=pmo_user, text="DAG decision").ref == "DAG-DEC55"


@pytest.mark.parametrize("ref", ["CCAG-DEC3", "DAG-DEC", "DAG-DECX", "DAGDEC3"])
def test_a_decision_ref_of_another_series_is_refused(dag26, pmo_user, ref):
    with pytest.raises(WorkflowError) as refused:
        services.decision_record(meeting=dag26, actor=pmo_user, text="Decision", ref=ref)

    assert refused.value.field == "ref"
    assert not Decision.objects.exists()


def test_a_decision_ref_in_use_is_refused(dag26, pmo_user):
    services.decision_record(meeting=dag26, actor=pmo_user, text="First", ref="DAG-DEC54")

    with pytest.raises(WorkflowError) as refused:
        services.decision_record(meeting=dag26, actor=pmo_user, text="Second", ref="DAG-DEC54")

    assert refused.value.field == "ref"
    assert list(Decision.objects.values_list("text", flat=True)) == ["First"]


@pytest.mark.parametrize(
    ("step", "stage", "status"),
    [
        (Step.APPROVE, ChangeStage.APPROVED, ChangeStatus.APPROVED),
        (Step.REJECT, ChangeStage.CLOSED, ChangeStatus.REJECTED),
    ],
)
def test_a_decision_on_a_cr_decides_the_cr(dag26, pmo_user, step, stage, status):
    change_request = ChangeRequestFactory(ref="CR054", stage=ChangeStage.AWAITING_DECISION)

    decision = services.decision_record(
        meeting=dag26,
        actor=pmo_user,
        text=f"DAG {step}s CR054",
        change_request=change_request,
        change_request_step=step,
    )

    change_request.refresh_from_db()
    assert (change_request.stage, change_request.status) == (stage, status)
    assert (change_request.decision_body, change_request.decided_on) == (dag26.group, HELD)
    assert decision.ref in change_request.latest_action
    assert decision.change_request == change_request


def test_an_illegal_cr_step_refuses_the_decision_too(dag26, pmo_user):
    change_request = ChangeRequestFactory(ref="CR054", stage=ChangeStage.RAISED)

    with pytest.raises(WorkflowError):
        services.decision_record(
            meeting=dag26,
            actor=pmo_user,
            text="DAG approves CR054",
            change_request=change_request,
            change_request_step=Step.APPROVE,
        )

    assert not Decision.objects.exists()
    change_request.refresh_from_db()
    assert (change_request.stage, change_request.status) == (ChangeStage.RAISED, ChangeStatus.OPEN)
    assert services.decision_record(meeting=dag26, actor=pmo_user, text="Next").ref == "DAG-DEC1"


def test_a_decision_step_other_than_approve_or_reject_is_refused(dag26, pmo_user):
    change_request = ChangeRequestFactory(ref="CR054", stage=ChangeStage.RAISED)

    with pytest.raises(WorkflowError) as refused:
        services.decision_record(
            meeting=dag26,
            actor=pmo_user,
            text="Validate",
            change_request=change_request,
            change_request_step="validate",
        )

    assert refused.value.field == "change_request_step"
    assert not Decision.objects.exists()
    assert stored(change_request).stage == ChangeStage.RAISED


def test_a_decision_naming_a_cr_without_a_step_leaves_the_cr_alone(dag26, pmo_user):
    change_request = ChangeRequestFactory(ref="CR054", stage=ChangeStage.AWAITING_DECISION)

    decision = services.decision_record(
        meeting=dag26, actor=pmo_user, text="DAG noted CR054", change_request=change_request
    )

    assert decision.change_request == change_request
    assert (stored(change_request).stage, change_request.status) == (ChangeStage.AWAITING_DECISION, ChangeStatus.OPEN)


# --- votes ----------------------------------------------------------------------------------------------


def six_four_two_one():
    choices = [VoteChoice.REJECT] * 6 + [VoteChoice.APPROVE] * 4 + [VoteChoice.ABSTAIN] * 2 + [VoteChoice.ABSENT] * 1
    return list(zip(SEATS, choices, strict=True))


def test_votes_are_tallied_with_the_papers_wording(dag26, seats, pmo_user):
    services.votes_record(meeting=dag26, actor=pmo_user, subject="CR018", votes=six_four_two_one())

    [row] = selectors.tally(dag26)
    assert (row.subject, row.approve, row.reject, row.abstain, row.absent) == ("CR018", 4, 6, 2, 1)
    assert row.text == "six voted to reject, four to approve, two abstained, one not in attendance"
    assert Vote.objects.filter(meeting=dag26).count() == 13


def test_a_vote_for_an_unknown_constituency_is_refused_saving_nothing(dag26, seats, pmo_user):
    with pytest.raises(WorkflowError) as refused:
        services.votes_record(
            meeting=dag26, actor=pmo_user, subject="CR018", votes=[("DNO", "approve"), ("MARTIANS", "reject")]
        )

    assert refused.value.field == "votes"
    assert "Unknown constituency: MARTIANS" in refused.value.message
    assert not Vote.objects.exists()


def test_a_seat_voting_twice_in_one_call_is_refused_saving_nothing(dag26, seats, pmo_user):
    with pytest.raises(WorkflowError) as refused:
        services.votes_record(
            meeting=dag26,
            actor=pmo_user,
            subject="CR018",
            votes=[("DNO", "approve"), ("IDNO", "approve"), ("DNO", "reject")],
        )

    assert refused.value.field == "votes"
    assert "DNO voted twice on CR018" in refused.value.message
    assert not Vote.objects.exists()


def test_an_unknown_vote_is_refused_saving_nothing(dag26, seats, pmo_user):
    with pytest.raises(WorkflowError, match="not maybe"):
        services.votes_record(
            meeting=dag26, actor=pmo_user, subject="CR018", votes=[("DNO", "approve"), ("IDNO", "maybe")]
        )

    assert not Vote.objects.exists()


def test_a_later_vote_replaces_the_seats_earlier_one(dag26, seats, pmo_user):
    services.votes_record(
        meeting=dag26, actor=pmo_user, subject="CR018", votes=[("DNO", "approve"), ("IDNO", "reject")]
    )

    services.votes_record(meeting=dag26, actor=pmo_user, subject="CR018", votes=[("DNO", "abstain")])

    assert dict(Vote.objects.values_list("constituency__code", "vote")) == {"DNO": "abstain", "IDNO": "reject"}
    [row] = selectors.tally(dag26)
    assert (row.approve, row.reject, row.abstain) == (0, 1, 1)


def test_votes_need_a_subject(dag26, seats, pmo_user):
    with pytest.raises(WorkflowError) as refused:
        services.votes_record(meeting=dag26, actor=pmo_user, subject=" ", votes=[("DNO", "approve")])

    assert refused.value.field == "subject"


# --- headline report ------------------------------------------------------------------------------------


def test_issuing_the_headline_report(dag26, pmo_user):
    issued = services.headline_issue(meeting=dag26, actor=pmo_user, issued_on=HELD + 2 * DAY)

    assert (stored(dag26).headline_status, dag26.headline_issued_on) == (HeadlineStatus.ISSUED, HELD + 2 * DAY)
    assert issued.version == dag26.version == 2


def test_a_headline_report_is_not_issued_before_its_meeting(dag26, pmo_user):
    with pytest.raises(WorkflowError) as refused:
        services.headline_issue(meeting=dag26, actor=pmo_user, issued_on=HELD - DAY)

    assert refused.value.field == "issued_on"
    assert (stored(dag26).headline_status, dag26.headline_issued_on) == (HeadlineStatus.DRAFT, None)


def test_a_headline_report_is_issued_once(dag26, pmo_user):
    services.headline_issue(meeting=dag26, actor=pmo_user, issued_on=HELD)

    with pytest.raises(WorkflowError, match="already issued"):
        services.headline_issue(meeting=dag26, actor=pmo_user, issued_on=HELD + DAY)

    assert stored(dag26).headline_issued_on == HELD


@pytest.mark.parametrize(
    ("with_amendments", "by_correspondence", "wording"),
    [
        (False, False, "approved with no amendments"),
        (True, False, "approved with amendments"),
        (False, True, "approved with no amendments by correspondence"),
        (True, True, "approved with amendments by correspondence"),
    ],
)
def test_approving_at_the_next_meeting_records_the_decision(
    dag26, dag27, chair_user, with_amendments, by_correspondence, wording
):
    services.headline_issue(meeting=dag26, actor=chair_user, issued_on=HELD + DAY)

    decision = services.headline_approve(
        meeting=dag26,
        at_meeting=dag27,
        actor=chair_user,
        with_amendments=with_amendments,
        by_correspondence=by_correspondence,
    )

    assert decision.text == f"Minutes and Headline Report of the DAG meeting held 13 November 2024 {wording}"
    assert (decision.ref, decision.meeting, decision.area) == ("DAG-DEC1", dag27, "Minutes and Headline Report")
    assert stored(dag26).headline_status == HeadlineStatus.APPROVED
    assert (dag26.headline_approved_at, dag26.headline_approved_with_amendments) == (dag27, with_amendments)
    assert dag26.headline_approved_by_correspondence == by_correspondence


def test_the_approval_decision_writes_the_date_as_the_papers_do(group, dag27, pmo_user):
    dag25 = MeetingFactory(group=group, number="25", starts_at=at(datetime.date(2024, 11, 6)))
    services.headline_issue(meeting=dag25, actor=pmo_user, issued_on=datetime.date(2024, 11, 8))

    decision = services.headline_approve(meeting=dag25, at_meeting=dag27, actor=pmo_user)

    assert (
        decision.text
        == "Minutes and Headline Report of the DAG meeting held 6 November 2024 approved with no amendments"
    )


def test_the_approval_decision_continues_the_groups_series(dag26, dag27, pmo_user):
    services.decision_record(meeting=dag26, actor=pmo_user, text="Imported", ref="DAG-DEC54")
    services.headline_issue(meeting=dag26, actor=pmo_user, issued_on=HELD)

    decision = services.headline_approve(meeting=dag26, at_meeting=dag27, actor=pmo_user)

    assert decision.ref == "DAG-DEC55"


def test_a_never_issued_headline_report_cannot_be_approved(dag26, dag27, chair_user):
    with pytest.raises(WorkflowError, match="has not been issued"):
        services.headline_approve(meeting=dag26, at_meeting=dag27, actor=chair_user)

    assert stored(dag26).headline_status == HeadlineStatus.DRAFT
    assert not Decision.objects.exists()


def test_a_headline_report_is_approved_once(dag26, dag27, group, chair_user):
    dag28 = MeetingFactory(group=group, number="28", starts_at=at(datetime.date(2025, 1, 15)))
    services.headline_issue(meeting=dag26, actor=chair_user, issued_on=HELD)
    services.headline_approve(meeting=dag26, at_meeting=dag27, actor=chair_user)

    with pytest.raises(WorkflowError, match="already approved at DAG27"):
        services.headline_approve(meeting=dag26, at_meeting=dag28, actor=chair_user)

    assert stored(dag26).headline_approved_at == dag27
    assert Decision.objects.count() == 1


def test_a_headline_report_is_not_approved_at_an_earlier_meeting(dag26, group, chair_user):
    dag25 = MeetingFactory(group=group, number="25", starts_at=at(datetime.date(2024, 10, 9)))
    services.headline_issue(meeting=dag26, actor=chair_user, issued_on=HELD)

    for at_meeting in (dag25, dag26):
        with pytest.raises(WorkflowError) as refused:
            services.headline_approve(meeting=dag26, at_meeting=at_meeting, actor=chair_user)
        assert refused.value.field == "at_meeting"

    assert stored(dag26).headline_status == HeadlineStatus.ISSUED
    assert not Decision.objects.exists()


def test_a_headline_report_is_not_approved_at_another_groups_meeting(dag26, ccag, chair_user):
    ccag36 = MeetingFactory(group=ccag, number="36", starts_at=at(datetime.date(2024, 11, 27)))
    services.headline_issue(meeting=dag26, actor=chair_user, issued_on=HELD)

    with pytest.raises(WorkflowError) as refused:
        services.headline_approve(meeting=dag26, at_meeting=ccag36, actor=chair_user)

    assert refused.value.field == "at_meeting"
    assert stored(dag26).headline_status == HeadlineStatus.ISSUED
    assert not Decision.objects.exists()


# --- decisions as authority for milestone baselines -----------------------------------------------------


def test_a_recorded_decision_may_move_a_milestone_baseline(dag26, pmo_user):
    services.decision_record(meeting=dag26, actor=pmo_user, text="Move T3-DB-0153 by a week", ref="DAG-DEC55")
    milestone = MilestoneFactory(ref="T3-DB-0153", forum=dag26.group)
    moved = milestone.baseline_on + 7 * DAY

    milestone_services.milestone_update(
        milestone=milestone, actor=pmo_user, baseline_on=moved, baseline_change_reference="DAG-DEC55"
    )

    after = Milestone.objects.get(ref="T3-DB-0153")
    assert (after.baseline_on, after.baseline_change_reference) == (moved, "DAG-DEC55")
    assert after.history.first().history_change_reason == "Baseline moved under DAG-DEC55"


def test_an_unrecorded_decision_does_not_move_a_baseline(dag26, pmo_user):
    milestone = MilestoneFactory(ref="T3-DB-0153", forum=dag26.group)
    baseline = milestone.baseline_on

    with pytest.raises(WorkflowError) as refused:
        milestone_services.milestone_update(
            milestone=milestone, actor=pmo_user, baseline_on=baseline + 7 * DAY, baseline_change_reference="DAG-DEC56"
        )

    assert refused.value.message == "There is no decision DAG-DEC56."
    assert Milestone.objects.get(ref="T3-DB-0153").baseline_on == baseline


# --- factories ------------------------------------------------------------------------------------------


def test_the_factories_go_through_the_services(dag26):
    action = ActionFactory(meeting=dag26)
    decision = DecisionFactory(meeting=dag26)

    assert (action.ref, decision.ref) == ("DAG26-01", "DAG-DEC1")
    assert action.due_on == HELD + 28 * DAY


def test_an_action_raised_at_a_restricted_meeting_is_restricted_even_if_told_public(db):
    restricted = MeetingFactory(classification=Classification.RESTRICTED)

    assert services.action_raise(
        meeting=restricted, actor=None, description="Brief the SRO", owner="PMO"
    ).classification == (Classification.RESTRICTED)
    public = services.action_raise(
        meeting=restricted,
        actor=None,
        description="Publish the note",
        owner="PMO",
        classification=Classification.PUBLIC,
    )
    # Its ref and its link name the meeting: it cannot be less restricted than the meeting.
    assert public.classification == Classification.RESTRICTED
