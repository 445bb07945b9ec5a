from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(ServicesOnlyAdmin):
    list_display = ("placement", "kind", "due_on", "station", "status")
    list_select_related = ("placement__job", "placement__worker", "station")
    list_filter = ("status", "kind", "station")
