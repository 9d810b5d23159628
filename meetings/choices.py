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


class StandingSection(models.TextChoices):
    """What a pack fills an agenda item's section with, from the registers."""

    NONE = "", "Nothing (objective only)"
    ACTIONS = "actions", "Minutes and actions review"
    CHANGE_REQUESTS = "change_requests", "Change request status"
    RAID = "raid", "Top risks related to the group"
    MILESTONES = "milestones", "Delivery dashboard"
    SUMMARY = "summary", "Summary and next steps (forward plan)"


# How an agenda item's title suggests its standing section, when none was chosen (first match wins).
STANDING_SECTION_HINTS = (
    ("headline report", StandingSection.ACTIONS),
    ("minutes", StandingSection.ACTIONS),
    ("actions", StandingSection.ACTIONS),
    ("change request", StandingSection.CHANGE_REQUESTS),
    ("raid", StandingSection.RAID),
    ("risk", StandingSection.RAID),
    ("delivery dashboard", StandingSection.MILESTONES),
    ("milestone", StandingSection.MILESTONES),
    ("summary and next steps", StandingSection.SUMMARY),
    ("next steps", StandingSection.SUMMARY),
)


def suggested_section(title: str) -> str:
    lowered = title.lower()
    return next((section for hint, section in STANDING_SECTION_HINTS if hint in lowered), StandingSection.NONE)


class PackKind(models.TextChoices):
    PAPERS = "papers", "Meeting papers"
    HEADLINE_REPORT = "headline_report", "Headline report"


class PackStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Rendering"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"

    @property
    def colour(self) -> str:
        return {"queued": "secondary", "rendering": "info", "ready": "success", "failed": "danger"}[self.value]
