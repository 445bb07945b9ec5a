from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Installed so that the consumer and the web share its tasks (morning dispatch, fast channel)."""

    name = "lingong.matching"
    label = "matching"
    verbose_name = _("Matching")
