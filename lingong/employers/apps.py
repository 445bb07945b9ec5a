from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "lingong.employers"
    label = "employers"
    verbose_name = "雇主 Employers"
