from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "lingong.credit"
    label = "credit"
    verbose_name = "信用评价 Credit"
