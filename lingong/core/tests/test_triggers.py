"""Every trigger the migrations create exists in the database, on SQLite and on PostgreSQL.

SQLite rebuilds a table when a migration alters it, and the rebuild drops
the table's triggers silently; a migration that rebuilds such a table must
create them again (see CONTRIBUTING.md, "Migrations"). This test reads the
`SQLITE_UP` / `POSTGRES_UP` constants of every migration module, so a new
trigger is covered as soon as it is written the same way.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

CONSTANT = {"sqlite": "SQLITE_UP", "postgresql": "POSTGRES_UP"}


def triggers_in_migrations(vendor: str) -> set[str]:
    names = set()
    for path in sorted(Path(settings.BASE_DIR, "lingong").glob("*/migrations/0*.py")):
        if "TRIGGER" not in path.read_text():
            continue
        module = importlib.import_module(".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts))
        value = getattr(module, CONSTANT[vendor], "")
        text = "\n".join(value) if isinstance(value, list | tuple) else value
        names |= set(re.findall(r"CREATE TRIGGER (\w+)", text))
    return names


def triggers_in_database() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def test_every_trigger_of_the_migrations_is_in_the_database():
    expected = triggers_in_migrations(connection.vendor)
    assert expected >= {"agreement_signed_content_immutable"}  # the reader finds them at all
    assert expected <= triggers_in_database()
