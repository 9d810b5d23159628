"""Domain events (core.events): told to every listener, refused when unknown, and not told while writes replay
the past (an as-of import, the demo), since history being written is not news."""

import datetime

import pytest
from django.utils import timezone

from core import events
from core.records import recorded_at

# The notifications app listens too, and defers its work to the commit: a database is needed.
pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    told = []

    def listener(kind, **payload):
        told.append((kind, payload))

    events.subscribe(listener)
    yield told
    events._listeners.remove(listener)


def test_an_event_reaches_every_listener_with_its_payload(heard):
    events.publish(events.IA_ISSUED, change_request_id=7)

    assert heard == [(events.IA_ISSUED, {"change_request_id": 7})]


def test_an_unknown_event_is_refused(heard):
    with pytest.raises(ValueError, match="Unknown event"):
        events.publish("ia_isued", change_request_id=7)
    assert heard == []


def test_nothing_is_told_while_writes_replay_the_past(heard):
    with recorded_at(timezone.now() - datetime.timedelta(days=700)):
        events.publish(events.ACTION_ASSIGNED, action_id=1)

    assert heard == []
