"""The demo stays true: seeded people are not punished by the sweeps, now or days later; the screens have content."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from lingong.attendance import schedule
from lingong.attendance.models import (
    AttendanceRecord,
    AttendanceStatus,
    ConfirmationStatus,
    PlacementConfirmation,
)
from lingong.attendance.services import (
    attendance_hours_settle,
    attendance_no_show_sweep,
    confirmation_deadline_sweep,
    confirmation_reminders_send,
)
from lingong.credit.models import CreditEvent, CreditKind, Penalty, Rating, RatingSide
from lingong.credit.selectors import credit_explain, rating_summary
from lingong.credit.services import appeal_escalate_overdue
from lingong.demo.life import demo_flag, demo_routine_play
from lingong.followups.models import FollowUpStatus
from lingong.followups.selectors import followup_list_for_station_day
from lingong.jobs.models import Placement, PlacementStatus
from lingong.jobs.services import job_expire_overdue, job_progress_sweep
from lingong.rights.models import CaseOutcome, CaseStatus, DutyShift, MediationResult, RightsCase
from lingong.rights.selectors import case_list_for_officer, duty_schedule_public
from lingong.stations.models import Station
from lingong.stats.models import DailyTotal
from lingong.wages.models import LedgerKind, WagePayment, WageStatus
from lingong.wages.selectors import wage_list_for_worker, wage_list_unpaid_for_staff
from lingong.wages.services import wage_ledger_mismatches, wage_overdue_sweep

pytestmark = pytest.mark.django_db(transaction=False)

PUNISHING_CREDIT = (CreditKind.NO_SHOW, CreditKind.LATE_CANCELLATION, CreditKind.WAGES_OVERDUE, CreditKind.CASE_UPHELD)


def seed() -> None:
    call_command("seed_demo", "--no-figures", scale="small", seed=7, stdout=StringIO())


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
    from lingong.demo.life import placement_meant_unpaid

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


@pytest.mark.xdist_group("demo-life")
class TestTheSeededDistrictLives:
    """One seed for these tests (the `seeded_district_without_figures` fixture: they read no figures)."""

    def test_the_seeded_district_has_wages_ratings_cases_and_calls(self, seeded_district_without_figures):
        now = timezone.now()
        today = timezone.localdate()
        flag = demo_flag()
        User = get_user_model()

        # Two arrears cases, as the builder makes them: one in mediation, one closed with the money recovered.
        officer = User.objects.get(username="rights")
        cases = {c.placement_id: c for c in case_list_for_officer(user=officer)}
        assert sorted(cases) == sorted(flag.data["arrears"]) and len(cases) == 2
        mediating, closed = (cases[pk] for pk in flag.data["arrears"])
        assert (mediating.kind, mediating.status, mediating.assigned_to, mediating.source) == (
            "wage_arrears",
            CaseStatus.MEDIATING,
            officer,
            "wages",
        )
        assert list(mediating.mediations.values_list("result", flat=True)) == [MediationResult.ADJOURNED]
        wage = WagePayment.objects.get(placement_id=closed.placement_id)
        assert (closed.status, closed.outcome, wage.status) == (
            CaseStatus.CLOSED,
            CaseOutcome.RECOVERED,
            WageStatus.RECEIVED,
        )
        assert closed.amount_recovered_fen == wage.owed_fen == wage.paid_fen > 0
        assert WagePayment.objects.get(placement_id=mediating.placement_id).status == WageStatus.ESCALATED
        assert CreditEvent.objects.filter(kind=CreditKind.WAGES_OVERDUE).count() == 2
        assert CreditEvent.objects.filter(kind=CreditKind.CASE_UPHELD, employer=closed.employer).count() == 1
        # One wage paid late on purpose: overdue, reminded, not yet with rights.
        late = WagePayment.objects.get(placement_id__in=flag.data["late"])
        assert (late.status, late.reminders_sent > 0) == (WageStatus.OVERDUE, True)

        # Wages: most received, some owed and not yet due, ledgers agree, times in the past.
        assert WagePayment.objects.filter(status=WageStatus.RECEIVED).count() > 50
        assert WagePayment.objects.filter(
            status=WageStatus.OPEN, owed_fen__gt=F("paid_fen"), due_date__gte=today
        ).exists()
        assert wage_ledger_mismatches() == []
        paid = WagePayment.objects.filter(status=WageStatus.RECEIVED).first()
        entry = paid.entries.get(kind=LedgerKind.PAID)
        assert entry.occurred_at <= paid.received_at <= now
        assert wage_list_for_worker(worker=paid.placement.worker).exists()
        staff = User.objects.get(username="staff-market")
        assert wage_list_unpaid_for_staff(user=staff).exists()

        # Ratings both ways, with credit.
        assert Rating.objects.filter(side=RatingSide.WORKER).exists()
        assert Rating.objects.filter(side=RatingSide.EMPLOYER).exists()
        rated = Rating.objects.filter(side=RatingSide.WORKER).first().employer
        average, count = rating_summary(subject=rated)
        assert count >= 1 and 1 <= average <= 5
        assert credit_explain(subject=rated, check_access=False) is not None
        assert CreditEvent.objects.filter(kind=CreditKind.RATING).count() == Rating.objects.count()
        assert CreditEvent.objects.filter(kind=CreditKind.WAGES_PAID_ON_TIME).exists()
        assert CreditEvent.objects.filter(kind=CreditKind.COMPLETED).exists()

        # Follow-up calls: done before today, some due today or earlier still on the staff's list.
        from lingong.followups.models import FollowUp

        assert FollowUp.objects.filter(status=FollowUpStatus.DONE).count() > 20
        assert not FollowUp.objects.filter(status=FollowUpStatus.DONE, called_at__gt=now).exists()
        due = (
            FollowUp.objects.filter(status=FollowUpStatus.PENDING, due_on__lte=today).select_related("station").first()
        )
        assert due is not None
        station_staff = User.objects.get(role="station_staff", station=due.station, username__startswith="staff-")
        assert followup_list_for_station_day(user=station_staff, station=due.station, day=today).exists()

        # Nothing in the future; the timelines follow the clock.
        assert not RightsCase.objects.filter(opened_at__gt=now).exists()
        from lingong.core.models import Event

        assert not Event.objects.filter(created_at__gt=now).exists()

    def test_the_sweeps_do_not_punish_seeded_people_now_or_days_later(self, seeded_district_without_figures):
        seeded_on = timezone.localdate()
        start = timezone.now()
        market = Station.objects.get(code="market")
        assert_roster_ahead(market, seeded_on)
        run_sweeps(start)
        assert_nobody_punished(seeded_on=seeded_on, now=start)

        for days in (1, 3, 10):
            at = start + timedelta(days=days)
            with time_machine.travel(at, tick=False):
                run_sweeps(at)
                assert_nobody_punished(seeded_on=seeded_on, now=at)
                assert_roster_ahead(market, timezone.localdate(at))  # the routine keeps the roster ahead
        assert wage_ledger_mismatches() == []
        # The days were lived: work checked in since seeding, wages paid since, at their times.
        last = demo_flag().data["last_placement"]
        assert AttendanceRecord.objects.filter(placement_id__lte=last, day__gt=seeded_on).exists()
        assert not AttendanceRecord.objects.filter(check_in_at__gt=start + timedelta(days=10)).exists()


def assert_roster_ahead(market, today: date) -> None:
    """Two weeks of roster from the demo's today: the kiosk's lawyer page is never empty."""
    days = set(DutyShift.objects.filter(station=market, date__gte=today).values_list("date", flat=True))
    wanted = {today + timedelta(days=n) for n in range(14) if (today + timedelta(days=n)).weekday() < 6}
    assert wanted <= days
    rows = duty_schedule_public(station=market, today=today, days=7)
    assert any(row.is_lawyer and "bo" in row.languages for row in rows)


@pytest.mark.parametrize("clock", ["20:30", "23:50"])
def test_loaded_in_the_evening_nobody_is_released_or_punished(clock):
    """Between the confirmation reminder and its deadline, and just before midnight."""
    hour, minute = (int(part) for part in clock.split(":"))
    at = timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0)
    with time_machine.travel(at, tick=True):
        seed()
        assert not DailyTotal.objects.exists()  # --no-figures: the history left to stats_rebuild
        seeded_on = timezone.localdate()
        run_sweeps(timezone.now())
        assert_nobody_punished(seeded_on=seeded_on, now=timezone.now())
        later = timezone.now() + timedelta(hours=14)
        with time_machine.travel(later, tick=False):
            run_sweeps(later)
            assert_nobody_punished(seeded_on=seeded_on, now=later)


def test_the_routine_does_nothing_without_the_demo():
    assert demo_routine_play(now=timezone.now()) == 0


@pytest.mark.parametrize(
    ("settings_module", "registered"),
    [("lingong.settings.embedded", True), ("lingong.settings.dev", True), ("lingong.settings.test", False)],
)
def test_the_demo_task_is_registered_only_where_the_demo_is_on(tmp_path, settings_module, registered):
    """The consumer imports the task registry's modules; production and tests never get the demo task."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django; django.setup()\n"
        "from lingong.operations.registry import task_modules_import\n"
        "task_modules_import()\n"
        "from huey.contrib.djhuey import HUEY\n"
        "print('lingong.demo.routine.demo_routine_task' in HUEY._registry._registry)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "LINGONG_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == str(registered)
