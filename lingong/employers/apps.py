from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "lingong.employers"
    label = "employers"
    verbose_name = _("Employers")
