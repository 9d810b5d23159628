import django_filters
from django.db.models import Q

from changes.choices import ChangeStage, ChangeStatus, ChangeType, Sharing
from changes.models import ChangeRequest, ImpactResponse
from core.choices import Classification
from core.filtersets import MAX_SEARCH_TERMS, SearchFilterSet
from programme.models import Constituency, GovernanceGroup, Organisation
from programme.rules import organisation_of


class ChangeRequestFilterSet(SearchFilterSet):
    search_fields = ("ref", "title", "description", "latest_action", "raised_by", "change_owner")

    status = django_filters.MultipleChoiceFilter(choices=ChangeStatus.choices)
    stage = django_filters.MultipleChoiceFilter(choices=ChangeStage.choices)
    change_type = django_filters.ChoiceFilter(choices=ChangeType.choices)
    decision_body = django_filters.ModelChoiceFilter(
        queryset=GovernanceGroup.objects.only("id", "code"), to_field_name="code", label="Decision body"
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

    def filter_text(self, queryset, name, value):
        matched = super().filter_text(queryset, name, value)
        user = getattr(self.request, "user", None)
        if user is not None and user.has_perm("changes.change_impactresponse"):
            return matched
        # Comments kept for the PMO match only for their own party: a search must not reveal what it may not read.
        own = organisation_of(user) if user is not None else None
        by_name = Q(*(Q(organisation__name__icontains=term) for term in value.split()[:MAX_SEARCH_TERMS]))
        return matched.filter(Q(shared=Sharing.SHARED) | Q(organisation=own) | by_name)

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
