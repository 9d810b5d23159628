import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.spreadsheets import SheetError, parse_uk_date
from core.vocabulary import remember_mapping
from mhhs_governance.registers import REGISTERS


def _as_of(value: str) -> datetime.date:
    try:
        return parse_uk_date(value)
    except ValueError as unreadable:
        raise CommandError(f"--as-of: {unreadable}") from unreadable


class Command(BaseCommand):
    help = (
        "Import a register from .xlsx or .csv: all or nothing, every refused row reported with its reason. "
        "--as-of DATE records the file as it stood on that date (import dated files oldest first); "
        '--map "COLUMN=WORDING:CHOICE" keeps how to read a wording of a choice column for this and later imports.'
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(REGISTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument(
            "--as-of",
            type=_as_of,
            help="The date the file states (2024-08-07 or 07/08/2024): its rows are recorded in the history then.",
        )
        parser.add_argument(
            "--map",
            dest="maps",
            action="append",
            default=[],
            metavar="COLUMN=WORDING:CHOICE",
            help='How to read a wording, e.g. --map "Stage=Awaiting Authority decision:awaiting_decision" (CHOICE '
            "a code or label); kept for later imports unless --dry-run. Repeatable.",
        )

    def handle(self, *args, kind, file, dry_run, user, as_of, maps, **options):
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        actor = get_user_model().objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"No user {user}.")
        sheet = REGISTERS[kind].sheet()
        mappings = self._mappings(sheet, maps)
        if not dry_run:
            for column, choices in mappings.items():
                for wording, choice in choices.items():
                    remember_mapping(kind=kind, column=column, value=wording, choice=choice, actor=actor)
                    self.stdout.write(f"Kept: {column} '{wording}' is read as {choice} from now on.")
        try:
            report = sheet.run(
                file.name, file.read_bytes(), actor=actor, dry_run=dry_run, as_of=as_of, mappings=mappings
            )
        except SheetError as refused:
            raise CommandError(str(refused)) from refused
        for row in report.rows:
            for reading in row.readings:
                self.stdout.write(f"row {row.row} {row.ref}: {reading}")
            if row.outcome == "error":
                self.stdout.write(self.style.ERROR(f"row {row.row} {row.ref}: {'; '.join(row.errors)}"))
        for unknown in report.unknown_values:
            self.stdout.write(f'Map it once: --map "{unknown.header}={unknown.value}:<choice>"')
        counts = ", ".join(f"{count} {outcome}" for outcome, count in report.counts.items())
        if report.errors:
            raise CommandError(f"Nothing imported: {len(report.errors)} row(s) refused ({counts}).")
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        dated = f" as of {as_of:%d/%m/%Y}" if as_of else ""
        self.stdout.write(self.style.SUCCESS(f"{verb} {file.name}{dated}: {counts}."))

    def _mappings(self, sheet, options: list[str]) -> dict[str, dict[str, str]]:
        """{column key: {wording: choice value}} from the --map options, each checked against the register."""
        mappings: dict[str, dict[str, str]] = {}
        for option in options:
            column, _, rest = option.partition("=")
            wording, _, choice = rest.rpartition(":")
            if not (column.strip() and wording.strip() and choice.strip()):
                raise CommandError(f'--map "{option}": write it as "COLUMN=WORDING:CHOICE".')
            try:
                key, value = sheet.mapping_target(column.strip(), choice.strip())
            except ValueError as refused:
                raise CommandError(f'--map "{option}": {refused}') from refused
            mappings.setdefault(key, {})[wording.strip()] = value
        return mappings
