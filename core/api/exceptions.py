from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.concurrency import StaleEditError
from core.exceptions import WorkflowError


def exception_handler(exc, context):
    """DRF's handler, plus the project's refusals, instead of a 500: a stale write answers 412, a workflow
    step that is not allowed 400 with the reason (under its field, or `detail`), and a model validation error
    400 with its field messages."""
    if isinstance(exc, StaleEditError):
        return Response({"detail": exc.message}, status=status.HTTP_412_PRECONDITION_FAILED)
    if isinstance(exc, WorkflowError):
        return Response({exc.field or "detail": [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
