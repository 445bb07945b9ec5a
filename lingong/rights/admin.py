from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import DutyShift, Mediation, RightsCase


@admin.register(DutyShift)
class DutyShiftAdmin(ServicesOnlyAdmin):
    list_display = ("date", "start_time", "end_time", "station", "window", "officer", "lawyer_name", "languages")
    list_select_related = ("station", "officer")
    list_filter = ("station", "date")


@admin.register(RightsCase)
class RightsCaseAdmin(ServicesOnlyAdmin):
    list_display = ("id", "kind", "employer", "status", "assigned_to", "amount_claimed_fen", "opened_at")
    list_select_related = ("employer", "assigned_to")
    list_filter = ("status", "kind", "station")
    readonly_fields = [f.name for f in RightsCase._meta.fields]

    def has_add_permission(self, request):
        return False  # intake goes through the service


@admin.register(Mediation)
class MediationAdmin(ServicesOnlyAdmin):
    list_display = ("case", "held_on", "result")
    list_select_related = ("case",)
