from django import forms
from django.forms import inlineformset_factory

from core.forms import RecordForm, apply_bootstrap
from raid.models import MitigationStep, RaidItem

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class RaidItemForm(RecordForm):
    """Raise or edit an item. The score is not here: it comes from the matrix."""

    class Meta:
        model = RaidItem
        fields = [
            "kind",
            "ref",
            "title",
            "description",
            "impact_text",
            "owner",
            "theme",
            "groups",
            "likelihood",
            "impact",
            "initial_score",
            "target_score",
            "status",
            "raised_on",
            "classification",
        ]
        widgets = {
            "raised_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "impact_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Identity: a risk stays R849, and does not become an issue by editing.
            del self.fields["ref"]
            del self.fields["kind"]
        else:
            self.fields["ref"].required = False
            self.fields[
                "ref"
            ].help_text = "Leave blank to generate the next number; give one to enter an existing item."
            self.fields["raised_on"].required = False


class MitigationStepForm(forms.ModelForm):
    class Meta:
        model = MitigationStep
        fields = ["text", "owner", "due_on", "done"]
        widgets = {"text": forms.Textarea(attrs={"rows": 1}), "due_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


MitigationStepFormSet = inlineformset_factory(
    RaidItem, MitigationStep, form=MitigationStepForm, extra=1, can_delete=True, can_order=False
)


def mitigation_from(formset) -> list[dict]:
    """The plan the formset describes, in page order, without deleted or empty rows."""
    return [
        {name: form.cleaned_data.get(name) for name in ("text", "owner", "due_on", "done")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
    ]
