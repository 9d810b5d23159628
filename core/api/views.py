import datetime

from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core import clock
from core.api.lean import CountedRows, LeanListMixin, build_as_of_plan
from core.concurrency import claim_version
from core.dates import out_of_range
from core.models import VersionedModel


def parse_if_match(header: str | None) -> int | None:
    """The version named by an If-Match header ("3", W/"3"); None when absent or "*" (any version). A tag that
    is none of our versions reads as 0, which no record has, so the write is refused with 412 as HTTP asks."""
    if not header or header.strip() == "*":
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    return int(tag) if tag.isdigit() else 0


def refuse_dates_out_of_range(data: dict) -> None:
    """400 for a date outside the programme's years, as the model's own checks answer on every other path."""
    errors = {
        name: [refusal]
        for name, value in data.items()
        if isinstance(value, datetime.date) and (refusal := out_of_range(value))
    }
    if errors:
        raise ValidationError(errors)


def moment_param(request, name: str = clock.AS_OF) -> datetime.datetime | None:
    """`?<name>=` read by the clock for the request's user; 400 naming the parameter when it names no moment."""
    try:
        return clock.moment(request.query_params.get(name), user=request.user, param=name)
    except clock.MomentError as unreadable:
        raise ValidationError({name: [unreadable.message]}) from None


class VersionRows(CountedRows):
    """The rows of a list as of a moment, counted and paged by the clock: a kept picking of every record is
    counted without a query, and paged by the page's own versions."""

    def count(self) -> int:
        return clock.count(self.queryset)

    def __getitem__(self, index):
        return clock.page(self.rows, self.queryset, index)


class AsOfMixin:
    """`?as_of=` on list and retrieve: the records as they stood then, read by the clock. Filters select by the
    values then, through the same FilterSet (and queryset) the register's page uses."""

    def as_of(self) -> datetime.datetime | None:
        return moment_param(self.request)

    def list(self, request, *args, **kwargs):
        moment = self.as_of()
        if moment is None:
            return super().list(request, *args, **kwargs)
        queryset = self.get_queryset()
        versions = self._filtered_as_of(queryset, moment)
        if getattr(self, "lean_list_applies", lambda: False)():
            plan = build_as_of_plan(self.get_serializer(), queryset, versions, request.user)
            rows = VersionRows(plan.rows(versions), versions)
            page = self.paginate_queryset(rows)
            data = plan.render(page if page is not None else rows)
            return self.get_paginated_response(data) if page is not None else Response(data)
        page = self.paginate_queryset(versions)
        records = clock.records_as_of(page if page is not None else versions, request.user, queryset)
        data = self.get_serializer(records, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _filtered_as_of(self, queryset, moment):
        """The versions the register's own FilterSet selects, as it would on the page."""
        backend = next((b() for b in self.filter_backends if issubclass(b, DjangoFilterBackend)), None)
        filterset_class = backend.get_filterset_class(self, queryset) if backend else None
        if filterset_class is None:
            return clock.as_of_queryset(queryset, moment)
        filterset = clock.as_of_filterset(filterset_class, self.request.query_params, queryset, moment, self.request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.qs

    def retrieve(self, request, *args, **kwargs):
        moment = self.as_of()
        if moment is None:
            return super().retrieve(request, *args, **kwargs)
        record = self.get_object()
        queryset = self.get_queryset()
        version = clock.as_of_queryset(queryset.filter(pk=record.pk), moment).first()
        if version is None:
            raise ValidationError({clock.AS_OF: ["The record did not exist yet at that moment."]})
        return Response(self.get_serializer(clock.records_as_of([version], request.user, queryset)[0]).data)


class RecordViewSet(
    AsOfMixin,
    LeanListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; no DELETE, since records are archived rather than removed.

    Versioned records carry an ETag (their version); PUT / PATCH with a stale If-Match answer 412.
    Without If-Match the write is checked against the version read at the start of the request."""

    def get_serializer(self, *args, **kwargs):
        # Remembered so the response can carry the ETag of the record it shows (its row version, which a
        # serializer may not expose under that name: a meeting's "version" is its document version).
        self.shown_serializer = super().get_serializer(*args, **kwargs)
        return self.shown_serializer

    def get_object(self):
        self.shown_record = super().get_object()
        return self.shown_record

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        record = getattr(getattr(self, "shown_serializer", None), "instance", None)
        if not isinstance(record, VersionedModel):
            record = getattr(self, "shown_record", None)
        if isinstance(record, VersionedModel) and self.action in {"retrieve", "update", "partial_update", "create"}:
            response["ETag"] = f'"{record.version}"'
        return response

    def perform_create(self, serializer):
        refuse_dates_out_of_range(serializer.validated_data)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        refuse_dates_out_of_range(serializer.validated_data)
        if not isinstance(serializer.instance, VersionedModel):
            return super().perform_update(serializer)
        with transaction.atomic():
            claim_version(serializer.instance, parse_if_match(self.request.headers.get("If-Match")))
            serializer.save()
