"""When a job happens: a date range and a daily time window (maybe overnight).

Pure functions, shared by placement checks, matching and dispatch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

DAY_MINUTES = 24 * 60
# Slots of a day as used by weekly availability and dispatch: [start, end) minutes.
SLOT_BOUNDS = ((0, 12 * 60), (12 * 60, 18 * 60), (18 * 60, DAY_MINUTES))


@dataclass(frozen=True)
class Shift:
    start_date: date
    end_date: date
    start_time: time
    end_time: time

    @property
    def daily_minutes(self) -> tuple[int, int]:
        """[start, end) in minutes from midnight; end > 1440 for a night shift."""
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        if end <= start:
            end += DAY_MINUTES
        return start, end

    def slots(self) -> tuple[int, ...]:
        """Day slots (0 morning, 1 afternoon, 2 evening) the daily window touches."""
        start, end = self.daily_minutes
        touched = set()
        for offset in (0, DAY_MINUTES):
            for index, (lo, hi) in enumerate(SLOT_BOUNDS):
                if start < hi + offset and lo + offset < end:
                    touched.add(index)
        return tuple(sorted(touched))


def shifts_overlap(a: Shift, b: Shift) -> bool:
    """True when some working minute of `a` is also one of `b`.

    A daily window lasts less than a day, so only windows on the same day or
    on neighbouring days (k = -1, 0, 1) can meet.
    """
    a_start, a_end = a.daily_minutes
    b_start, b_end = b.daily_minutes
    for k in (-1, 0, 1):
        # Is there a day d of a with d + k a day of b?
        first = max(a.start_date.toordinal() + k, b.start_date.toordinal())
        last = min(a.end_date.toordinal() + k, b.end_date.toordinal())
        if first > last:
            continue
        if a_start < b_end + k * DAY_MINUTES and b_start + k * DAY_MINUTES < a_end:
            return True
    return False
