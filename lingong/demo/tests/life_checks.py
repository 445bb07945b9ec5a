"""What the seeded demo's tests check after the sweeps have run: nobody seeded is punished, the roster stays ahead.

Shared by the tests on the one seeded district (test_seed_demo.py) and those that seed in the evening
(test_demo_life.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from lingong.attendance import schedule
from lingong.attendance.models import AttendanceRecord, AttendanceStatus, ConfirmationStatus, PlacementConfirmation
from lingong.attendance.services import (
    attendance_hours_settle,
    attendance_no_show_sweep,
    confirmation_deadline_sweep,
    confirmation_reminders_send,
)
from lingong.credit.models import CreditEvent, CreditKind, Penalty
from lingong.credit.services import appeal_escalate_overdue
from lingong.demo.life import demo_flag, demo_routine_play, placement_meant_unpaid
from lingong.jobs.models import Placement, PlacementStatus
from lingong.jobs.services import job_expire_overdue, job_progress_sweep
from lingong.rights.models import DutyShift
from lingong.rights.selectors import duty_schedule_public
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_overdue_sweep


def run_sweeps(now) -> None:
    """Every periodic function that moves time along, as the consumer runs them."""
    job_progress_sweep(now=now)
    demo_routine_play(now=now)
    job_progress_sweep(now=now)
    confirmation_reminders_send(now=now)
    confirmation_deadline_sweep(now=now)
    attendance_no_show_sweep(now=now)
    attendance_hours_settle(now=now)
    job_expire_overdue(now=now)
    appeal_escalate_overdue(now=now)
    wage_overdue_sweep(now=now)


def meant_unpaid() -> set[int]:
    data = demo_flag().data
    return set(data["arrears"]) | set(data["late"])


def recent_unpaid_ok(placement_id: int, *, seeded_on: date) -> bool:
    """The few recent wages the demo leaves unpaid on purpose (life.placement_meant_unpaid)."""
    placement = Placement.objects.select_related("job__employer__user").get(pk=placement_id)
    wage = WagePayment.objects.get(placement=placement)
    return placement_meant_unpaid(placement, flag_data=demo_flag().data, seeded_on=seeded_on, due_date=wage.due_date)


def assert_nobody_punished(*, seeded_on: date, now) -> None:
    last = demo_flag().data["last_placement"]
    assert not AttendanceRecord.objects.filter(placement_id__lte=last, status=AttendanceStatus.NO_SHOW).exists()
    assert not CreditEvent.objects.filter(kind__in=(CreditKind.NO_SHOW, CreditKind.LATE_CANCELLATION)).exists()
    assert not Penalty.objects.exists()
    assert not PlacementConfirmation.objects.filter(placement_id__lte=last, status=ConfirmationStatus.RELEASED).exists()
    assert (
        not Placement.objects.filter(
            pk__lte=last, status=PlacementStatus.CANCELLED, updated_at__gte=timezone.now() - timedelta(days=11)
        )
        .exclude(confirmation__isnull=True)
        .exists()
    )
    late_wages = (
        WagePayment.objects.filter(placement_id__lte=last)
        .filter(overdue_since__isnull=False)
        .values_list("placement_id", flat=True)
    )
    for placement_id in late_wages:
        assert placement_id in meant_unpaid() or recent_unpaid_ok(placement_id, seeded_on=seeded_on), placement_id
    # Credit against employers only for those wages.
    for event in CreditEvent.objects.filter(kind=CreditKind.WAGES_OVERDUE):
        wage = WagePayment.objects.get(pk=event.source_id)
        assert wage.overdue_since is not None
    # Every seeded placement under way has its check-in for every working day that began an hour ago.
    for placement in Placement.objects.filter(
        pk__lte=last, status=PlacementStatus.ACTIVE, confirmation__status=ConfirmationStatus.CONFIRMED
    ):
        shift = schedule.shift_of(placement)
        days = set(placement.attendance.values_list("day", flat=True))
        for day in schedule.shift_days(shift):
            start, _end = schedule.day_window(shift, day)
            if start + schedule.NO_SHOW_GRACE <= now:
                assert day in days, (placement.pk, day)


def assert_roster_ahead(market, today: date) -> None:
    """Two weeks of roster from the demo's today: the kiosk's lawyer page is never empty."""
    days = set(DutyShift.objects.filter(station=market, date__gte=today).values_list("date", flat=True))
    wanted = {today + timedelta(days=n) for n in range(14) if (today + timedelta(days=n)).weekday() < 6}
    assert wanted <= days
    rows = duty_schedule_public(station=market, today=today, days=7)
    assert any(row.is_lawyer and "bo" in row.languages for row in rows)
