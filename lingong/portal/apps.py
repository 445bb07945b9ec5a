from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "lingong.portal"
    label = "portal"
    verbose_name = "门户 Portal"
