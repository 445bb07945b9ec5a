"""A public phone for each station's window (shown at kiosks when a staff call goes unanswered)."""

from django.db import migrations, models


def load_phones(apps, schema_editor):
    from lingong.stations.data import station_phones_load

    station_phones_load(station_model=apps.get_model("stations", "Station"))


class Migration(migrations.Migration):
    dependencies = [("stations", "0002_chengguan_stations")]
    operations = [
        migrations.AddField(
            model_name="station", name="phone",
            field=models.CharField(blank=True, max_length=20, verbose_name="window phone"),
        ),
        migrations.RunPython(load_phones, migrations.RunPython.noop),
    ]
