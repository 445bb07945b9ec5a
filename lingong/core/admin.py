"""Back-office admin: it reads; every change goes through the services.

The services hold the rules, the events and the side effects (a placement
made here would have no agreement, no wage record and no timeline), so the
admin changes nothing for anyone but a superuser, who stands outside the
rules by definition (data repair, with the database's own constraints still
holding).
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, Event


class ServicesOnlyAdmin(admin.ModelAdmin):
    """Viewing follows the role's permissions; adding, changing and deleting is for superusers only."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class ServicesOnlyInline(admin.TabularInline):
    """An inline of a read-only admin is read-only too."""

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class AuditTrailAdmin(admin.ModelAdmin):
    """Audit rows are written by services only, never edited, not even by a superuser."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(AuditTrailAdmin):
    list_display = (
        "created_at",
        "action",
        "subject_type",
        "subject_id",
        "from_state",
        "to_state",
        "actor",
        "station",
        "channel",
    )
    list_filter = ("verb", "channel", "station")
    list_select_related = ("subject_type", "actor", "station")

    @admin.display(description=_("action"), ordering="verb")
    def action(self, event: Event) -> str:
        return event.verb_label


@admin.register(AccessLog)
class AccessLogAdmin(AuditTrailAdmin):
    list_display = ("created_at", "actor", "subject_type", "subject_id", "field", "reason", "station")
    list_filter = ("field", "station")
    list_select_related = ("subject_type", "actor", "station")
