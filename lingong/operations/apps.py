from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Scheduled work: the task registry, run records, catch-up and failures."""

    name = "lingong.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self):
        # Every process (web and consumer) registers the same tasks and hooks, once models are loaded.
        from . import hooks, registry  # noqa: PLC0415

        registry.task_modules_import()
        hooks.hooks_connect()
