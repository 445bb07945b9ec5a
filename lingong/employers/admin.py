from django.contrib import admin

from lingong.accounts.admin import StationScopedAdmin

from .models import Employer


@admin.register(Employer)
class EmployerAdmin(StationScopedAdmin):
    list_display = (
        "name",
        "kind",
        "uscc",
        "id_number_masked",
        "contact_name",
        "contact_phone_masked",
        "verification",
        "is_partner",
        "station",
    )
    list_filter = ("kind", "verification", "is_partner", "station")
    search_fields = ("name", "uscc", "contact_name")
    readonly_fields = (
        "id_number_masked",
        "contact_phone_masked",
        "verification",
        "verified_by",
        "verified_at",
        "channel",
    )
    exclude = ("user",)
