from django.contrib import admin

from .models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("placement", "kind", "due_on", "station", "status")
    list_filter = ("status", "kind", "station")
