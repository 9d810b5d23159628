from django import forms

from changes.choices import ImpactResponseChoice, Sharing, Step
from changes.models import ChangeRequest, ImpactResponse
from core.forms import RecordForm, apply_bootstrap
from programme.models import GovernanceGroup, Organisation

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ChangeRequestForm(RecordForm):
    """Raise or edit a CR. Status, stage, latest action and the IA and decision dates are not here: they
    change only through the lifecycle steps."""

    class Meta:
        model = ChangeRequest
        fields = [
            "ref",
            "title",
            "description",
            "raised_by",
            "raiser_organisation",
            "change_type",
            "raised_on",
            "decision_body",
            "ia_constituencies",
            "implementation_target",
            "implementation_milestone",
            "change_owner",
            "mutually_exclusive_with",
            "classification",
        ]
        widgets = {"raised_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A ref is the CR's identity once raised.
            del self.fields["ref"]
            self.fields["mutually_exclusive_with"].queryset = ChangeRequest.objects.exclude(pk=self.instance.pk)
        else:
            self.fields["ref"].required = False
            self.fields[
                "ref"
            ].help_text = "Leave blank to generate the next CR number; give one to enter an existing CR."
            self.fields["raised_on"].required = False
        self.fields["raiser_organisation"].queryset = Organisation.objects.filter(active=True)


# The inputs each step asks for, beyond the button itself.
STEP_FIELDS = {
    Step.ISSUE_IA: ("ia_opens_on", "ia_closes_on"),
    Step.REOPEN_IA: ("ia_closes_on",),
    Step.APPROVE: ("decision_body", "decided_on", "reason"),
    Step.REJECT: ("decision_body", "decided_on", "reason"),
    Step.WITHDRAW: ("reason",),
    Step.HOLD: ("reason",),
}


class TransitionForm(forms.Form):
    """The inputs of one lifecycle step, and the version of the CR the page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    ia_opens_on = forms.DateField(required=False, widget=DATE, label="IA opens")
    ia_closes_on = forms.DateField(required=False, widget=DATE, label="IA closes")
    decision_body = forms.ModelChoiceField(
        queryset=GovernanceGroup.objects.filter(active=True), required=False, to_field_name="code"
    )
    decided_on = forms.DateField(required=False, widget=DATE, label="Decided on")
    reason = forms.CharField(required=False, max_length=200, label="Reason / note")

    def __init__(self, *args, step: str, **kwargs):
        # The page shows one form per step: ids unique to the step, so each label names its own field.
        kwargs.setdefault("auto_id", f"{step}-%s")
        super().__init__(*args, **kwargs)
        self.step = step
        wanted = {"version", *STEP_FIELDS.get(step, ())}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if "ia_closes_on" in self.fields:
            self.fields["ia_closes_on"].required = True
        apply_bootstrap(self)


class ImpactResponseForm(forms.Form):
    """An organisation's answer to an impact assessment. The PMO pick the party they enter it for; a party
    representative answers for their own (the page shows no organisation field), pre-filled with their current
    answer."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    response = forms.ChoiceField(choices=ImpactResponseChoice.choices, widget=forms.RadioSelect)
    cost_impact = forms.CharField(required=False, max_length=255, label="Cost impact")
    time_impact = forms.CharField(required=False, max_length=255, label="Time impact")
    systems_impact = forms.CharField(required=False, max_length=255, label="Systems impact")
    impact_detail = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Impact detail")
    comments = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    shared = forms.ChoiceField(
        choices=Sharing.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Who may read the comments and impacts",
        help_text="The tally counts every answer either way.",
    )
    # The answer's version the page showed: a revision over someone else's newer one is refused.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, change_request: ChangeRequest, own_party: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(active=True).select_related("constituency")
        if own_party:
            # Implied from their profile; one they name is checked by the service (another party's: 403).
            self.fields["organisation"].required = False
        elif invited := change_request.ia_constituencies.all():
            organisations = organisations.filter(constituency__in=invited)
        self.fields["organisation"].queryset = organisations.order_by("constituency__position", "name")
        apply_bootstrap(self)
        for name in ("response", "shared"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    @classmethod
    def for_answer(cls, answer: ImpactResponse | None, **kwargs) -> "ImpactResponseForm":
        """The representative's form, showing their party's current answer to revise (or the defaults)."""
        fields = ("response", "cost_impact", "time_impact", "systems_impact", "impact_detail", "comments", "shared")
        initial = {"shared": Sharing.PMO_ONLY}
        if answer is not None:
            initial = {name: getattr(answer, name) for name in fields} | {"version": answer.version}
        return cls(initial=initial, own_party=True, **kwargs)

    def clean_shared(self):
        # Left out, an answer keeps its sharing (a new one is for the PMO only).
        return self.cleaned_data["shared"] or None
