from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AggregationConfig(AppConfig):
    name = "lingong.aggregation"
    label = "aggregation"
    verbose_name = _("Imported postings")
    default_auto_field = "django.db.models.BigAutoField"
