from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import selectors, services
from notifications.api.permissions import OwnInbox
from notifications.api.serializers import NotificationSerializer
from notifications.models import Notification


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own notifications, newest first; `?unread=true` for the unread ones only. Another
    person's notification answers 404, as one that does not exist."""

    serializer_class = NotificationSerializer
    # Everyone signed in has an inbox, whatever their role: no model permission is needed to read one's own.
    permission_classes = [OwnInbox]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema is drawn with no one signed in
            return Notification.objects.none()
        notifications = (
            Notification.objects.filter(recipient=self.request.user)
            .select_related("content_type")
            .order_by("-created_at", "-pk")
        )
        if self.request.query_params.get("unread", "").lower() in {"true", "1", "yes"}:
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        selectors.mark_unreadable(page if page is not None else queryset, self.request.user)
        return page

    def get_object(self):
        notification = super().get_object()
        selectors.mark_unreadable([notification], self.request.user)
        return notification

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None, format=None):
        notification = services.notification_mark_read(notification=self.get_object(), actor=request.user)
        return Response(self.get_serializer(notification).data)
