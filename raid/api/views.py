from django.db import transaction
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from core import clock
from core.api.views import RecordViewSet, moment_param, parse_if_match
from raid import selectors, services
from raid.api.serializers import RaidItemSerializer
from raid.filtersets import RaidItemFilterSet
from raid.scoring import load_bands

SINCE = OpenApiParameter(
    clock.SINCE,
    OpenApiTypes.STR,
    description="A date (its end), an ISO 8601 date-time, or a meeting ref (`PSG35`: the start of that meeting): "
    "each item gains `movement` (kind, from, to, text) since then.",
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
        return {**super().get_serializer_context(), "bands": self.bands}

    @cached_property
    def bands(self):
        # Read once per request, however many serializers (and contexts) the request builds; the matrix is not
        # needed to show an item (its score is stored).
        return load_bands()

    @cached_property
    def since(self):
        # Read once per request: a meeting ref is looked up in the database.
        return moment_param(self.request, clock.SINCE)

    def get_serializer(self, *args, **kwargs):
        """Items read (today's or as of a moment) gain their movement when `?since=` is asked: one history query
        for all of them."""
        reading = self.action in ("list", "retrieve") and not getattr(self, "swagger_fake_view", False)
        since = self.since if reading else None
        if since is not None and args:
            items = list(args[0]) if kwargs.get("many") else [args[0]]
            kwargs["context"] = {**self.get_serializer_context(), "movements": selectors.movements(items, since)}
            args = (items, *args[1:]) if kwargs.get("many") else args
        return super().get_serializer(*args, **kwargs)

    def lean_page_context(self, plan, rows) -> dict:
        if self.since is None:
            return {}
        records = plan.records(rows, id="pk", score="score", status="status")
        return {"movements": selectors.movements(records, self.since)}

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
