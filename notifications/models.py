from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from notifications.choices import DEFAULT_FREQUENCY, Channel, DeliveryStatus, Frequency, Kind
from programme.models import GovernanceGroup


class Notification(models.Model):
    """One line of a person's inbox: what happened, for them, with a link to the record.

    Written only for a reader who may read the record (notifications.recipients), and once per event and person
    (`event_key`), so an event delivered twice adds nothing."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    event_key = models.CharField(max_length=200, help_text="The event, e.g. ia_issued:12:2024-09-02:2024-09-20.")
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField("link", max_length=500, blank=True, help_text="The record's page (a path on this site).")
    # The record it is about: re-read through the gate before each email, in case it was restricted since.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="one_notification_per_event_and_person")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class Delivery(models.Model):
    """The outbox: one row per event, recipient and channel under a unique key, so a redelivered task finds the
    row it wrote and sends nothing twice. Digests gather the queued rows of a frequency into one email."""

    key = models.CharField(max_length=255, unique=True)
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    address = models.EmailField(blank=True)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.key} ({self.get_status_display()})"


class Preference(models.Model):
    """How often a person wants email of one kind; no row means the kind's default (DEFAULT_FREQUENCY)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} — {self.get_frequency_display()}"

    @staticmethod
    def default_for(kind: str) -> str:
        return DEFAULT_FREQUENCY[Kind(kind)]


class Follow(models.Model):
    """A person follows a governance group (its papers and headline reports) or one record (a CR, a meeting, an
    action)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    group = models.ForeignKey(GovernanceGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "group__code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=False, content_type__isnull=True, object_id__isnull=True)
                | Q(group__isnull=True, content_type__isnull=False, object_id__isnull=False),
                name="follow_a_group_or_a_record",
            ),
            models.UniqueConstraint(fields=["user", "group"], name="follow_a_group_once"),
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="follow_a_record_once"),
        ]

    def __str__(self):
        return f"{self.user} follows {self.group or self.record}"


class BouncedAddress(models.Model):
    """An address the mail server refused for good (5xx): nothing more is sent to it until the PMO clears it."""

    address = models.EmailField(unique=True)
    reason = models.TextField(blank=True)
    bounced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-bounced_at"]
        verbose_name_plural = "bounced addresses"

    def __str__(self):
        return self.address
