from rest_framework import serializers

from notifications import mail
from notifications.models import Notification

UNREADABLE = "A record you can no longer read."


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = serializers.SerializerMethodField(help_text="The record's page, as an absolute URL.")
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "subject", "body", "url", "created_at", "read_at", "unread"]
        read_only_fields = fields

    def to_representation(self, notification):
        data = super().to_representation(notification)
        if getattr(notification, "unreadable", False):
            # About a record restricted since it was written: its words are not the reader's to see any more.
            data.update(subject=UNREADABLE, body="", url="")
        return data

    def get_url(self, notification) -> str:
        return mail.absolute(notification.url) if notification.url else ""

    def get_unread(self, notification) -> bool:
        return notification.read_at is None
