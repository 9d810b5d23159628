"""Hygiene: no generated database in the repository, no published secret key outside DEBUG, no published demo
passwords outside DEBUG unless asked for by name."""

import ast
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from mhhs_governance.management.commands.load_demo import DEMO_USERS
from programme.models import GovernanceGroup
from tests.conftest import POSTGRES, SLOW

ROOT = Path(__file__).resolve().parent.parent
# Fresh interpreters and full demo loads take seconds each: left out of `make test-fast`.
slow = pytest.mark.slow
DEMO_USERNAMES = {username for username, *_ in DEMO_USERS}


# --- the repository ------------------------------------------------------------------------------------------


def git(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


needs_git = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")


@needs_git
@pytest.mark.parametrize("database", ["db-benchmark.sqlite3", "db.sqlite3"])
def test_no_local_database_is_committed_and_git_ignores_them(database):
    assert git("ls-files", "--error-unmatch", database).returncode != 0, f"{database} is committed"
    assert git("check-ignore", "--quiet", database).returncode == 0, f"{database} is not in .gitignore"


# --- SECRET_KEY ----------------------------------------------------------------------------------------------


def run_fresh(*args: str, **env) -> subprocess.CompletedProcess:
    """`python <args>` in a fresh interpreter, with this environment less DEBUG and SECRET_KEY, plus `env`."""
    base = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "mhhs_governance.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def start_web_app(**env) -> subprocess.CompletedProcess:
    """What gunicorn, uvicorn and runserver do first: load the WSGI application."""
    return run_fresh("-c", "import mhhs_governance.wsgi; print('serving')", **env)


@pytest.mark.parametrize("debug", [None, "false", "0"])
@slow
def test_with_debug_off_and_no_secret_key_it_refuses_to_start_and_says_why(debug):
    result = start_web_app(**({"DEBUG": debug} if debug is not None else {}))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set and DEBUG is off: refusing to start." in result.stderr
    assert "Set SECRET_KEY in the environment" in result.stderr
    assert "serving" not in result.stdout


@pytest.mark.parametrize(
    "published",
    [
        "django-insecure-local-development-key-not-for-production",
        "change-me-to-a-long-random-string-before-deploying-anywhere",
    ],
)
@slow
def test_with_debug_off_a_published_key_is_refused_too(published):
    result = start_web_app(DEBUG="false", SECRET_KEY=published)

    assert result.returncode != 0
    assert "SECRET_KEY is a published development key and DEBUG is off: refusing to start." in result.stderr


@slow
def test_an_empty_secret_key_counts_as_none():
    result = start_web_app(DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@slow
def test_with_debug_off_and_a_real_key_it_starts():
    result = start_web_app(DEBUG="false", SECRET_KEY="a-long-random-production-secret-" + "x7Yq" * 10)

    assert result.returncode == 0, result.stderr
    assert "serving" in result.stdout


@slow
def test_with_debug_on_it_starts_on_the_development_key():
    result = start_web_app(DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert "serving" in result.stdout


@slow
def test_commands_that_sign_nothing_run_without_a_key():
    """Schema work (a deploy's migrate, CI's makemigrations --check) needs no secret."""
    result = run_fresh("manage.py", "makemigrations", "--check", "--dry-run", DEBUG="false")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_the_worker_starts_under_the_same_rule(settings):
    from celery.signals import worker_init

    from mhhs_governance.celery import refuse_to_work_unsafely

    assert refuse_to_work_unsafely in [receiver() for _, receiver in worker_init.receivers]
    settings.DEBUG, settings.SECRET_KEY = False, ""
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set and DEBUG is off: refusing to start"):
        refuse_to_work_unsafely()


def test_docker_compose_requires_the_secret_key_from_the_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app_services = [name for name, service in compose["services"].items() if "build" in service]

    assert set(app_services) == {"web", "worker", "beat"}
    for name in app_services:
        secret = compose["services"][name]["environment"]["SECRET_KEY"]
        # `${VAR:?message}`: compose stops with the message when SECRET_KEY is unset or empty; no default.
        assert secret.startswith("${SECRET_KEY:?"), (name, secret)
        assert ":-" not in secret, (name, secret)


# --- load_demo's users ---------------------------------------------------------------------------------------


def demo_users() -> set[str]:
    return set(get_user_model().objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))


@pytest.mark.django_db
def test_load_demo_refuses_the_published_passwords_outside_debug_and_writes_nothing(settings):
    assert settings.DEBUG is False

    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())

    message = str(refused.value)
    assert "Refusing to create the demo users with DEBUG off" in message
    assert "--no-users" in message
    assert "--allow-published-passwords" in message
    assert demo_users() == set()
    assert not GovernanceGroup.objects.exists()


@slow
def test_load_demo_refuses_through_manage_py_with_a_clear_message_and_an_error_status():
    base = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    # An empty in-memory database: the refusal comes before any write, so no migration is needed.
    env = {**base, "DEBUG": "false", "DATABASE_URL": "sqlite://:memory:"}
    env.setdefault("SECRET_KEY", "a-long-random-production-secret-" + "x7Yq" * 10)

    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 1
    assert "CommandError: Refusing to create the demo users with DEBUG off" in result.stderr


@pytest.mark.django_db
@slow
def test_load_demo_creates_the_users_outside_debug_when_told_by_name_and_says_so():
    stderr = StringIO()

    call_command("load_demo", "--allow-published-passwords", stdout=StringIO(), stderr=stderr)

    assert demo_users() == DEMO_USERNAMES
    assert "passwords are published" in stderr.getvalue()


@pytest.mark.django_db
@slow
def test_load_demo_creates_the_users_with_debug_on():
    stderr = StringIO()

    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO(), stderr=stderr)

    assert demo_users() == DEMO_USERNAMES
    assert stderr.getvalue() == ""


# --- the slow-test tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", [*SLOW, *POSTGRES])
def test_each_slow_or_postgres_entry_names_a_module_or_test_that_exists(entry):
    """A renamed test would silently fall back into `make test-fast`: the tables in tests/conftest.py must name
    what is there."""
    path, _, name = entry.partition("::")
    module = ROOT / path
    assert module.is_file(), f"{path} does not exist"
    if name:
        defined = {node.name for node in ast.walk(ast.parse(module.read_text())) if isinstance(node, ast.FunctionDef)}
        assert name in defined, f"{path} defines no {name}"
