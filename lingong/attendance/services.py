"""Confirmation before the work, check-in/out, no-shows and disputes.

Every placement gets, in the transaction that creates it, a confirmation
to ask for (`placement_confirmation_create`, called by `lingong.lifecycle`
when a hire is made). What follows a step here (credit, wages, offering a
released place on) is handed over through `attendance/hooks.py`. Sweeps take
`now` explicitly and are run by the huey tasks in `attendance/tasks.py`.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Channel
from lingong.core.services import event_record, status_transition
from lingong.jobs.models import Placement, PlacementStatus
from lingong.notifications.models import NotificationKind
from lingong.workers.services import worker_notify

from . import hooks, schedule
from .models import (
    ATTENDANCE_TRANSITIONS,
    CONFIRMATION_TRANSITIONS,
    AttendanceProof,
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    ConfirmationStatus,
    PlacementConfirmation,
)
from .qr import checkin_job_id

logger = logging.getLogger("lingong.attendance")


def _invalid(error: ValidationError):
    field, messages = next(iter(error.message_dict.items()))
    return InvalidInput(messages[0], code="invalid_" + field, field=field)


def _is_worker(placement: Placement, actor) -> bool:
    uid = placement.worker.user_id
    return uid is not None and getattr(actor, "is_authenticated", False) and actor.pk == uid


def _is_employer(placement: Placement, actor) -> bool:
    uid = placement.job.employer.user_id
    return uid is not None and getattr(actor, "is_authenticated", False) and actor.pk == uid


# --- the hire ------------------------------------------------------------------


def placement_confirmation_create(
    *, placement: Placement, actor=None, channel: str = Channel.SYSTEM, now: datetime | None = None
) -> PlacementConfirmation:
    """The confirmation a new placement asks the worker for, with its reminder and deadline."""
    now = now or timezone.now()
    remind_at, deadline = schedule.confirmation_schedule(
        start=schedule.first_start(schedule.shift_of(placement)), created=now
    )
    confirmation = PlacementConfirmation(placement=placement, remind_at=remind_at, deadline=deadline)
    confirmation.full_clean()
    confirmation.save()
    event_record(
        subject=confirmation,
        verb="confirmation_create",
        actor=actor,
        to_state=confirmation.status,
        station=placement.station,
        channel=channel,
        data={"remind_at": remind_at.isoformat(), "deadline": deadline.isoformat()},
    )
    return confirmation


# --- confirmation ----------------------------------------------------------------


@transaction.atomic
def placement_confirm(
    *, placement: Placement, actor, channel: str, now: datetime | None = None
) -> PlacementConfirmation:
    """The worker says they will come (themselves, or to staff who phoned them)."""
    if not _is_worker(placement, actor):
        role_require(actor, "attendance.record", station_id=placement.job.station_id)
    now = now or timezone.now()
    confirmation = PlacementConfirmation.objects.select_for_update().get(placement=placement)
    if confirmation.status == ConfirmationStatus.CONFIRMED:
        return confirmation  # yes twice is one yes
    if confirmation.status == ConfirmationStatus.PENDING and now > confirmation.deadline:
        raise Conflict(_("Too late: the place has been given to someone else."), code="confirmation_too_late")
    status_transition(
        confirmation,
        transitions=CONFIRMATION_TRANSITIONS,
        to=ConfirmationStatus.CONFIRMED,
        verb="placement_confirm",
        actor=actor,
        station=placement.station,
        channel=channel,
    )
    PlacementConfirmation.objects.filter(pk=confirmation.pk).update(confirmed_at=now, channel=channel)
    confirmation.confirmed_at, confirmation.channel = now, channel
    hooks.placement_confirmed.fire(placement=placement, now=now)
    return confirmation


def confirmation_reminders_send(*, now: datetime) -> int:
    """Send the "please confirm" SMS for confirmations whose reminder time has come; returns how many."""
    due = PlacementConfirmation.objects.filter(
        status=ConfirmationStatus.PENDING,
        reminded_at__isnull=True,
        remind_at__lte=now,
        deadline__gt=now,
        placement__status=PlacementStatus.ACTIVE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in due:
        with transaction.atomic():
            confirmation = (
                PlacementConfirmation.objects.select_for_update(of=("self",))
                .select_related("placement__job", "placement__worker", "placement__station")
                .get(pk=pk)
            )
            if confirmation.reminded_at is not None or confirmation.status != ConfirmationStatus.PENDING:
                continue
            placement = confirmation.placement
            start = timezone.localtime(schedule.first_start(schedule.shift_of(placement)))
            deadline = timezone.localtime(confirmation.deadline)
            worker_notify(
                worker=placement.worker,
                kind=NotificationKind.CONFIRMATION_REMINDER,
                message=_(
                    "Lingong: %(job)s starts %(start)s at %(place)s. Please confirm you will come by "
                    "%(deadline)s at a kiosk, online or by calling %(hotline)s, or the place goes to someone "
                    "else."
                ),
                params={
                    "job": placement.job.title,
                    "start": start.strftime("%m-%d %H:%M"),
                    "place": placement.job.address,
                    "deadline": deadline.strftime("%m-%d %H:%M"),
                    "hotline": placement.station.hotline if placement.station else "",
                },
                dedupe_key=f"confirmation_reminder:{confirmation.pk}",
                station=placement.station,
            )
            PlacementConfirmation.objects.filter(pk=pk).update(reminded_at=now)
            event_record(
                subject=confirmation,
                verb="confirmation_remind",
                to_state=confirmation.status,
                station=placement.station,
            )
            logger.info("placement %s: confirmation reminder sent", placement.pk)
            sent += 1
    return sent


def confirmation_deadline_sweep(*, now: datetime, offer_to: int = 3) -> list[int]:
    """Release places not confirmed in time and offer them on; returns the released placement ids."""
    released = []
    overdue = PlacementConfirmation.objects.filter(
        status=ConfirmationStatus.PENDING,
        deadline__lte=now,
        placement__status=PlacementStatus.ACTIVE,
    ).values_list("pk", flat=True)
    for pk in overdue:
        with transaction.atomic():
            confirmation = PlacementConfirmation.objects.select_for_update().get(pk=pk)
            if confirmation.status != ConfirmationStatus.PENDING:
                continue
            placement = confirmation.placement
            status_transition(
                confirmation,
                transitions=CONFIRMATION_TRANSITIONS,
                to=ConfirmationStatus.RELEASED,
                verb="confirmation_release",
                station=placement.station,
                data={"deadline": confirmation.deadline.isoformat()},
            )
            hooks.confirmation_released.fire(placement=placement, offer_to=offer_to)
            released.append(placement.pk)
    return released


def confirmation_list_at_risk(*, user, now: datetime, station_id: int | None = None):
    """Unconfirmed placements already reminded and not yet released: the staff's list to phone."""
    if not role_allows(user, "attendance.view", station_id=station_id):
        raise NotAllowed()
    rows = (
        PlacementConfirmation.objects.filter(
            status=ConfirmationStatus.PENDING,
            remind_at__lte=now,
            deadline__gt=now,
            placement__status=PlacementStatus.ACTIVE,
        )
        .select_related("placement__worker", "placement__job__employer")
        .order_by("deadline", "id")
    )
    if station_id is not None:
        rows = rows.filter(placement__job__station_id=station_id)
    return rows


