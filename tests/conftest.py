"""Shared fixtures: one user per role, so a permission test is one line, and test-friendly settings."""

import contextlib
import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from core.roles import CHAIR, PARTICIPANT, PMO
from mhhs_governance import celery_app
from programme.choices import GroupLevel
from tests.factories import UserFactory
from tests.programme.factories import GovernanceGroupFactory

ROLES = ("anonymous", PARTICIPANT, CHAIR, PMO)

# --- the fast inner loop ----------------------------------------------------------------------------------------
# `make test-fast` runs `-m "not slow and not browser and not celery_worker"`; `make test` and CI run everything.
# Each entry below marks tests `slow` when collected: a path marks its whole module, `path::name` one test with all
# its parameters. After each, why, and what it took on SQLite (`pytest --durations=0`, two cores). Browser and
# real-worker tests are slow by their own markers; a module may also mark itself (`pytestmark = pytest.mark.slow`).
SLOW = {
    "tests/test_api_fuzz.py": "fuzzes every API route against the schema (schemathesis): 80 s",
    "tests/test_load_demo.py": "loads the demo programme in each test: 34 s",
    "tests/changes/test_demo.py": "loads the demo programme in each test: 7 s",
    "tests/raid/test_demo.py": "loads the demo programme in each test: 6 s",
    "tests/milestones/test_demo.py": "loads the demo programme in each test: 5 s",
    "tests/test_access_matrix.py": "every route × every role × Restricted content, 1,000 cases: 20 s",
    "tests/test_permissions_matrix.py": "every route × every role, 330 cases: 13 s",
    "tests/test_benchmark.py": "builds and measures a synthetic programme: 17 s",
    "tests/test_query_budgets.py": "the demo programme, every page and API list counted twice: 13 s",
    "tests/packs/test_render.py": "renders meeting packs to PDF with WeasyPrint: 9 s",
    "tests/test_settings.py": "loads the settings in fresh interpreters: 4 s",
    "tests/spreadsheets/test_speed.py": "imports 2,000 milestones: 2 s",
    "tests/spreadsheets/test_round_trip.py::test_demo_registers_export_and_reimport_unchanged_in_both_formats": (
        "loads the demo programme: 2 s"
    ),
    "tests/programme/test_views.py::test_it_shows_the_governance_structure_on_the_dashboard_after_load_demo": (
        "loads the demo programme: 1 s"
    ),
    "tests/packs/test_compose.py::test_compose_takes_the_same_number_of_queries_for_5_or_40_actions_risks_milestones_and_crs": (  # noqa: E501
        "composes a pack twice, the second with 40 of everything: 2 s"
    ),
    "tests/meetings/test_views.py::test_the_meeting_page_takes_the_same_queries_for_a_big_meeting_as_a_small_one": (
        "builds a meeting with 100 actions: 2 s"
    ),
}
# Tests that need PostgreSQL (they skip themselves on SQLite): marked `postgres` and `slow`, so that
# `DATABASE_URL=postgres://… pytest -m postgres` runs just them.
POSTGRES = (
    "tests/test_concurrency_pg.py",
    "tests/dashboards/test_search.py::test_on_postgresql_search_is_stemmed_and_ranked",
    "tests/test_celery_faults.py::test_a_worker_killed_mid_render_leaves_the_message_unacknowledged_and_a_new_worker_renders_it_once",
    "tests/test_celery_faults.py::test_a_pool_process_killed_mid_render_is_requeued_at_once_and_rendered_once",
    "tests/test_celery_faults.py::test_a_render_whose_pdf_cannot_be_stored_is_stored_as_failed_with_its_message",
    "tests/test_celery_faults.py::test_a_render_cut_off_by_its_soft_time_limit_is_stored_as_failed_with_the_reason",
)


def listed(nodeid: str, entries) -> bool:
    """Whether a test's node id falls under an entry: its module's path, or its path::name (any parameters)."""
    path, _, name = nodeid.partition("::")
    return path in entries or f"{path}::{name.split('[')[0]}" in entries


def pytest_collection_modifyitems(config, items):
    for item in items:
        if listed(item.nodeid, POSTGRES):
            item.add_marker(pytest.mark.postgres)
        if (
            listed(item.nodeid, SLOW)
            or listed(item.nodeid, POSTGRES)
            or item.get_closest_marker("browser")
            or item.get_closest_marker("celery_worker")
        ):
            item.add_marker(pytest.mark.slow)


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
def committed(transactional_db):
    """Writes committed as a request's are, with an empty cache before and after: for what is kept in the cache
    only outside a transaction (the other tests run inside one, where nothing is kept)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def statements():
    """`with statements() as sql:` — the SQL of every statement run meanwhile. An execute wrapper: the query log of
    CaptureQueriesContext is cleared when a request starts."""

    @contextlib.contextmanager
    def capture():
        sql = []

        def record(execute, statement, params, many, context):
            sql.append(statement)
            return execute(statement, params, many, context)

        with connection.execute_wrapper(record):
            yield sql

    return capture


@pytest.fixture
def today():
    """The project's local date, taken when the test starts: never at import, so a run that crosses midnight
    does not compare yesterday's dates with today's (tests/test_clock_independence.py keeps it so)."""
    return timezone.localdate()


@pytest.fixture
def dates_from_today(today):
    """`dates_from_today({"due_before": 25 * DAY})` → `{"due_before": "<today + 25 days>"}`: each timedelta made the
    ISO date that many days from today, so that parametrized cases name dates relative to today without taking it at
    import."""

    def make(values: dict) -> dict:
        return {
            key: (today + value).isoformat() if isinstance(value, datetime.timedelta) else value
            for key, value in values.items()
        }

    return make


@pytest.fixture
def groups(db):
    """The steering group and two advisory groups under it, by code."""
    psg = GovernanceGroupFactory(code="PSG", name="Programme Steering Group", level=GroupLevel.STEERING)
    return {
        "PSG": psg,
        "DAG": GovernanceGroupFactory(code="DAG", name="Design Advisory Group", parent=psg),
        "CCAG": GovernanceGroupFactory(code="CCAG", name="Cross Code Advisory Group", parent=psg),
    }


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
