from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from lingong.core.admin import ServicesOnlyAdmin

from .models import Role, User


class StationScopedAdmin(ServicesOnlyAdmin):
    """Read-only for the roles (see ServicesOnlyAdmin); station staff see only their station's rows.

    `station_path` names the lookup from the model to its Station.
    """

    station_path: str = "station"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser or user.role != Role.STATION_STAFF:
            return queryset
        return queryset.filter(**{self.station_path: user.station_id})


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "station", "is_active")
    list_select_related = ("station",)
    list_filter = ("role", "station", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role"), {"fields": ("role", "station")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Role"), {"fields": ("role", "station")}),)
