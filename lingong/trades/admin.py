from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import JobType


@admin.register(JobType)
class JobTypeAdmin(ServicesOnlyAdmin):
    list_display = ("name_zh", "name_bo", "csco_code", "csco_name", "intensity", "outdoor", "is_active")
    list_filter = ("intensity", "outdoor", "is_active")
    search_fields = ("name_zh", "csco_code", "csco_name")
    filter_horizontal = ("related",)
