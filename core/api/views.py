import datetime

from django.db import transaction
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.lean import LeanListMixin
from core.concurrency import claim_version
from core.dates import out_of_range, parse_moment
from core.history import as_of_queryset, instance_of, versions_at
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


class AsOfMixin:
    """`?as_of=<date or date-time>` on list and retrieve: the records as they stood then, from their history."""

    def as_of(self):
        """The moment of `?as_of=` (a date: the end of that day), None without it; 400 when unreadable."""
        raw = self.request.query_params.get("as_of")
        if raw is None:
            return None
        moment = parse_moment(raw)
        if moment is None:
            raise ValidationError({"as_of": [f"'{raw}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time."]})
        return moment

    def list(self, request, *args, **kwargs):
        moment = self.as_of()
        if moment is None:
            return super().list(request, *args, **kwargs)
        # Filters select by today's values; each record is then shown as it stood at the moment.
        versions = as_of_queryset(self.filter_queryset(self.get_queryset()), moment).order_by("id")
        page = self.paginate_queryset(versions)
        records = [instance_of(version) for version in (page if page is not None else versions)]
        data = self.get_serializer(records, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        moment = self.as_of()
        if moment is None:
            return super().retrieve(request, *args, **kwargs)
        record = self.get_object()
        version = versions_at(type(record), moment, [record.pk]).get(record.pk)
        if version is None:
            raise ValidationError({"as_of": ["The record did not exist yet at that moment."]})
        return Response(self.get_serializer(instance_of(version)).data)


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
