"""`manage.py restore PATH --yes`: puts back a backup made by `manage.py backup`.

The database is replaced: PostgreSQL with `pg_restore --clean --if-exists --no-owner --no-privileges
--single-transaction` into the configured database (all or nothing), SQLite through sqlite3's online backup API.
The media files in the bundle are written back under MEDIA_ROOT (files added since the backup are left alone:
nothing refers to them once the database is restored). A bare `pg_dump --format=custom` file or SQLite database
file is accepted too (no media then).

Restoring replaces every record, so it asks first: on a terminal it asks you to type "yes"; elsewhere (CI,
cron, `make restore` without a terminal) it refuses unless given --yes (or --no-input). Stop the web server
and the workers first: PostgreSQL waits for their connections' locks.
"""

import json
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from mhhs_governance.management.commands.backup import (
    DB_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_DIR,
    VENDOR_NAMES,
    add_pg_bin_argument,
    database_label,
    find_pg_tool,
    pg_environment,
    run_tool,
    server_major,
    vendor_of,
)

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class Backup:
    """What PATH holds: a bundle (database + media) or a bare database file of one vendor."""

    def __init__(self, path: Path):
        self.path = path
        self.bundle = False
        self.manifest: dict = {}
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        if tarfile.is_tarfile(path):
            self.bundle = True
            self.manifest = self._read_manifest()
            self.vendor = self.manifest.get("vendor")
            if self.vendor not in DB_MEMBER:
                raise CommandError(f"{path}: the manifest names no database this app restores ({self.vendor!r}).")
            return
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
        if head.startswith(PG_MAGIC):
            self.vendor = "postgresql"
        elif head == SQLITE_MAGIC:
            self.vendor = "sqlite"
        else:
            raise CommandError(
                f"{path} is not a backup: neither a bundle made by `manage.py backup`, nor a pg_dump custom-format "
                "archive, nor an SQLite database."
            )

    def _read_manifest(self) -> dict:
        not_ours = f"{self.path} is a tar archive but not a backup made by `manage.py backup` (no {MANIFEST})."
        try:
            with tarfile.open(self.path) as bundle:
                member = bundle.extractfile(MANIFEST)
                manifest = json.load(member)
        except (KeyError, AttributeError, TypeError, ValueError, tarfile.TarError, OSError) as error:
            raise CommandError(not_ours) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise CommandError(not_ours)
        if manifest.get("format_version", 0) > FORMAT_VERSION:
            raise CommandError(
                f"{self.path} is backup format {manifest['format_version']}; this code reads up to {FORMAT_VERSION}."
            )
        return manifest

    @property
    def description(self) -> str:
        kind = VENDOR_NAMES[self.vendor]
        if not self.bundle:
            return f"bare {kind} database file"
        created, media = self.manifest.get("created", "an unknown date"), self.manifest.get("media_files", 0)
        return f"{kind} backup of {created} with {media} media file(s)"

    def unpack(self, work: Path) -> tuple[Path, Path | None]:
        """The database file and the media folder (None when there is none), safe to read."""
        if not self.bundle:
            return self.path, None
        database = DB_MEMBER[self.vendor]
        with tarfile.open(self.path) as bundle:
            members = bundle.getmembers()
            for member in members:
                parts = PurePosixPath(member.name).parts
                safe = (
                    (member.isfile() or member.isdir())
                    and not PurePosixPath(member.name).is_absolute()
                    and ".." not in parts
                    and (member.name in {MANIFEST, database} or (parts and parts[0] == MEDIA_DIR))
                )
                if not safe:
                    raise CommandError(f"{self.path}: unexpected entry {member.name!r}; not restoring from it.")
            if database not in {m.name for m in members}:
                raise CommandError(f"{self.path}: the bundle has no {database}.")
            if hasattr(tarfile, "data_filter"):
                bundle.extractall(work, members=members, filter="data")
            else:  # pragma: no cover - Python < 3.11.4; the members were checked above
                bundle.extractall(work, members=members)
        media = work / MEDIA_DIR
        return work / database, (media if media.is_dir() else None)


class Command(BaseCommand):
    help = (
        "Restores a backup made by `manage.py backup` (database and media files), replacing the configured "
        "database. Asks on a terminal; elsewhere needs --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup: a .tar.gz from `manage.py backup` (or a bare dump).")
        parser.add_argument(
            "--yes",
            "--no-input",
            "--noinput",
            action="store_true",
            dest="yes",
            help="Confirm: replace the database without asking (the way to restore without a terminal).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        add_pg_bin_argument(parser)

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        vendor = vendor_of(connection)
        backup = Backup(Path(options["path"]))
        if backup.vendor != vendor:
            raise CommandError(
                f"{backup.path} is a backup of {VENDOR_NAMES[backup.vendor]}, but the {connection.alias} database is "
                f"{VENDOR_NAMES[vendor]}: restore it where DATABASE_URL points at {VENDOR_NAMES[backup.vendor]}."
            )
        if connection.in_atomic_block:
            raise CommandError("restore cannot run inside a database transaction.")
        self.confirm(options["yes"], backup, connection)

        with tempfile.TemporaryDirectory(prefix="mhhs-restore-") as work:
            database, media = backup.unpack(Path(work))
            if vendor == "postgresql":
                self.restore_postgresql(connection, database, options["pg_bin"])
            else:
                self.restore_sqlite(connection, database)
            restored_media = 0 if options["no_media"] or media is None else self.restore_media(media)

        self.stdout.write(
            f"Restored the {database_label(connection)} and {restored_media} media file(s) from {backup.path}."
        )
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(pending)} migration(s) of this code: run `manage.py migrate`."
                )
            )

    def confirm(self, yes: bool, backup: Backup, connection) -> None:
        if yes:
            return
        question = (
            f"Restoring {backup.path} ({backup.description}) replaces every record in the "
            f"{database_label(connection)}"
            + (" and writes its media files under MEDIA_ROOT" if backup.bundle else "")
            + "."
        )
        if not sys.stdin or not sys.stdin.isatty():
            raise CommandError(
                f"{question} Not restoring unconfirmed: add --yes (`make restore`: YES=1); there is no terminal to "
                "ask on."
            )
        self.stdout.write(question)
        if input('Type "yes" to restore: ').strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")

    def restore_postgresql(self, connection, dump: Path, pg_bin: str | None) -> None:
        pg_restore = find_pg_tool("pg_restore", server_major(connection), pg_bin)
        env = pg_environment(connection.settings_dict)
        # Read the whole table of contents first: a damaged archive is refused before anything is dropped.
        run_tool([pg_restore, "--list", str(dump)], env)
        connection.close()  # its locks and cached state belong to the database being replaced
        run_tool(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            env,
        )

    def restore_sqlite(self, connection, database: Path) -> None:
        try:
            source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise CommandError(f"{database} cannot be opened as an SQLite database: {error}") from error
        try:
            try:
                check = source.execute("PRAGMA quick_check").fetchone()[0]
                migrated = source.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
                ).fetchone()
            except sqlite3.DatabaseError as error:
                raise CommandError(f"{database} is not a usable SQLite database: {error}") from error
            if check != "ok":
                raise CommandError(f"{database} fails SQLite's integrity check: {check}")
            if not migrated:
                raise CommandError(f"{database} is an SQLite database, but not this app's (no django_migrations).")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()

    def restore_media(self, media: Path) -> int:
        root = Path(settings.MEDIA_ROOT)
        count = 0
        for file in sorted(p for p in media.rglob("*") if p.is_file()):
            destination = root / file.relative_to(media)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, destination)
            count += 1
        return count
