"""`manage.py load_run`: 50 concurrent signed-in Participants (read-only) against gunicorn on 127.0.0.1 for a
bounded time, over the dashboard, register pages and record pages; reports requests/s, p50 / p95 / p99 and
errors. Traffic goes to loopback only."""

import os
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

from core.roles import PARTICIPANT, ensure_roles

PAGES = ["/", "/changes/", "/raid/", "/milestones/", "/meetings/", "/actions/", "/decisions/", "/raid/heat-map/"]


class Command(BaseCommand):
    help = "Load run: concurrent read-only users against gunicorn on 127.0.0.1 (run load_demo first)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=20.0)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, users, seconds, port, workers, **options):
        # Served as in production: hashed static files from STATIC_ROOT.
        call_command("collectstatic", interactive=False, verbosity=0)
        cookies = [self._session_cookie(n) for n in range(users)]
        urls = PAGES + self._record_pages()
        server = self._start_gunicorn(port, workers)
        try:
            results = self._run(port, cookies, urls, seconds)
        finally:
            server.terminate()
            server.wait(timeout=20)
        self._report(results, seconds, users)

    def _session_cookie(self, number: int) -> str:
        ensure_roles()
        user, _ = get_user_model().objects.get_or_create(username=f"load-participant-{number}")
        user.groups.add(user.groups.model.objects.get(name=PARTICIPANT))
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "core.backends.RoleBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

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
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1)
                return server
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not start on 127.0.0.1.")

    def _run(self, port, cookies, urls, seconds):
        deadline = time.monotonic() + seconds
        results: list[tuple[float, bool]] = []
        failures: list[str] = []
        lock = threading.Lock()

        def user(index: int):
            n = index
            while time.monotonic() < deadline:
                url = urls[n % len(urls)]
                n += 1
                request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": cookies[index]})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
                        ok = response.status == 200 and response.url.endswith(url)
                except (urllib.error.URLError, ConnectionError, TimeoutError) as failure:
                    ok = False
                    with lock:
                        failures.append(f"{url}: {failure}")
                with lock:
                    results.append((time.perf_counter() - started, ok))

        threads = [threading.Thread(target=user, args=(i,)) for i in range(len(cookies))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for failure in sorted(set(failures))[:5]:
            self.stderr.write(failure)
        return results

    def _report(self, results, seconds, users):
        if not results:
            raise CommandError("No request completed.")
        latencies = sorted(latency for latency, _ in results)
        errors = sum(1 for _, ok in results if not ok)
        quantiles = statistics.quantiles(latencies, n=100)
        self.stdout.write(
            f"{users} users, {seconds:g} s: {len(results)} requests, {len(results) / seconds:.1f} req/s, "
            f"p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, p99 {quantiles[98] * 1000:.0f} ms, "
            f"{errors} errors"
        )
        if errors:
            raise CommandError(f"{errors} requests failed.")
