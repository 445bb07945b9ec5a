"""What the stations' screens show: public by design, so nothing here may carry personal data.

A board is read by anyone standing in the hall; workers' names appear masked (扎*) and nothing else of a
person does. Each screen's live stream asks `board_version()` when told of a change (Redis) or every
BOARD_CHECK_SECONDS (polling; lingong/boards/live.py): a token that changes when an open job, a hire or the
news changes anywhere, cheap enough to ask often (three indexed aggregates, cached per process, so a hundred
screens cost one set of queries). A change reaches every screen within about a second, plus the fetch of its
body.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.core.masking import mask_name
from lingong.jobs.models import Job, Placement, PlacementStatus
from lingong.jobs.selectors import job_list_open_public
from lingong.stations.models import Station
from lingong.stats.charts import map_points as board_map_points  # noqa: F401  (the hall's map; the dashboard draws it too)
from lingong.trades.models import JobType, PayUnit

from .models import StationNotice

BOARD_JOBS = 12  # what a 55-inch screen shows in type readable from 5 m
FEED_HIRES = 10
BOARD_NOTICES = 6
VERSION_SECONDS = 0.5


@dataclass(frozen=True)
class TradeJobs:
    trade: JobType
    jobs: list[Job]


@dataclass(frozen=True)
class BoardHire:
    """A hire as the hall sees it: the worker's first character, the trade, where, the pay, when."""

    placement_id: int
    name_masked: str
    trade: JobType
    station: Station | None
    pay_yuan: str
    pay_unit: str  # the unit's label, translated where it is shown (both languages on a board)
    at: datetime


def board_station(*, code: str) -> Station | None:
    return Station.objects.filter(code=code, is_active=True).first()


def board_jobs_for_station(*, station: Station, limit: int = BOARD_JOBS) -> list[TradeJobs]:
    """The station's open jobs that have not started yet, soonest first, grouped by trade (a trade's group
    stands where its soonest job would)."""
    now = timezone.localtime()
    not_started = Q(start_date__gt=now.date()) | Q(start_date=now.date(), start_time__gt=now.time())
    jobs = list(job_list_open_public().filter(not_started, station=station)[:limit])
    groups: dict[int, TradeJobs] = {}
    for job in jobs:
        groups.setdefault(job.job_type_id, TradeJobs(trade=job.job_type, jobs=[])).jobs.append(job)
    return list(groups.values())


def board_hires_recent(*, limit: int = FEED_HIRES) -> list[BoardHire]:
    """The latest hires at every station, newest first, masked."""
    placements = (
        Placement.objects.exclude(status=PlacementStatus.CANCELLED)
        .select_related("worker", "job", "job__job_type", "station", "job__station")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        BoardHire(
            placement_id=p.pk,
            name_masked=mask_name(p.worker.name),
            trade=p.job.job_type,
            station=p.station or p.job.station,
            pay_yuan=p.job.pay_yuan_display,
            pay_unit=PayUnit(p.job.pay_unit).label,
            at=p.created_at,
        )
        for p in placements
    ]


def _notices_shown(*, station: Station) -> QuerySet[StationNotice]:
    today = timezone.localdate()
    return StationNotice.objects.filter(station=station, hidden_at__isnull=True).filter(
        Q(shown_until__isnull=True) | Q(shown_until__gte=today)
    )


def board_notices_for_station(*, station: Station, limit: int = BOARD_NOTICES) -> list[StationNotice]:
    """The station's news on its screen, newest first; the photos are fetched by the screen one by one."""
    return list(_notices_shown(station=station).defer("photo").annotate(photo_bytes=Length("photo"))[:limit])


def board_notice_photo(*, notice_id: int) -> bytes | None:
    """A shown notice's photo (a notice taken down or past its day shows nothing)."""
    notice = StationNotice.objects.filter(pk=notice_id, hidden_at__isnull=True).only("photo", "station", "shown_until")
    notice = notice.first()
    if notice is None or not notice.photo:
        return None
    if notice.shown_until is not None and notice.shown_until < timezone.localdate():
        return None
    return bytes(notice.photo)


def notice_list_for_staff(*, user, station: Station) -> list[StationNotice]:
    """A station's notices for the staff who may change them, newest first, taken-down ones too."""
    role_require(user, "notice.change", station_id=station.pk)
    notices = StationNotice.objects.filter(station=station).defer("photo").annotate(photo_bytes=Length("photo"))
    return list(notices.select_related("created_by")[:50])


def access_notice_for_staff(*, user, notice_id: int) -> StationNotice:
    notice = StationNotice.objects.filter(pk=notice_id).defer("photo").first()
    if notice is None:
        raise NotFound()
    role_require(user, "notice.change", station_id=notice.station_id)
    return notice


class _VersionCache:
    """The last token read, when, and at which of the process's announced changes (`generation`).

    A reader that knows of a later announcement than the one the token was read at reads again, whatever its
    age: the announcement was published after its commit, so a read that starts after it sees the change.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value = ""
        self.read_at = float("-inf")
        self.generation = 0

    def get(self, *, generation: int = 0, max_age: float = VERSION_SECONDS) -> str:
        with self.lock:
            if generation > self.generation or time.monotonic() - self.read_at >= max_age:
                jobs = Job.objects.aggregate(changed=Max("updated_at"))["changed"]
                hires = Placement.objects.aggregate(last=Max("id"))["last"]
                news = StationNotice.objects.aggregate(changed=Max("updated_at"))["changed"]
                self.value = f"{jobs.timestamp() if jobs else 0:.6f}-{hires or 0}-{news.timestamp() if news else 0:.6f}"
                self.read_at = time.monotonic()
                self.generation = max(self.generation, generation)
            return self.value


_VERSION = _VersionCache()


def board_version(*, generation: int = 0, max_age: float = VERSION_SECONDS) -> str:
    """Changes when any job changes (posted, filled, closed), a hire is made or news is put up or taken down;
    no personal data in it. Read from the database at most every `max_age` seconds per process, and again
    whenever the caller knows of a later announced change (`generation`, lingong/boards/live.py)."""
    return _VERSION.get(generation=generation, max_age=max_age)


def board_version_told(asked: str) -> str:
    """The change token a screen's body is kept under. A screen sends the token its stream told it; if this
    process has not read it yet (another process's stream saw the change first), it reads the token again, so
    the screen never gets back the body it already shows. Always the server's own token, whatever was asked."""
    version = board_version()
    if asked and asked != version:
        version = board_version(max_age=0)
    return version


def board_version_forget() -> None:
    """Tests: read the database at the next ask."""
    _VERSION.read_at = float("-inf")
    _VERSION.generation = 0
