"""Domain events: what happened, said once by the service that did it, for whoever listens (the notifications app).
The kernel and the services know no listener, so a register does not import what tells people about it.

A service publishes inside its transaction; a listener that does work (sending) defers it until the commit
(core.tasks.queue_after_commit), so a rolled-back write tells nobody."""

from collections.abc import Callable

from core.records import replaying

# The events and what each carries (ids, so a listener reads the records through the gate for each reader).
IA_ISSUED = "ia_issued"  # change_request_id: an impact assessment opened to the constituencies asked
CR_DECIDED = "cr_decided"  # change_request_id: approved or rejected
ACTION_ASSIGNED = "action_assigned"  # action_id: raised, or given a new owner
VOTE_OPENED = "vote_opened"  # vote_round_id: a vote at a meeting or by correspondence
HEADLINE_ISSUED = "headline_issued"  # meeting_id
PAPERS_PUBLISHED = "papers_published"  # pack_id: a version of a meeting's papers rendered and ready
EVENTS = (IA_ISSUED, CR_DECIDED, ACTION_ASSIGNED, VOTE_OPENED, HEADLINE_ISSUED, PAPERS_PUBLISHED)

_listeners: list[Callable[..., None]] = []


def subscribe(listener: Callable[..., None]) -> None:
    """`listener(kind, **payload)` is called for every event published from now on (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def publish(kind: str, **payload) -> None:
    """Tells the listeners, unless the write replays the past (core.records.recorded_at: an as-of import, the demo):
    history being written is not news, and nobody is told of an action raised two years ago."""
    if kind not in EVENTS:
        raise ValueError(f"Unknown event {kind!r}: one of {', '.join(EVENTS)}.")
    if replaying():
        return
    for listener in _listeners:
        listener(kind, **payload)
