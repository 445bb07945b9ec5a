from __future__ import annotations

from django.db.models import QuerySet

from lingong.core.snapshot import Snapshot

from .models import JobType


def job_type_list_active() -> QuerySet[JobType]:
    return JobType.objects.filter(is_active=True).order_by("sort_order", "id")


# The active trades for choices on every search form (lingong/core/snapshot.py).
job_types_active = Snapshot(lambda: list(job_type_list_active()), models=[JobType])
