from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    """The life of a placement: what follows each step, across the domain apps (placement.py)."""

    name = "lingong.lifecycle"
    label = "lifecycle"
    verbose_name = _("Life of a placement")

    def ready(self):
        # Every process (web, consumer, tests, commands) connects the same steps, once models are loaded.
        from . import placement  # noqa: PLC0415

        placement.lifecycle_connect()
