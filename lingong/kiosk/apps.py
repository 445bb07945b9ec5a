from django.apps import AppConfig


class KioskConfig(AppConfig):
    name = "lingong.kiosk"
    label = "kiosk"
    verbose_name = "就业一体机 Kiosk"
