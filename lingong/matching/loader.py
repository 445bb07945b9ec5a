"""The database as a `MatchIndex`, kept fresh (the Django side of matching).

Each process holds one index, a cache of the database and nothing else: it is
built from the database on first use and then refreshed incrementally before
a query when more than `REFRESH_SECONDS` have passed, by reading the jobs,
workers and placements whose `updated_at` moved since the last refresh. A
change made by any process is therefore seen by every process within a few
seconds, with no full rebuild per query and no state that only one process
knows. A full rebuild runs every `REBUILD_SECONDS` (credit scores, related
trades, anything edited outside the services), in a thread beside the index
in use, which keeps answering meanwhile; a web worker builds its first index
when it starts (deploy/gunicorn.conf.py), not at somebody's first request.

Fairness signals come from the database too: a job's exposure is the number
of workers proposed for it in the last week, a worker's exposure the number
of proposals they got, and "recent work" the days worked in the last 30 days.
"""

from __future__ import annotations

import logging
import threading
import time as clock
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from prometheus_client import Gauge

from lingong.credit.selectors import credit_scores_for_employers, credit_scores_for_workers
from lingong.jobs.models import Application, Block, Job, JobStatus, Placement, PlacementStatus
from lingong.jobs.shifts import Shift
from lingong.trades.models import JobType, PayUnit
from lingong.workers.models import Worker, WorkerDayOff, WorkerTrade
from lingong.workers.selectors import point_of

from .acceptance import DECLARED, AcceptanceModel
from .index import MatchIndex, pack_worker_trades
from .models import AcceptanceModelVersion
from .timegrid import ALL_SLOTS, ALL_WEEKDAYS, day_number

REFRESH_SECONDS = getattr(settings, "MATCHING_REFRESH_SECONDS", 2.0)
REBUILD_SECONDS = getattr(settings, "MATCHING_REBUILD_SECONDS", 600.0)
BUSY_HORIZON_DAYS = 60  # placements further ahead do not block today's matching
RECENT_DAYS = 30
EXPOSURE_DAYS = 7
MAX_WORKER_TRADES = 4
logger = logging.getLogger(__name__)
# Pay is compared per day: an hour's pay times a working day, a month's over 21.75 working days.
HOURS_PER_DAY = 8
WORKING_DAYS_PER_MONTH = 21.75


def day_pay_fen(pay_fen: int, pay_unit: str) -> int:
    """Pay normalised to fen per day (piece pay counted as one day's pay)."""
    if pay_unit == PayUnit.HOUR:
        return int(pay_fen) * HOURS_PER_DAY
    if pay_unit == PayUnit.MONTH:
        return int(round(int(pay_fen) / WORKING_DAYS_PER_MONTH))
    return int(pay_fen)


def slot_mask(shift: Shift) -> int:
    return sum(1 << s for s in shift.slots()) or ALL_SLOTS


def _languages(zh: bool, bo: bool) -> int:
    return (1 if zh else 0) | (2 if bo else 0)


# The oldest index of the live web processes (docs/operations.md, "Metrics"): its age is now minus this.
INDEX_SYNCED = Gauge(
    "lingong_match_index_synced_timestamp_seconds",
    "When the matching index was last brought up to date (the oldest among the processes)",
    multiprocess_mode="livemin",
)


INDEX_BUILD_SECONDS = Gauge(
    "lingong_match_index_build_seconds",
    "How long the last full build of the matching index took (the slowest among the processes)",
    multiprocess_mode="livemax",
)
# An index refreshed in place waits at most this long for its readers before a refresh insists.
REFRESH_STALE_SECONDS = 30.0


