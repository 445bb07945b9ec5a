"""The Tibetan names of the stations and windows follow the glossary (data in stations/data.py)."""

from django.db import migrations


def names_load(apps, schema_editor):
    from lingong.stations.data import station_names_load

    station_names_load(
        station_model=apps.get_model("stations", "Station"), window_model=apps.get_model("stations", "ServiceWindow")
    )


class Migration(migrations.Migration):
    dependencies = [("stations", "0003_station_phone")]
    operations = [migrations.RunPython(names_load, migrations.RunPython.noop)]
