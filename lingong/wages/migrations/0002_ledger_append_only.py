"""A database guard under the services: ledger entries are never updated.

Deletion is refused by the services and the PROTECT foreign key, not by a
trigger, so test databases can still be flushed between tests.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE TRIGGER wage_ledger_no_update BEFORE UPDATE ON wages_wageledgerentry "
    "BEGIN SELECT RAISE(ABORT, 'wage ledger entries are append-only'); END;",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS wage_ledger_no_update;"]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION wage_ledger_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'wage ledger entries are append-only'; END $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER wage_ledger_append_only BEFORE UPDATE ON wages_wageledgerentry "
    "FOR EACH ROW EXECUTE FUNCTION wage_ledger_append_only();",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS wage_ledger_append_only ON wages_wageledgerentry;",
    "DROP FUNCTION IF EXISTS wage_ledger_append_only();",
]


def _apply(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("wages", "0001_initial")]
    operations = [
        migrations.RunPython(
            _apply({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _apply({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