class ReadersWriterLock:
    """Many queries read the index at once; an in-place refresh writes alone.

    A refresh first only tries (`blocking=False`): while queries are reading it is skipped and the
    index stays a few seconds older, so no request waits for another's long read (a dispatch run
    reads for seconds). A thread that already reads never waits to read again, and never writes.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._local = threading.local()

    def reading_here(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    @contextmanager
    def reading(self):
        depth = getattr(self._local, "depth", 0)
        with self._cond:
            if depth == 0:
                while self._writing or self._writers_waiting:
                    self._cond.wait()
            self._readers += 1
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    def write_acquire(self, *, blocking: bool) -> bool:
        with self._cond:
            if self._readers or self._writing:
                if not blocking:
                    return False
                self._writers_waiting += 1
                try:
                    while self._readers or self._writing:
                        self._cond.wait()
                finally:
                    self._writers_waiting -= 1
            self._writing = True
            return True

    def write_release(self) -> None:
        with self._cond:
            self._writing = False
            self._cond.notify_all()


class IndexCache:
    """One process's index and when it was last brought up to date.

    A full build makes a new index beside the one in use and swaps it in whole (one assignment under the
    lock): a query holds the index it started with, old or new, never half of one. The incremental refresh
    changes the index in place, so it writes only while no query reads (`ReadersWriterLock`).
    """

    def __init__(self) -> None:
        self.index: MatchIndex | None = None
        self.synced_at: datetime | None = None  # database time of the last refresh
        self.checked = 0.0  # monotonic time of the last refresh check
        self.refreshed = 0.0  # monotonic time of the last refresh done
        self.built = 0.0
        self.build_seconds: float | None = None
        self.rebuilding = False
        self.generation = 0  # a reset starts a new one: a rebuild begun before it is thrown away
        self.lock = threading.RLock()
        self.rw = ReadersWriterLock()

    def get(self, *, now: datetime | None = None) -> MatchIndex:
        # Lock order: the writer's turn first, then `lock`; whoever holds `lock` never waits for readers.
        with self.lock:
            tick = clock.monotonic()
            if self.index is None:
                self.rebuild(now=now)
                return self.index
            if tick - self.built > REBUILD_SECONDS and not self.rebuilding:
                # A district's index takes seconds to build: the old one serves (kept fresh below) meanwhile.
                self.rebuilding = True
                threading.Thread(
                    target=self._rebuild_beside, args=(self.generation,), name="match-index-rebuild", daemon=True
                ).start()
            if tick - self.checked <= REFRESH_SECONDS or self.rw.reading_here():
                return self.index
            insist = tick - self.refreshed > REFRESH_STALE_SECONDS
        if self.rw.write_acquire(blocking=insist):
            try:
                with self.lock:
                    if self.index is not None and clock.monotonic() - self.checked > REFRESH_SECONDS:
                        self.refresh(now=now)
            finally:
                self.rw.write_release()
        with self.lock:
            if self.index is None:  # reset meanwhile
                self.rebuild(now=now)
            return self.index

    @contextmanager
    def reading(self, *, now: datetime | None = None):
        """The index, up to date, held steady (no refresh writes into it) while the caller reads it."""
        index = self.get(now=now)
        with self.rw.reading():
            yield index

    def state(self) -> dict:
        """What /healthz says of this process's index."""
        with self.lock:
            if self.index is None:
                return {"built": False}
            return {
                "built": True,
                "synced_seconds_ago": round((timezone.now() - self.synced_at).total_seconds(), 1),
                "built_seconds_ago": round(clock.monotonic() - self.built, 1),
                "build_seconds": round(self.build_seconds or 0.0, 3),
                "rebuilding": self.rebuilding,
            }

    def reset(self) -> None:
        with self.lock:
            self.index = None
            self.generation += 1

    def _rebuild_beside(self, generation: int) -> None:
        try:
            index, started, seconds = _index_build_timed(now=None)
            with self.lock:
                if generation != self.generation or self.index is None:
                    return  # reset meanwhile (a bulk import, a test): the next query builds from what is there now
                # Changes since `started` reach the new index at the next refresh (it reads from synced_at).
                self.index, self.synced_at = index, started
                self.built = self.checked = self.refreshed = clock.monotonic()
                self.build_seconds = seconds
                INDEX_SYNCED.set(started.timestamp())
        except Exception:
            logger.exception("the matching index could not be rebuilt; the current one stays in use")
            with self.lock:
                self.built = clock.monotonic()  # try again after REBUILD_SECONDS, not at every query
        finally:
            self.rebuilding = False
            connection.close()  # this thread's own connection

    # --- full build -------------------------------------------------------------

    def rebuild(self, *, now: datetime | None = None) -> None:
        with self.lock:
            self.index, self.synced_at, self.build_seconds = _index_build_timed(now=now)
            self.built = self.checked = self.refreshed = clock.monotonic()
            INDEX_SYNCED.set(self.synced_at.timestamp())

    # --- incremental refresh -------------------------------------------------------

    def refresh(self, *, now: datetime | None = None) -> None:
        """Apply what changed since the last refresh (a second of overlap, upserts are idempotent)."""
        index, since = self.index, self.synced_at - timedelta(seconds=1)
        started = timezone.now()
        # order_by(): the models' default ordering would make the database sort
        # whole tables instead of reading the updated_at index.
        changed_workers = Worker.objects.filter(updated_at__gte=since).order_by()
        gone = list(changed_workers.filter(is_active=False).values_list("pk", flat=True))
        for worker_id in gone:
            index.remove_worker(worker_id)
        _load_workers(index, changed_workers.filter(is_active=True), now=now)
        changed_jobs = Job.objects.filter(updated_at__gte=since).order_by()
        for job_id in changed_jobs.exclude(status=JobStatus.OPEN).values_list("pk", flat=True):
            index.remove_job(job_id)
        _load_jobs(index, changed_jobs.filter(status=JobStatus.OPEN), now=now)
        _load_blocks(index, Block.objects.filter(updated_at__gte=since).order_by())
        touched = set(Placement.objects.filter(updated_at__gte=since).order_by().values_list("worker_id", flat=True))
        if touched:
            _load_busy(index, worker_ids=touched - set(gone), now=now)
        _load_acceptance(index)
        self.synced_at = started
        self.checked = self.refreshed = clock.monotonic()
        INDEX_SYNCED.set(started.timestamp())


