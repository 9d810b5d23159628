from django.db import models


class RaidKind(models.TextChoices):
    RISK = "risk", "Risk"
    ISSUE = "issue", "Issue"
    ASSUMPTION = "assumption", "Assumption"
    DEPENDENCY = "dependency", "Dependency"

    @property
    def prefix(self) -> str:
        """The ref letter: R849, I191, A12, D7."""
        return {"risk": "R", "issue": "I", "assumption": "A", "dependency": "D"}[self.value]

    @property
    def colour(self) -> str:
        return {"risk": "danger", "issue": "warning", "assumption": "info", "dependency": "secondary"}[self.value]


class RaidStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"

    @property
    def colour(self) -> str:
        return {"open": "primary", "closed": "secondary"}[self.value]


class Band(models.TextChoices):
    """Score bands, worst first; their score ranges live in the editable ScoreBand table."""

    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"

    @property
    def colour(self) -> str:
        return {"critical": "danger", "high": "warning", "medium": "info", "low": "success"}[self.value]


class MovementKind(models.TextChoices):
    NEW = "new", "New item"
    UNCHANGED = "unchanged", "Unchanged"
    INCREASED = "increased", "Increased"
    REDUCED = "reduced", "Reduced"
    CLOSED = "closed", "Closed"

    @property
    def colour(self) -> str:
        return {
            "new": "primary",
            "unchanged": "secondary",
            "increased": "danger",
            "reduced": "success",
            "closed": "dark",
        }[self.value]


LIKELIHOODS = range(1, 6)
IMPACTS = range(1, 7)

# An issue has happened: it is scored as certain (the top likelihood row) at its impact.
ISSUE_LIKELIHOOD = max(LIKELIHOODS)
