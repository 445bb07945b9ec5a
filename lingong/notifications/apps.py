from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lingong.notifications"
    label = "notifications"
    verbose_name = "消息 Messages"

    def ready(self):
        from . import checks  # noqa: F401, PLC0415  registers the SMS gateway's system check; models load first