def _load_workers(index: MatchIndex, queryset, *, now: datetime | None) -> None:
    # Plain rows, not model objects: a district's build made ~680,000 objects in reference cycles
    # (prefetched trades point back to their worker) that only a full collection, a pause of most of
    # a second in whichever request ran next, could free (docs/matching.md, "The index in a process").
    workers = list(
        queryset.order_by().values_list(
            "pk",
            "home_lat",
            "home_lon",
            "registered_station__lat",
            "registered_station__lon",
            "travel_km",
            "min_day_pay_fen",
            "availability_mask",
            "max_intensity",
            "speaks_zh",
            "speaks_bo",
        )
    )
    if not workers:
        return
    ids = [w[0] for w in workers]
    trades: dict[int, list[tuple[int, int, bool]]] = defaultdict(list)
    for worker_id, job_type_id, level, is_certified in (
        WorkerTrade.objects.filter(worker_id__in=ids)
        .order_by("worker_id", "id")
        .values_list("worker_id", "job_type_id", "level", "certified")
    ):
        trades[worker_id].append((job_type_id, level, is_certified))
    today = timezone.localdate(now)
    recent = dict(
        Placement.objects.filter(
            worker_id__in=ids,
            start_date__gte=today - timedelta(days=RECENT_DAYS),
            status__in=(PlacementStatus.ACTIVE, PlacementStatus.COMPLETED),
        )
        .values_list("worker_id")
        .annotate(n=Count("id"))
    )
    exposure = dict(
        Application.objects.filter(
            worker_id__in=ids, created_at__gte=(now or timezone.now()) - timedelta(days=EXPOSURE_DAYS)
        )
        .exclude(origin="worker")
        .values_list("worker_id")
        .annotate(n=Count("id"))
    )
    reliability = credit_scores_for_workers(ids, now=now)
    points = [point_of(*w[1:5]) for w in workers]
    trade_ids, levels, certified = pack_worker_trades([trades.get(i, []) for i in ids], MAX_WORKER_TRADES)
    index.upsert_workers(
        ids=ids,
        lat=[p[0] for p in points],
        lon=[p[1] for p in points],
        max_km=[w[5] for w in workers],
        min_pay_fen=[w[6] for w in workers],
        trade_ids=trade_ids,
        levels=levels,
        certified=certified,
        availability=[w[7] for w in workers],
        max_intensity=[w[8] for w in workers],
        languages=[_languages(w[9], w[10]) for w in workers],
        reliability=[reliability.get(i, 0.5) for i in ids],
        recent_work_days=[float(recent.get(i, 0)) for i in ids],
        exposure=[float(exposure.get(i, 0)) for i in ids],
    )


