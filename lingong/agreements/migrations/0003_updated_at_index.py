"""Index updated_at (matching refreshes by it).

On SQLite, altering a field rebuilds the table, and the rebuild drops the
immutability trigger of 0002: it is created again here. Any later migration
that alters `agreements_agreement` on SQLite must do the same.
"""

from django.db import migrations, models


def recreate_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL alters in place and keeps the trigger
    from importlib import import_module

    immutable = import_module("lingong.agreements.migrations.0002_signed_content_immutable")
    schema_editor.execute(immutable.SQLITE_DOWN)
    schema_editor.execute(immutable.SQLITE_UP)


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0002_signed_content_immutable"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agreement",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name="updated at"),
        ),
        migrations.RunPython(recreate_trigger, migrations.RunPython.noop),
    ]
