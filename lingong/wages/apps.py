from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "lingong.wages"
    label = "wages"
    verbose_name = "工资结算 Wages"
