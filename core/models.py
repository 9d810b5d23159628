"""Abstract bases shared by every register, the counters behind generated refs, and the kept readings of
spreadsheet wordings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.choices import Classification
from core.concurrency import claim_version
from core.dates import out_of_range
from core.records import stamp
from core.restriction import RestrictedManager, system_work


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


def at_least_as_restricted(stated: str | None, *sources) -> str:
    """The classification rule, once: a record is at least as restricted as every record it takes its
    classification from (its meeting, the CR it decides). A blank statement inherits; Public never loosens."""
    if any(source is not None and source.classification == Classification.RESTRICTED for source in sources):
        return Classification.RESTRICTED
    return stated or Classification.PUBLIC


class GatedModel(models.Model):
    """A record read through the gate (core.restriction): its default manager restricts for a reader, and the
    classifications named in `restricted_through` hide it from Participants. Writing one, and Django's own
    uniqueness and constraint checks, must see every row: system work."""

    objects = RestrictedManager()
    restricted_through = ("classification",)

    class Meta:
        abstract = True

    @system_work()
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)

    @system_work()
    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)

    @system_work()
    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude)


class ClassifiedModel(GatedModel):
    """A record Participants may not read when Restricted. Subclasses name the records they take their
    classification from (`classification_sources`) and those that take it from them (`classification_dependents`);
    saving applies the rule both ways, whichever path the write came by (form, API, import, admin, demo)."""

    classification = models.CharField(
        max_length=12, choices=Classification.choices, default=Classification.PUBLIC, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        inherited = at_least_as_restricted(self.classification, *self.classification_sources())
        if inherited != self.classification:
            self.classification = inherited
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "classification"}
        super().save(*args, **kwargs)
        if self.classification == Classification.RESTRICTED:
            self._restrict_dependents()

    def classification_sources(self) -> tuple:
        return ()

    def classification_dependents(self) -> tuple:
        """Querysets of the records that take their classification from this one."""
        return ()

    def clean_fields(self, exclude=None):
        # Before the choices check, so a blank classification reads as "inherit".
        self.classification = at_least_as_restricted(self.classification, *self.classification_sources())
        super().clean_fields(exclude)

    def _restrict_dependents(self) -> None:
        for dependents in self.classification_dependents():
            for dependent in dependents.exclude(classification=Classification.RESTRICTED):
                dependent.classification = Classification.RESTRICTED
                stamp(dependent, getattr(self, "_history_user", None), f"Restricted with {self}")
                fields = ["classification"]
                if isinstance(dependent, VersionedModel):
                    claim_version(dependent)
                    fields.append("version")
                dependent.save(update_fields=fields)


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


class ChoiceMapping(models.Model):
    """How the PMO reads a wording a register's spreadsheets use for one of its choices ("Awaiting Board sign-off"
    in the Change Control Log's stage column means Awaiting approval decision): kept once, used by every later
    import of that register. Reference data, written by core.vocabulary.remember_mapping and the admin."""

    kind = models.CharField(max_length=40, help_text="The register, as import_register names it: change-requests.")
    column = models.CharField(max_length=60, help_text="The column's key, e.g. stage.")
    value = models.CharField(max_length=255, help_text="The wording, lower case without punctuation.")
    choice = models.CharField(max_length=60, help_text="The choice it means (its code).")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "column", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "column", "value"], name="choice_mapping_once_per_wording"),
        ]

    def __str__(self):
        return f"{self.kind} {self.column}: '{self.value}' → {self.choice}"
