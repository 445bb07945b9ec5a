"""Take a consistent backup while the service runs (docs/operations.md, "Backups")."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lingong.operations.backup import KEYS_REMINDER, BackupError, backup_take, key_fingerprint


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) and the uploads into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(Path(settings.VAR_DIR) / "backups"), help="folder for backups")

    def handle(self, *args, to: str, **options):
        try:
            result = backup_take(directory=Path(to))
        except BackupError as error:
            raise CommandError(str(error)) from error
        total = sum(result.rows.values())
        self.stdout.write(f"backup of {result.engine}: {result.path} ({total} rows in {len(result.rows)} tables)")
        self.stdout.write(KEYS_REMINDER.format(fingerprint=key_fingerprint()))
