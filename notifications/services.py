"""The one write path of notifications: the inbox, the outbox (Delivery), preferences and follows.

A notice becomes a Notification and an email Delivery under unique keys, so an event handled twice writes and
sends nothing more. Immediate deliveries are sent by a task queued after the commit; digests gather the queued
rows of a frequency into one email. A send that fails is retried with backoff up to NOTIFICATIONS_MAX_ATTEMPTS,
then marked failed for the PMO (/inbox/outbox/); an address the server refuses for good is marked bounced."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core.exceptions import WorkflowError
from core.restriction import system_work
from core.tasks import queue_after_commit
from notifications import mail, notices, selectors
from notifications.choices import DIGESTS, Channel, DeliveryStatus, Frequency, Kind
from notifications.models import BouncedAddress, Delivery, Follow, Notification, Preference

logger = logging.getLogger(__name__)


class SendLater(Exception):
    """A send failed for now; the task retries it after `countdown` seconds."""

    def __init__(self, countdown: int, reason: str):
        super().__init__(reason)
        self.countdown = countdown


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` tries: doubling from NOTIFICATIONS_RETRY_BACKOFF."""
    return settings.NOTIFICATIONS_RETRY_BACKOFF * 2 ** max(attempts - 1, 0)


def frequency_of(user, kind: str) -> str:
    stored = Preference.objects.filter(user=user, kind=kind).values_list("frequency", flat=True).first()
    return stored or Preference.default_for(kind)


def is_bounced(address: str) -> bool:
    return bool(address) and BouncedAddress.objects.filter(address__iexact=address).exists()


# --- events into the inbox and the outbox -----------------------------------------------------------------


@system_work()
def dispatch_event(kind: str, payload: dict) -> int:
    """Writes the notices of a core.events event; returns how many were new."""
    return notices_write(notices.for_event(kind, payload))


@system_work()
def remind_ia_closing(today: datetime.date | None = None) -> int:
    return notices_write(notices.ia_closing(today or timezone.localdate()))


@system_work()
def remind_actions_due(today: datetime.date | None = None) -> int:
    return notices_write(notices.actions_due(today or timezone.localdate()))


@system_work()
def notices_write(items) -> int:
    with transaction.atomic():
        return sum(notice_write(notice) for notice in items)


@system_work()
def notice_write(notice: notices.Notice) -> bool:
    """The notice in the person's inbox and their email outbox, once; True if it was new. An immediate email is
    sent by a task once this commits."""
    user = notice.user
    record = notice.record
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=user,
            event_key=notice.event_key,
            defaults={
                "kind": notice.kind,
                "subject": notice.subject[:255],
                "body": notice.body,
                "url": notice.url,
                "content_type": ContentType.objects.get_for_model(record) if record is not None else None,
                "object_id": record.pk if record is not None else None,
            },
        )
        frequency = frequency_of(user, notice.kind)
        status, reason = DeliveryStatus.QUEUED, ""
        if frequency == Frequency.OFF:
            status, reason = DeliveryStatus.SKIPPED, "Off in the person's preferences."
        elif not user.email:
            status, reason = DeliveryStatus.SKIPPED, "No email address."
        elif is_bounced(user.email):
            status, reason = DeliveryStatus.SKIPPED, f"{user.email} bounced."
        delivery, new = Delivery.objects.get_or_create(
            key=f"{notice.event_key}:{user.pk}:{Channel.EMAIL}",
            defaults={
                "notification": notification,
                "recipient": user,
                "address": user.email,
                "frequency": frequency,
                "status": status,
                "last_error": reason,
            },
        )
        if created:
            transaction.on_commit(lambda: selectors.forget_unread(user.pk))
        if new and status == DeliveryStatus.QUEUED and frequency == Frequency.IMMEDIATELY:
            queue_after_commit("notifications.tasks.send_delivery", delivery.pk)
    return created


