from django.apps import AppConfig


class StationsConfig(AppConfig):
    name = "lingong.stations"
    label = "stations"
    verbose_name = "驿站 Stations"
