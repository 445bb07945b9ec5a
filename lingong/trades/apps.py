from django.apps import AppConfig


class TradesConfig(AppConfig):
    name = "lingong.trades"
    label = "trades"
    verbose_name = "工种 Trades"
