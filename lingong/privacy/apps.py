from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """People's rights over their data (PIPL): a copy, deletion, consent withdrawn; retention."""

    name = "lingong.privacy"
    label = "privacy"
    verbose_name = _("Personal data rights")
