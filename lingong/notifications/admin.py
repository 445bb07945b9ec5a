from django.contrib import admin

from lingong.notifications.selectors import notification_list_for_staff

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the notification service alone."""

    list_display = (
        "created_at",
        "kind",
        "phone_masked",
        "language",
        "status",
        "attempts",
        "sent_at",
        "receipt",
        "station",
    )
    list_select_related = ("station",)
    list_filter = ("status", "receipt", "kind", "language", "station")
    search_fields = ("phone_masked",)
    readonly_fields = (
        "kind",
        "purpose",
        "phone_masked",
        "user",
        "station",
        "language",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "attempted_at",
        "sent_at",
        "provider_id",
        "receipt",
        "receipt_code",
        "receipt_at",
    )
    exclude = ("phone_sealed", "payload_sealed", "params_sealed", "dedupe_key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("station")

        return notification_list_for_staff(user=request.user, base=queryset)
