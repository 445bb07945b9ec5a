"""Days, day slots and weekly masks: the engine's coarse clock.

Matching needs only "which day" and "which part of the day", so time is kept
as integers: a day number (days since 1970-01-01 in local time) and a 3-bit
slot mask (morning, afternoon, evening; the same slots as
`lingong.jobs.shifts.SLOT_BOUNDS` and the worker's 21-bit weekly
availability, bit = weekday * 3 + slot). Integers compare and mask in
vectorised form, dates do not.

China has kept UTC+8 all year since 1991, so a fixed offset is exact and
needs no time-zone database on a kiosk.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np

LOCAL_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
EPOCH = date(1970, 1, 1)

MORNING, AFTERNOON, EVENING = 1, 2, 4
"""Slot bits of a day."""
ALL_SLOTS = MORNING | AFTERNOON | EVENING
SLOT_START_HOURS = (8.0, 13.0, 18.0)
"""Default local start hour of work in each slot, when a job gives none."""
ALL_WEEKDAYS = 0x7F
FULL_WEEK = (1 << 21) - 1


def day_number(day: date) -> int:
    """Days since 1970-01-01; the engine's day unit."""
    return (day - EPOCH).days


def day_date(day: int) -> date:
    return EPOCH + timedelta(days=int(day))


def weekday(day: int | np.ndarray) -> int | np.ndarray:
    """0 = Monday, as `date.weekday()`; 1970-01-01 was a Thursday."""
    return (day + 3) % 7


def local_day_hour(now: datetime) -> tuple[int, float]:
    """(day number, local hour with fraction); a naive datetime is taken as local time."""
    if now.tzinfo is not None:
        now = now.astimezone(LOCAL_TZ)
    hour = now.hour + now.minute / 60.0 + now.second / 3600.0
    return day_number(now.date()), hour


def local_datetime(day: int, hour: float) -> datetime:
    """The aware datetime of a day number and local hour (inverse of local_day_hour)."""
    return datetime.combine(day_date(day), datetime.min.time(), LOCAL_TZ) + timedelta(hours=hour)


def availability_bit(weekday_: int, slot_index: int) -> int:
    return 1 << (weekday_ * 3 + slot_index)


def slot_mask_of(slot_indexes: tuple[int, ...] | list[int]) -> int:
    """Slot mask from slot indexes 0..2 (as `Shift.slots()` returns them)."""
    mask = 0
    for s in slot_indexes:
        mask |= 1 << s
    return mask


def first_slot_start_hour(slots: int) -> float:
    for i, hour in enumerate(SLOT_START_HOURS):
        if slots >> i & 1:
            return hour
    raise ValueError("a job needs at least one slot")


def week_masks(start_day: np.ndarray, end_day: np.ndarray, weekdays: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """The 21-bit weekly mask each job needs from a worker's availability.

    A job of days [start, end] working on `weekdays` (7-bit, Monday = bit 0)
    in `slots` needs those slots on every weekday that actually occurs in its
    span, so a one-day gig on a Saturday needs only Saturday's bits.
    """
    start_day = np.asarray(start_day, dtype=np.int64)
    span = np.asarray(end_day, dtype=np.int64) - start_day + 1
    first_wd = np.asarray(weekday(start_day), dtype=np.int64)
    out = np.zeros(start_day.shape, dtype=np.uint32)
    slots = np.asarray(slots, dtype=np.uint32)
    weekdays = np.asarray(weekdays, dtype=np.uint32)
    for offset in range(7):
        wd: np.ndarray = (first_wd + offset) % 7
        occurs = (offset < span) & (((weekdays >> wd.astype(np.uint32)) & 1) == 1)
        out |= np.where(occurs, slots << (3 * wd).astype(np.uint32), 0).astype(np.uint32)
    return out
