from django import forms

from core.forms import RecordForm
from milestones.models import Milestone
from programme.models import GovernanceGroup


class MilestoneForm(RecordForm):
    """Create or edit a milestone. Moving the baseline asks for the approved CR or decision behind it."""

    baseline_change_reference = forms.CharField(
        required=False,
        label="Baseline change authority",
        help_text="Required when the baseline date changes: the approved change request (CR055) or decision.",
    )

    class Meta:
        model = Milestone
        fields = [
            "ref",
            "tier",
            "title",
            "forum",
            "responsible",
            "baseline_on",
            "forecast_on",
            "actual_on",
            "status",
            "depends_on",
            "commentary",
            "rag_override",
            "rag_override_reason",
            "rag_override_until",
            "classification",
        ]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = GovernanceGroup.objects.filter(active=True)
        self.fields["tier"].required = False
        self.fields["tier"].empty_value = None
        self.fields["tier"].help_text = "Read from the ref (M10 is tier 1, T3-… tier 3) when left blank."
        if self.instance.pk:
            del self.fields["ref"]
            self.fields["depends_on"].queryset = Milestone.objects.exclude(pk=self.instance.pk)
            self.initial["baseline_change_reference"] = ""
        else:
            del self.fields["baseline_change_reference"]
