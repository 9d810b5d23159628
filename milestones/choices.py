from django.db import models


class Rag(models.TextChoices):
    """RAG status, worst first (roll-ups take the worst of their milestones)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"

    @property
    def colour(self) -> str:
        return {"red": "danger", "amber": "warning", "green": "success", "complete": "primary"}[self.value]

    @property
    def hex(self) -> str:
        """The colour in charts (the badge colours, for SVG and print)."""
        return {"red": "#dc3545", "amber": "#ffc107", "green": "#198754", "complete": "#0d6efd"}[self.value]

    @property
    def severity(self) -> int:
        return {"red": 3, "amber": 2, "green": 1, "complete": 0}[self.value]


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"

    @property
    def colour(self) -> str:
        return {"not_started": "light", "in_progress": "info", "complete": "primary"}[self.value]


class Tier(models.IntegerChoices):
    PROGRAMME = 1, "Tier 1 — programme"
    TIER_2 = 2, "Tier 2"
    TIER_3 = 3, "Tier 3"

    @property
    def colour(self) -> str:
        return {1: "dark", 2: "secondary", 3: "light"}[self.value]


def worst(rags) -> str | None:
    """The worst of some RAG values (a forum's, a workstream's, the programme's); None when there are none."""
    rags = [Rag(value) for value in rags if value]
    return max(rags, key=lambda rag: rag.severity).value if rags else None
