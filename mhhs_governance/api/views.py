from django.db import transaction
from rest_framework import mixins, viewsets

from mhhs_governance.concurrency import claim_version


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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        version = response.data.get("version") if isinstance(response.data, dict) else None
        if version is not None and self.action in {"retrieve", "update", "partial_update", "create"}:
            response["ETag"] = f'"{version}"'
        return response

    def perform_update(self, serializer):
        if not hasattr(serializer.instance, "version"):
            return super().perform_update(serializer)
        with transaction.atomic():
            claim_version(serializer.instance, parse_if_match(self.request.headers.get("If-Match")))
            serializer.save()
