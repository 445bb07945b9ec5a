from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lingong.notifications"
    label = "notifications"
    verbose_name = "消息 Messages"
