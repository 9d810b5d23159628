from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.models import ModelChoiceIterator

from changes.choices import Step
from changes.models import ChangeRequest
from core.forms import RecordForm, apply_bootstrap
from meetings.choices import UPDATE_STATUSES, ActionStatus, VoteChoice
from meetings.models import Action, AgendaItem, DiscussionItem, Meeting
from programme.models import Constituency

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})


class _RefOptions(ModelChoiceIterator):
    """Options read only the refs they show and send (a record's str is its ref): a meeting page offers every CR
    twice, and a thousand model instances cost more than the page's other work."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for ref in self.queryset.values_list("ref", flat=True):
            yield (ref, ref)


class RefChoiceField(forms.ModelChoiceField):
    """Picks a record by its ref; the record chosen is read whole, as the service that takes it expects."""

    iterator = _RefOptions

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="ref", **kwargs)


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = [
            "group",
            "number",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "document_ref",
            "document_version",
            "status",
            "classification",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        if self.instance.pk:
            del self.fields["group"]
            del self.fields["number"]


class AgendaItemForm(forms.ModelForm):
    # The model's rule (at least a minute), checked as the form reads the number.
    duration_minutes = forms.IntegerField(min_value=1, max_value=32767, initial=5, label="Minutes")

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "objective", "item_type", "lead", "duration_minutes", "standing_section"]
        widgets = {"objective": forms.Textarea(attrs={"rows": 1})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class BaseAgendaFormSet(BaseInlineFormSet):
    """The agenda of one meeting; each row finds its item among those of the formset's (restricted) queryset."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()


AgendaFormSet = inlineformset_factory(
    Meeting, AgendaItem, form=AgendaItemForm, formset=BaseAgendaFormSet, extra=2, can_delete=True
)


class ActionForm(RecordForm):
    class Meta:
        model = Action
        fields = [
            "ref",
            "area",
            "description",
            "owner",
            "owner_organisation",
            "raised_on",
            "due_on",
            "due_text",
            "change_requests",
            "raid_items",
            "milestones",
            "classification",
        ]
        widgets = {"raised_on": DATE, "due_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_on"].required = False
        if self.instance.pk:
            del self.fields["ref"]
        else:
            self.fields["ref"].required = False
            self.fields["ref"].help_text = "Leave blank for the meeting's next number."


class QuickActionForm(forms.Form):
    """The live-meeting form: what is said in the room."""

    area = forms.CharField(required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField()
    due_on = forms.DateField(required=False, widget=DATE)
    due_text = forms.CharField(required=False, max_length=60, help_text='e.g. "ASAP" when there is no date')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class ActionUpdateForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Update", error_messages={"required": "Say what the update is."}
    )
    status = forms.ChoiceField(
        choices=[("", "(unchanged)")] + [(s.value, s.label) for s in UPDATE_STATUSES],
        required=False,
        error_messages={
            "invalid_choice": "An update can set open, ongoing or recommend closed; close the action at a meeting."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class ActionCloseForm(forms.Form):
    at_meeting = RefChoiceField(queryset=Meeting.objects.none(), label="Closed at")
    text = forms.CharField(required=False, label="Note")

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            group=action.meeting.group, starts_at__gte=action.meeting.starts_at
        ).order_by("-starts_at")
        apply_bootstrap(self)


class DecisionForm(forms.Form):
    area = forms.CharField(required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Decision")
    decided_by = forms.CharField(
        required=False, help_text='Blank for the group; or e.g. "Chair with delegated SRO authority".'
    )
    change_request = RefChoiceField(queryset=ChangeRequest.objects.all(), required=False, label="Change request")
    change_request_step = forms.ChoiceField(
        choices=[("", "(records the decision only)"), (Step.APPROVE, "Approve the CR"), (Step.REJECT, "Reject the CR")],
        required=False,
        label="Effect on the CR",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_request_step") and not cleaned.get("change_request"):
            self.add_error("change_request", "Choose the change request this decision approves or rejects.")
        return cleaned


class VotesForm(forms.Form):
    """One vote per constituency on one subject."""

    subject = forms.CharField(help_text='e.g. "CR018"')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.constituencies = list(Constituency.objects.order_by("position", "name"))
        for constituency in self.constituencies:
            self.fields[f"vote_{constituency.code}"] = forms.ChoiceField(
                choices=[("", "—"), *VoteChoice.choices], required=False, label=constituency.name
            )
        apply_bootstrap(self)

    def votes(self) -> list[tuple[str, str]]:
        return [
            (c.code, self.cleaned_data[f"vote_{c.code}"])
            for c in self.constituencies
            if self.cleaned_data[f"vote_{c.code}"]
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"vote_{c.code}") for c in self.constituencies):
            raise forms.ValidationError("Record at least one constituency's vote.")
        return cleaned


class DiscussionItemForm(forms.ModelForm):
    class Meta:
        model = DiscussionItem
        fields = ["area", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class HeadlineIssueForm(forms.Form):
    issued_on = forms.DateField(widget=DATE, label="Issued on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class HeadlineApproveForm(forms.Form):
    """At this meeting, approve an earlier meeting's issued headline report."""

    meeting = RefChoiceField(queryset=Meeting.objects.none(), label="Headline report of")
    with_amendments = forms.BooleanField(required=False)
    by_correspondence = forms.BooleanField(required=False)

    def __init__(self, *args, at_meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            group=at_meeting.group, starts_at__lt=at_meeting.starts_at, headline_status="issued"
        ).order_by("-starts_at")
        apply_bootstrap(self)


class VoteRoundOpenForm(forms.Form):
    """The chair opens a vote at the meeting, or by correspondence until a set time."""

    subject = forms.CharField(
        required=False, max_length=100, help_text='e.g. "CR018"; blank for the change request\'s ref.'
    )
    change_request = RefChoiceField(queryset=ChangeRequest.objects.all(), required=False, label="Change request")
    by_correspondence = forms.BooleanField(required=False, label="By correspondence")
    closes_at = forms.DateTimeField(
        required=False, widget=DATETIME, label="Closes at", help_text="Blank: you close it at the meeting."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("subject") and not cleaned.get("change_request"):
            self.add_error("subject", "Say what is voted on, or choose the change request.")
        return cleaned


class VoteRoundCloseForm(forms.Form):
    record_decision = forms.BooleanField(required=False, label="Record the decision with the tally")
    decision_text = forms.CharField(
        required=False, label="Decision", help_text='Blank for e.g. "CR018 approved by correspondence".'
    )
    area = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)


class VoteCastForm(forms.Form):
    vote = forms.ChoiceField(
        choices=[(c.value, c.label) for c in (VoteChoice.APPROVE, VoteChoice.REJECT, VoteChoice.ABSTAIN)],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose Approve, Reject or Abstain."},
    )


class OwnerUpdateForm(forms.Form):
    """An action's owner reports progress; the group closes it at its next meeting."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="Update", error_messages={"required": "Say what the update is."}
    )
    recommend_closed = forms.BooleanField(required=False, label="Recommend closed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_bootstrap(self)

    def status(self) -> str:
        return ActionStatus.RECOMMEND_CLOSED if self.cleaned_data["recommend_closed"] else ActionStatus.ONGOING
