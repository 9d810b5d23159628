from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from core.history import History
from core.models import ClassifiedModel, VersionedModel
from milestones.choices import MilestoneStatus, Rag, Tier
from milestones.rag import Snapshot
from milestones.refs import REF_PATTERN, parse_ref
from programme.models import GovernanceGroup


class Milestone(VersionedModel, ClassifiedModel):
    """A programme (M10) or workstream (T3-DB-0153) milestone with its baseline, forecast and actual dates.

    `rag` is stored by milestones.tasks.recompute_rag for fast lists and filters; it is derived, so it is kept
    out of the history. Baseline changes carry the approved CR or decision that allowed them."""

    ref = models.CharField(
        max_length=30,
        unique=True,
        validators=[RegexValidator(REF_PATTERN, "A milestone ref looks like M10 or T3-DB-0153.")],
    )
    tier = models.PositiveSmallIntegerField(choices=Tier.choices, db_index=True)
    workstream = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    title = models.CharField(max_length=255)
    forum = models.ForeignKey(GovernanceGroup, on_delete=models.PROTECT, related_name="milestones")
    responsible = models.CharField(max_length=200, blank=True)
    baseline_on = models.DateField("baseline date", null=True, blank=True)
    forecast_on = models.DateField("forecast date", null=True, blank=True)
    actual_on = models.DateField("actual date", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED, db_index=True
    )
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependents", verbose_name="depends on"
    )
    commentary = models.TextField(blank=True)
    baseline_change_reference = models.CharField(
        max_length=30,
        blank=True,
        help_text="The approved change request (e.g. CR055) or decision (e.g. PSG-DEC12) behind the last "
        "baseline change.",
    )
    rag_override = models.CharField("RAG override", max_length=8, choices=Rag.choices, blank=True)
    rag_override_reason = models.CharField("override reason", max_length=255, blank=True)
    rag_override_until = models.DateField("override until", null=True, blank=True)
    rag = models.CharField("RAG", max_length=8, choices=Rag.choices, blank=True, db_index=True, editable=False)
    history = History(excluded_fields=["version", "rag"], m2m_fields=[depends_on])

    class Meta:
        ordering = ["tier", "baseline_on", "ref"]
        # The register's order and the API's (by date): both read the first page straight from an index.
        indexes = [
            models.Index(fields=["tier", "baseline_on", "ref"], name="milestone_register_order"),
            models.Index(fields=["baseline_on", "ref"], name="milestone_date_order"),
        ]

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("milestones:detail", args=[self.ref])

    def save(self, *args, **kwargs):
        # The workstream is part of the ref: derived, never typed.
        self.workstream = parse_ref(self.ref)[1]
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "workstream"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        tier_from_ref = parse_ref(self.ref or "")[0]
        if tier_from_ref is not None and self.tier is not None and self.tier != tier_from_ref:
            errors["tier"] = f"{self.ref} is a tier {tier_from_ref} milestone by its ref."
        if self.rag_override and not self.rag_override_reason.strip():
            errors["rag_override_reason"] = "Say why the RAG is overridden."
        if self.actual_on and self.status != MilestoneStatus.COMPLETE:
            errors["status"] = "A milestone with an actual date is complete."
        if errors:
            raise ValidationError(errors)

    def snapshot(self, depends_on: tuple[str, ...] = ()) -> Snapshot:
        return Snapshot.of(self, depends_on)
