"""The demo programme, loaded once for a module of paper tests and rolled back at its end, and its papers printed
as the pages and the worker print them."""

import contextlib
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.restriction import system_work
from meetings import services
from meetings.choices import PackStatus
from meetings.models import Meeting, MeetingPack


@contextlib.contextmanager
def demo_programme(django_db_blocker, media):
    """Inside: the demo loaded (files written under `media`), read as the system; rolled back on leaving."""
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", "--allow-published-passwords", stdout=StringIO(), stderr=StringIO())
            with system_work():
                yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def print_pack(meeting: Meeting, kind: str) -> MeetingPack:
    """`meeting`'s paper of `kind`, requested and rendered as the worker renders it."""
    pack = services.pack_render(services.pack_request(meeting=meeting, kind=kind, actor=None).pk)
    assert pack.status == PackStatus.READY, pack.error
    return pack
