"""The database cache's table (settings CACHES): rate limits need it before anything runs."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    if "DatabaseCache" in settings.CACHES["default"]["BACKEND"]:
        call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_event_verbs_privacy")]

    operations = [migrations.RunPython(cache_table_create, migrations.RunPython.noop)]
