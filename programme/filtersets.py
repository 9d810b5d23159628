import django_filters

from core.filtersets import SearchFilterSet
from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation


class ConstituencyFilterSet(SearchFilterSet):
    search_fields = ("code", "name", "description")

    class Meta:
        model = Constituency
        fields = ["code"]


class OrganisationFilterSet(SearchFilterSet):
    search_fields = ("name", "constituency__name")

    constituency = django_filters.ModelChoiceFilter(
        queryset=Constituency.objects.all(), to_field_name="code", label="Constituency"
    )

    class Meta:
        model = Organisation
        fields = ["constituency", "active"]


class GovernanceGroupFilterSet(SearchFilterSet):
    search_fields = ("code", "name", "description", "chair")

    level = django_filters.ChoiceFilter(choices=GroupLevel.choices)
    parent = django_filters.ModelChoiceFilter(
        queryset=GovernanceGroup.objects.all(), to_field_name="code", label="Parent group"
    )

    class Meta:
        model = GovernanceGroup
        fields = ["level", "parent", "active"]
