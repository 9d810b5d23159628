from django.db import transaction
from rest_framework import mixins, viewsets

from mhhs_governance.concurrency import claim_version
from mhhs_governance.models import VersionedModel


def parse_if_match(header: str | None) -> int | None:
    """The version named by an If-Match header ("3", W/"3"); None when absent or not one of ours."""
    if not header:
        return None
    tag = header.strip().removeprefix("W/").strip('"')
    return int(tag) if tag.isdigit() else None


class RecordViewSet(
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

    def perform_update(self, serializer):
        if not isinstance(serializer.instance, VersionedModel):
            return super().perform_update(serializer)
        with transaction.atomic():
            claim_version(serializer.instance, parse_if_match(self.request.headers.get("If-Match")))
            serializer.save()
