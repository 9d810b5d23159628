"""People who hear of things (representatives of parties, followers), and a real SMTP server on loopback."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from core.roles import CHAIR, PARTICIPANT
from notifications import services
from programme.services import person_save
from tests.factories import UserFactory
from tests.programme.factories import ConstituencyFactory, OrganisationFactory


@pytest.fixture
def person(db):
    """`person("ann", organisation=party, representative=True, role=PARTICIPANT)`: a signed-in person with an email
    address, their party and grants set through the people service."""

    def make(username, *, organisation=None, representative=False, voter=False, role=PARTICIPANT, email=None):
        UserFactory(username=username, role=role)
        user, _ = person_save(
            username=username,
            organisation=organisation,
            party_representative=representative,
            constituency_representative=voter,
            email=email if email is not None else f"{username}@example.org",
        )
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def parties(db):
    """Two suppliers (SUPPLIER) and a network operator (DNO)."""
    supplier = ConstituencyFactory(code="SUPPLIER", name="Large Supplier")
    dno = ConstituencyFactory(code="DNO", name="DNO")
    return {
        "supplier": supplier,
        "dno": dno,
        "alpha": OrganisationFactory(name="Alpha Energy", constituency=supplier),
        "beta": OrganisationFactory(name="Beta Power", constituency=supplier),
        "grid": OrganisationFactory(name="Northern Grid", constituency=dno),
    }


@pytest.fixture
def chair_representative(person, parties):
    """A representative who is also a Chair, so may read Restricted records."""
    return person("chair-rep", organisation=parties["alpha"], representative=True, role=CHAIR)


class Inbox:
    """What the loopback server received: (envelope recipients, parsed message) per email."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, with Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what the code queues after its commit (the emails' tasks), as a real commit
    would; the test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def dispatch(committed):
    """Handles an event as its task does, then sends what it queued."""

    def handle(kind, payload):
        with committed():
            return services.dispatch_event(kind, payload)

    return handle


@pytest.fixture(autouse=True)
def _fresh_unread_counts():
    # The navigation's unread counts live in the cache, which outlives each test's database.
    cache.clear()
