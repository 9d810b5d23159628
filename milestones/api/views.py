from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.views import RecordViewSet, parse_if_match
from core.dates import parse_moment
from milestones import selectors, services
from milestones.api.serializers import MilestoneSerializer
from milestones.filtersets import MilestoneFilterSet

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Read the milestones as they stood at the end of this date, with the RAG they had then.",
)


@extend_schema_view(list=extend_schema(parameters=[AS_OF]), retrieve=extend_schema(parameters=[AS_OF]))
class MilestoneViewSet(RecordViewSet):
    serializer_class = MilestoneSerializer
    lean_list = True
    filterset_class = MilestoneFilterSet
    lookup_field = "ref"

    def get_queryset(self):
        return selectors.milestones(self.request.user).order_by("baseline_on", "ref")

    def _as_of(self):
        raw = self.request.query_params.get("as_of")
        if raw is None:
            return None
        moment = parse_moment(raw)
        if moment is None:
            raise ValidationError({"as_of": [f"'{raw}' is not a date (YYYY-MM-DD)."]})
        return moment

    def _rewind(self, milestone_refs, moment, versions) -> list[dict]:
        """The milestones as they stood at `moment` — every field from their history, the dependencies they had
        then (those the user may see) and the RAG the rules gave them that day."""
        results = selectors.rag_on(moment.date())
        visible = set(self.get_queryset().values_list("ref", flat=True))
        data = []
        for ref in milestone_refs:
            version = versions[ref]
            then = version.record.instance
            then.rag = results[ref].rag
            representation = dict(self.get_serializer(then).data)
            representation["depends_on"] = [dep for dep in version.depends_on if dep in visible]
            data.append(representation)
        return data

    def list(self, request, *args, **kwargs):
        moment = self._as_of()
        if moment is None:
            return super().list(request, *args, **kwargs)
        versions = selectors.versions_as_of(moment)
        # Only what existed then; filters apply to today's values.
        queryset = self.filter_queryset(self.get_queryset()).filter(ref__in=versions)
        page = self.paginate_queryset(queryset)
        refs = [m.ref for m in (page if page is not None else queryset)]
        data = self._rewind(refs, moment, versions)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        moment = self._as_of()
        if moment is None:
            return super().retrieve(request, *args, **kwargs)
        milestone = self.get_object()
        versions = selectors.versions_as_of(moment)
        if milestone.ref not in versions:
            raise ValidationError({"as_of": ["The milestone did not exist yet on that date."]})
        return Response(self._rewind([milestone.ref], moment, versions)[0])

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