def _load_jobs(index: MatchIndex, queryset, *, now: datetime | None) -> None:

    today = timezone.localdate(now)
    jobs = list(queryset.filter(end_date__gte=today))
    if not jobs:
        return
    ids = [j.pk for j in jobs]
    exposure = dict(
        Application.objects.filter(
            job_id__in=ids, created_at__gte=(now or timezone.now()) - timedelta(days=EXPOSURE_DAYS)
        )
        .values_list("job_id")
        .annotate(n=Count("id"))
    )
    employer_ids = sorted({j.employer_id for j in jobs})
    credit = credit_scores_for_employers(employer_ids, now=now)
    index.upsert_employers(employer_ids, credit=[credit.get(i, 0.5) for i in employer_ids])
    shifts = [Shift(j.start_date, j.end_date, j.start_time, j.end_time) for j in jobs]
    index.upsert_jobs(
        ids=ids,
        employer_ids=[j.employer_id for j in jobs],
        trade_ids=[j.job_type_id for j in jobs],
        lat=[float(j.lat) for j in jobs],
        lon=[float(j.lon) for j in jobs],
        pay_fen=[day_pay_fen(j.pay_fen, j.pay_unit) for j in jobs],
        start_day=[day_number(max(j.start_date, today)) for j in jobs],
        end_day=[day_number(j.end_date) for j in jobs],
        slots=[slot_mask(s) for s in shifts],
        start_hour=[j.start_time.hour + j.start_time.minute / 60 for j in jobs],
        weekdays=ALL_WEEKDAYS,
        intensity=[j.intensity for j in jobs],
        languages=[_languages(j.needs_zh, j.needs_bo) for j in jobs],
        places_left=[j.places_left for j in jobs],
        urgency=[1.0 if j.is_fast_channel else 0.0 for j in jobs],
        exposure=[float(exposure.get(i, 0)) for i in ids],
        certified_only=[1 if j.requires_certificate else 0 for j in jobs],
    )


def _load_busy(index: MatchIndex, *, worker_ids: set[int] | None, now: datetime | None) -> None:
    """Busy slots per worker and day, from active placements and days off (recomputed whole)."""
    today = timezone.localdate(now)
    horizon = today + timedelta(days=BUSY_HORIZON_DAYS)
    placements = Placement.objects.filter(status=PlacementStatus.ACTIVE, end_date__gte=today, start_date__lte=horizon)
    days_off = WorkerDayOff.objects.filter(day__gte=today, day__lte=horizon)
    if worker_ids is not None:
        placements = placements.filter(worker_id__in=worker_ids)
        days_off = days_off.filter(worker_id__in=worker_ids)
    busy: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for p in placements.only("worker_id", "start_date", "end_date", "start_time", "end_time"):
        mask = slot_mask(Shift(p.start_date, p.end_date, p.start_time, p.end_time))
        day = max(p.start_date, today)
        while day <= min(p.end_date, horizon):
            busy[p.worker_id][day_number(day)] |= mask
            day += timedelta(days=1)
    for worker_id, day in days_off.values_list("worker_id", "day"):
        busy[worker_id][day_number(day)] |= ALL_SLOTS
    known = index.workers.row_of
    for worker_id in worker_ids if worker_ids is not None else busy.keys():
        if worker_id not in known:
            continue
        row = index.workers.row(worker_id)
        for day in list(index.worker_busy.get(row, {})):
            if day not in busy.get(worker_id, {}):
                index.set_busy(worker_id, day, 0)  # a cancelled placement frees its slots
        for day, mask in busy.get(worker_id, {}).items():
            index.set_busy(worker_id, day, mask)


