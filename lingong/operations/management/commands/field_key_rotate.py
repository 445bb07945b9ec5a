"""Seal every personal value again under a new FIELD_ENCRYPTION_KEY (docs/operations.md, "Rotating keys")."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from lingong.operations.field_keys import FieldKeyError, field_key_rotate


class Command(BaseCommand):
    help = (
        "With the new key in FIELD_ENCRYPTION_KEY and the old one in FIELD_ENCRYPTION_KEY_FALLBACKS, seal every "
        "personal value and compute every look-up digest again under the new key, in one transaction. "
        "Stop the web and the consumers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would change, write nothing")

    def handle(self, *args, dry_run: bool, **options):
        try:
            rotation = field_key_rotate(dry_run=dry_run)
        except FieldKeyError as error:
            raise CommandError(str(error)) from error
        would = "would be " if dry_run else ""
        self.stdout.write(f"current key {rotation.current}; old keys {', '.join(rotation.fallbacks)}")
        for table in rotation.tables:
            self.stdout.write(
                f"{table.table}: {table.rows} rows, {table.resealed} values {would}re-sealed, "
                f"{table.reindexed} digests {would}recomputed"
            )
        self.stdout.write(
            f"accounts_smscode: {rotation.sms_codes_deleted} unused SMS codes {would}deleted "
            "(found by a digest of the phone alone, which cannot be recomputed; a code lives 10 minutes: ask again)"
        )
        if dry_run:
            self.stdout.write(f"{rotation.still_old} still under an old key. Dry run: nothing was written.")
        else:
            self.stdout.write(
                f"{rotation.still_old} still under an old key. Keep FIELD_ENCRYPTION_KEY_FALLBACKS until the "
                "backups sealed with the old key have aged out."
            )
