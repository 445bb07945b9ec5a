"""The Chengguan gig market and its three gig stations (data in stations/data.py)."""

from django.db import migrations


def load_stations(apps, schema_editor):
    from lingong.stations.data import stations_load

    stations_load(station_model=apps.get_model("stations", "Station"),
                  window_model=apps.get_model("stations", "ServiceWindow"))


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]
    operations = [migrations.RunPython(load_stations, migrations.RunPython.noop)]