def _load_blocks(index: MatchIndex, queryset) -> None:
    """A pair blocked by either side is never proposed; an unblocked pair only if neither side blocks."""
    active: dict[tuple[int, int], bool] = {}
    for worker_id, employer_id, is_active in queryset.values_list("worker_id", "employer_id", "is_active"):
        active[(worker_id, employer_id)] = active.get((worker_id, employer_id), False) or is_active
    for (worker_id, employer_id), blocked in active.items():
        if not blocked and Block.objects.filter(worker_id=worker_id, employer_id=employer_id, is_active=True).exists():
            blocked = True  # the other side's block still stands
        if blocked:
            index.block(worker_id, employer_id)
        else:
            index.unblock(worker_id, employer_id)


# Stored versions the engine refused (trained on other features): not read again at every refresh.
_REFUSED_MODELS: set[str] = set()


def _load_acceptance(index: MatchIndex) -> None:
    """The acceptance model in use (docs/matching.md, "Learning what workers accept"), or the declared profile
    before any was trained. A refresh reads only the version's name and loads the model when it changed."""
    active = AcceptanceModelVersion.objects.filter(active=True).values_list("version", flat=True).first()
    if active in _REFUSED_MODELS:
        active = None
    wanted = active or DECLARED.version
    if index.acceptance is not None and index.acceptance.version == wanted:
        return
    stored = None
    if active is not None:
        stored = AcceptanceModelVersion.objects.filter(version=active).values_list("model", flat=True).first()
    if stored is None:
        index.set_acceptance(DECLARED)
        return
    try:
        model = AcceptanceModel.from_json(stored)
    except ValueError as error:
        # A model of other features (an upgrade changed them) would read the wrong columns: the declared
        # profile ranks until the next training.
        logger.error("acceptance model %s not used, the declared profile ranks instead: %s", active, error)
        _REFUSED_MODELS.add(active)
        model = DECLARED
    index.set_acceptance(model)


def _index_build(*, now: datetime | None) -> tuple[MatchIndex, datetime]:
    """A whole index from the database, and the database time it is true as of."""
    started = timezone.now()
    index = MatchIndex(
        max_worker_trades=MAX_WORKER_TRADES,
        job_capacity=max(1024, Job.objects.count()),
        worker_capacity=max(1024, Worker.objects.count()),
    )
    index.set_related_trades(JobType.related.through.objects.values_list("from_jobtype_id", "to_jobtype_id"))
    _load_workers(index, Worker.objects.filter(is_active=True), now=now)
    _load_jobs(index, Job.objects.filter(status=JobStatus.OPEN), now=now)
    _load_busy(index, worker_ids=None, now=now)
    _load_blocks(index, Block.objects.all())
    _load_acceptance(index)
    return index, started


def _index_build_timed(*, now: datetime | None) -> tuple[MatchIndex, datetime, float]:
    started = clock.perf_counter()
    index, synced = _index_build(now=now)
    seconds = clock.perf_counter() - started
    INDEX_BUILD_SECONDS.set(seconds)
    return index, synced, seconds


_CACHE = IndexCache()


def match_index(*, now: datetime | None = None) -> MatchIndex:
    """This process's index, brought up to date (see the module docstring); to query it, use `match_index_read`."""
    return _CACHE.get(now=now)


def match_index_read(*, now: datetime | None = None):
    """`with match_index_read() as index:` this process's index, up to date, steady while the block reads it."""
    return _CACHE.reading(now=now)


def match_index_state() -> dict:
    """This process's index: built or not, how old, how long its last full build took."""
    return _CACHE.state()


def match_index_warm() -> None:
    """Build this process's index now (a web worker at start, before its first request waits for it)."""
    _CACHE.get()


def match_index_reset() -> None:
    """Forget the index; the next query rebuilds it (tests, after bulk imports)."""
    _CACHE.reset()
