from django.contrib import admin

from lingong.accounts.admin import StationScopedAdmin
from lingong.core.admin import ServicesOnlyInline

from .models import Consent, Worker, WorkerTrade


class WorkerTradeInline(ServicesOnlyInline):
    model = WorkerTrade
    extra = 0


class ConsentInline(ServicesOnlyInline):
    model = Consent
    extra = 0
    readonly_fields = ("notice_version", "channel", "station", "recorded_by", "read_aloud", "given_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Worker)
class WorkerAdmin(StationScopedAdmin):
    """Only masked ID numbers and phones appear here; reveals go through the console."""

    station_path = "registered_station"
    list_display = (
        "name",
        "id_number_masked",
        "phone_masked",
        "sex",
        "birth_date",
        "registered_station",
        "channel",
        "is_active",
    )
    list_select_related = ("registered_station",)
    list_filter = ("registered_station", "channel", "is_active", "speaks_bo")
    search_fields = ("name", "name_bo")
    readonly_fields = ("id_number_masked", "phone_masked", "birth_date", "sex", "channel", "hidden_at")
    exclude = ("user",)
    inlines = [WorkerTradeInline, ConsentInline]
