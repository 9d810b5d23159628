"""The listener of core.events: each event becomes a task once its transaction commits, so a rolled-back write
tells nobody and the request does not wait for recipients to be worked out."""

from core.tasks import queue_after_commit


def on_event(kind: str, **payload) -> None:
    queue_after_commit("notifications.tasks.dispatch_event", kind, payload)
