from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "lingong.stats"
    label = "stats"
    verbose_name = "统计 Figures"
