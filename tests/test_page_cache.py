"""A page read again by the same session, with nothing written since, is answered as it was rendered, without
rendering it again (core.page_cache); any write — through a service, a bulk update, raw SQL, in a transaction or
not — shows on the next read; nobody else is answered with another session's page. Committed writes, as requests
make them: nothing is kept inside a transaction, where the other tests run."""

import time

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponse
from django.urls import reverse

from changes import services
from changes.models import ChangeRequest
from core import page_cache
from core.choices import Classification
from core.roles import PARTICIPANT, PMO
from tests.changes.factories import ChangeRequestFactory
from tests.factories import UserFactory

CHANGES = "/changes/"


@pytest.fixture(autouse=True)
def shared_cache(settings, committed):
    """As with Redis: the tests' one process shares its cache with itself."""
    settings.PAGE_CACHE = True


@pytest.fixture
def pmo(client):
    user = UserFactory(role=PMO)
    signed_in(client, user)
    return user


def signed_in(client, user) -> None:
    """As a browser that has read a page: it holds the CSRF cookie the first page sets, so its next requests carry
    the cookies they will go on carrying."""
    client.force_login(user)
    client.get("/")


@pytest.fixture
def read(client, statements):
    def read(url=CHANGES, **headers) -> tuple[str, bool]:
        """The page's text, and whether it was rendered (the register read) rather than answered as kept."""
        with statements() as sql:
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        return response.content.decode(), any("changes_changerequest" in statement for statement in sql)

    return read


def test_a_page_read_again_is_answered_as_kept_until_a_service_writes(pmo, read):
    cr = ChangeRequestFactory(title="Settlement timetable")
    first, rendered = read()
    assert rendered and "Settlement timetable" in first

    again, rendered = read()
    assert not rendered and again == first

    services.change_request_edit(change_request=cr, actor=pmo, title="Revised settlement timetable")
    after, rendered = read()
    assert rendered and "Revised settlement timetable" in after


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda cr: ChangeRequest.objects.filter(pk=cr.pk).update(title="Bulk title"), id="bulk update"),
        pytest.param(
            lambda cr: connection.cursor().execute(
                f"UPDATE {ChangeRequest._meta.db_table} SET title = 'Bulk title' WHERE id = %s", [cr.pk]
            ),
            id="raw SQL",
        ),
    ],
)
def test_a_write_that_bypasses_the_services_is_seen_too(pmo, write, read):
    cr = ChangeRequestFactory(title="Before")
    read()
    write(cr)
    page, rendered = read()
    assert rendered and "Bulk title" in page


def test_a_write_in_a_transaction_is_seen_once_it_commits_even_after_a_rolled_back_savepoint(pmo, read):
    cr = ChangeRequestFactory(title="Before")
    other = ChangeRequestFactory(title="Other")
    read()
    with transaction.atomic():
        try:
            with transaction.atomic():
                ChangeRequest.objects.filter(pk=other.pk).update(title="Rolled back")
                raise IntegrityError("rolled back")
        except IntegrityError:
            pass
        ChangeRequest.objects.filter(pk=cr.pk).update(title="Committed")
        # Inside the transaction the page is read afresh and not kept.
        inside, rendered = read()
        assert rendered and "Committed" in inside
    page, rendered = read()
    assert rendered and "Committed" in page and "Rolled back" not in page


def test_a_session_is_never_answered_with_another_sessions_page(client, pmo, read):
    ChangeRequestFactory(title="Restricted change", classification=Classification.RESTRICTED)
    pmo_page, _ = read()
    assert "Restricted change" in pmo_page

    signed_in(client, UserFactory(role=PARTICIPANT))
    participant_page, rendered = read()
    assert rendered and "Restricted change" not in participant_page


def test_writes_no_page_shows_keep_the_pages(pmo, read):
    ChangeRequestFactory()
    read()
    SessionStore().create()  # someone else signs in: a new session row
    _, rendered = read()
    assert not rendered


def test_the_htmx_table_and_the_whole_page_are_kept_apart(pmo, read):
    ChangeRequestFactory()
    page, _ = read()
    table, rendered = read(**{"HX-Request": "true", "HX-Target": "record-table"})
    assert rendered and "<nav" not in table and "<nav" in page


def test_a_page_is_kept_for_a_limited_time(pmo, settings, read):
    settings.PAGE_CACHE_SECONDS = 1
    ChangeRequestFactory()
    read()
    time.sleep(1.2)
    _, rendered = read()
    assert rendered


def test_a_page_carrying_a_message_is_neither_answered_as_kept_nor_kept(rf, pmo):
    """A message (left by a redirect that wrote nothing, say) is shown once: that page is not kept, nor is a kept
    page answered in its place."""
    renders = []

    def render():
        renders.append(1)
        return HttpResponse(f"page {len(renders)}")

    def request(message: str | None = None):
        made = rf.get(CHANGES, HTTP_COOKIE="sessionid=same")
        made.session = SessionStore()
        made._messages = FallbackStorage(made)
        if message:
            messages.info(made, message)
        return made

    assert page_cache.answer(request("Nothing changed"), render).content == b"page 1"
    assert page_cache.answer(request(), render).content == b"page 2"
    assert page_cache.answer(request("Nothing changed"), render).content == b"page 3"
    assert page_cache.answer(request(), render).content == b"page 2"


def test_without_a_shared_cache_every_read_renders(pmo, settings, read):
    settings.PAGE_CACHE = False
    ChangeRequestFactory()
    read()
    _, rendered = read()
    assert rendered


def test_record_pages_and_the_dashboard_are_kept_too(pmo, read):
    cr = ChangeRequestFactory(title="Kept record")
    url = reverse("changes:detail", kwargs={"ref": cr.ref})
    read(url)
    page, rendered = read(url)
    assert not rendered and "Kept record" in page

    read("/")
    _, rendered = read("/")
    assert not rendered


def test_a_cache_that_cannot_be_reached_costs_the_keeping_not_the_page(pmo, read, monkeypatch):
    ChangeRequestFactory(title="Still served")

    class Unreachable:
        def __getattr__(self, name):
            raise ConnectionError("the cache is down")

    monkeypatch.setattr(page_cache, "cache", Unreachable())
    page, rendered = read()
    assert rendered and "Still served" in page
