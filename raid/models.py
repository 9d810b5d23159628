from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F
from django.urls import reverse

from core.history import History
from core.models import ClassifiedModel, VersionedModel
from programme.models import GovernanceGroup
from raid.choices import IMPACTS, LIKELIHOODS, Band, RaidKind, RaidStatus

SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(30)]


class ScoreMatrixCell(models.Model):
    """One cell of the likelihood × impact matrix: the single source of every RAID score."""

    likelihood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(min(LIKELIHOODS)), MaxValueValidator(max(LIKELIHOODS))]
    )
    impact = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(min(IMPACTS)), MaxValueValidator(max(IMPACTS))]
    )
    # Each score appears once across the matrix; checked for the whole grid when it is edited (raid.admin),
    # since swapping two scores passes through a state a per-row unique index would refuse.
    score = models.PositiveSmallIntegerField(validators=SCORE_RANGE)
    history = History()

    class Meta:
        ordering = ["-likelihood", "impact"]
        constraints = [models.UniqueConstraint(fields=["likelihood", "impact"], name="one_score_per_cell")]

    def __str__(self):
        return f"L{self.likelihood} × I{self.impact} = {self.score}"


class ScoreBand(models.Model):
    """The score range of a band (Critical 21–30 by default)."""

    band = models.CharField(max_length=10, choices=Band.choices, unique=True)
    min_score = models.PositiveSmallIntegerField(validators=SCORE_RANGE)
    max_score = models.PositiveSmallIntegerField(validators=SCORE_RANGE)
    history = History()

    class Meta:
        ordering = ["-min_score"]

    def __str__(self):
        return f"{self.get_band_display()} {self.min_score}–{self.max_score}"

    def clean(self):
        if self.min_score is not None and self.max_score is not None and self.min_score > self.max_score:
            raise ValidationError({"max_score": "The band's top score is below its bottom score."})


class RaidTheme(VersionedModel):
    """A strategic theme of the RAID log ("SIT Execution", "M10 Readiness")."""

    name = models.CharField(max_length=100, unique=True)
    summary = models.TextField(blank=True)
    mitigation_approach = models.TextField("mitigation approach overview", blank=True)
    history = History(excluded_fields=["version"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RaidItem(VersionedModel, ClassifiedModel):
    """A risk, issue, assumption or dependency. Its score is derived from the matrix (raid.scoring) on
    every save, so the history records the score each version had."""

    ref = models.CharField(
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[RIAD]\d+$", "A RAID ref is R, I, A or D followed by a number.")],
    )
    kind = models.CharField(max_length=12, choices=RaidKind.choices, db_index=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    impact_text = models.TextField("impact", blank=True, help_text="What happens if it materialises.")
    owner = models.CharField(max_length=200, blank=True)
    theme = models.ForeignKey(RaidTheme, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    groups = models.ManyToManyField(
        GovernanceGroup, blank=True, related_name="raid_items", verbose_name="related groups"
    )
    likelihood = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(min(LIKELIHOODS)), MaxValueValidator(max(LIKELIHOODS))],
        help_text="1 (rare) to 5 (almost certain). Issues have none: they have happened.",
    )
    impact = models.PositiveSmallIntegerField(
        "impact level",
        validators=[MinValueValidator(min(IMPACTS)), MaxValueValidator(max(IMPACTS))],
        help_text="1 (minimal) to 6 (severe).",
    )
    score = models.PositiveSmallIntegerField(editable=False, db_index=True, validators=SCORE_RANGE)
    initial_score = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_RANGE)
    target_score = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_RANGE)
    status = models.CharField(max_length=8, choices=RaidStatus.choices, default=RaidStatus.OPEN, db_index=True)
    raised_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    history = History(excluded_fields=["version"], m2m_fields=[groups])

    class Meta:
        ordering = ["-score", "ref"]
        verbose_name = "RAID item"
        indexes = [models.Index(F("score").desc(), "ref", name="raid_item_score_order")]

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("raid:detail", args=[self.ref])

    def clean(self):
        errors = {}
        if self.kind and self.ref and not self.ref.startswith(RaidKind(self.kind).prefix):
            errors["ref"] = f"A {RaidKind(self.kind).label.lower()}'s ref starts with {RaidKind(self.kind).prefix}."
        if self.kind == RaidKind.ISSUE and self.likelihood is not None:
            errors["likelihood"] = "An issue has already happened: it has no likelihood."
        if self.kind and self.kind != RaidKind.ISSUE and self.likelihood is None:
            errors["likelihood"] = "Give the likelihood (1–5)."
        if self.closed_on and self.raised_on and self.closed_on < self.raised_on:
            errors["closed_on"] = "An item cannot close before it was raised."
        if errors:
            raise ValidationError(errors)


class MitigationStep(models.Model):
    """One step of an item's mitigation plan, in order."""

    item = models.ForeignKey(RaidItem, on_delete=models.CASCADE, related_name="mitigation_steps")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    history = History()

    class Meta:
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return f"{self.item.ref} step {self.position}"
