from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import VersionedModel
from programme.choices import GroupLevel


class Constituency(VersionedModel):
    """The seat a member or respondent speaks for, e.g. Large Supplier, DNO, Independent Agent."""

    code = models.SlugField(max_length=40, unique=True, help_text="Short code, e.g. LARGE_SUPPLIER.")
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order of the seat in tallies and tables, as the papers list them."
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "constituencies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:constituency-detail", args=[self.code])


class Organisation(VersionedModel):
    """A programme party: the population an impact assessment is sent to."""

    name = models.CharField(max_length=200, unique=True)
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="organisations")
    active = models.BooleanField(default=True, help_text="Inactive parties are kept for history, not asked.")
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:organisation-detail", args=[self.pk])


class GovernanceGroup(VersionedModel):
    """A forum of the programme's governance (PSG, DAG, CCAG, a working group), with its place in the tree."""

    code = models.SlugField(max_length=20, unique=True, help_text="As the papers write it, e.g. DAG.")
    name = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(choices=GroupLevel.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    chair = models.CharField(max_length=200, blank=True, help_text="Who chairs it (a role is enough).")
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["level", "code"]
        permissions = [
            # Hung here because Django permissions need a model; it is programme-wide, checked by every
            # register's read scoping.
            ("view_restricted", "Can view records classified Restricted"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        # The group's page is composed at the top layer (dashboards) from every register.
        return reverse("dashboards:group", args=[self.code])

    def clean(self):
        if self.pk is not None and self.level is not None:
            lower = self.children.filter(level__lte=self.level).values_list("code", flat=True)
            if lower:
                raise ValidationError(
                    {"level": f"Sub-groups {', '.join(lower)} must stay below this group; move them first."}
                )
        if self.parent_id is None:
            return
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A group cannot sit under itself or one of its own subgroups."})
            ancestor = ancestor.parent
        if self.level is not None and self.parent.level >= self.level:
            raise ValidationError(
                {"parent": f"The parent must sit at a higher level than {GroupLevel(self.level).label}."}
            )


class Profile(models.Model):
    """Where a signed-in person sits in the programme: the party they answer impact assessments for."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    def __str__(self):
        return f"{self.user} ({self.organisation or 'no organisation'})"
