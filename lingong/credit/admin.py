from django.contrib import admin

from lingong.core.admin import ServicesOnlyAdmin

from .models import Appeal, CreditEvent, Penalty, Rating


@admin.register(CreditEvent)
class CreditEventAdmin(ServicesOnlyAdmin):
    list_display = ("occurred_at", "kind", "weight", "worker", "employer", "voided_at")
    list_select_related = ("worker", "employer")
    list_filter = ("kind",)
    readonly_fields = [f.name for f in CreditEvent._meta.fields]


@admin.register(Rating)
class RatingAdmin(ServicesOnlyAdmin):
    list_display = ("placement", "side", "stars", "created_at")
    list_select_related = ("placement__job", "placement__worker")


@admin.register(Penalty)
class PenaltyAdmin(ServicesOnlyAdmin):
    list_display = ("worker", "kind", "starts_at", "ends_at", "lifted_at")
    list_select_related = ("worker",)


@admin.register(Appeal)
class AppealAdmin(ServicesOnlyAdmin):
    list_display = ("id", "worker", "employer", "status", "due_at", "decided_by")
    list_select_related = ("worker", "employer", "decided_by")
    list_filter = ("status",)
