"""The schema the migrations make is the schema the models describe, triggers included."""

import importlib
import inspect
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

TRIGGER_NAME = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
VENDOR_CONSTANT = {"sqlite": "SQLITE_UP", "postgresql": "POSTGRES_UP"}


def _project_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    project = {config.label for config in apps.get_app_configs() if config.name.startswith("lingong.")}
    for (label, name), migration in sorted(loader.disk_migrations.items()):
        if label in project:
            yield f"{label}.{name}", importlib.import_module(type(migration).__module__)


def _triggers_defined() -> dict[str, dict[str, str]]:
    """{vendor: {trigger name: migration}} read from the SQLITE_UP / POSTGRES_UP constants."""
    defined: dict[str, dict[str, str]] = {vendor: {} for vendor in VENDOR_CONSTANT}
    without_constants = []
    for key, module in _project_migrations():
        if not TRIGGER_NAME.search(inspect.getsource(module)):
            continue
        for vendor, constant in VENDOR_CONSTANT.items():
            statements = getattr(module, constant, None)
            if statements is None:
                without_constants.append(f"{key} has no {constant}")
                continue
            text = statements if isinstance(statements, str) else "\n".join(statements)
            for name in TRIGGER_NAME.findall(text):
                defined[vendor][name] = key
    assert without_constants == [], "a migration that creates triggers keeps its SQL in SQLITE_UP and POSTGRES_UP"
    return defined


def _triggers_in_database() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            pytest.skip(f"no trigger query for {connection.vendor}")
        return {row[0] for row in cursor.fetchall()}


def test_the_migrations_define_the_known_guards():
    defined = _triggers_defined()
    assert set(defined["sqlite"]) >= {"wage_ledger_no_update", "agreement_signed_content_immutable"}
    assert set(defined["postgresql"]) >= {"wage_ledger_append_only", "agreement_signed_content_immutable"}


@pytest.mark.django_db
def test_every_trigger_the_migrations_define_exists_after_migrate():
    """A later migration that rebuilds a table on SQLite drops its triggers: this catches it."""
    expected = _triggers_defined()[connection.vendor]
    missing = sorted(
        f"{name} ({migration})" for name, migration in expected.items() if name not in _triggers_in_database()
    )
    assert missing == []


def _makemigrations_check() -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    code, output = _makemigrations_check()
    assert (code, output.strip()) == (0, "No changes detected")


@pytest.mark.django_db
def test_the_check_sees_a_model_change_without_a_migration():
    """The check above can fail: a field added to a model and no migration makes it exit 1."""
    from django.db import models

    from lingong.core.models import AccessLog

    field = models.CharField(max_length=8, blank=True)
    field.contribute_to_class(AccessLog, "not_migrated")
    try:
        code, output = _makemigrations_check()
    finally:
        AccessLog._meta.local_fields.remove(field)
        AccessLog._meta._expire_cache()
        apps.clear_cache()
    assert code == 1 and "not_migrated" in output
    assert _makemigrations_check()[0] == 0
