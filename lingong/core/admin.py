"""Back-office admin: personal data masked, station staff scoped to their station."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role

from .models import AccessLog, Event


class StationScopedAdmin(admin.ModelAdmin):
    """Station staff see only rows of their station; auditors only read.

    `station_path` names the lookup from the model to its Station.
    """

    station_path: str = "station"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser or user.role != Role.STATION_STAFF:
            return queryset
        return queryset.filter(**{self.station_path: user.station_id})

    def _read_only(self, request) -> bool:
        return not request.user.is_superuser and request.user.role == Role.AUDITOR

    def has_add_permission(self, request, *args):
        return not self._read_only(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return not self._read_only(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._read_only(request) and super().has_delete_permission(request, obj)


class AuditTrailAdmin(admin.ModelAdmin):
    """Audit rows are written by services only, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AuditTrailAdmin):
    list_display = ("created_at", "action", "subject_type", "subject_id", "from_state", "to_state", "actor", "station", "channel")
    list_filter = ("verb", "channel", "station")

    @admin.display(description=_("action"), ordering="verb")
    def action(self, event: Event) -> str:
        return event.verb_label


@admin.register(AccessLog)
class AccessLogAdmin(AuditTrailAdmin):
    list_display = ("created_at", "actor", "subject_type", "subject_id", "field", "reason", "station")
    list_filter = ("field", "station")
