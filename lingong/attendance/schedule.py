"""The clock of a placement: when to remind, confirm, check in, count a no-show.

Pure functions of the shift and an explicit `now`; shown in Asia/Shanghai.
Every deadline of "Life of a placement" (docs/placement-life.md) is here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lingong.jobs.shifts import Shift

# Confirmation: the evening before the first day…
EVENING_REMINDER = time(18, 0)
EVENING_DEADLINE = time(21, 0)
# …or, when the placement is made later than that, hours before the start.
LATE_REMINDER_BEFORE = timedelta(hours=2)
LATE_DEADLINE_BEFORE = timedelta(hours=1)
MIN_TIME_TO_ANSWER = timedelta(minutes=30)

CHECK_IN_EARLY = timedelta(hours=2)  # the QR check-in opens this long before the start
CHECK_OUT_LATE = timedelta(hours=6)  # and a check-out is taken until this long after the end
NO_SHOW_GRACE = timedelta(minutes=60)  # no check-in this long after the start: a no-show
HOURS_SILENCE = timedelta(hours=24)  # employer silent this long after the end: worker's hours stand
DISPUTE_WINDOW = timedelta(hours=72)  # either side may dispute a day until this long after its end


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


def shift_of(placement) -> Shift:
    return Shift(placement.start_date, placement.end_date, placement.start_time, placement.end_time)


def day_window(shift: Shift, day: date) -> tuple[datetime, datetime]:
    """Start and end of the shift that starts on `day` (the end may be the next day)."""
    start_minutes, end_minutes = shift.daily_minutes
    midnight = _aware(day, time())
    # Add wall-clock minutes in local time (no DST in China, so this is exact).
    return midnight + timedelta(minutes=start_minutes), midnight + timedelta(minutes=end_minutes)


def shift_days(shift: Shift) -> list[date]:
    return [shift.start_date + timedelta(days=n) for n in range((shift.end_date - shift.start_date).days + 1)]


def first_start(shift: Shift) -> datetime:
    return day_window(shift, shift.start_date)[0]


def last_end(shift: Shift) -> datetime:
    return day_window(shift, shift.end_date)[1]


def confirmation_schedule(*, start: datetime, created: datetime) -> tuple[datetime, datetime]:
    """(remind at, confirm by) for work starting at `start`, hired at `created`.

    Hired before the evening before: remind at 18:00 that evening, confirm by
    21:00 so the employer still gets someone for the morning. Hired later (a
    same-day job): remind 2 hours before the start (at once if that is past),
    confirm by 1 hour before, and never less than 30 minutes to answer.
    """
    local_start = timezone.localtime(start)
    eve = local_start.date() - timedelta(days=1)
    evening_remind = _aware(eve, EVENING_REMINDER)
    if created < evening_remind:
        return evening_remind, _aware(eve, EVENING_DEADLINE)
    remind = max(created, start - LATE_REMINDER_BEFORE)
    deadline = max(start - LATE_DEADLINE_BEFORE, remind + MIN_TIME_TO_ANSWER)
    return remind, deadline


def work_day_at(shift: Shift, at: datetime) -> date | None:
    """The working day whose check-in/out window contains `at`, or None."""
    local = timezone.localtime(at).date()
    for day in (local, local - timedelta(days=1)):  # a night shift started yesterday
        if not shift.start_date <= day <= shift.end_date:
            continue
        start, end = day_window(shift, day)
        if start - CHECK_IN_EARLY <= at <= end + CHECK_OUT_LATE:
            return day
    return None


def minutes_worked(*, shift: Shift, day: date, check_in: datetime, check_out: datetime) -> int:
    """Whole minutes from the later of check-in and the scheduled start to check-out.

    Coming early earns nothing; staying late counts (the employer may correct
    within the silence period, and either side may dispute).
    """
    start, _end = day_window(shift, day)
    seconds = (check_out - max(check_in, start)).total_seconds()
    return max(0, int(seconds // 60))
