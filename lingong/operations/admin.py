"""Run records and failed tasks in the back office: read-only, written by the consumer."""

from __future__ import annotations

from django.contrib import admin

from lingong.core.admin import AuditTrailAdmin

from .models import ScheduledRun, TaskFailure


@admin.register(ScheduledRun)
class ScheduledRunAdmin(AuditTrailAdmin):
    list_display = ("slot", "task", "status", "caught_up", "started_at", "finished_at", "result")
    list_filter = ("task", "status", "caught_up")


@admin.register(TaskFailure)
class TaskFailureAdmin(AuditTrailAdmin):
    list_display = ("failed_at", "task", "args", "retries", "error")
    list_filter = ("task",)
    search_fields = ("task", "error")
