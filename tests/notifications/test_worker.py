"""With a real worker on Redis and the loopback SMTP server: issuing a CR for IA sends exactly one email per
representative even when the task is delivered twice; the weekly digest lists each person's due and overdue actions.

Needs REDIS_URL (CI starts Redis); on a bare machine the tasks run eagerly and this is skipped."""

import datetime
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from changes.choices import ChangeStage
from changes.services import change_request_transition
from core import events
from meetings.models import Action
from mhhs_governance import celery_app
from notifications.choices import DeliveryStatus
from notifications.models import Delivery
from notifications.tasks import dispatch_event, remind_actions_due, send_digests
from tests.changes.factories import ChangeRequestFactory
from tests.meetings.factories import ActionFactory

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker for a real worker"),
]


@pytest.fixture
def celery_worker(transactional_db):
    # Transactional test: the worker thread has its own connection and must see committed rows.
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
        yield


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_issuing_a_cr_for_ia_sends_one_email_per_representative_even_when_the_task_is_delivered_twice(
    celery_worker, smtp_server, person, parties, pmo_user, today
):
    person("ann", organisation=parties["alpha"], representative=True)
    person("bob", organisation=parties["beta"], representative=True)
    person("gus", organisation=parties["grid"], representative=True)  # a constituency not asked
    cr = ChangeRequestFactory(ref="CR054", stage=ChangeStage.VALIDATED, ia_constituencies=[parties["supplier"]])

    change_request_transition(
        change_request=cr, step="issue_ia", actor=pmo_user, ia_closes_on=today + datetime.timedelta(days=14)
    )
    # The same message again, as a broker redelivers one whose worker was lost before it acknowledged it.
    dispatch_event.delay(events.IA_ISSUED, {"change_request_id": cr.pk}).get(timeout=20)

    assert wait_for(lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2)
    time.sleep(1)  # time for a duplicate to arrive, were there one
    assert sorted(to for to, _ in smtp_server.received) == [["ann@example.org"], ["bob@example.org"]]
    assert all(
        message["Subject"].startswith("CR054 issued for impact assessment") for _, message in smtp_server.received
    )


def test_the_weekly_digest_lists_each_persons_due_and_overdue_actions(
    celery_worker, smtp_server, person, parties, today
):
    person("dana", organisation=parties["alpha"])
    overdue, due_soon, later = (ActionFactory(owner="dana") for _ in range(3))
    for action, due_on in (
        (overdue, today - datetime.timedelta(days=2)),
        (due_soon, today + datetime.timedelta(days=1)),
        (later, today + datetime.timedelta(days=40)),
    ):
        Action.objects.filter(pk=action.pk).update(due_on=due_on)

    assert remind_actions_due.delay().get(timeout=20) == 1
    assert send_digests.delay("weekly").get(timeout=20) == 1

    def digests():
        return [item for item in smtp_server.received if item[1]["Subject"].startswith("Weekly digest")]

    # (Each action's assignment was told at once as well; the digest is the one email that lists them all.)
    assert wait_for(lambda: len(digests()) == 1)
    ((to, message),) = digests()
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert to == ["dana@example.org"]
    assert message["Subject"] == "Weekly digest: 1 notification"
    assert overdue.ref in text and due_soon.ref in text and later.ref not in text
