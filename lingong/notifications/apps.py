from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lingong.notifications"
    label = "notifications"
    verbose_name = _("Messages")

    def ready(self):
        from . import checks  # noqa: F401, PLC0415  registers the SMS gateway's system check; models load first
