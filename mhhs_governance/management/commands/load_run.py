"""`manage.py load_run`: 50 concurrent signed-in Participants (read-only) against gunicorn on 127.0.0.1 for a
bounded time, over the dashboard, register pages, record pages, API lists, reads as of a past meeting or date, and
search; reports requests/s, p50 / p95 / p99 and errors. Each user pauses between reads as a person does (`--think`
seconds on average; 0 runs them back to back, which measures saturation rather than users), and users arrive over
the first pause rather than all in the same millisecond. What is measured is a server in service: before the clock
starts, every worker has answered every read once (its templates compiled, its connections open), which a 20-second
run would otherwise count as its users' wait. Traffic goes to loopback only."""

import contextlib
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from rest_framework.authtoken.models import Token

from core.roles import PARTICIPANT, ensure_roles
from mhhs_governance.static_collection import collect_if_stale

PAGES = ["/", "/changes/", "/raid/", "/milestones/", "/meetings/", "/actions/", "/decisions/", "/raid/heat-map/"]
P95_TARGET_MS = 300
# What an integration and a reader looking back ask for.
API_LISTS = [
    "/api/milestones/?page_size=100",
    "/api/raid-items/?page_size=100",
    "/api/change-requests/",
    "/api/actions/",
]
AS_OF_READS = ["/?as_of=PSG36", "/raid/?as_of=PSG36", "/milestones/?as_of=2024-09-04", "/api/raid-items/?as_of=PSG36"]
SEARCHES = ["/search/?q=settlement", "/search/?q=CR0", "/search/?q=risk"]


class Command(BaseCommand):
    help = "Load run: concurrent read-only users against gunicorn on 127.0.0.1, on the demo programme."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=20.0)
        parser.add_argument("--port", type=int, default=8765)
        # gunicorn's advice for sync workers: two per core, plus one.
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
        parser.add_argument("--think", type=float, default=1.0, help="Mean pause between a user's reads (s).")

    def handle(self, *args, users, seconds, port, workers, think, **options):
        # Runs as shipped on a fresh checkout: the schema and the demo programme (kept when already loaded).
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", "--no-users", stdout=io.StringIO())
        # Served as in production: hashed static files from STATIC_ROOT.
        collect_if_stale()
        credentials = [self._credentials(n) for n in range(users)]
        urls = PAGES + self._record_pages() + API_LISTS + AS_OF_READS + SEARCHES
        server = self._start_gunicorn(port, workers)
        try:
            self._warm_up(port, credentials[0], urls, workers)
            results = self._run(port, credentials, urls, seconds, think)
        finally:
            server.terminate()
            server.wait(timeout=20)
        self._report(results, seconds, users, workers, think)

    def _credentials(self, number: int) -> dict[str, dict[str, str]]:
        """A participant's headers: a session cookie for the pages, as a browser; an API token, as an integration."""
        ensure_roles()
        user, _ = get_user_model().objects.get_or_create(username=f"load-participant-{number}")
        user.groups.add(user.groups.model.objects.get(name=PARTICIPANT))
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "core.backends.RoleBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        token, _ = Token.objects.get_or_create(user=user)
        return {
            "page": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"},
            "api": {"Authorization": f"Token {token.key}"},
        }

    def _record_pages(self) -> list[str]:
        from changes.models import ChangeRequest
        from milestones.models import Milestone
        from raid.models import RaidItem

        return [
            *(cr.get_absolute_url() for cr in ChangeRequest.objects.filter(classification="public")[:5]),
            *(item.get_absolute_url() for item in RaidItem.objects.filter(classification="public")[:5]),
            *(m.get_absolute_url() for m in Milestone.objects.filter(classification="public")[:5]),
        ]

    def _start_gunicorn(self, port: int, workers: int):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                # Another server there would be measured in our place, with its own database.
                raise CommandError(f"Port {port} on 127.0.0.1 is already in use: stop that server or pass --port.")
        env = {
            **os.environ,
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [
                str(gunicorn),
                "mhhs_governance.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Workers import the whole app before they answer: a busy machine may take a while.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5)
                return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not answer on 127.0.0.1 within 60 s.")

    @staticmethod
    def _get(port: int, url: str, credentials: dict) -> urllib.request.Request:
        headers = credentials["api" if url.startswith("/api/") else "page"]
        return urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers=headers)

    def _warm_up(self, port, credentials, urls, workers):
        """Every read asked `workers` times at once, so each worker (gunicorn hands a connection to whichever is
        free) most likely answers each once before the clock starts; not counted."""

        def read_all(offset: int):
            for url in urls[offset:] + urls[:offset]:
                # A read that fails here fails again, counted, once the clock starts.
                with (
                    contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
                    urllib.request.urlopen(self._get(port, url, credentials), timeout=60) as response,
                ):
                    response.read()

        started = time.monotonic()
        threads = [threading.Thread(target=read_all, args=(n,)) for n in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.stdout.write(
            f"Warm-up: {len(urls)} reads × {workers} at once in {time.monotonic() - started:.1f} s (not counted)."
        )

    def _run(self, port, credentials, urls, seconds, think):
        deadline = time.monotonic() + seconds
        results: list[tuple[float, bool, str]] = []
        failures: list[str] = []
        lock = threading.Lock()

        def user(index: int):
            n = index
            pauses = random.Random(index)
            # Users arrive over the first pause, as people do, not in one burst.
            time.sleep(pauses.uniform(0, think))
            while time.monotonic() < deadline:
                url = urls[n % len(urls)]
                n += 1
                request = self._get(port, url, credentials[index])
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
                        ok = response.status == 200 and response.url.endswith(url)
                        if not ok:
                            with lock:
                                failures.append(f"user {index}, {url}: answered {response.status} at {response.url}")
                except (urllib.error.URLError, ConnectionError, TimeoutError) as failure:
                    ok = False
                    with lock:
                        failures.append(f"user {index}, {url}: {failure}")
                with lock:
                    results.append((time.perf_counter() - started, ok, url))
                if think:
                    time.sleep(pauses.uniform(0.5 * think, 1.5 * think))

        threads = [threading.Thread(target=user, args=(i,)) for i in range(len(credentials))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for failure in sorted(set(failures))[:10]:
            self.stderr.write(failure)
        return results

    def _report(self, results, seconds, users, workers, think):
        if not results:
            raise CommandError("No request completed.")
        latencies = sorted(latency for latency, _, _ in results)
        errors = sum(1 for _, ok, _ in results if not ok)
        quantiles = statistics.quantiles(latencies, n=100)
        self.stdout.write(
            f"{users} users (pausing {think:g} s on average), gunicorn with {workers} workers, "
            f"{connection.vendor}, {seconds:g} s: {len(results)} requests, {len(results) / seconds:.1f} req/s, "
            f"p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms, "
            f"{errors} errors"
        )
        p95_ms = quantiles[94] * 1000
        by_url: dict[str, list[float]] = {}
        for latency, _, url in results:
            by_url.setdefault(url, []).append(latency)
        slowest = sorted(by_url.items(), key=lambda item: -statistics.median(item[1]))[:5]
        self.stdout.write(
            "Slowest reads (median ms): "
            + ", ".join(f"{url} {statistics.median(times) * 1000:.0f}" for url, times in slowest)
        )
        self.stdout.write(
            f"p95 target {P95_TARGET_MS} ms (DESIGN §6): {'pass' if p95_ms <= P95_TARGET_MS else 'MISS'}; "
            "errors target 0: " + ("pass" if not errors else "MISS")
        )
        if errors:
            raise CommandError(f"{errors} requests failed.")
