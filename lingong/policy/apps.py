from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "lingong.policy"
    label = "policy"
    verbose_name = "政策咨询 Policy"
