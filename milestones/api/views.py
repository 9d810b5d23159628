from django.db import transaction

from core.api.views import RecordViewSet, parse_if_match
from milestones import selectors, services
from milestones.api.serializers import MilestoneSerializer
from milestones.filtersets import MilestoneFilterSet


class MilestoneViewSet(RecordViewSet):
    """As of a moment (`?as_of=`) each milestone reads as it stood, with the dependencies it had and the RAG the
    rules gave it then (core.clock, with the RAG milestones registers for it)."""

    serializer_class = MilestoneSerializer
    lean_list = True
    filterset_class = MilestoneFilterSet
    lookup_field = "ref"

    def get_queryset(self):
        return selectors.milestones(self.request.user).order_by("baseline_on", "ref")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("baseline_change_reference", None)
        serializer.instance = services.milestone_create(
            actor=self.request.user, depends_on=data.pop("depends_on", []), **data
        )
        # The RAG was recomputed after commit (eagerly without a broker); with a worker it may still be on its way.
        serializer.instance.refresh_from_db()

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with transaction.atomic():
            serializer.instance = services.milestone_update(
                milestone=serializer.instance,
                actor=self.request.user,
                expected_version=parse_if_match(self.request.headers.get("If-Match")),
                depends_on=data.pop("depends_on", None),
                **data,
            )
        serializer.instance.refresh_from_db()
