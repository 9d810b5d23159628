from core.api.views import RecordViewSet
from programme import selectors
from programme.api.serializers import (
    ConstituencySerializer,
    GovernanceGroupSerializer,
    OrganisationSerializer,
)
from programme.filtersets import ConstituencyFilterSet, GovernanceGroupFilterSet, OrganisationFilterSet


class ConstituencyViewSet(RecordViewSet):
    queryset = selectors.constituencies().order_by("name")
    serializer_class = ConstituencySerializer
    filterset_class = ConstituencyFilterSet
    lookup_field = "code"


class OrganisationViewSet(RecordViewSet):
    queryset = selectors.organisations().order_by("name")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet


class GovernanceGroupViewSet(RecordViewSet):
    queryset = selectors.governance_groups().order_by("level", "code")
    serializer_class = GovernanceGroupSerializer
    filterset_class = GovernanceGroupFilterSet
    lookup_field = "code"
