import django_filters

from changes.choices import ChangeStage, ChangeStatus, ChangeType
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from core.filtersets import SearchFilterSet
from programme.models import Constituency, GovernanceGroup, Organisation


class ChangeRequestFilterSet(SearchFilterSet):
    search_fields = ("ref", "title", "description", "latest_action", "raised_by", "change_owner")

    status = django_filters.MultipleChoiceFilter(choices=ChangeStatus.choices)
    stage = django_filters.MultipleChoiceFilter(choices=ChangeStage.choices)
    change_type = django_filters.ChoiceFilter(choices=ChangeType.choices)
    decision_body = django_filters.ModelChoiceFilter(
        queryset=GovernanceGroup.objects.all(), to_field_name="code", label="Decision body"
    )
    raised = django_filters.DateFromToRangeFilter(
        field_name="raised_on", label="Raised between", widget=django_filters.widgets.DateRangeWidget
    )
    classification = django_filters.ChoiceFilter(choices=Classification.choices)

    class Meta:
        model = ChangeRequest
        fields = ["status", "stage", "change_type", "decision_body", "raised", "classification"]


class ImpactResponseFilterSet(SearchFilterSet):
    search_fields = ("comments", "organisation__name")

    change_request = django_filters.ModelChoiceFilter(
        queryset=ChangeRequest.objects.all(), to_field_name="ref", label="Change request"
    )
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all())
    constituency = django_filters.ModelChoiceFilter(
        queryset=Constituency.objects.all(), to_field_name="code", field_name="organisation__constituency"
    )

    class Meta:
        model = ImpactResponse
        fields = ["change_request", "organisation", "constituency", "response"]
