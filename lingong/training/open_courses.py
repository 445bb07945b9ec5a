"""Which courses are open (a session still to come), kept in the process: the kiosk's home asks on every page.

Courses and sessions change rarely. The snapshot (lingong/core/snapshot.py) is read again a minute after it
was read, at once after a course or session is saved in this process, and when a session is cancelled (a
`QuerySet.update()` no signal sees, so the service says so). Whether a session is still to come is decided
against the clock at each ask.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max, Q

from lingong.core.snapshot import Snapshot

from .models import SessionStatus, TrainingCourse, TrainingSession


def _courses_open_until() -> list[tuple[TrainingCourse, datetime]]:
    """Active courses with the start of their last scheduled session: each is open (a session still to come)
    until then."""
    last_start = Max("sessions__starts_at", filter=Q(sessions__status=SessionStatus.SCHEDULED))
    courses = (
        TrainingCourse.objects.filter(is_active=True)
        .annotate(open_until=last_start)
        .filter(open_until__isnull=False)
        .select_related("job_type")
        .order_by("-id")
    )
    return [(course, course.open_until) for course in courses]


courses_open_until = Snapshot(_courses_open_until, models=[TrainingCourse, TrainingSession])
