from django.db import models


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    BY_CORRESPONDENCE = "by_correspondence", "By correspondence"
    CANCELLED = "cancelled", "Cancelled"

    @property
    def colour(self) -> str:
        return {"planned": "info", "held": "success", "by_correspondence": "secondary", "cancelled": "dark"}[self.value]


class AgendaItemType(models.TextChoices):
    DECISION = "decision", "Decision"
    INFORMATION = "information", "Information"
    DISCUSSION = "discussion", "Discussion"

    @property
    def colour(self) -> str:
        return {"decision": "danger", "information": "info", "discussion": "warning"}[self.value]


class ActionStatus(models.TextChoices):
    """As the actions logs print them: OPEN, ONGOING, RECOMMEND CLOSED, CLOSED."""

    OPEN = "open", "Open"
    ONGOING = "ongoing", "Ongoing"
    RECOMMEND_CLOSED = "recommend_closed", "Recommend closed"
    CLOSED = "closed", "Closed"

    @property
    def colour(self) -> str:
        return {"open": "primary", "ongoing": "info", "recommend_closed": "warning", "closed": "secondary"}[self.value]


# What an update may set; closing is a step of its own, taken at a meeting.
UPDATE_STATUSES = (ActionStatus.OPEN, ActionStatus.ONGOING, ActionStatus.RECOMMEND_CLOSED)


class VoteChoice(models.TextChoices):
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"
    ABSTAIN = "abstain", "Abstain"
    ABSENT = "absent", "Not in attendance"

    @property
    def colour(self) -> str:
        return {"approve": "success", "reject": "danger", "abstain": "secondary", "absent": "light"}[self.value]


class HeadlineStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    APPROVED = "approved", "Approved"

    @property
    def colour(self) -> str:
        return {"draft": "light", "issued": "info", "approved": "success"}[self.value]


class ActionRag(models.TextChoices):
    """DESIGN §4: overdue is Red, due within five working days Amber."""

    RED = "red", "Overdue"
    AMBER = "amber", "Due soon"
    GREEN = "green", "On time"

    @property
    def colour(self) -> str:
        return {"red": "danger", "amber": "warning", "green": "success"}[self.value]
