"""The base class of every task: a message that keeps killing its worker is given up on, not redelivered forever."""

import logging

from celery import Task
from celery.exceptions import Reject
from django.db import transaction

from core.restriction import system_work

logger = logging.getLogger(__name__)

DELIVERY_KEY = "celery:deliveries:{}"


class GuardedTask(Task):
    """The base of every task: system work (core.restriction), whether a worker or an eager call in a request runs
    it; and it counts how often a message has been started and gives up on one that keeps killing its worker.

    With acks-late and reject-on-worker-lost, a task whose run kills the worker (out of memory, segfault)
    is requeued; without a bound it would be redelivered forever. The counter lives in the Django cache
    (Redis in production) and is cleared whenever a run returns, so only lost runs accumulate.
    """

    def __call__(self, *args, **kwargs):
        task_id = self.request.id
        if task_id and not self.request.is_eager:
            deliveries = record_delivery(task_id)
            if deliveries > max_deliveries():
                return self._give_up(task_id, deliveries)
        with system_work():
            return super().__call__(*args, **kwargs)

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        if task_id and not self.request.is_eager:
            from django.core.cache import cache

            cache.delete(DELIVERY_KEY.format(task_id))

    def _give_up(self, task_id, deliveries):
        error = RuntimeError(
            f"{self.name} was delivered {deliveries} times without finishing; "
            "its worker died on every attempt, so it is marked failed instead of being redelivered."
        )
        logger.error(str(error))
        self.backend.mark_as_failure(task_id, error, request=self.request)
        self.on_give_up(str(error), self.request.args or (), self.request.kwargs or {})
        raise Reject(str(error), requeue=False)

    def on_give_up(self, message: str, args, kwargs) -> None:
        """Called once a message is given up on: a task whose record shows progress marks it failed here."""


def max_deliveries() -> int:
    from django.conf import settings

    return settings.CELERY_MAX_DELIVERIES


def record_delivery(task_id: str) -> int:
    """Counts one more start of the message `task_id` and returns how many there have been."""
    from django.conf import settings
    from django.core.cache import cache

    key = DELIVERY_KEY.format(task_id)
    # Kept as long as the broker may keep redelivering the message.
    ttl = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] * (max_deliveries() + 1)
    cache.add(key, 0, timeout=ttl)
    return cache.incr(key)


def queue_after_commit(task_name: str, *args) -> None:
    """Queues the task registered as `task_name` once the current transaction commits (at once outside one).
    Services name their follow-up tasks rather than import them: a task calls its app's services, so importing it
    back would make the two modules import each other."""
    from celery import current_app

    def send():
        if task_name not in current_app.tasks:
            # What a worker does as it starts: import every app's tasks module (Celery's autodiscovery).
            current_app.loader.import_default_modules()
        current_app.tasks[task_name].delay(*args)

    transaction.on_commit(send)
