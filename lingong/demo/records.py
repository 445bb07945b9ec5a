"""The shapes and constants every demo builder shares: scales, the demo accounts, the
in-memory records of workers, employers and jobs, and small date, name and stamping helpers.

Kept apart from the builders so each builder module can import them without importing the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import connection, models

from lingong.accounts.models import Role
from lingong.core.models import Channel
from lingong.core.uscc import (
    ALPHABET,
)
from lingong.employers.models import Employer
from lingong.jobs.models import (
    ApplicationStatus,
    Job,
    JobKind,
    Placement,
)
from lingong.jobs.shifts import Shift
from lingong.stations.models import Station
from lingong.trades.models import JobType
from lingong.workers.models import Worker


@dataclass(frozen=True)
class Scale:
    """How big the district is: the small scale for `make run`, the district scale for benchmarks."""

    workers: int
    employers: int
    open_jobs: int
    open_positions: int  # the sum of the headcounts of open jobs, exactly
    past_jobs_per_day: float  # jobs that started on each of the last `history_days` days
    current_jobs: int  # jobs under way or fully booked (neither open nor over)
    history_days: int = 90
    life_days: int = 30  # finished placements that get their hours, wages, ratings and calls (the older: history only)


SCALES: dict[str, Scale] = {
    # The same steps as the small scale in a fraction of its time: for a quick look, and for tests that need a
    # whole district but not its size (the demo's determinism, a seed in the evening).
    "tiny": Scale(
        workers=40,
        employers=10,
        open_jobs=12,
        open_positions=25,
        past_jobs_per_day=1.0,
        current_jobs=3,
        history_days=14,
        life_days=7,
    ),
    "small": Scale(
        workers=300, employers=60, open_jobs=120, open_positions=250, past_jobs_per_day=3.0, current_jobs=15
    ),
    "district": Scale(
        workers=25_000,
        employers=1_000,
        open_jobs=5_000,
        open_positions=11_000,
        past_jobs_per_day=45.0,
        current_jobs=600,
        life_days=10,
    ),
}

# (username, password, role, station code), documented in README.md; permissions follow the role
# (lingong/accounts/roles.py).
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("admin", "lingong-admin", Role.DISTRICT_ADMIN, None),
    ("staff-market", "lingong-staff", Role.STATION_STAFF, "market"),
    ("staff-jinzhu", "lingong-staff", Role.STATION_STAFF, "jinzhu-xilu"),
    ("staff-gama", "lingong-staff", Role.STATION_STAFF, "gama-gongsang"),
    ("staff-gongdelin", "lingong-staff", Role.STATION_STAFF, "gongdelin"),
    ("rights", "lingong-rights", Role.RIGHTS_OFFICER, None),
    ("auditor", "lingong-audit", Role.AUDITOR, None),
    ("employer", "lingong-employer", Role.EMPLOYER, None),
    ("worker", "lingong-worker", Role.WORKER, None),
)
# The demo staff's authenticator key (the second step of staff sign-in), the same for every demo staff
# account and published in README.md: add it to an authenticator app, or run `manage.py demo_otp`.
DEMO_SECOND_FACTOR_KEY = b"lingong-demo-second!"  # 20 bytes, as django-otp's TOTP keys
# Registrations per station in the seeds (零工市场 19593, 金珠西路 2270, 嘎玛贡桑 1189, 功德林 1060).
STATION_WEIGHTS = {"market": 19593, "jinzhu-xilu": 2270, "gama-gongsang": 1189, "gongdelin": 1060}
# Placements: offline (window + kiosk) 45 %, online (app + web) 55 %, like 3957 : 4716.
PLACEMENT_CHANNELS = ((Channel.WINDOW, 26), (Channel.KIOSK, 19), (Channel.APP, 40), (Channel.WEB, 15))
USCC_BODY = "".join(ch for ch in ALPHABET if ch.isalnum())
REQUIRED_SKILLS = {
    "electrician": "持低压电工作业证",
    "driver": "持B2驾驶证",
    "cook": "持健康证",
    "security_guard": "持保安员证",
    "childminder": "有育儿经验",
}
HEADCOUNTS = {
    JobKind.DAY_GIG: ((1, 46), (2, 26), (3, 12), (4, 6), (5, 4), (6, 3), (8, 2), (10, 1)),
    JobKind.SHORT_TERM: ((1, 32), (2, 26), (3, 14), (4, 9), (5, 8), (6, 5), (8, 3), (10, 2), (15, 1)),
    JobKind.LONG_TERM: ((1, 36), (2, 24), (3, 12), (4, 8), (5, 7), (6, 5), (8, 3), (10, 3), (12, 1), (20, 1)),
}
KINDS = (JobKind.DAY_GIG, JobKind.SHORT_TERM, JobKind.LONG_TERM)
# Applications that did not lead to a hire, by how the job ended.
CLOSED_AFTER_COMPLETION = (
    (ApplicationStatus.DECLINED, 50),
    (ApplicationStatus.WITHDRAWN, 25),
    (ApplicationStatus.EXPIRED, 25),
)
CLOSED_UNFILLED = ((ApplicationStatus.EXPIRED, 70), (ApplicationStatus.DECLINED, 20), (ApplicationStatus.WITHDRAWN, 10))
LIFE_MAX_DAYS = 14  # finished placements longer than this stay history (no hours, wages or calls)
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON = 96.6  # at 29.65° N


@dataclass
class DemoResult:
    """What seed_demo prints: the figures and how long the build took."""

    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(eq=False)
class _W:
    """A worker while the district is built."""

    name: str
    name_bo: str
    sex: str
    birth: date
    division: str
    tibetan: bool
    profile: str
    station: Station
    channel: str
    created: datetime
    trades: list[tuple[JobType, int, bool]] = field(default_factory=list)
    mask: int = 0
    max_intensity: int = 3
    speaks_zh: bool = True
    speaks_bo: bool = False
    language: str = "zh-hans"  # the language they registered in, and get their messages in
    min_pay: int = 0
    travel_km: int = 10
    home_area: str = ""
    lat: float = 0.0
    lon: float = 0.0
    adult_from: date = date.min
    busy: set[int] = field(default_factory=set)
    shifts: list[Shift] = field(default_factory=list)
    user: Any = None
    obj: Worker | None = None


@dataclass(eq=False)
class _E:
    """An employer while the district is built."""

    kind: str  # a key of data.DEMAND
    obj: Employer
    created: datetime
    lat: float
    lon: float
    weight: float
    bo_flavour: bool


@dataclass(eq=False)
class _J:
    """A job while the district is built."""

    obj: Job
    emp: _E
    slug: str
    shift: Shift
    start_at: datetime
    end_at: datetime
    start_slot: int
    day_pay: int
    created: datetime = None  # type: ignore[assignment]
    published: datetime = None  # type: ignore[assignment]
    updated: datetime = None  # type: ignore[assignment]
    workers: set[int] = field(default_factory=set)  # ids (id()) of _W proposed for this job
    placed: int = 0
    last_placed: datetime | None = None
    held: list[Placement] = field(default_factory=list)  # its active or completed placements


# --- module helpers ------------------------------------------------------------------


def _bo_name(parts: list[str]) -> str:
    """Syllables joined by tsheg, closed by shad (with a tsheg after ང, as in ཚེ་རིང་།)."""
    text = "་".join(parts)
    return text + ("་།" if text.endswith("ང") else "།")  # glossary: not text


def _years_before(day: date, years: int) -> date:
    """The same day some years earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _years_after(day: date, years: int) -> date:
    """The day someone turns of age (born 29 February: 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # born on 29 February: of age on 1 March
        return date(day.year + years, 3, 1)


def _time(text: str) -> time:
    """A clock time from the data files, where 24:00 means midnight."""
    hours, minutes = (int(part) for part in text.split(":"))
    return time(0, minutes) if hours == 24 else time(hours, minutes)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Flat distance in km: the district is small enough for it."""
    return math.hypot((lat1 - lat2) * KM_PER_DEG_LAT, (lon1 - lon2) * KM_PER_DEG_LON)


def _restamp(
    model: type[models.Model], rows: list[tuple], *, fields: tuple[str, ...] = ("created_at", "updated_at")
) -> None:
    """Give bulk-created rows their past timestamps (auto_now_add would say "now").

    One UPDATE per row by primary key through executemany: fast on SQLite and
    PostgreSQL alike, and values are adapted as the ORM adapts them.
    """
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in fields]
    assignments = ", ".join(f"{ops.quote_name(column)} = %s" for column in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE {ops.quote_name(model._meta.pk.column)} = %s"
    params = [[ops.adapt_datetimefield_value(value) for value in row[1 : 1 + len(fields)]] + [row[0]] for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 5000):
            cursor.executemany(sql, params[start : start + 5000])
