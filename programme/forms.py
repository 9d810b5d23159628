from django import forms

from core.forms import RecordForm
from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencyForm(RecordForm):
    position = forms.IntegerField(
        required=False, min_value=0, initial=0, help_text="Order in tallies and tables; blank puts it first."
    )

    class Meta:
        model = Constituency
        fields = ["code", "name", "position", "description"]

    def clean_position(self):
        return self.cleaned_data["position"] or 0


class OrganisationForm(RecordForm):
    class Meta:
        model = Organisation
        fields = ["name", "constituency", "active"]


class GovernanceGroupForm(RecordForm):
    class Meta:
        model = GovernanceGroup
        fields = ["code", "name", "level", "parent", "chair", "description", "active"]
