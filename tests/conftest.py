"""Shared fixtures: one user per role, so a permission test is one line, and test-friendly settings."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from core.roles import CHAIR, PARTICIPANT, PMO
from mhhs_governance import celery_app
from tests.factories import UserFactory

ROLES = ("anonymous", PARTICIPANT, CHAIR, PMO)


@pytest.fixture(autouse=True, scope="session")
def _plain_static_storage():
    # Production serves hashed files after collectstatic and redirects to HTTPS; the test client and the
    # live server speak plain HTTP and serve static files from the source folders.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
        # Hashing real passwords for every test user is most of a test's time; strength is not under test.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Sign-in throttling needs the request, which client.login() does not pass; tests/test_throttling.py
        # switches it back on to test it through the login page.
        AXES_ENABLED=False,
    ):
        yield


@pytest.fixture(autouse=True)
def _celery_eager():
    # Tasks run in-process unless a test asks for the real worker (tests/test_celery_worker.py).
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def pmo_user(db):
    return UserFactory(username="pmo-user", role=PMO)


@pytest.fixture
def chair_user(db):
    return UserFactory(username="chair-user", role=CHAIR)


@pytest.fixture
def participant_user(db):
    return UserFactory(username="participant-user", role=PARTICIPANT)


@pytest.fixture
def user_for_role(db):
    """`user_for_role("PMO")` → a user in that role; "anonymous" → None."""

    def make(role):
        if role == "anonymous":
            return None
        return UserFactory(username=f"{role.lower()}-user", role=role)

    return make


@pytest.fixture
def client_for(client, user_for_role):
    """A page client signed in as the role (or anonymous)."""

    def make(role):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for(user_for_role):
    """An API client authenticated as the role (or anonymous)."""

    def make(role):
        api = APIClient()
        user = user_for_role(role)
        if user is not None:
            api.force_authenticate(user)
        return api

    return make
