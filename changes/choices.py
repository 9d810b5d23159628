"""Change control vocabulary and the lifecycle table every transition is checked against."""

from dataclasses import dataclass

from django.db import models


class ChangeStatus(models.TextChoices):
    """ "Approval Status" in the programme's change log."""

    OPEN = "open", "Open"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ON_HOLD = "on_hold", "On Hold"

    @property
    def colour(self) -> str:
        return {
            "open": "primary",
            "approved": "success",
            "rejected": "danger",
            "withdrawn": "secondary",
            "on_hold": "warning",
        }[self.value]


class ChangeStage(models.TextChoices):
    """ "Current Stage in Change Control"."""

    RAISED = "raised", "Raised"
    VALIDATED = "validated", "Validated by Change Board"
    IMPACT_ASSESSMENT = "impact_assessment", "Impact Assessment"
    AWAITING_DECISION = "awaiting_decision", "Awaiting approval decision"
    APPROVED = "approved", "Approved, awaiting implementation"
    IMPLEMENTATION = "implementation", "Implementation"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed"

    @property
    def colour(self) -> str:
        return {
            "raised": "light",
            "validated": "info",
            "impact_assessment": "primary",
            "awaiting_decision": "warning",
            "approved": "success",
            "implementation": "success",
            "complete": "dark",
            "closed": "secondary",
        }[self.value]


class ChangeType(models.TextChoices):
    FULL_IMPACT_ASSESSMENT = "full_impact_assessment", "Full Impact Assessment"
    FAST_TRACK = "fast_track", "Fast Track (no impact assessment)"

    @property
    def colour(self) -> str:
        return "light"


class ImpactResponseChoice(models.TextChoices):
    SUPPORT = "support", "Support"
    REJECT = "reject", "Reject"
    ABSTAIN = "abstain", "Abstain"

    @property
    def colour(self) -> str:
        return {"support": "success", "reject": "danger", "abstain": "secondary"}[self.value]


class Sharing(models.TextChoices):
    """Who reads an IA answer's comments and impacts: the tally always counts every answer."""

    PMO_ONLY = "pmo_only", "PMO only"
    SHARED = "shared", "Shared with other parties"


class Step(models.TextChoices):
    """The workflow steps, as named in the API (POST /api/change-requests/<ref>/transitions/<step>/)."""

    VALIDATE = "validate", "Validate"
    ISSUE_IA = "issue_ia", "Issue for impact assessment"
    CLOSE_IA = "close_ia", "Close impact assessment"
    REOPEN_IA = "reopen_ia", "Reopen impact assessment"
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"
    IMPLEMENT = "implement", "Start implementation"
    COMPLETE = "complete", "Mark complete"
    WITHDRAW = "withdraw", "Withdraw"
    HOLD = "hold", "Put on hold"
    RESUME = "resume", "Resume"


# Stages before a decision: a CR there can still be withdrawn or put on hold.
UNDECIDED_STAGES = frozenset(
    {ChangeStage.RAISED, ChangeStage.VALIDATED, ChangeStage.IMPACT_ASSESSMENT, ChangeStage.AWAITING_DECISION}
)


@dataclass(frozen=True)
class Transition:
    from_stages: frozenset
    from_statuses: frozenset
    to_stage: str | None  # None: the stage stays where it is
    to_status: str | None
    latest_action: str  # formatted with the step's inputs


_OPEN = frozenset({ChangeStatus.OPEN})

TRANSITIONS: dict[str, Transition] = {
    Step.VALIDATE: Transition(
        frozenset({ChangeStage.RAISED}),
        _OPEN,
        ChangeStage.VALIDATED,
        None,
        "Validated by Change Board for Impact Assessment",
    ),
    Step.ISSUE_IA: Transition(
        frozenset({ChangeStage.VALIDATED}),
        _OPEN,
        ChangeStage.IMPACT_ASSESSMENT,
        None,
        "Issued for Impact Assessment, closing {ia_closes_on:%d/%m/%Y}",
    ),
    Step.CLOSE_IA: Transition(
        frozenset({ChangeStage.IMPACT_ASSESSMENT}),
        _OPEN,
        ChangeStage.AWAITING_DECISION,
        None,
        "Impact Assessment closed; awaiting approval decision",
    ),
    Step.REOPEN_IA: Transition(
        frozenset({ChangeStage.AWAITING_DECISION}),
        _OPEN,
        ChangeStage.IMPACT_ASSESSMENT,
        None,
        "Impact Assessment reopened until {ia_closes_on:%d/%m/%Y}",
    ),
    # A fast-track CR may be decided straight after validation; the service checks the change type.
    Step.APPROVE: Transition(
        frozenset({ChangeStage.VALIDATED, ChangeStage.AWAITING_DECISION}),
        _OPEN,
        ChangeStage.APPROVED,
        ChangeStatus.APPROVED,
        "Approved by {decision_body}",
    ),
    Step.REJECT: Transition(
        frozenset({ChangeStage.RAISED, ChangeStage.VALIDATED, ChangeStage.AWAITING_DECISION}),
        _OPEN,
        ChangeStage.CLOSED,
        ChangeStatus.REJECTED,
        "Rejected by {decision_body}",
    ),
    Step.IMPLEMENT: Transition(
        frozenset({ChangeStage.APPROVED}),
        frozenset({ChangeStatus.APPROVED}),
        ChangeStage.IMPLEMENTATION,
        None,
        "Implementation started",
    ),
    Step.COMPLETE: Transition(
        frozenset({ChangeStage.APPROVED, ChangeStage.IMPLEMENTATION}),
        frozenset({ChangeStatus.APPROVED}),
        ChangeStage.COMPLETE,
        None,
        "Implemented and complete",
    ),
    Step.WITHDRAW: Transition(
        UNDECIDED_STAGES,
        frozenset({ChangeStatus.OPEN, ChangeStatus.ON_HOLD}),
        ChangeStage.CLOSED,
        ChangeStatus.WITHDRAWN,
        "Withdrawn",
    ),
    Step.HOLD: Transition(UNDECIDED_STAGES, _OPEN, None, ChangeStatus.ON_HOLD, "Put on hold"),
    Step.RESUME: Transition(
        UNDECIDED_STAGES, frozenset({ChangeStatus.ON_HOLD}), None, ChangeStatus.OPEN, "Resumed from hold"
    ),
}
