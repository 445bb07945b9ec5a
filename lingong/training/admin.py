from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import TrainingBooking, TrainingCourse, TrainingSession


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ServicesOnlyAdmin):
    list_display = ("title_zh", "job_type", "provider_zh", "hours", "station", "is_active")
    list_filter = ("is_active", "station", "job_type")


@admin.register(TrainingSession)
class TrainingSessionAdmin(ServicesOnlyAdmin):
    list_display = ("course", "starts_at", "station", "capacity", "seats_taken", "status")
    list_select_related = ("course", "station")
    list_filter = ("status", "station")


@admin.register(TrainingBooking)
class TrainingBookingAdmin(ServicesOnlyAdmin):
    list_display = ("session", "worker", "status", "channel", "created_at")
    list_select_related = ("session__course", "worker")
    list_filter = ("status", "channel")
