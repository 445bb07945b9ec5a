"""Reads of the outbox, with access checks."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows, role_require

from .models import Notification, NotificationStatus, ReceiptStatus


def notification_list_for_staff(
    *, user, base: QuerySet | None = None, status: str = "", kind: str = "", receipt: str = ""
) -> QuerySet:
    """District admins see every message; station staff their station's people's.

    Messages tied to no station (a sign-in code to a number not yet known)
    are the district's.
    """
    queryset = Notification.objects.all() if base is None else base
    if not role_allows(user, "notification.view", station_id=getattr(user, "station_id", None)):
        return queryset.none()
    if not user.is_superuser and user.role == Role.STATION_STAFF:
        queryset = queryset.filter(station_id=user.station_id)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if receipt:
        queryset = queryset.filter(receipt=receipt)
    return queryset.select_related("station").order_by("-created_at", "-id")


def notification_require_view(*, user) -> None:
    role_require(user, "notification.view", station_id=getattr(user, "station_id", None))


def sms_problem_counts(*, since) -> dict[str, int]:
    """For monitoring: messages that failed for good, and that the carrier did not deliver, since `since`."""
    recent = Notification.objects.filter(created_at__gte=since)
    return {
        "failed": recent.filter(status=NotificationStatus.FAILED).count(),
        "undelivered": recent.filter(receipt=ReceiptStatus.UNDELIVERED).count(),
    }
