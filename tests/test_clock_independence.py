"""The suite does not depend on the hour it runs at.

A test module that takes `TODAY = timezone.localdate()` at import compares yesterday's date with today's once a
run crosses midnight (seen: 20 failed in a run from 23:59 to 00:06). Two checks keep that from coming back:

- no module under tests/ reads the clock at import: module and class bodies, decorators (parametrize) and
  default arguments are scanned, function bodies and lambdas, which run inside a test, are not;
- the date-sensitive tests pass when collected (imported) at 23:59 and run just after midnight, in a fresh
  interpreter whose clock time-machine moves. The night crossed is in British Summer Time, where just after
  midnight the UTC date is still yesterday's, so a date taken in UTC rather than local time shows too.
"""

import ast
import datetime
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

# Functions that read the clock: `timezone.localdate()`, `timezone.now()`, `date.today()`, `datetime.now()`, ...
CLOCK_READS = {"localdate", "localtime", "now", "today", "utcnow"}


def import_time_clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, call) for each clock read that runs when the module is imported."""
    found: list[tuple[int, str]] = []

    def calls_in(node: ast.AST) -> None:
        if isinstance(node, ast.Lambda):
            return  # runs when called, inside a test
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in CLOCK_READS:
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            calls_in(child)

    def body(statements: list[ast.stmt]) -> None:
        for statement in statements:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                # The body runs in a test; decorators and default values run at import.
                for node in [*statement.decorator_list, *statement.args.defaults, *statement.args.kw_defaults]:
                    if node is not None:
                        calls_in(node)
            elif isinstance(statement, ast.ClassDef):
                for node in [*statement.decorator_list, *statement.bases, *statement.keywords]:
                    calls_in(node)
                body(statement.body)
            else:
                calls_in(statement)

    body(ast.parse(source).body)
    return found


def test_the_scan_finds_clock_reads_at_import_and_only_those():
    source = textwrap.dedent(
        """
        import datetime
        from django.utils import timezone

        TODAY = timezone.localdate()
        SOON = {"due": datetime.date.today() + datetime.timedelta(days=3)}
        LATER = [lambda: timezone.now()]

        @pytest.mark.parametrize("when", [timezone.now()])
        def test_a(when, today=datetime.datetime.now()):
            assert timezone.localdate() == today

        class TestB:
            STAMP = timezone.localtime()

            def test_b(self):
                return datetime.date.today()

        def helper():
            return timezone.now()
        """
    )

    assert import_time_clock_reads(source) == [
        (5, "timezone.localdate()"),
        (6, "datetime.date.today()"),
        (9, "timezone.now()"),
        (10, "datetime.datetime.now()"),
        (14, "timezone.localtime()"),
    ]


@pytest.mark.parametrize(
    "module", sorted(str(path.relative_to(ROOT)) for path in TESTS.rglob("*.py")), ids=lambda module: module
)
def test_no_test_module_reads_the_clock_at_import(module):
    reads = import_time_clock_reads((ROOT / module).read_text())

    assert not reads, (
        f"{module} reads the clock at import, so a run that crosses midnight mixes two dates: "
        + "; ".join(f"line {line}: {call}" for line, call in reads)
        + ". Take the `today` fixture (tests/conftest.py) or read the clock inside the test."
    )


# --- crossing midnight --------------------------------------------------------------------------------------------

# The tests that compare dates relative to today: registers, RAG, IA windows, action due dates, "as of", dashboards.
DATE_SENSITIVE = [
    "tests/milestones",
    "tests/changes/test_selectors.py",
    "tests/changes/test_services.py",
    "tests/changes/test_api.py",
    "tests/changes/test_views.py",
    "tests/meetings/test_selectors.py",
    "tests/meetings/test_services.py",
    "tests/meetings/test_api.py",
    "tests/raid/test_services.py",
    "tests/raid/test_views.py",
    "tests/dashboards",
    "tests/test_lean_lists.py",
]

# Runs pytest with the clock at `before` (local time) until every test module is imported, then at `after`.
CROSS_MIDNIGHT = """
import datetime, sys, zoneinfo
import pytest, time_machine

zone = zoneinfo.ZoneInfo(sys.argv[1])
before, after = (datetime.datetime.fromisoformat(moment).replace(tzinfo=zone) for moment in sys.argv[2:4])


class CrossMidnight:
    def __init__(self):
        self.clock = time_machine.travel(before, tick=True)
        self.clock.start()

    def pytest_collection_finish(self, session):
        from django.utils import timezone

        collected_on = timezone.localdate()
        self.clock.stop()
        self.clock = time_machine.travel(after, tick=True)
        self.clock.start()
        print(f"\\nclock: collected on {collected_on}, tests run on {timezone.localdate()}", flush=True)

    def pytest_unconfigure(self, config):
        self.clock.stop()


sys.exit(pytest.main(sys.argv[4:], plugins=[CrossMidnight()]))
"""


def last_summer_night(today: datetime.date) -> datetime.date:
    """The most recent 15 July: British Summer Time, where 00:00 local is 23:00 UTC the day before."""
    night = today.replace(month=7, day=15)
    return night if night <= today else night.replace(year=night.year - 1)


def run_across_midnight(night: datetime.date) -> subprocess.CompletedProcess:
    before = datetime.datetime.combine(night, datetime.time(23, 59))
    after = datetime.datetime.combine(night + datetime.timedelta(days=1), datetime.time(0, 0, 1))
    return subprocess.run(
        [
            sys.executable,
            "-c",
            CROSS_MIDNIGHT,
            settings.TIME_ZONE,
            before.isoformat(),
            after.isoformat(),
            *DATE_SENSITIVE,
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            # time_machine is imported before pytest starts, so pytest cannot rewrite its asserts (it has none).
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
        ],
        cwd=ROOT,
        # On SQLite in memory with eager tasks, whatever this run uses: the test database of a PostgreSQL run is
        # this process's, and a second pytest would drop and recreate it.
        env={
            **{key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}},
            "PYTHONDONTWRITEBYTECODE": "1",
        },
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.mark.slow
def test_the_date_sensitive_tests_pass_when_a_run_crosses_a_summer_midnight():
    night = last_summer_night(datetime.datetime.now(ZoneInfo(settings.TIME_ZONE)).date())
    assert datetime.datetime.combine(night, datetime.time(23, 59), ZoneInfo(settings.TIME_ZONE)).utcoffset(), night

    result = run_across_midnight(night)

    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert f"clock: collected on {night}, tests run on {night + datetime.timedelta(days=1)}" in result.stdout, tail
    assert result.returncode == 0, tail
