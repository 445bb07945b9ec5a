from django.apps import AppConfig


class AggregationConfig(AppConfig):
    name = "lingong.aggregation"
    label = "aggregation"
    verbose_name = "外部岗位 Imported postings"
    default_auto_field = "django.db.models.BigAutoField"
