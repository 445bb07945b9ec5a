"""The demo's people live their placements: confirm, check in and out, get paid, rate, get phoned.

The builder writes the district's jobs and hires in bulk; this module then
plays what the seeded workers, employers and station staff do with them,
through the domain services, each action at the moment it happened (the
services' clock is moved to that moment, so timelines, ledgers and credit
events carry true times). `demo_routine_play` is the same play run forward:
the demo-only periodic task (`lingong.demo.routine`) calls it every few
minutes, so the real sweeps (no-show, confirmation deadline, overdue wages)
find nothing to punish among seeded people except what the demo means to be
late: a few wages left unpaid on purpose (`placement_meant_unpaid`).

Only placements seeded by `seed_demo` are played: the flag row (an Event
`demo_seed` on the admin account) holds the highest seeded placement id.
People and hires a visitor creates live by the real rules alone.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from lingong.accounts.models import Role
from lingong.attendance import schedule
from lingong.attendance.models import (
    AttendanceRecord,
    AttendanceStatus,
    ConfirmationStatus,
    PlacementConfirmation,
)
from lingong.attendance.qr import checkin_token
from lingong.attendance.services import (
    attendance_record,
    attendance_scan,
    placement_confirm,
)
from lingong.core.models import Channel, Event
from lingong.core.services import event_record
from lingong.credit.models import Rating, RatingSide
from lingong.credit.services import rating_create
from lingong.followups.models import FollowUp, FollowUpKind, FollowUpStatus
from lingong.followups.services import followup_record_outcome
from lingong.jobs.models import JobKind, Placement, PlacementStatus
from lingong.wages.models import LedgerKind, PaymentMethod, WagePayment, WageStatus
from lingong.wages.services import wage_mark_paid, wage_receipt_confirm

from .roster import demo_roster_extend
from .training import demo_training_ensure

DEMO_FLAG_VERB = "demo_seed"
UNPAID_PERCENT = 8  # of recent wages the demo's employers leave unpaid on purpose
FORWARD_DAYS = 45  # completed placements still played (long-term pay falls due 30 days after the end)
FOLLOWUP_UNREACHABLE_PERCENT = 8
WORKER_RATES_PERCENT = 70
EMPLOYER_RATES_PERCENT = 80


_clock = threading.local()
_install_lock = threading.Lock()
_real_now = timezone.now


def _now() -> datetime:
    at = getattr(_clock, "at", None)
    return _real_now() if at is None else at


@contextlib.contextmanager
def moment(at: datetime) -> Iterator[None]:
    """The services' clock stands at `at` in this thread (auto timestamps, `timezone.now()`, local dates).

    Like time-machine's travel, for code that runs in `make run` where only the
    project's own dependencies are installed. Thread-local: the consumer's other
    tasks keep the real clock. Never later than the real clock.
    """
    with _install_lock:
        if timezone.now is not _now:
            timezone.now = _now
    previous = getattr(_clock, "at", None)
    _clock.at = at
    try:
        yield
    finally:
        _clock.at = previous


def draw(*parts, modulo: int) -> int:
    """A stable pseudo-random number from a placement's identity (same data, same play)."""
    return zlib.crc32(":".join(str(p) for p in parts).encode()) % modulo


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def local_at(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


def demo_flag() -> Event | None:
    return Event.objects.filter(verb=DEMO_FLAG_VERB).order_by("-pk").first()


def demo_flag_write(*, admin, last_placement: int, arrears: list[int], late: list[int], seeded_on: date) -> Event:
    """The mark of a demo database: which placements are seeded, which wages are meant to be unpaid."""

    return event_record(
        subject=admin,
        verb=DEMO_FLAG_VERB,
        actor=admin,
        data={"last_placement": last_placement, "arrears": arrears, "late": late, "seeded_on": seeded_on.isoformat()},
    )


class Cast:
    """Who acts for whom: the worker's own account, the employer's or else its station's staff."""

    def __init__(self) -> None:
        User = get_user_model()
        self.staff: dict[int, object] = {}
        for user in User.objects.filter(
            role=Role.STATION_STAFF, is_active=True, username__startswith="staff-"
        ).order_by("username"):
            self.staff.setdefault(user.station_id, user)
        self.officer = User.objects.filter(role=Role.RIGHTS_OFFICER, is_active=True).order_by("username").first()

    def employer_side(self, placement: Placement):
        employer = placement.job.employer
        if employer.user_id is not None:
            return employer.user, Channel.APP
        return self.staff.get(placement.job.station_id), Channel.WINDOW


def placement_meant_unpaid(placement: Placement, *, flag_data: dict, seeded_on: date, due_date: date) -> bool:
    """Wages the demo leaves unpaid: the two arrears cases, and a few recent ones (never the demo employer's)."""
    if placement.pk in flag_data.get("arrears", ()) or placement.pk in flag_data.get("late", ()):
        return True
    if placement.job.employer.user is not None and placement.job.employer.user.username == "employer":
        return False
    return due_date >= seeded_on - timedelta(days=2) and draw(placement.pk, "unpaid", modulo=100) < UNPAID_PERCENT


def placement_play(placement: Placement, *, now: datetime, cast: Cast, flag_data: dict, seeded_on: date) -> None:
    """Everything the people of one placement have done by `now` and not yet recorded."""

    confirmation = PlacementConfirmation.objects.filter(placement=placement).first()
    if confirmation is None:
        return
    worker_user = placement.worker.user
    if worker_user is None:
        return
    pk = placement.pk
    if confirmation.status == ConfirmationStatus.PENDING:
        at = min(
            confirmation.remind_at + minutes(5 + draw(pk, "confirm", modulo=80)), confirmation.deadline - minutes(1)
        )
        if at > now or placement.status not in (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED):
            return
        with moment(at):
            confirmation = placement_confirm(
                placement=placement,
                actor=worker_user,
                channel=Channel.KIOSK if draw(pk, "ch", modulo=3) == 0 else Channel.APP,
                now=at,
            )
    if confirmation.status != ConfirmationStatus.CONFIRMED:
        return

    shift = schedule.shift_of(placement)
    employer_actor, employer_channel = cast.employer_side(placement)
    records = {r.day: r for r in AttendanceRecord.objects.filter(placement=placement)}
    for day in schedule.shift_days(shift):
        start, end = schedule.day_window(shift, day)
        check_in = start - minutes(draw(pk, day, "in", modulo=20))
        if check_in > now:
            break
        check_out = end + minutes(draw(pk, day, "out", modulo=15))
        settle_at = check_out + minutes(20 + draw(pk, day, "settle", modulo=70))
        record = records.get(day)
        # The worker scans the job's code at the place; days before yesterday: the employer's record is enough.
        scans = placement.status == PlacementStatus.ACTIVE and day >= timezone.localdate(now) - timedelta(days=1)
        if record is None and scans:
            placement.refresh_from_db()
            with moment(check_in):
                code = checkin_token(placement.job_id, now=check_in)  # shown by the employer at the place
                record = attendance_scan(
                    placement=placement, code=code, actor=worker_user, channel=Channel.APP, now=check_in
                )
        if record is not None and record.status == AttendanceStatus.CHECKED_IN and check_out <= now and scans:
            with moment(check_out):
                code = checkin_token(placement.job_id, now=check_out)
                record = attendance_scan(
                    placement=placement, code=code, actor=worker_user, channel=Channel.APP, now=check_out
                )
        if (
            (record is None or record.status in (AttendanceStatus.CHECKED_IN, AttendanceStatus.CHECKED_OUT))
            and settle_at <= now
            and employer_actor is not None
        ):
            # The employer confirms the day's hours (or the station records them when the employer phones).
            with moment(settle_at):
                record = attendance_record(
                    placement=placement,
                    day=day,
                    actor=employer_actor,
                    channel=employer_channel,
                    now=settle_at,
                    check_in_at=record.check_in_at if record is not None and record.check_in_at else check_in,
                    check_out_at=record.check_out_at if record is not None and record.check_out_at else check_out,
                )
        if record is not None:
            records[day] = record

    if placement.status != PlacementStatus.COMPLETED:
        return
    _wage_play(placement, now=now, cast=cast, records=records, shift=shift, flag_data=flag_data, seeded_on=seeded_on)
    _followups_play(placement, now=now, cast=cast)


def _wage_play(placement, *, now, cast, records, shift, flag_data, seeded_on) -> None:

    pk = placement.pk
    wage = WagePayment.objects.filter(placement=placement).first()
    if wage is None:
        return
    days = schedule.shift_days(shift)
    if any(
        records.get(day) is None or records[day].status not in (AttendanceStatus.CONFIRMED, AttendanceStatus.NO_SHOW)
        for day in days
    ):
        return  # hours not settled yet
    employer_actor, employer_channel = cast.employer_side(placement)
    last_end = schedule.last_end(shift)
    if (
        wage.status == WageStatus.OPEN
        and wage.owed_fen > wage.paid_fen
        and employer_actor is not None
        and not placement_meant_unpaid(placement, flag_data=flag_data, seeded_on=seeded_on, due_date=wage.due_date)
    ):
        pay_at = last_end + timedelta(hours=2) + minutes(draw(pk, "pay", modulo=90))
        if placement.job.kind != JobKind.DAY_GIG:  # on the agreed pay day, or a little before
            on_day = local_at(wage.due_date - timedelta(days=draw(pk, "early", modulo=3)), time(10, 0))
            pay_at = max(pay_at, on_day + minutes(draw(pk, "payday", modulo=360)))
        if pay_at <= now:
            method = (PaymentMethod.MOBILE, PaymentMethod.CASH, PaymentMethod.BANK)[draw(pk, "method", modulo=3)]
            with moment(pay_at):
                wage = wage_mark_paid(
                    wage=wage,
                    amount_fen=wage.owed_fen - wage.paid_fen,
                    method=method,
                    paid_at=pay_at,
                    actor=employer_actor,
                    channel=employer_channel,
                    now=pay_at,
                )
    if wage.status == WageStatus.PAID and wage.received_at is None:
        paid_at = (
            wage.entries.filter(kind=LedgerKind.PAID)
            .order_by("-occurred_at")
            .values_list("occurred_at", flat=True)
            .first()
        )
        receive_at = paid_at + minutes(60 + draw(pk, "receive", modulo=540)) if paid_at else None
        if receive_at is not None and receive_at <= now:
            with moment(receive_at):
                wage = wage_receipt_confirm(
                    wage=wage,
                    actor=placement.worker.user,
                    channel=Channel.KIOSK if draw(pk, "rch", modulo=2) else Channel.APP,
                    now=receive_at,
                )
    if wage.status != WageStatus.RECEIVED or wage.received_at is None:
        return
    rated = set(Rating.objects.filter(placement=placement).values_list("side", flat=True))
    employer = placement.job.employer
    sides = (
        (
            RatingSide.WORKER,
            placement.worker.user,
            WORKER_RATES_PERCENT,
            (("paid_on_time", "fair"), ("paid_on_time",), ("as_described", "safe_workplace"), ("fair",)),
        ),
        (
            RatingSide.EMPLOYER,
            employer.user if employer.user_id else None,
            EMPLOYER_RATES_PERCENT,
            (("punctual", "hardworking"), ("skilled",), ("careful", "punctual"), ("hardworking",)),
        ),
    )
    for side, actor, percent, tag_sets in sides:
        if actor is None or side in rated or draw(pk, side, "rate", modulo=100) >= percent:
            continue
        at = wage.received_at + minutes(30 + draw(pk, side, "when", modulo=1400))
        if at > now:
            continue
        stars = (5, 5, 4, 5, 4, 3)[draw(pk, side, "stars", modulo=6)]
        with moment(at):
            rating_create(
                placement=placement,
                side=side,
                stars=stars,
                actor=actor,
                now=at,
                tags=tag_sets[draw(pk, side, "tags", modulo=len(tag_sets))] if stars >= 4 else (),
            )


def _followups_play(placement, *, now, cast) -> None:
    """Staff make the calls due before today; today's calls stay on their list."""

    today = timezone.localdate(now)
    for followup in FollowUp.objects.filter(placement=placement, status=FollowUpStatus.PENDING, due_on__lt=today):
        staff = cast.staff.get(followup.station_id)
        at = local_at(followup.due_on, time(10, 0)) + minutes(draw(followup.pk, "call", modulo=420))
        if staff is None or at > now:
            continue
        reached = draw(followup.pk, "reach", modulo=100) >= FOLLOWUP_UNREACHABLE_PERCENT
        paid = None
        if followup.kind == FollowUpKind.AFTER_PAY:
            paid = WagePayment.objects.filter(
                placement=placement, status__in=(WageStatus.PAID, WageStatus.RECEIVED)
            ).exists()
        with moment(at):
            followup_record_outcome(
                followup=followup,
                actor=staff,
                reached=reached,
                now=at,
                working=True if reached and followup.kind == FollowUpKind.FIRST_DAY else None,
                paid_as_agreed=paid if reached else None,
                satisfied=True if reached else None,
            )


def seeded_placements(*, flag: Event, today: date):
    """Seeded placements still being lived: under way, to come, or finished within FORWARD_DAYS."""
    return (
        Placement.objects.filter(pk__lte=flag.data.get("last_placement", 0), confirmation__isnull=False)
        .filter(
            Q(status=PlacementStatus.ACTIVE)
            | Q(status=PlacementStatus.COMPLETED, end_date__gte=today - timedelta(days=FORWARD_DAYS))
        )
        .select_related("job__employer__user", "worker__user", "station")
        .order_by("start_date", "pk")
    )


def demo_routine_play(*, now: datetime | None = None) -> int:
    """Play the seeded people's day up to `now`; returns how many placements were looked at.

    Does nothing on a database without the demo flag (production data).
    """
    flag = demo_flag()
    if flag is None:
        return 0
    now = now or timezone.now()
    seeded_on = date.fromisoformat(flag.data["seeded_on"])
    demo_training_ensure(now=now)  # sessions stay ahead of the clock
    cast = Cast()
    count = 0
    for placement in seeded_placements(flag=flag, today=timezone.localdate(now)):
        placement_play(placement, now=now, cast=cast, flag_data=flag.data, seeded_on=seeded_on)
        count += 1
    if flag.actor is not None:
        with moment(now):  # the rights windows' roster stays two weeks ahead of the demo's today
            demo_roster_extend(today=timezone.localdate(now), actor=flag.actor)
    return count
