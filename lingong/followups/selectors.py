"""Follow-up lists for the staff who make the calls."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from lingong.accounts.selectors import role_require

from .models import FollowUp, FollowUpStatus


def followup_list_for_station_day(*, user, station, day: date, include_overdue: bool = True) -> QuerySet[FollowUp]:
    """Calls to make at `station` on `day`: due that day, plus (by default) earlier ones still open."""
    role_require(user, "followup.view")
    calls = FollowUp.objects.filter(station=station, status__in=(FollowUpStatus.PENDING, FollowUpStatus.UNREACHABLE))
    calls = calls.filter(due_on__lte=day) if include_overdue else calls.filter(due_on=day)
    return calls.select_related("placement__worker", "placement__job__employer").order_by("due_on", "id")


def followup_list_for_placement(*, user, placement) -> QuerySet[FollowUp]:
    role_require(user, "followup.view")
    return FollowUp.objects.filter(placement=placement).order_by("due_on", "id")
