"""Notification work, all safe to run twice: the outbox's unique keys make a redelivered task write and send
nothing more. Beat runs the reminders and digests (settings.CELERY_BEAT_SCHEDULE)."""

import datetime

from celery import shared_task

from core.tasks import GuardedTask
from notifications import services
from notifications.choices import Frequency


@shared_task(base=GuardedTask)
def dispatch_event(kind: str, payload: dict) -> int:
    """Writes an event's notifications and queues their immediate emails; returns how many were new."""
    return services.dispatch_event(kind, payload)


def _send(task, send, *args) -> str:
    """Runs a send; after a failed try, the broker holds the message for the backoff. Celery puts no cap on it:
    the outbox row counts the tries and stops at NOTIFICATIONS_MAX_ATTEMPTS, so a redelivered message does not
    start the count again."""
    while True:
        try:
            return send(*args)
        except services.SendLater as later:
            if not task.request.is_eager:
                raise task.retry(countdown=later.countdown, exc=later) from later
            # No broker to hold it (tasks run in-process on a bare machine): the next try at once, up to the last.


@shared_task(base=GuardedTask, bind=True, max_retries=None)
def send_delivery(self, delivery_id: int) -> str:
    return _send(self, services.delivery_send, delivery_id)


@shared_task(base=GuardedTask, bind=True, max_retries=None)
def send_digest(self, user_id: int, frequency: str) -> str:
    return _send(self, services.digest_send, user_id, frequency)


@shared_task(base=GuardedTask)
def send_digests(frequency: str) -> int:
    """Queues one digest per person with queued rows of `frequency` (daily or weekly)."""
    user_ids = services.digest_recipients(Frequency(frequency))
    for user_id in user_ids:
        send_digest.delay(user_id, frequency)
    return len(user_ids)


@shared_task(base=GuardedTask)
def send_stalled() -> int:
    """Sends immediate emails whose task was lost between the commit and the queue."""
    delivery_ids = services.stalled_immediate_deliveries(datetime.timedelta(minutes=10))
    for delivery_id in delivery_ids:
        send_delivery.delay(delivery_id)
    return len(delivery_ids)


@shared_task(base=GuardedTask)
def remind_ia_closing() -> int:
    return services.remind_ia_closing()


@shared_task(base=GuardedTask)
def remind_actions_due() -> int:
    return services.remind_actions_due()
