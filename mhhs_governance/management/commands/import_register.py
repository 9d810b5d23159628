from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.spreadsheets import SheetError
from mhhs_governance.registers import REGISTERS


class Command(BaseCommand):
    help = "Import a register from .xlsx or .csv: all or nothing, every refused row reported with its reason."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(REGISTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing.")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")

    def handle(self, *args, kind, file, dry_run, user, **options):
        if not file.is_file():
            raise CommandError(f"No file {file}.")
        actor = get_user_model().objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"No user {user}.")
        sheet = REGISTERS[kind].sheet()
        try:
            report = sheet.run(file.name, file.read_bytes(), actor=actor, dry_run=dry_run)
        except SheetError as refused:
            raise CommandError(str(refused)) from refused
        for row in report.rows:
            if row.outcome == "error":
                self.stdout.write(self.style.ERROR(f"row {row.row} {row.ref}: {'; '.join(row.errors)}"))
        counts = ", ".join(f"{count} {outcome}" for outcome, count in report.counts.items())
        if report.errors:
            raise CommandError(f"Nothing imported: {len(report.errors)} row(s) refused ({counts}).")
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {file.name}: {counts}."))
