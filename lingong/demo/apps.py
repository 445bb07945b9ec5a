from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data and its daily routine: the top layer, it may use every app."""

    name = "lingong.demo"
    verbose_name = _("Demo")
