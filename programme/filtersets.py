import django_filters

from core.filtersets import SearchFilterSet
from core.roles import CONSTITUENCY_REPRESENTATIVE, PARTY_REPRESENTATIVE
from programme.choices import GroupLevel
from programme.models import Constituency, GovernanceGroup, Organisation, Profile


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


class PersonFilterSet(SearchFilterSet):
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email", "organisation__name")

    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label="Organisation")
    grant = django_filters.ChoiceFilter(
        field_name="user__groups__name",
        choices=[
            (PARTY_REPRESENTATIVE, PARTY_REPRESENTATIVE),
            (CONSTITUENCY_REPRESENTATIVE, CONSTITUENCY_REPRESENTATIVE),
        ],
        label="Represents",
    )

    class Meta:
        model = Profile
        fields = ["organisation"]
