"""Put a backup back (docs/operations.md, "Backups"). Stop the web and the consumer first."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lingong.operations.backup import BackupError, backup_manifest, backup_restore, key_fingerprint


class Command(BaseCommand):
    help = "Replace this database (and the uploads) with a backup taken by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup folder (lingong-backup-YYYYmmdd-HHMMSS)")
        parser.add_argument("--yes", action="store_true", help="really replace everything in this database")

    def handle(self, *args, path: str, yes: bool, **options):
        try:
            manifest = backup_manifest(Path(path))
            if not yes:
                raise CommandError(
                    f"This replaces everything in this database with the backup of {manifest['taken_at']}. "
                    "Stop the web and the consumer, then run again with --yes."
                )
            rows = backup_restore(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {manifest['taken_at']}: {sum(rows.values())} rows, every table as counted")
        if manifest["field_encryption_key_fingerprint"] != key_fingerprint():
            self.stdout.write("sealed with an old key (a fallback): run `manage.py field_key_rotate` now")
