"""A spreadsheet cannot move a record in a way the pages would refuse: imports write through the services, every
row is rehearsed before anything is kept, and each refusal names its row and the rule."""

import datetime

import pytest
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice
from changes.models import ChangeRequest, ImpactResponse
from changes.spreadsheets import ChangeRequestSheet, ImpactResponseSheet
from meetings.choices import ActionStatus
from meetings.models import Action
from meetings.spreadsheets import ActionSheet
from milestones.choices import MilestoneStatus
from milestones.models import Milestone
from milestones.spreadsheets import MilestoneSheet
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory, MeetingFactory, at, close, dag
from tests.milestones.factories import MilestoneFactory
from tests.programme.factories import GovernanceGroupFactory, OrganisationFactory
from tests.spreadsheets.helpers import sheet

pytestmark = pytest.mark.django_db


def uk(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def refusals(report) -> list[tuple[int, str]]:
    return [(row.row, message) for row in report.errors for message in row.errors]


# --- change requests ------------------------------------------------------------------------------------------


def test_a_decided_cr_cannot_be_sent_back_to_raised_by_a_row(pmo_user):
    rejected = ChangeRequestFactory(ref="CR301", stage=ChangeStage.CLOSED, status=ChangeStatus.REJECTED)
    content = sheet(
        ["Ref.", "Key Detail", "Approval Status", "Current Stage in Change Control"],
        ["CR302", "A new CR the same file brings", "Open", "Raised"],
        ["CR301", rejected.title, "Open", "Raised"],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert not report.applied
    [(row, message)] = refusals(report)
    assert row == 3
    assert "CR301 cannot move from Closed (Rejected) to Raised (Open)" in message
    assert "no lifecycle step" in message
    assert not ChangeRequest.objects.filter(ref="CR302").exists(), "an import with any refusal imports nothing"
    assert ChangeRequest.objects.get(ref="CR301").status == ChangeStatus.REJECTED


def test_a_row_moving_a_cr_forward_walks_the_lifecycle_and_is_refused_where_a_step_would_be(pmo_user):
    ChangeRequestFactory(ref="CR303", change_type=ChangeType.FULL_IMPACT_ASSESSMENT)
    content = sheet(
        ["Ref.", "Key Detail", "Approval Status", "Current Stage in Change Control", "Decision Body"],
        ["CR303", "Needs its impact assessment", "Approved", "Approved, awaiting implementation", ""],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    [(row, message)] = refusals(report)
    assert row == 2
    assert message == "IA Closes: Give the date the impact assessment closes."
    assert ChangeRequest.objects.get(ref="CR303").stage == ChangeStage.RAISED


def test_approving_by_import_takes_each_step_and_rejects_the_mutually_exclusive_rival(pmo_user):
    GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group")
    rival = ChangeRequestFactory(ref="CR305")
    ChangeRequestFactory(ref="CR304", change_type=ChangeType.FAST_TRACK, mutually_exclusive_with=[rival])
    decided = timezone.localdate() - datetime.timedelta(days=2)
    content = sheet(
        ["Ref.", "Key Detail", "Approval Status", "Current Stage in Change Control", "Decision Body", "Decided"],
        ["CR304", "Fast-tracked", "Approved", "Approved, awaiting implementation", "CCAG", uk(decided)],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    assert report.applied, refusals(report)
    approved = ChangeRequest.objects.get(ref="CR304")
    assert (approved.stage, approved.status, approved.decided_on) == (
        ChangeStage.APPROVED,
        ChangeStatus.APPROVED,
        decided,
    )
    reasons = [h.history_change_reason for h in approved.history.order_by("history_date", "history_id")]
    assert reasons[-2:] == ["Validate — Imported from log.csv", "Approve — Imported from log.csv"]
    assert ChangeRequest.objects.get(ref="CR305").status == ChangeStatus.REJECTED


def test_a_new_cr_is_recorded_where_its_log_places_it_only_if_change_control_can_get_there(pmo_user):
    content = sheet(
        ["Ref.", "Key Detail", "Approval Status", "Current Stage in Change Control"],
        ["CR306", "Implemented long ago", "Approved", "Complete"],
        ["CR307", "Complete but still open?", "Open", "Complete"],
    )

    report = ChangeRequestSheet().run("log.csv", content, actor=pmo_user, dry_run=False)

    [(row, message)] = refusals(report)
    assert row == 3
    assert "Complete with status Open is not a place in change control" in message


def test_an_ia_answer_is_refused_once_the_window_closed_unless_it_came_in_while_it_was_open(pmo_user):
    closed_on = timezone.localdate() - datetime.timedelta(days=3)
    cr = ChangeRequestFactory(
        ref="CR308",
        stage=ChangeStage.IMPACT_ASSESSMENT,
        ia_opens_on=closed_on - datetime.timedelta(days=20),
        ia_closes_on=closed_on,
    )
    party = OrganisationFactory(name="Elexon")
    late = sheet(["Change Request", "Organisation", "Response"], [cr.ref, party.name, "Support"])

    report = ImpactResponseSheet().run("answers.csv", late, actor=pmo_user, dry_run=False)

    [(row, message)] = refusals(report)
    assert row == 2
    assert f"closed on {closed_on:%d/%m/%Y}" in message and "PMO can reopen it" in message
    assert not ImpactResponse.objects.exists()

    on_time = sheet(
        ["Change Request", "Organisation", "Response", "Received"],
        [cr.ref, party.name, "Support", uk(closed_on - datetime.timedelta(days=1))],
    )
    report = ImpactResponseSheet().run("answers.csv", on_time, actor=pmo_user, dry_run=False)
    assert report.applied, refusals(report)
    assert ImpactResponse.objects.get().response == ImpactResponseChoice.SUPPORT


# --- milestones -----------------------------------------------------------------------------------------------

MILESTONE_HEADERS = ["Milestone ID", "Forum", "Title", "Baseline Date", "Forecast Date", "Actual Date"]


@pytest.fixture
def sitag():
    return GovernanceGroupFactory(code="SITAG", name="SIT Advisory Group")


def test_a_baseline_moves_by_import_only_under_an_authority(sitag, pmo_user):
    milestone = MilestoneFactory(ref="T3-DB-0301", forum=sitag)
    moved = milestone.baseline_on + datetime.timedelta(weeks=4)
    content = sheet(
        MILESTONE_HEADERS,
        ["T3-DB-0301", "SITAG", milestone.title, uk(moved), uk(moved), ""],
    )

    report = MilestoneSheet().run("register.csv", content, actor=pmo_user, dry_run=False)

    [(row, message)] = refusals(report)
    assert row == 2
    assert message.startswith("Baseline Change Authority: A baseline date changes only with an approved change")
    assert Milestone.objects.get(ref="T3-DB-0301").baseline_on == milestone.baseline_on


def test_imported_dates_obey_the_pages_rules_and_an_actual_date_completes_the_milestone(sitag, pmo_user):
    today = timezone.localdate()
    ahead = today + datetime.timedelta(weeks=8)
    content = sheet(
        MILESTONE_HEADERS,
        ["T3-DB-0302", "SITAG", "Met yesterday", uk(ahead), uk(ahead), uk(today - datetime.timedelta(days=1))],
        ["T3-DB-0303", "SITAG", "Met tomorrow?", uk(ahead), uk(ahead), uk(today + datetime.timedelta(days=1))],
        ["T3-DB-0304", "SITAG", "Forecast in the past", uk(ahead), uk(today - datetime.timedelta(days=7)), ""],
    )

    report = MilestoneSheet().run("register.csv", content, actor=pmo_user, dry_run=True)

    assert refusals(report) == [
        (3, "Actual Date: An actual date cannot be in the future: record it when the milestone is met."),
        (
            4,
            "Forecast Date: A forecast cannot be in the past for a milestone that is not complete: re-forecast it "
            "or record the actual date.",
        ),
    ]
    fine = sheet(MILESTONE_HEADERS, ["T3-DB-0302", "SITAG", "Met yesterday", uk(ahead), uk(ahead), uk(today)])
    assert MilestoneSheet().run("register.csv", fine, actor=pmo_user, dry_run=False).applied
    assert Milestone.objects.get(ref="T3-DB-0302").status == MilestoneStatus.COMPLETE


# --- actions --------------------------------------------------------------------------------------------------


def test_an_action_closes_by_import_only_at_a_meeting(pmo_user):
    dag()
    raised_at = MeetingFactory(number="301", starts_at=at(timezone.localdate() - datetime.timedelta(weeks=8)))
    closing = MeetingFactory(number="302", starts_at=at(timezone.localdate() - datetime.timedelta(weeks=4)))
    action = ActionFactory(meeting=raised_at, ref="DAG301-01")
    headers = ["Ref", "Meeting", "Action", "Owner", "Status", "Latest update", "Closed At"]

    nowhere = sheet(headers, [action.ref, "DAG301", action.description, action.owner, "Closed", "Done", ""])
    [(row, message)] = refusals(ActionSheet().run("acts.csv", nowhere, actor=pmo_user, dry_run=False))
    assert row == 2
    assert message.startswith("Closed At: DAG301-01 is closed at a meeting: give the meeting's ref")

    at_dag302 = sheet(headers, [action.ref, "DAG301", action.description, action.owner, "Closed", "Done", "DAG302"])
    assert ActionSheet().run("acts.csv", at_dag302, actor=pmo_user, dry_run=False).applied
    action = Action.objects.get(ref="DAG301-01")
    assert (action.status, action.closed_at, action.latest_update) == (ActionStatus.CLOSED, closing, "Done")
    assert action.updates.last().text == "Done"
    assert action.history.first().history_change_reason == "Closed at DAG302 (Imported from acts.csv)"


def test_a_closed_action_is_edited_by_import_only_when_the_row_reopens_it(pmo_user):
    dag()
    raised_at = MeetingFactory(number="303", starts_at=at(timezone.localdate() - datetime.timedelta(weeks=8)))
    action = ActionFactory(meeting=raised_at, ref="DAG303-01")
    close(action, MeetingFactory(number="304", starts_at=at(timezone.localdate() - datetime.timedelta(weeks=4))))
    headers = ["Ref", "Meeting", "Action", "Owner", "Status"]

    edit = sheet(headers, [action.ref, "DAG303", "Reworded while closed", action.owner, "Closed"])
    [(row, message)] = refusals(ActionSheet().run("acts.csv", edit, actor=pmo_user, dry_run=False))
    assert (row, message) == (2, "DAG303-01 is closed: reopen it before editing.")

    reopen = sheet(headers, [action.ref, "DAG303", "Reworded and reopened", action.owner, "Open"])
    assert ActionSheet().run("acts.csv", reopen, actor=pmo_user, dry_run=False).applied
    action = Action.objects.get(ref="DAG303-01")
    assert (action.status, action.description, action.closed_at) == (ActionStatus.OPEN, "Reworded and reopened", None)


def test_the_preview_rehearses_the_rows_and_keeps_nothing(pmo_user):
    GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group")
    ChangeRequestFactory(ref="CR309", change_type=ChangeType.FAST_TRACK)
    content = sheet(
        ["Ref.", "Key Detail", "Approval Status", "Current Stage in Change Control", "Decision Body"],
        ["CR309", "Fast-tracked", "Approved", "Approved, awaiting implementation", "CCAG"],
    )

    report, _ = ChangeRequestSheet().check("log.csv", content, actor=pmo_user)

    assert [row.outcome for row in report.rows] == ["update"]
    assert not report.applied
    assert ChangeRequest.objects.get(ref="CR309").stage == ChangeStage.RAISED
