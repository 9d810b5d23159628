"""`manage.py backup [PATH]`: the configured database and the media files in one .tar.gz.

The bundle (format 1) holds:

    manifest.json      what it is: format, database vendor and name, when, how many media files
    database.dump      PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.sqlite3   SQLite: a consistent copy made with sqlite3's online backup API
    media/…            every file under MEDIA_ROOT (meeting packs)

PATH defaults to `backups/mhhs-<UTC timestamp>.tar.gz` beside manage.py (`BACKUP_DIR` in the settings moves
it); a directory means a file of that name inside it. The file is readable by its owner only: it holds every
record, history and password hash. `manage.py restore PATH` puts it back.

PostgreSQL is dumped by the pg_dump of the server's major version: /usr/lib/postgresql/<major>/bin first (or
`--pg-bin DIR`), then PATH. The connection settings go to it in the environment (PGHOST, PGPASSWORD, …),
never on its command line.
"""

import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT = "mhhs-governance-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
MEDIA_DIR = "media"
PG_ENV = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
}


def vendor_of(connection) -> str:
    if connection.vendor not in DB_MEMBER:
        raise CommandError(
            f"Backups cover PostgreSQL and SQLite; the {connection.alias} database is {connection.vendor}."
        )
    return connection.vendor


def default_backup_path(now: datetime.datetime | None = None) -> Path:
    now = now or datetime.datetime.now(datetime.UTC)
    directory = Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "backups"))
    return directory / f"mhhs-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def database_label(connection) -> str:
    name = connection.settings_dict["NAME"]
    return f"{VENDOR_NAMES[connection.vendor]} database {name}"


# --- PostgreSQL tools --------------------------------------------------------------------------------------------


def pg_environment(settings_dict: dict) -> dict:
    """The process environment with the connection settings as libpq's PG* variables (the password never
    reaches a command line, where `ps` would show it)."""
    env = dict(os.environ)
    for key, variable in PG_ENV.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for key, variable in PG_OPTION_ENV.items():
        value = (settings_dict.get("OPTIONS") or {}).get(key)
        if value:
            env[variable] = str(value)
    return env


def server_major(connection) -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def tool_major(executable: str) -> int | None:
    try:
        output = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else None


def find_pg_tool(name: str, major: int, pg_bin: str | None = None) -> str:
    """`name` (pg_dump, pg_restore) of PostgreSQL `major`: in `pg_bin` if given, else the server version's
    /usr/lib/postgresql/<major>/bin, else on PATH, provided it is not older than the server."""
    if pg_bin:
        candidate = Path(pg_bin) / name
        if not os.access(candidate, os.X_OK):
            raise CommandError(f"{name} not found in {pg_bin}.")
        return str(candidate)
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if os.access(candidate, os.X_OK):
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise CommandError(
            f"{name} not found: install the PostgreSQL {major} client tools (Debian/Ubuntu: "
            f"apt-get install postgresql-client-{major}) or give their directory with --pg-bin."
        )
    found_major = tool_major(found)
    if found_major is not None and found_major < major:
        raise CommandError(
            f"{found} is PostgreSQL {found_major}, older than the server ({major}): install "
            f"postgresql-client-{major} or give its directory with --pg-bin."
        )
    return found


def run_tool(args: list[str], env: dict) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True)
    except OSError as error:
        raise CommandError(f"Could not run {args[0]}: {error}") from error
    if result.returncode != 0:
        raise CommandError(f"{Path(args[0]).name} failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return result


# --- the commands' shared parts -----------------------------------------------------------------------------------


def add_pg_bin_argument(parser) -> None:
    parser.add_argument(
        "--pg-bin",
        metavar="DIR",
        help="Directory of pg_dump / pg_restore (default: /usr/lib/postgresql/<server major>/bin, then PATH).",
    )


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"  # pragma: no cover


class Command(BaseCommand):
    help = (
        "Backs up the database (PostgreSQL: pg_dump --format=custom; SQLite: the online backup API) and the "
        "media files into one .tar.gz; default backups/mhhs-<UTC timestamp>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write the .tar.gz (a directory: a file inside it).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")
        parser.add_argument("--no-media", action="store_true", help="Leave the media files (meeting packs) out.")
        add_pg_bin_argument(parser)

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        vendor = vendor_of(connection)
        target = Path(options["path"]) if options["path"] else default_backup_path()
        if target.is_dir():
            target = target / default_backup_path().name
        if target.exists():
            raise CommandError(f"{target} exists already: give another path.")
        target.parent.mkdir(parents=True, exist_ok=True)

        media_root = Path(settings.MEDIA_ROOT)
        media = [] if options["no_media"] else media_files(media_root)
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as work:
            dump = Path(work) / DB_MEMBER[vendor]
            if vendor == "postgresql":
                self.dump_postgresql(connection, dump, options["pg_bin"])
            else:
                self.copy_sqlite(connection, dump)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "vendor": vendor,
                "database": str(connection.settings_dict["NAME"]),
                "database_file": dump.name,
                "media_files": len(media),
            }
            if vendor == "postgresql":
                manifest["server_version"] = connection.pg_version
            (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")

            partial = Path(work) / "bundle.tar.gz"
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as bundle:
                bundle.add(Path(work) / MANIFEST, arcname=MANIFEST)
                bundle.add(dump, arcname=dump.name)
                for file in media:
                    bundle.add(file, arcname=f"{MEDIA_DIR}/{file.relative_to(media_root).as_posix()}")
            os.replace(partial, target)

        self.stdout.write(
            f"Backed up the {database_label(connection)} and {len(media)} media file(s) to {target} "
            f"({human_size(target.stat().st_size)})."
        )

    def dump_postgresql(self, connection, dump: Path, pg_bin: str | None) -> None:
        pg_dump = find_pg_tool("pg_dump", server_major(connection), pg_bin)
        env = pg_environment(connection.settings_dict)
        run_tool([pg_dump, "--format=custom", "--no-password", f"--file={dump}"], env)

    def copy_sqlite(self, connection, dump: Path) -> None:
        # Through Django's own connection, so an in-memory test database is copied too; the backup API copies
        # a consistent state page by page, unlike copying the file while it is open.
        connection.ensure_connection()
        destination = sqlite3.connect(dump)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
