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
from django.test.utils import CaptureQueriesContext
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


def read(client, url=CHANGES, **headers) -> tuple[str, bool]:
    """The page's text, and whether it was rendered (the register read) rather than answered as kept."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    rendered = any("changes_changerequest" in query["sql"] for query in queries.captured_queries)
    return response.content.decode(), rendered


def test_a_page_read_again_is_answered_as_kept_until_a_service_writes(client, pmo):
    cr = ChangeRequestFactory(title="Settlement timetable")
    first, rendered = read(client)
    assert rendered and "Settlement timetable" in first

    again, rendered = read(client)
    assert not rendered and again == first

    services.change_request_edit(change_request=cr, actor=pmo, title="Revised settlement timetable")
    after, rendered = read(client)
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
def test_a_write_that_bypasses_the_services_is_seen_too(client, pmo, write):
    cr = ChangeRequestFactory(title="Before")
    read(client)
    write(cr)
    page, rendered = read(client)
    assert rendered and "Bulk title" in page


def test_a_write_in_a_transaction_is_seen_once_it_commits_even_after_a_rolled_back_savepoint(client, pmo):
    cr = ChangeRequestFactory(title="Before")
    other = ChangeRequestFactory(title="Other")
    read(client)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ChangeRequest.objects.filter(pk=other.pk).update(title="Rolled back")
                raise IntegrityError("rolled back")
        except IntegrityError:
            pass
        ChangeRequest.objects.filter(pk=cr.pk).update(title="Committed")
        # Inside the transaction the page is read afresh and not kept.
        inside, rendered = read(client)
        assert rendered and "Committed" in inside
    page, rendered = read(client)
    assert rendered and "Committed" in page and "Rolled back" not in page


def test_a_session_is_never_answered_with_another_sessions_page(client, pmo, django_user_model):
    ChangeRequestFactory(title="Restricted change", classification=Classification.RESTRICTED)
    pmo_page, _ = read(client)
    assert "Restricted change" in pmo_page

    signed_in(client, UserFactory(role=PARTICIPANT))
    participant_page, rendered = read(client)
    assert rendered and "Restricted change" not in participant_page


def test_writes_no_page_shows_keep_the_pages(client, pmo):
    ChangeRequestFactory()
    read(client)
    SessionStore().create()  # someone else signs in: a new session row
    _, rendered = read(client)
    assert not rendered


def test_the_htmx_table_and_the_whole_page_are_kept_apart(client, pmo):
    ChangeRequestFactory()
    page, _ = read(client)
    table, rendered = read(client, **{"HX-Request": "true", "HX-Target": "record-table"})
    assert rendered and "<nav" not in table and "<nav" in page


def test_a_page_is_kept_for_a_limited_time(client, pmo, settings):
    settings.PAGE_CACHE_SECONDS = 1
    ChangeRequestFactory()
    read(client)
    time.sleep(1.2)
    _, rendered = read(client)
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


def test_without_a_shared_cache_every_read_renders(client, pmo, settings):
    settings.PAGE_CACHE = False
    ChangeRequestFactory()
    read(client)
    _, rendered = read(client)
    assert rendered


def test_record_pages_and_the_dashboard_are_kept_too(client, pmo):
    cr = ChangeRequestFactory(title="Kept record")
    url = reverse("changes:detail", kwargs={"ref": cr.ref})
    read(client, url)
    page, rendered = read(client, url)
    assert not rendered and "Kept record" in page

    read(client, "/")
    _, rendered = read(client, "/")
    assert not rendered
