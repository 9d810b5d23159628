"""A pack rendered by a real Celery worker through the broker: the request commits, the task is queued on
Redis, the worker reads the committed rows, prints the PDF and records it.

Needs REDIS_URL (CI starts Redis); on a bare machine tasks run eagerly and this module is skipped."""

import io
import os

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish

from meetings import services
from meetings.choices import PackKind, PackStatus
from meetings.models import MeetingPack
from meetings.tasks import render_pack
from mhhs_governance import celery_app
from tests.packs.conftest import build_world

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


def test_a_worker_renders_a_queued_pack_to_a_pdf(celery_worker):
    import pypdf

    world = build_world()
    pack = MeetingPack.objects.create(meeting=world.meeting, kind=PackKind.HEADLINE_REPORT)

    status = render_pack.delay(pack.pk).get(timeout=60)

    assert status == PackStatus.READY
    pack.refresh_from_db()
    assert (pack.status, pack.error) == (PackStatus.READY, "")
    with pack.file.open("rb") as stored:
        reader = pypdf.PdfReader(io.BytesIO(stored.read()))
    assert len(reader.pages) == pack.pages
    assert "Headline Report" in "\n".join(page.extract_text() for page in reader.pages)


def test_a_pack_requested_through_the_service_is_rendered_by_the_worker_after_commit(celery_worker):
    world = build_world()

    published: list[str] = []

    def record(sender=None, headers=None, **kwargs):
        if sender == render_pack.name:
            published.append(headers["id"])

    after_task_publish.connect(record, weak=False)
    try:
        pack = services.pack_request(meeting=world.meeting, kind=PackKind.PAPERS, actor=None)
    finally:
        after_task_publish.disconnect(record)

    assert len(published) == 1, "one render queued when the request committed"
    assert render_pack.AsyncResult(published[0]).get(timeout=60) == PackStatus.READY
    pack.refresh_from_db()
    assert pack.status == PackStatus.READY
    assert pack.pages > 1
    assert pack.file.name == "packs/DAG/DAG26-papers-v1.0.pdf"
