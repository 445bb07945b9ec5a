"""The day the test suite runs as, in one place.

`TEST_TODAY` is LINGONG_TEST_TODAY (YYYY-MM-DD) when set, else the real date in
Asia/Shanghai. The root conftest freezes the clock (ticking) at 10:00 on that day
for every test and gives it to tests as the `today` and `now` fixtures. Module-level
constants that need a date use `days(n)` (the test day + n days), never a literal.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
ENV = "LINGONG_TEST_TODAY"


def test_today_from_env() -> date:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return datetime.now(SHANGHAI).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{ENV} must be a date YYYY-MM-DD, not {value!r}") from None


# Read once at import, before any test travels, so the whole session agrees on the day.
TEST_TODAY = test_today_from_env()
TEST_NOW = datetime.combine(TEST_TODAY, time(10), tzinfo=SHANGHAI)


def days(n: int) -> date:
    """The test day plus n days (negative: before it)."""
    return TEST_TODAY + timedelta(days=n)


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """An aware moment in Asia/Shanghai (Lhasa's official time) on `day`."""
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)
