from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "lingong.agreements"
    label = "agreements"
    verbose_name = "简易用工协议 Agreements"
