from django.contrib import admin

from lingong.accounts.admin import StationScopedAdmin

from .models import Application, Block, Job, Placement


@admin.register(Job)
class JobAdmin(StationScopedAdmin):
    list_display = (
        "title",
        "job_type",
        "employer",
        "status",
        "headcount",
        "places_filled",
        "pay_fen",
        "pay_unit",
        "start_date",
        "station",
    )
    list_select_related = ("job_type", "employer", "station")
    list_filter = ("status", "kind", "job_type", "station", "is_fast_channel", "source")
    search_fields = ("title", "employer__name")
    readonly_fields = ("status", "places_filled", "review_note", "published_at")
    raw_id_fields = ("employer",)


@admin.register(Application)
class ApplicationAdmin(StationScopedAdmin):
    station_path = "job__station"
    list_display = ("job", "worker", "origin", "channel", "status", "created_at")
    list_select_related = ("job", "worker")
    list_filter = ("status", "origin", "channel")
    readonly_fields = ("status",)
    raw_id_fields = ("job", "worker")


@admin.register(Placement)
class PlacementAdmin(StationScopedAdmin):
    station_path = "job__station"
    list_display = ("job", "worker", "status", "channel", "start_date", "end_date")
    list_select_related = ("job", "worker")
    list_filter = ("status", "channel")
    readonly_fields = ("status",)
    raw_id_fields = ("job", "worker", "application")


@admin.register(Block)
class BlockAdmin(StationScopedAdmin):
    station_path = "employer__station"
    list_display = ("worker", "employer", "by_side", "is_active", "reason", "updated_at")
    list_select_related = ("worker", "employer")
    list_filter = ("by_side", "is_active")
    raw_id_fields = ("worker", "employer")
