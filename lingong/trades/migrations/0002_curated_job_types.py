"""The curated gig trades, anchored on CSCO 2022 (see trades/data/job_types.json)."""

from django.db import migrations


def load_job_types(apps, schema_editor):
    from lingong.trades.services import job_type_sync_from_file

    job_type_sync_from_file(model=apps.get_model("trades", "JobType"))


class Migration(migrations.Migration):
    dependencies = [("trades", "0001_initial")]
    operations = [migrations.RunPython(load_job_types, migrations.RunPython.noop)]
