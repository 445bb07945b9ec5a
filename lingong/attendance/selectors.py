"""Reads of attendance, with access checks."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.selectors import role_allows
from lingong.core.errors import NotAllowed

from .models import AttendanceRecord, AttendanceStatus


def attendance_list_for_placement(*, user, placement) -> QuerySet[AttendanceRecord]:
    """The days of one placement: for its employer, its worker, or staff who may view attendance."""
    uid = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    own = uid is not None and uid in (placement.worker.user_id, placement.job.employer.user_id)
    if not own and not role_allows(user, "attendance.view", station_id=placement.job.station_id):
        raise NotAllowed()
    return AttendanceRecord.objects.filter(placement=placement).order_by("day", "id")


def attendance_list_disputed_for_staff(*, user, station_id: int | None = None) -> QuerySet[AttendanceRecord]:
    """Disputed days waiting for a decision, the oldest first."""
    if not role_allows(user, "attendance.view", station_id=station_id):
        raise NotAllowed()
    rows = AttendanceRecord.objects.filter(status=AttendanceStatus.DISPUTED).select_related(
        "placement__worker", "placement__job__employer", "placement__job__job_type"
    )
    if station_id is not None:
        rows = rows.filter(placement__job__station_id=station_id)
    return rows.order_by("day", "id")
