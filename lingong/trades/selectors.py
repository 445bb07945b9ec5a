from __future__ import annotations

from django.db.models import QuerySet

from .models import JobType


def job_type_list_active() -> QuerySet[JobType]:
    return JobType.objects.filter(is_active=True).order_by("sort_order", "id")
