from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "lingong.training"
    label = "training"
    verbose_name = "技能培训 Training"
