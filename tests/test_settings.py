"""Settings come from the environment; each case loads them in a fresh interpreter with a controlled env."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_SECRET = "k" * 20 + "-a-long-random-production-secret-" + "x7Yq" * 8


def without(*names) -> dict:
    """This process's environment less `names` and what the browser tests set for themselves."""
    dropped = {*names, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {key: value for key, value in os.environ.items() if key not in dropped}


def load_settings(**env) -> dict:
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        "from mhhs_governance import celery_app as app;"
        "print(json.dumps({"
        "'engine': settings.DATABASES['default']['ENGINE'],"
        "'db_name': str(settings.DATABASES['default']['NAME']),"
        "'cache': settings.CACHES['default']['BACKEND'],"
        "'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url,"
        "'acks_late': app.conf.task_acks_late, 'reject_on_worker_lost': app.conf.task_reject_on_worker_lost,"
        "'prefetch': app.conf.worker_prefetch_multiplier, 'time_limit': app.conf.task_time_limit,"
        "'visibility_timeout': app.conf.broker_transport_options['visibility_timeout'],"
        "'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, 'email': settings.EMAIL_BACKEND,"
        "'ssl_redirect': settings.SECURE_SSL_REDIRECT, 'hsts': settings.SECURE_HSTS_SECONDS}))"
    )
    clean_env = without("DATABASE_URL", "REDIS_URL", "DEBUG")
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": "mhhs_governance.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def test_with_no_environment_it_runs_on_sqlite_with_eager_tasks():
    loaded = load_settings()
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].endswith("db.sqlite3")
    assert loaded["eager"] is True
    assert loaded["cache"].endswith("LocMemCache")
    assert loaded["email"].endswith("console.EmailBackend")
    assert loaded["debug"] is False


def test_database_and_redis_urls_switch_to_the_real_stack():
    loaded = load_settings(DATABASE_URL="postgres://u:p@db.internal:5432/tracker", REDIS_URL="redis://cache:6379/0")
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["db_name"] == "tracker"
    assert loaded["eager"] is False
    assert loaded["broker"] == "redis://cache:6379/0"
    assert loaded["cache"].endswith("RedisCache")


def test_celery_is_configured_not_to_lose_work():
    loaded = load_settings(REDIS_URL="redis://cache:6379/0")
    assert loaded["acks_late"] is True
    assert loaded["reject_on_worker_lost"] is True
    assert loaded["prefetch"] == 1
    assert loaded["visibility_timeout"] > loaded["time_limit"]


def test_hosts_and_email_come_from_the_environment():
    loaded = load_settings(ALLOWED_HOSTS="tracker.example.org,.mhhs.example", EMAIL_URL="smtp+tls://u:p@mail:587")
    assert loaded["hosts"] == ["tracker.example.org", ".mhhs.example"]
    assert loaded["email"] == "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("debug", "secure"),
    [("false", True), ("true", False)],
)
def test_transport_security_is_on_outside_debug(debug, secure):
    loaded = load_settings(DEBUG=debug)
    assert loaded["ssl_redirect"] is secure
    assert (loaded["hsts"] > 0) is secure


def test_deploy_check_passes_with_a_real_secret_and_debug_off():
    clean_env = without("DEBUG")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean_env,
            "DEBUG": "false",
            "SECRET_KEY": REAL_SECRET,
            "ALLOWED_HOSTS": "tracker.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_flags_the_development_secret():
    # Only a DEBUG run falls back to the development key (with DEBUG off the app refuses to start without a key:
    # tests/test_hygiene.py).
    clean_env = without("DEBUG", "SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean_env, "DEBUG": "true"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
