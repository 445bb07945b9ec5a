from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Its tasks (morning dispatch, fast channel, training) and its learning log (exposures, models, standby lists)."""

    name = "lingong.matching"
    label = "matching"
    verbose_name = _("Matching")
