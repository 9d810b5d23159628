from django.db import models


class GroupLevel(models.IntegerChoices):
    """Tiers of the programme's governance, as the papers number them."""

    AUTHORITY = 1, "Level 1 — programme authority"
    STEERING = 2, "Level 2 — steering"
    ADVISORY = 3, "Level 3 — advisory"
    WORKING = 4, "Level 4 — working group"

    @property
    def colour(self) -> str:
        return {1: "dark", 2: "primary", 3: "info", 4: "secondary"}[self.value]
