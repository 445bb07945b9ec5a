from django.contrib import admin

from lingong.accounts.admin import StationScopedAdmin
from lingong.core.admin import ServicesOnlyInline

from .models import Kiosk, ServiceWindow, Station


class ServiceWindowInline(ServicesOnlyInline):
    model = ServiceWindow
    extra = 0


@admin.register(Station)
class StationAdmin(StationScopedAdmin):
    station_path = "pk"
    list_display = ("name_zh", "name_bo", "kind", "address_zh", "phone", "hotline", "is_active")
    inlines = [ServiceWindowInline]


@admin.register(Kiosk)
class KioskAdmin(StationScopedAdmin):
    list_display = ("code", "label", "station", "is_active")
    list_select_related = ("station",)
    list_filter = ("station", "is_active")
