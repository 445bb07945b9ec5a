from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "lingong.followups"
    label = "followups"
    verbose_name = "跟踪回访 Follow-ups"