# --- sending ----------------------------------------------------------------------------------------------


@system_work()
def delivery_send(delivery_id: int) -> str:
    """Sends one queued immediate email; returns its status. Safe to run twice: only a queued row is sent, under
    its row lock. Raises SendLater when a try failed and another is due."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("notification", "recipient").get(pk=delivery_id)
        if delivery.status != DeliveryStatus.QUEUED:
            return delivery.status
        items = _still_wanted(delivery.recipient, [delivery])
        if not items:
            return Delivery.objects.get(pk=delivery.pk).status
        notification = delivery.notification
        message = mail.build(delivery.recipient, delivery.address, notification.subject, [notification])
        retry_in = _attempt(message, [delivery])
    if retry_in is not None:
        raise SendLater(retry_in, delivery.last_error)
    return delivery.status


@system_work()
def digest_send(user_id: int, frequency: str) -> str:
    """One email gathering a person's queued rows of a digest frequency; returns the outcome. Raises SendLater
    when a try failed and another is due."""
    if frequency not in DIGESTS:
        raise ValueError(f"{frequency!r} is not a digest frequency.")
    user = get_user_model().objects.get(pk=user_id)
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update()
            .filter(recipient=user, frequency=frequency, status=DeliveryStatus.QUEUED)
            .select_related("notification")
            .order_by("created_at", "pk")
        )
        rows = _still_wanted(user, rows)
        if not rows:
            return "nothing to send"
        label = Frequency(frequency).label
        subject = f"{label}: {len(rows)} notification{'s' if len(rows) != 1 else ''}"
        message = mail.build(user, rows[0].address, subject, [row.notification for row in rows], digest=label)
        retry_in = _attempt(message, rows)
    if retry_in is not None:
        raise SendLater(retry_in, rows[0].last_error)
    return rows[0].status


def _still_wanted(user, rows) -> list:
    """The rows still to send: the person still wants this kind by email, their address did not bounce, and the
    record still reads for them (it may have been restricted since). The others are skipped, saying why."""
    wanted = []
    for row in rows:
        notification = row.notification
        reason = ""
        if not user.is_active:
            reason = "The person's account is inactive."
        elif frequency_of(user, notification.kind) == Frequency.OFF:
            reason = "Off in the person's preferences."
        elif is_bounced(row.address):
            reason = f"{row.address} bounced."
        elif notification.content_type_id and not _record_reads(user, notification):
            reason = "The record is no longer readable by the person."
        if reason:
            Delivery.objects.filter(pk=row.pk).update(status=DeliveryStatus.SKIPPED, last_error=reason)
        else:
            wanted.append(row)
    return wanted


def _record_reads(user, notification: Notification) -> bool:
    model = notification.content_type.model_class()
    if model is None:
        return False
    manager = model._default_manager
    queryset = manager.restrict(user) if hasattr(manager, "restrict") else manager.all()
    return queryset.filter(pk=notification.object_id).exists()


def _attempt(message, rows) -> int | None:
    """One try at sending `message` for `rows`; stores the outcome on them. Returns the seconds until the next
    try, or None when there is none to make."""
    attempts = max(row.attempts for row in rows) + 1
    try:
        mail.send(message)
    except mail.PermanentFailure as refusal:
        address = rows[0].address
        BouncedAddress.objects.get_or_create(address=address.lower(), defaults={"reason": str(refusal)[:2000]})
        logger.warning("Email to %s bounced: %s", address, refusal)
        _store(rows, DeliveryStatus.BOUNCED, attempts, str(refusal))
        return None
    except Exception as failure:  # any other failure is worth another try, until the last
        error = f"{failure.__class__.__name__}: {failure}"
        if attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            logger.error("Email to %s failed after %s tries: %s", rows[0].address, attempts, error)
            _store(rows, DeliveryStatus.FAILED, attempts, error)
            return None
        _store(rows, DeliveryStatus.QUEUED, attempts, error)
        return backoff(attempts)
    _store(rows, DeliveryStatus.SENT, attempts, "", sent_at=timezone.now())
    return None


def _store(rows, status: str, attempts: int, error: str, sent_at=None) -> None:
    for row in rows:
        row.status, row.attempts, row.last_error, row.sent_at = status, attempts, error[:2000], sent_at
    Delivery.objects.bulk_update(rows, ["status", "attempts", "last_error", "sent_at"])


@system_work()
def stalled_immediate_deliveries(older_than: datetime.timedelta) -> list[int]:
    """Queued immediate rows no task took up (a worker lost between the commit and the queue): sent again."""
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.QUEUED,
            frequency=Frequency.IMMEDIATELY,
            attempts=0,
            created_at__lt=timezone.now() - older_than,
        ).values_list("pk", flat=True)
    )


@system_work()
def digest_recipients(frequency: str) -> list[int]:
    return list(
        Delivery.objects.filter(status=DeliveryStatus.QUEUED, frequency=frequency)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


@system_work()
def delivery_retry(*, delivery: Delivery, actor) -> Delivery:
    """The PMO sends a failed email again (after the mail server was fixed): queued with fresh tries."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status != DeliveryStatus.FAILED:
            raise WorkflowError(f"Only a failed email can be sent again; this one is {locked.get_status_display()}.")
        locked.status, locked.attempts = DeliveryStatus.QUEUED, 0
        locked.last_error = f"Sent again by {actor.get_username()}; last error: {locked.last_error}"[:2000]
        locked.save(update_fields=["status", "attempts", "last_error"])
        if locked.frequency == Frequency.IMMEDIATELY:
            queue_after_commit("notifications.tasks.send_delivery", locked.pk)
        else:
            queue_after_commit("notifications.tasks.send_digest", locked.recipient_id, locked.frequency)
    return locked


