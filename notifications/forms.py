from django import forms

from notifications.choices import Frequency, Kind
from programme.models import GovernanceGroup


class PreferencesForm(forms.Form):
    """One choice per kind: immediately, daily digest, weekly digest or off."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Frequency.choices, initial=current[kind.value]
            )


class FollowGroupForm(forms.Form):
    group = forms.ModelChoiceField(
        label="Follow a group",
        queryset=GovernanceGroup.objects.filter(active=True).order_by("level", "code"),
        to_field_name="code",
        empty_label="Choose a group",
        error_messages={"invalid_choice": "Choose one of the programme's active groups."},
    )
