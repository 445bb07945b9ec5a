"""A consistent backup while the service runs, and its restore (`manage.py backup`, `manage.py restore`).

SQLite: the online backup API copies the database page by page under a read
transaction (writers carry on). PostgreSQL: `pg_dump` in its custom format (one
snapshot). Uploads go along as a tar file. A manifest records the schema, the
number of rows of every table and a fingerprint of the field encryption key:
the backup does not hold the keys (a stolen backup must not open the ID
numbers), so the restore checks that the key it will read with is the one the
data was sealed with.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

MANIFEST = "MANIFEST.json"
SQLITE_FILE, PG_FILE, MEDIA_FILE = "database.sqlite3", "database.pgdump", "media.tar.gz"
KEYS_REMINDER = (
    "This backup does not hold the keys. To read it you need, from where you keep them apart from the backups:\n"
    "  FIELD_ENCRYPTION_KEY  (fingerprint {fingerprint}): without it no ID number or phone can be read, ever;\n"
    "  SECRET_KEY            (sessions and signed links; a new one only signs everybody out).\n"
)


class BackupError(Exception):
    pass


@dataclass
class BackupResult:
    path: Path
    engine: str
    rows: dict[str, int]


def key_fingerprint(key: str | None = None) -> str:
    """A short digest of the field encryption key: tells keys apart, reveals nothing of them."""
    return hashlib.sha256((key or settings.FIELD_ENCRYPTION_KEY).encode()).hexdigest()[:16]


def _tables() -> list[str]:
    """Every table of every installed model (managed ones: what the backup must bring back)."""
    return sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy}
    )


def row_counts(cursor=None) -> dict[str, int]:
    """Rows of every table, read through `cursor` (a snapshot's, or a copy's), else the live connection's."""
    if cursor is None:
        with connection.cursor() as live:
            return row_counts(live)
    counts = {}
    for table in _tables():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  table names from the models, not input
        counts[table] = cursor.fetchone()[0]
    return counts


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"No backup for the {vendor} database.")
    return vendor


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, args


def backup_take(*, directory: Path) -> BackupResult:
    """Write a backup into a new folder under `directory`; returns where and what it counted."""
    engine = _engine()
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = Path(directory) / f"lingong-backup-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(copy)
            rows = row_counts(copy.cursor())  # counted in the copy itself
        finally:
            copy.close()
    else:
        rows = _pg_dump_in_snapshot(target / PG_FILE)
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(media.iterdir()):
        with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
            archive.add(media, arcname=media.name)
    latest = MigrationRecorder.Migration.objects.order_by("-id").values_list("app", "name").first()
    manifest = {
        "taken_at": timezone.now().isoformat(),
        "engine": engine,
        "last_migration": list(latest) if latest else None,
        "field_encryption_key_fingerprint": key_fingerprint(),
        "rows": rows,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    (target / "KEYS.txt").write_text(KEYS_REMINDER.format(fingerprint=key_fingerprint()))
    return BackupResult(path=target, engine=engine, rows=rows)


def _pg_dump_in_snapshot(file: Path) -> dict[str, int]:
    """Count the rows and dump them from one snapshot (pg_dump --snapshot), so the counts are the dump's."""
    env, args = _pg_env_and_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        rows = row_counts(cursor)
        dump = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(file), *args],
            env=env,
            capture_output=True,
            text=True,
        )
    if dump.returncode != 0:
        raise BackupError(f"pg_dump failed: {dump.stderr.strip()[:500]}")
    return rows


def backup_manifest(path: Path) -> dict:
    try:
        return json.loads((Path(path) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Not a Lingong backup (no readable {MANIFEST}): {path}") from error


def backup_restore(*, path: Path) -> dict[str, int]:
    """Put the database (and uploads) back as they were in the backup; returns the row counts found after."""
    path = Path(path)
    manifest = backup_manifest(path)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of {manifest['engine']}; this database is {engine}.")
    # The current key, or an old one kept in FIELD_ENCRYPTION_KEY_FALLBACKS (then `field_key_rotate` after the restore).
    readable = {
        key_fingerprint(key) for key in (settings.FIELD_ENCRYPTION_KEY, *settings.FIELD_ENCRYPTION_KEY_FALLBACKS)
    }
    if manifest["field_encryption_key_fingerprint"] not in readable:
        raise BackupError(
            "FIELD_ENCRYPTION_KEY is not the key this backup was sealed with, nor is any fallback "
            f"(fingerprint {manifest['field_encryption_key_fingerprint']}): set that key, then restore."
        )
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path / SQLITE_FILE) as source:
            source.backup(connection.connection)
    else:
        connection.close()  # pg_restore drops and makes the tables again: no session of ours may hold them
        env, args = _pg_env_and_args()
        restore = subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path / PG_FILE)],
            env=env,
            capture_output=True,
            text=True,
        )
        if restore.returncode != 0:
            raise BackupError(f"pg_restore failed: {restore.stderr.strip()[:500]}")
    if (path / MEDIA_FILE).exists():
        media = Path(settings.MEDIA_ROOT)
        shutil.rmtree(media, ignore_errors=True)
        with tarfile.open(path / MEDIA_FILE, "r:gz") as archive:
            archive.extractall(media.parent, filter="data")
    found = row_counts()
    missing = {
        table: (count, found.get(table)) for table, count in manifest["rows"].items() if found.get(table) != count
    }
    if missing:
        raise BackupError(f"Restored, but rows differ from the manifest: {missing}")
    return found