# --- the inbox, preferences and follows ---------------------------------------------------------------------


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("A notification is marked read by its recipient only.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
        selectors.forget_unread(actor.pk)
    return notification


def notifications_mark_all_read(*, actor) -> int:
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
    selectors.forget_unread(actor.pk)
    return count


def preferences_save(*, user, frequencies: dict[str, str]) -> None:
    """Stores the person's choice per kind (unknown kinds or frequencies are refused, nothing written)."""
    for kind, frequency in frequencies.items():
        if kind not in Kind.values:
            raise WorkflowError(f"Unknown kind {kind!r}.", field="kind")
        if frequency not in Frequency.values:
            raise WorkflowError(f"Choose one of: {', '.join(Frequency.labels)}.", field=kind)
    with transaction.atomic():
        for kind, frequency in frequencies.items():
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def unsubscribe(token: str) -> tuple[object, list[str]]:
    """Turns off the kinds a signed link names, for the person it names; returns (person, kinds). A forged or
    expired link raises signing.BadSignature (SignatureExpired) and changes nothing."""
    user_id, kinds = mail.read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise signing.BadSignature("The link names nobody who may receive email.")
    preferences_save(user=user, frequencies=dict.fromkeys(kinds, Frequency.OFF))
    return user, kinds


def follow_set(*, user, following: bool, group=None, record=None) -> bool:
    """Follows the group or record, or stops following it; returns whether anything changed. The view has read the
    record through the gate."""
    if (group is None) == (record is None):
        raise ValueError("Follow a group or a record.")
    target = (
        {"group": group}
        if group is not None
        else {"content_type": ContentType.objects.get_for_model(record), "object_id": record.pk}
    )
    if not following:
        deleted, _ = Follow.objects.filter(user=user, **target).delete()
        return bool(deleted)
    _, created = Follow.objects.get_or_create(user=user, **target)
    return created


def is_following(user, *, group=None, record=None) -> bool:
    if group is not None:
        return Follow.objects.filter(user=user, group=group).exists()
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).exists()
