from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(ServicesOnlyAdmin):
    """Only the token's digest is stored; staff can see and revoke sessions, never read a token."""

    list_display = ("user", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    list_filter = ("revoked_at",)
    readonly_fields = ("user", "created_at", "expires_at", "last_used_at")
    exclude = ("digest",)

    def has_add_permission(self, request):
        return False
