from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "lingong.calls"
    label = "calls"
    verbose_name = "电话联系 Calls"
