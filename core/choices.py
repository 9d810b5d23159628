from django.db import models


class Classification(models.TextChoices):
    """Document classification of a record or pack. Participants only ever see Public."""

    PUBLIC = "public", "Public"
    RESTRICTED = "restricted", "Restricted"

    @property
    def colour(self) -> str:
        return {"public": "success", "restricted": "danger"}[self.value]
