"""Reads of attendance, with access checks."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.selectors import role_allows
from lingong.core.errors import NotAllowed, NotFound, id_from_input
from lingong.jobs.models import Job, Placement, PlacementStatus

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


def job_for_checkin_code(*, user, job_id) -> Job:
    """The job whose live check-in code this user may show: its employer, or staff of its station.

    Nobody else (not another employer, not a worker, not staff of another station):
    whoever holds the code can check in, so it is shown only at the place.
    """
    job = Job.objects.select_related("employer").filter(pk=id_from_input(job_id)).first()
    if job is None:
        raise NotFound()
    uid = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    if uid is not None and uid == job.employer.user_id:
        return job
    if not role_allows(user, "attendance.record", station_id=job.station_id):
        raise NotAllowed()
    return job


def placement_for_checkin(*, worker, job_id) -> Placement | None:
    """The worker's active placement in this job, if any."""
    return (
        Placement.objects.select_related("job", "worker", "station")
        .filter(job_id=job_id, worker=worker, status=PlacementStatus.ACTIVE)
        .first()
    )
