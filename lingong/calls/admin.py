from django.contrib import admin

from lingong.accounts.admin import StationScopedAdmin

from .models import CallRecord


@admin.register(CallRecord)
class CallRecordAdmin(StationScopedAdmin):
    """Calls are written by the console only; here they are read."""

    list_display = ("created_at", "worker", "outcome", "staff", "station", "call_back_at")
    list_select_related = ("worker", "staff", "station")
    list_filter = ("outcome", "station")
    raw_id_fields = ("worker", "application", "job")
    readonly_fields = (
        "worker",
        "application",
        "job",
        "outcome",
        "note",
        "interview_at",
        "interview_place",
        "call_back_at",
        "staff",
        "station",
        "created_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
