from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "lingong.rights"
    label = "rights"
    verbose_name = "维权调解 Rights"
