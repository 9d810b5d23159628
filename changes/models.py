from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from changes.choices import ChangeStage, ChangeStatus, ChangeType, ImpactResponseChoice, Sharing
from core.history import History
from core.models import ClassifiedModel, GatedModel, VersionedModel
from programme.models import Constituency, GovernanceGroup, Organisation

CR_REF_PATTERN = r"CR\d{3,}"


class ChangeRequest(VersionedModel, ClassifiedModel):
    """A programme change request (CR054) and where it stands in change control.

    Status, stage and latest action are written only by changes.services transitions."""

    ref = models.CharField(
        max_length=12,
        unique=True,
        validators=[RegexValidator(rf"^{CR_REF_PATTERN}$", "A CR ref is CR followed by at least three digits.")],
        help_text="Generated (CR055) unless an existing ref is imported.",
    )
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    raised_by = models.CharField("raiser", max_length=200, blank=True, help_text="Person raising the change.")
    raiser_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="raised_change_requests"
    )
    change_type = models.CharField(max_length=30, choices=ChangeType.choices, default=ChangeType.FULL_IMPACT_ASSESSMENT)
    status = models.CharField(
        "approval status", max_length=12, choices=ChangeStatus.choices, default=ChangeStatus.OPEN, db_index=True
    )
    stage = models.CharField(
        "current stage", max_length=20, choices=ChangeStage.choices, default=ChangeStage.RAISED, db_index=True
    )
    latest_action = models.CharField(max_length=255, blank=True)
    decision_body = models.ForeignKey(
        GovernanceGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_change_requests",
        help_text="The group, Change Board, SRO or Ofgem that decides (or decided) it.",
    )
    raised_on = models.DateField(null=True, blank=True)
    ia_opens_on = models.DateField("IA opens", null=True, blank=True)
    ia_closes_on = models.DateField("IA closes", null=True, blank=True)
    ia_constituencies = models.ManyToManyField(
        Constituency,
        blank=True,
        related_name="+",
        verbose_name="IA constituencies",
        help_text="Constituencies invited to the impact assessment; none selected means every programme party.",
    )
    decided_on = models.DateField(null=True, blank=True)
    implementation_target = models.CharField(
        max_length=100, blank=True, help_text='Release or milestone, e.g. "IR8.1 June-24" or "M6 (Aug-24)".'
    )
    implementation_milestone = models.CharField(
        max_length=30, blank=True, help_text="Ref of the milestone implementing it, e.g. M6 or T2-RE-0600."
    )
    change_owner = models.CharField(max_length=200, blank=True)
    mutually_exclusive_with = models.ManyToManyField(
        "self", blank=True, symmetrical=True, help_text="Approving this CR rejects these."
    )
    history = History(excluded_fields=["version"], m2m_fields=[mutually_exclusive_with, ia_constituencies])

    class Meta:
        ordering = ["-ref"]
        verbose_name = "change request"

    def __str__(self):
        return self.ref

    def get_absolute_url(self):
        return reverse("changes:detail", args=[self.ref])

    def classification_dependents(self):
        # The decisions that name it (the meetings app's reverse relation: no import of that app here).
        return (self.decisions.all(),) if hasattr(self, "decisions") else ()

    def clean(self):
        if self.ia_opens_on and self.ia_closes_on and self.ia_closes_on < self.ia_opens_on:
            raise ValidationError({"ia_closes_on": "The impact assessment cannot close before it opens."})

    @property
    def is_undecided(self) -> bool:
        return self.status in {ChangeStatus.OPEN, ChangeStatus.ON_HOLD}


class ImpactResponse(VersionedModel, GatedModel):
    """One organisation's answer to a CR's impact assessment; a second answer revises the first (each revision
    stays in the history). Given by the party's representative, or entered by the PMO on its behalf."""

    change_request = models.ForeignKey(ChangeRequest, on_delete=models.PROTECT, related_name="impact_responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="impact_responses")
    response = models.CharField(max_length=10, choices=ImpactResponseChoice.choices)
    # The programme's IA form asks for the cost, time and systems impact, then the detail.
    cost_impact = models.CharField(max_length=255, blank=True)
    time_impact = models.CharField(max_length=255, blank=True)
    systems_impact = models.CharField(max_length=255, blank=True)
    impact_detail = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    shared = models.CharField(
        "sharing",
        max_length=10,
        choices=Sharing.choices,
        default=Sharing.PMO_ONLY,
        help_text="Whether other parties may read the comments and impacts; the tally counts every answer.",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_behalf = models.BooleanField(
        "entered on the party's behalf", default=False, help_text="The PMO entered it for the party."
    )
    # When the answer came in: set by the service (the day an import says, or the moment being replayed).
    responded_at = models.DateTimeField(default=timezone.now)
    restricted_through = ("change_request__classification",)
    history = History(excluded_fields=["version"])

    class Meta:
        ordering = ["organisation__name"]
        # The Party representative grant (core.roles); whether it reaches a record is changes/rules.py.
        permissions = [("respond_for_organisation", "Can answer impact assessments for their organisation")]
        constraints = [
            models.UniqueConstraint(fields=["change_request", "organisation"], name="one_response_per_organisation")
        ]

    def __str__(self):
        return f"{self.change_request.ref}: {self.organisation} — {self.get_response_display()}"
