from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "lingong.boards"
    label = "boards"
    verbose_name = "信息栏 Boards"
