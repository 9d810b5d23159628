from mhhs_governance.forms import RecordForm
from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencyForm(RecordForm):
    class Meta:
        model = Constituency
        fields = ["code", "name", "description"]


class OrganisationForm(RecordForm):
    class Meta:
        model = Organisation
        fields = ["name", "constituency", "active"]


class GovernanceGroupForm(RecordForm):
    class Meta:
        model = GovernanceGroup
        fields = ["code", "name", "level", "parent", "chair", "description", "active"]
