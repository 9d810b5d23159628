"""`manage.py benchmark [--scale N] [--json PATH]`: DESIGN §6's figures at N × the demo's size, in a database of
its own (created, migrated and filled once, then reused), as ratios to the floor of the same work."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from mhhs_governance import benchmark
from mhhs_governance.static_collection import collect_if_stale


class Command(BaseCommand):
    help = "Measure the speed targets on a synthetic programme at N × the demo size (default 10)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=10.0, help="Multiple of the demo programme's size.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
        parser.add_argument("--markdown", type=Path, help="Also write them as a Markdown table (the README's).")
        parser.add_argument(
            "--here", action="store_true", help="Use the current database instead of a separate one (tests)."
        )
        parser.add_argument("--skip-pack", action="store_true", help="Leave out the PDF pack figure.")
        parser.add_argument(
            "--fresh", action="store_true", help="Drop the benchmark database first and build the programme again."
        )

    def handle(self, *args, scale, json, markdown, here, skip_pack, fresh, **options):
        # Measured as served in production: no debug cursor or debug toolbar overhead.
        settings.DEBUG = False
        if not here:
            self._use_benchmark_database(fresh)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", "--no-users", stdout=self.stdout if options["verbosity"] > 1 else _Quiet())
        try:
            benchmark.build(scale, log=self.stdout.write)
        except benchmark.ThinHistory as thin:
            raise CommandError(f"{thin} Run `make bench FRESH=1` (--fresh) to build it again.") from None
        # Served as in production: hashed static files (the manifest the shipped settings read).
        collect_if_stale()
        figures = benchmark.measure(scale, log=self.stdout.write, skip_pack=skip_pack)
        self.stdout.write(benchmark.as_table(figures))
        if json:
            json.write_text(benchmark.as_json(figures))
            self.stdout.write(f"Figures written to {json}.")
        if markdown:
            markdown.write_text(benchmark.as_markdown(figures) + "\n")
            self.stdout.write(f"Table written to {markdown}.")

    def _use_benchmark_database(self, fresh: bool):
        """Points the default connection at <database>_benchmark, creating it (again, when `fresh`) if needed."""
        default = settings.DATABASES["default"]
        connections["default"].close()
        if connection.vendor == "postgresql":
            name = f"{default['NAME']}_benchmark"
            with connection.cursor() as cursor:
                if fresh:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{name}"')
            connections["default"].close()
        else:
            name = str(Path(default["NAME"]).with_name("db-benchmark.sqlite3"))
            if fresh:
                Path(name).unlink(missing_ok=True)
        default["NAME"] = name
        connections["default"].settings_dict["NAME"] = name
        self.stdout.write(f"Benchmark database: {name}")


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