# --- attendance ------------------------------------------------------------------


def _window_for(placement: Placement, day: date) -> tuple[datetime, datetime]:
    return schedule.day_window(schedule.shift_of(placement), day)


def _new_record(placement: Placement, day: date, **fields) -> AttendanceRecord:
    _start, end = _window_for(placement, day)
    record = AttendanceRecord(placement=placement, day=day, dispute_until=end + schedule.DISPUTE_WINDOW, **fields)
    try:
        record.full_clean()
    except ValidationError as error:
        raise _invalid(error) from None
    record.save()
    return record


def _recompute_wage(placement: Placement, *, actor, channel: str, reason: str, now: datetime) -> None:
    hooks.attendance_changed.fire(placement=placement, actor=actor, channel=channel, reason=reason, now=now)


@transaction.atomic
def attendance_scan(
    *, placement: Placement, code: str, actor, channel: str, now: datetime | None = None
) -> AttendanceRecord:
    """The worker scanned the job's live code at the place: check in, or check out if already in.

    The code must be this job's and live now (it changes every minute, `qr.py`):
    that is what proves the worker was there.
    """
    now = now or timezone.now()
    if not _is_worker(placement, actor):
        raise NotAllowed()
    if checkin_job_id(code, now=now) != placement.job_id:
        raise InvalidInput(
            _("This code is old or not for this work. Please scan the code the employer shows now."),
            code="checkin_code_stale",
            field="code",
        )
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    placement.refresh_from_db()
    if placement.status != PlacementStatus.ACTIVE:
        raise Conflict(_("This work is not active."), code="placement_not_active")
    confirmation = PlacementConfirmation.objects.filter(placement=placement).first()
    if confirmation is not None and confirmation.status == ConfirmationStatus.RELEASED:
        raise Conflict(_("This work is not active."), code="placement_not_active")
    shift = schedule.shift_of(placement)
    day = schedule.work_day_at(shift, now)
    if day is None:
        raise Conflict(_("It is not the time of this work."), code="outside_shift")
    record = AttendanceRecord.objects.select_for_update().filter(placement=placement, day=day).first()
    if record is None:
        start, end = schedule.day_window(shift, day)
        if now > end:
            raise Conflict(_("This shift is over."), code="shift_over")
        record = _new_record(
            placement,
            day,
            status=AttendanceStatus.CHECKED_IN,
            source=AttendanceSource.QR,
            check_in_at=now,
            check_in_proof=AttendanceProof.LIVE_CODE,
        )
        event_record(
            subject=record,
            verb="attendance_check_in",
            actor=actor,
            to_state=record.status,
            station=placement.station,
            channel=channel,
            data={"late_minutes": max(0, int((now - start).total_seconds() // 60))},
        )
        return record
    if record.status != AttendanceStatus.CHECKED_IN:
        raise Conflict(_("This day is already recorded."), code="already_recorded")
    minutes = schedule.minutes_worked(shift=shift, day=day, check_in=record.check_in_at, check_out=now)
    status_transition(
        record,
        transitions=ATTENDANCE_TRANSITIONS,
        to=AttendanceStatus.CHECKED_OUT,
        verb="attendance_check_out",
        actor=actor,
        station=placement.station,
        channel=channel,
        data={"minutes": minutes},
    )
    _start, end = schedule.day_window(shift, day)
    stand_at = max(now, end) + schedule.HOURS_SILENCE
    AttendanceRecord.objects.filter(pk=record.pk).update(
        check_out_at=now, worker_minutes=minutes, hours_stand_at=stand_at, check_out_proof=AttendanceProof.LIVE_CODE
    )
    record.refresh_from_db()
    return record


@transaction.atomic
def attendance_record(
    *,
    placement: Placement,
    day: date,
    check_in_at: datetime,
    check_out_at: datetime,
    actor,
    channel: str,
    now: datetime | None = None,
) -> AttendanceRecord:
    """The employer confirms (or corrects) a day's hours, or staff record them: the hours that count."""
    now = now or timezone.now()
    if _is_employer(placement, actor):
        source, proof = AttendanceSource.EMPLOYER, AttendanceProof.EMPLOYER
    else:
        role_require(actor, "attendance.record", station_id=placement.job.station_id)
        source, proof = AttendanceSource.STAFF, AttendanceProof.STAFF
    shift = schedule.shift_of(placement)
    if not placement.start_date <= day <= placement.end_date:
        raise InvalidInput(_("This day is not a day of this work."), code="not_a_work_day", field="day")
    if check_out_at < check_in_at:
        raise InvalidInput(_("The end must be after the start."), code="end_before_start", field="check_out_at")
    if check_out_at > now:
        raise InvalidInput(_("Hours cannot be recorded in advance."), code="in_future", field="check_out_at")
    minutes = schedule.minutes_worked(shift=shift, day=day, check_in=check_in_at, check_out=check_out_at)
    record = AttendanceRecord.objects.select_for_update().filter(placement=placement, day=day).first()
    data = {"minutes": minutes, "source": source}
    if record is None:
        record = _new_record(
            placement,
            day,
            status=AttendanceStatus.CONFIRMED,
            source=source,
            check_in_at=check_in_at,
            check_out_at=check_out_at,
            check_in_proof=proof,
            check_out_proof=proof,
            minutes=minutes,
        )
        event_record(
            subject=record,
            verb="attendance_record",
            actor=actor,
            to_state=record.status,
            station=placement.station,
            channel=channel,
            data=data,
        )
    else:
        if record.status not in (AttendanceStatus.CHECKED_IN, AttendanceStatus.CHECKED_OUT):
            raise Conflict(_("This day is already settled. It can be disputed."), code="already_settled")
        if record.worker_minutes is not None:
            data["worker_minutes"] = record.worker_minutes
        status_transition(
            record,
            transitions=ATTENDANCE_TRANSITIONS,
            to=AttendanceStatus.CONFIRMED,
            verb="attendance_record",
            actor=actor,
            station=placement.station,
            channel=channel,
            data=data,
        )
        AttendanceRecord.objects.filter(pk=record.pk).update(
            check_in_at=check_in_at,
            check_out_at=check_out_at,
            check_in_proof=proof,
            check_out_proof=proof,
            minutes=minutes,
            source=source,
        )
        record.refresh_from_db()
    _recompute_wage(placement, actor=actor, channel=channel, reason=f"attendance {day.isoformat()}", now=now)
    return record


def attendance_hours_settle(*, now: datetime) -> int:
    """The employer said nothing for 24 hours after the end: the worker's hours stand, if proven.

    A day whose check-in and check-out were both proven by the live code at the
    place stands on the worker's hours. Any other day goes to station staff to
    decide (disputed by the system): silence never turns unproven hours into wages.
    """
    settled = 0
    for pk in AttendanceRecord.objects.filter(status=AttendanceStatus.CHECKED_OUT, hours_stand_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            record = (
                AttendanceRecord.objects.select_for_update(of=("self",)).select_related("placement__job").get(pk=pk)
            )
            if record.status != AttendanceStatus.CHECKED_OUT:
                continue
            if not record.is_proven:
                _hours_unproven_to_staff(record)
                continue
            status_transition(
                record,
                transitions=ATTENDANCE_TRANSITIONS,
                to=AttendanceStatus.CONFIRMED,
                verb="attendance_hours_stand",
                station=record.placement.station,
                data={"minutes": record.worker_minutes},
            )
            AttendanceRecord.objects.filter(pk=pk).update(minutes=record.worker_minutes or 0)
            _recompute_wage(
                record.placement,
                actor=None,
                channel=Channel.SYSTEM,
                reason=f"attendance {record.day.isoformat()} (worker's hours stand)",
                now=now,
            )
            settled += 1
    return settled


def _hours_unproven_to_staff(record: AttendanceRecord) -> None:
    status_transition(
        record,
        transitions=ATTENDANCE_TRANSITIONS,
        to=AttendanceStatus.DISPUTED,
        verb="attendance_dispute",
        station=record.placement.station,
        data={"side": "system", "reason": "hours not proven at the place"},
    )
    AttendanceRecord.objects.filter(pk=record.pk).update(disputed_by="system", dispute_reason="")


def attendance_no_show_sweep(*, now: datetime) -> int:
    """Record a no-show for each working day with no check-in an hour after the start."""
    today = timezone.localdate(now)
    recorded = 0
    placements = Placement.objects.filter(
        status=PlacementStatus.ACTIVE,
        start_date__lte=today,
        end_date__gte=today - timedelta(days=1),
        confirmation__status=ConfirmationStatus.CONFIRMED,
    ).select_related("station")
    for placement in placements:
        shift = schedule.shift_of(placement)
        for day in (today - timedelta(days=1), today):
            if not placement.start_date <= day <= placement.end_date:
                continue
            start, _end = schedule.day_window(shift, day)
            if now < start + schedule.NO_SHOW_GRACE:
                continue
            with transaction.atomic():
                if AttendanceRecord.objects.filter(placement=placement, day=day).exists():
                    continue
                record = _new_record(placement, day, status=AttendanceStatus.NO_SHOW, source=AttendanceSource.SYSTEM)
                event_record(
                    subject=record,
                    verb="attendance_no_show",
                    to_state=record.status,
                    station=placement.station,
                    data={"day": day.isoformat()},
                )
                hooks.no_show_recorded.fire(placement=placement, record=record, now=now)
                recorded += 1
    return recorded


SIDES = ("worker", "employer")


@transaction.atomic
def attendance_dispute(
    *, record: AttendanceRecord, side: str, actor, channel: str, reason: str, now: datetime | None = None
) -> AttendanceRecord:
    """Either side disagrees with a day (hours or no-show) before the dispute deadline; staff decide."""
    now = now or timezone.now()
    placement = record.placement
    if side not in SIDES:
        raise InvalidInput(_("Unknown side."), code="invalid_side")
    own = _is_worker(placement, actor) if side == "worker" else _is_employer(placement, actor)
    if not own:
        role_require(actor, "attendance.record", station_id=placement.job.station_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="reason")
    record = AttendanceRecord.objects.select_for_update().get(pk=record.pk)
    if now > record.dispute_until:
        raise Conflict(_("The time to dispute this day is over."), code="dispute_too_late")
    status_transition(
        record,
        transitions=ATTENDANCE_TRANSITIONS,
        to=AttendanceStatus.DISPUTED,
        verb="attendance_dispute",
        actor=actor,
        station=placement.station,
        channel=channel,
        data={"side": side, "reason": reason[:200]},
    )
    AttendanceRecord.objects.filter(pk=record.pk).update(disputed_by=side, dispute_reason=reason[:300])
    record.refresh_from_db()
    # While disputed the day counts for nothing; the decision puts it back.
    _recompute_wage(
        placement, actor=actor, channel=channel, reason=f"attendance {record.day.isoformat()} disputed", now=now
    )
    return record


@transaction.atomic
def attendance_dispute_decide(
    *, record: AttendanceRecord, actor, worked: bool, minutes: int | None = None, note: str, now: datetime | None = None
) -> AttendanceRecord:
    """Staff decide a dispute: the worker came (with the minutes that count) or did not."""
    placement = record.placement
    role_require(actor, "attendance.decide", station_id=placement.job.station_id)
    note = (note or "").strip()
    if not note:
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="note")
    if worked and (not isinstance(minutes, int) or not 0 < minutes <= 24 * 60):
        raise InvalidInput(_("Please give the hours worked."), code="invalid_minutes", field="minutes")
    record = AttendanceRecord.objects.select_for_update().get(pk=record.pk)
    to = AttendanceStatus.CONFIRMED if worked else AttendanceStatus.NO_SHOW
    status_transition(
        record,
        transitions=ATTENDANCE_TRANSITIONS,
        to=to,
        verb="attendance_dispute_decide",
        actor=actor,
        station=placement.station,
        channel=Channel.WINDOW,
        data={"worked": worked, "minutes": minutes if worked else 0, "note": note[:200]},
    )
    AttendanceRecord.objects.filter(pk=record.pk).update(
        minutes=minutes if worked else 0, decided_by=actor, decision_note=note[:300]
    )
    record.refresh_from_db()
    if worked:  # a no-show the staff found wrong no longer counts against the worker
        hooks.no_show_overturned.fire(placement=placement, record=record, note=note, actor=actor, now=now)
    _recompute_wage(
        placement,
        actor=actor,
        channel=Channel.WINDOW,
        reason=f"attendance {record.day.isoformat()} decided",
        now=now or timezone.now(),
    )
    return record
