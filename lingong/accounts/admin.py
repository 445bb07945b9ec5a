from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "station", "is_active")
    list_filter = ("role", "station", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role"), {"fields": ("role", "station")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Role"), {"fields": ("role", "station")}),)
