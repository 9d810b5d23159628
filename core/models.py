"""Abstract bases shared by every register, and the counters behind generated refs."""

from django.core.exceptions import ValidationError
from django.db import models

from core.choices import Classification
from core.dates import out_of_range


class VersionedModel(models.Model):
    """Carries a version number bumped by every write, so a stale edit can be detected and refused
    (see core.concurrency)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Field checks, and every date within the years a programme plan can mean: a typo such as 9999 would
        otherwise be stored and break every calendar sum made with it."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.DateField) or field.name in (exclude or ()) or field.name in errors:
                continue
            refusal = out_of_range(getattr(self, field.attname))
            if refusal:
                errors[field.name] = [ValidationError(refusal)]
        if errors:
            raise ValidationError(errors)


class ClassifiedModel(models.Model):
    classification = models.CharField(
        max_length=12, choices=Classification.choices, default=Classification.PUBLIC, db_index=True
    )

    class Meta:
        abstract = True


class RefCounter(models.Model):
    """The last number handed out per ref series (e.g. "CR", "R", "DAG26-"), so refs are never reused
    even if the highest record is renamed, and concurrent creators queue on the row lock."""

    series = models.CharField(max_length=40, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        # Created by the project package before the kernel was split out of it; the table keeps its name.
        db_table = "mhhs_governance_refcounter"

    def __str__(self):
        return f"{self.series}: {self.last}"
