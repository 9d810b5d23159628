from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.views import RecordViewSet, parse_if_match
from core.history import as_of_queryset, instance_of, versions_at
from raid import selectors, services
from raid.api.serializers import RaidItemSerializer
from raid.filtersets import RaidItemFilterSet
from raid.models import RaidItem
from raid.scoring import load_scoring

SINCE = OpenApiParameter(
    "since",
    OpenApiTypes.STR,
    description="A date or ISO 8601 date-time: each item gains `movement` (kind, from, to, text) since then.",
)


@extend_schema_view(list=extend_schema(parameters=[SINCE]), retrieve=extend_schema(parameters=[SINCE]))
class RaidItemViewSet(RecordViewSet):
    serializer_class = RaidItemSerializer
    lean_list = True
    filterset_class = RaidItemFilterSet
    lookup_field = "ref"

    def get_queryset(self):
        return selectors.raid_items(self.request.user).order_by("-score", "ref")

    def get_serializer_context(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation: no request, and maybe no database; bands are not needed to describe the fields.
            return super().get_serializer_context()
        return {**super().get_serializer_context(), "scoring": load_scoring()}

    def _with_movements(self, items):
        """Serialises `items`, adding movement when ?since= was given: one history query for all of them."""
        since = self.filterset_since()
        context = self.get_serializer_context()
        if since is not None:
            context["movements"] = selectors.movements(items, since)
        return self.get_serializer_class()(items, many=True, context=context).data

    def filterset_since(self):
        filterset = RaidItemFilterSet(self.request.query_params, queryset=RaidItem.objects.none())
        return filterset.form.cleaned_data.get("since") if filterset.is_valid() else None

    def lean_list_applies(self) -> bool:
        # Movement is shown only when ?since= is asked; the full path reads (and validates) it.
        return super().lean_list_applies() and "since" not in self.request.query_params

    def list(self, request, *args, **kwargs):
        if self.lean_list_applies():
            return super().list(request, *args, **kwargs)
        moment = self.as_of()
        queryset = self.filter_queryset(self.get_queryset())
        if moment is not None:
            # As of a date: each item as it stood then (movement, if asked, up to that version).
            queryset = as_of_queryset(queryset, moment).order_by("-score", "id")
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        if moment is not None:
            items = [instance_of(version) for version in items]
        data = self._with_movements(items)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        moment = self.as_of()
        item = self.get_object()
        if moment is not None:
            version = versions_at(RaidItem, moment, [item.pk]).get(item.pk)
            if version is None:
                raise ValidationError({"as_of": ["The item did not exist yet at that moment."]})
            item = instance_of(version)
        return Response(self._with_movements([item])[0])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.raid_item_create(
            actor=self.request.user,
            groups=data.pop("groups", []),
            mitigation=data.pop("mitigation_steps", []),
            **data,
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        with transaction.atomic():
            serializer.instance = services.raid_item_update(
                item=serializer.instance,
                actor=self.request.user,
                expected_version=parse_if_match(self.request.headers.get("If-Match")),
                groups=data.pop("groups", None),
                mitigation=data.pop("mitigation_steps", None),
                **data,
            )
