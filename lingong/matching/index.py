"""`MatchIndex`: the market held as NumPy columns, updatable one row at a time.

Why columns: scoring thousands of candidates is a handful of vectorised
operations over contiguous arrays, where a list of objects would be a Python
loop. Why growable, with an id -> row map and a free-row list: the Django
loader keeps the index fresh by upserting or removing one job or worker when
it changes, without rebuilding (rows of removed entries are reused; a
removed row is dead until reused, `alive` says which rows are live).

Why buckets: a worker can only take jobs of their trades (or related ones)
within their travel limit, so jobs are bucketed by (trade, grid cell); a
query for a worker reads only the buckets of its trades whose cells meet
the square around the worker. Workers are bucketed the same way by each
declared trade (coarser cells, since workers' limits vary). Removal swaps
the last row of the bucket into the hole, so it is O(1).

The index holds no Django object and no database handle; everything in it
can be rebuilt from the database at any time, so no state lives only here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lingong.matching.geo import LHASA, project_km
from lingong.matching.scoring import SKILL_CERTIFIED, SKILL_EXACT, JobView, WorkerView
from lingong.matching.timegrid import (
    ALL_SLOTS,
    ALL_WEEKDAYS,
    FULL_WEEK,
    SLOT_START_HOURS,
    week_masks,
)

_FIRST_SLOT_HOUR = np.array(
    [0.0] + [SLOT_START_HOURS[(s & -s).bit_length() - 1] for s in range(1, 8)], dtype=np.float32
)
"""Start hour of the first slot of each slot mask 0..7."""
JOB_BOUNDS = {
    "pay_fen": "max",
    "urgency": "max",
    "start": "min",
    "start_latest": "max",
    "intensity": "min",
    "week_mask": "and",
}
"""Per-bucket bounds of jobs (start = day * 24 + hour): the most favourable value of each field
for the score (best pay, most urgent, earliest start) and for the filters (latest start, lightest
work, fewest weekly slots needed)."""
WORKER_BOUNDS = {
    "min_pay_fen": "min",
    "reliability": "max",
    "recent_work_days": "min",
    "level": "max",
    "certified": "max",
    "max_km": "max",
    "max_intensity": "max",
    "availability": "or",
}
"""Per-bucket bounds of workers, for the score and for the filters."""
_CELL_OFFSET = 1 << 20
_CELL_SHIFT = 1 << 21


def _cell_key(cx: int, cy: int) -> int:
    return (cx + _CELL_OFFSET) * _CELL_SHIFT + (cy + _CELL_OFFSET)


def _grown(arr: np.ndarray, fill: Any) -> np.ndarray:
    out = np.full(2 * len(arr), fill, dtype=arr.dtype)
    out[: len(arr)] = arr
    return out


class _Grid:
    """Buckets of rows keyed by (trade column, grid cell), with bounds per bucket.

    All buckets live in one int32 arena: bucket b holds its rows in
    arena[start[b] : start[b] + size[b]] with room up to cap[b]. So the rows
    of any set of buckets are gathered by one vectorised "ragged" index,
    however many small buckets a query touches. A full bucket moves to the
    end of the arena with double the room; the arena is compacted when more
    than half of it is such left-behind space. Removal swaps the last row of
    the bucket into the hole (O(1)).

    The buckets' trade, cell, size and bounds are parallel arrays, so a
    query selects its buckets and bounds their best possible score with a
    few vectorised operations. Bounds are the max / min / and / or of a
    field over the rows added since the bucket was last empty: a removal
    leaves them loose but never wrong, which is all branch-and-bound needs.
    """

    def __init__(self, cell_km: float, bounds: dict[str, str]) -> None:
        self.cell_km = float(cell_km)
        self.by_key: dict[int, int] = {}
        self.n_buckets = 0
        self.arena = np.empty(1024, dtype=np.int32)
        self.arena_end = 0
        self.start = np.zeros(64, dtype=np.int64)
        self.cap = np.zeros(64, dtype=np.int64)
        self.size = np.zeros(64, dtype=np.int64)
        self.trade = np.zeros(64, dtype=np.int32)
        self.cx = np.zeros(64, dtype=np.int64)
        self.cy = np.zeros(64, dtype=np.int64)
        self.bound_kind = dict(bounds)
        self.bounds = {name: np.full(64, self._identity(name), dtype=self._dtype(name)) for name in bounds}

    def _identity(self, name: str) -> float | int:
        return {"max": -np.inf, "min": np.inf, "and": -1, "or": 0}[self.bound_kind[name]]

    def _dtype(self, name: str) -> Any:
        return np.int64 if self.bound_kind[name] in ("and", "or") else np.float64

    def __len__(self) -> int:
        return self.n_buckets

    def cells(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.floor(np.asarray(x, dtype=np.float64) / self.cell_km).astype(np.int64),
            np.floor(np.asarray(y, dtype=np.float64) / self.cell_km).astype(np.int64),
        )

    def bucket(self, trade: int, cx: int, cy: int) -> int:
        """Index of the bucket of (trade, cell), created when first needed."""
        key = (trade << 42) + _cell_key(cx, cy)
        b = self.by_key.get(key)
        if b is not None:
            return b
        b = self.n_buckets
        if b == len(self.size):
            for name in ("start", "cap", "size", "trade", "cx", "cy"):
                setattr(self, name, _grown(getattr(self, name), 0))
            for name in self.bounds:
                self.bounds[name] = _grown(self.bounds[name], self._identity(name))
        self.trade[b], self.cx[b], self.cy[b] = trade, cx, cy
        self.start[b] = self.cap[b] = self.size[b] = 0
        self.n_buckets += 1
        self.by_key[key] = b
        return b

    def _make_room(self, b: int, need: int) -> None:
        """Move bucket b to the end of the arena with room for `need` rows."""
        cap = max(need, 2 * int(self.cap[b]), 4)
        if self.arena_end + cap > len(self.arena):
            live = int(self.size[: self.n_buckets].sum())
            if self.arena_end - live > len(self.arena) // 2:
                self._compact()
            if self.arena_end + cap > len(self.arena):
                grown = np.empty(max(2 * len(self.arena), self.arena_end + cap), dtype=np.int32)
                grown[: self.arena_end] = self.arena[: self.arena_end]
                self.arena = grown
        n, old = int(self.size[b]), int(self.start[b])
        self.arena[self.arena_end : self.arena_end + n] = self.arena[old : old + n]
        self.start[b], self.cap[b] = self.arena_end, cap
        self.arena_end += cap

    def _compact(self) -> None:
        """Close the holes left by buckets that moved (keeps each bucket's slack)."""
        m = self.n_buckets
        cap = self.cap[:m]
        new_start = np.concatenate([[0], np.cumsum(cap)[:-1]])
        arena = np.empty(max(len(self.arena), int(cap.sum()) * 2), dtype=np.int32)
        src = self._ragged(self.start[:m], self.size[:m])
        dst = self._ragged(new_start, self.size[:m])
        arena[dst] = self.arena[src]
        self.arena, self.start[:m], self.arena_end = arena, new_start, int(cap.sum())

    @staticmethod
    def _ragged(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """Positions start[i] .. start[i] + size[i] - 1 of every i, concatenated."""
        total = int(sizes.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        offsets = np.cumsum(sizes) - sizes
        return np.repeat(starts - offsets, sizes) + np.arange(total)

    def extend(self, b: int, rows: np.ndarray, values: dict[str, Any]) -> np.ndarray:
        """Append rows to bucket b, widening its bounds by `values`; returns their positions."""
        n = int(self.size[b])
        need = n + len(rows)
        if need > self.cap[b]:
            self._make_room(b, need)
        s = int(self.start[b])
        self.arena[s + n : s + need] = rows
        self.size[b] = need
        for name, v in values.items():
            bound, kind = self.bounds[name], self.bound_kind[name]
            if kind == "max":
                bound[b] = max(bound[b], float(np.max(v)))
            elif kind == "min":
                bound[b] = min(bound[b], float(np.min(v)))
            elif kind == "and":
                bound[b] &= int(np.bitwise_and.reduce(np.asarray(v, dtype=np.int64)))
            else:
                bound[b] |= int(np.bitwise_or.reduce(np.asarray(v, dtype=np.int64)))
        return np.arange(n, need, dtype=np.int32)

    def remove_at(self, b: int, pos: int) -> int:
        """Remove the entry at `pos` of bucket b; returns the row moved into `pos`, or -1."""
        last = int(self.size[b]) - 1
        self.size[b] = last
        if last == 0:
            for name in self.bounds:
                self.bounds[name][b] = self._identity(name)
        if pos == last:
            return -1
        s = int(self.start[b])
        moved = int(self.arena[s + last])
        self.arena[s + pos] = moved
        return moved

    def select(self, trade_mask: np.ndarray, x: float, y: float, radius: float) -> np.ndarray:
        """Non-empty buckets of the trades in `trade_mask` whose cells meet the square
        of half-side `radius` around (x, y)."""
        c = self.cell_km
        n = self.n_buckets
        cx, cy = self.cx[:n], self.cy[:n]
        sel = (
            trade_mask[self.trade[:n]]
            & (self.size[:n] > 0)
            & (cx >= math.floor((x - radius) / c))
            & (cx <= math.floor((x + radius) / c))
            & (cy >= math.floor((y - radius) / c))
            & (cy <= math.floor((y + radius) / c))
        )
        return np.flatnonzero(sel)

    def rows(self, buckets: np.ndarray) -> np.ndarray:
        """Rows of the given buckets, concatenated."""
        return self.arena[self._ragged(self.start[buckets], self.size[buckets])]

    def nearest_points(self, buckets: np.ndarray, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        """The point of each bucket's cell nearest to (x, y): no row in it can be closer."""
        c = self.cell_km
        px = np.clip(x, self.cx[buckets] * c, (self.cx[buckets] + 1) * c)
        py = np.clip(y, self.cy[buckets] * c, (self.cy[buckets] + 1) * c)
        return px, py

    def nbytes(self) -> int:
        return (
            self.arena.nbytes
            + sum(getattr(self, n).nbytes for n in ("start", "cap", "size", "trade", "cx", "cy"))
            + sum(b.nbytes for b in self.bounds.values())
        )


class _Table:
    """Growable columns with an id -> row map and a free-row list."""

    COLUMNS: tuple[tuple[str, Any, Any], ...] = ()
    """(name, dtype, fill) of every per-row column; columns are 1-D unless `_extra_shape` says so."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(int(capacity), 1)
        self.n_rows = 0  # high-water mark: rows >= n_rows were never used
        self.row_of: dict[int, int] = {}
        self.free: list[int] = []
        self.ids = np.full(self.capacity, -1, dtype=np.int64)
        self.alive = np.zeros(self.capacity, dtype=bool)
        for name, dtype, fill in self.COLUMNS:
            setattr(self, name, np.full((self.capacity, *self._extra_shape(name)), fill, dtype=dtype))

    def _extra_shape(self, name: str) -> tuple[int, ...]:
        return ()

    def _grow(self, need: int) -> None:
        if need <= self.capacity:
            return
        new_cap = max(need, 2 * self.capacity)
        for name, dtype, fill in (("ids", np.int64, -1), ("alive", bool, False), *self.COLUMNS):
            old = getattr(self, name)
            grown = np.full((new_cap, *old.shape[1:]), fill, dtype=dtype)
            grown[: self.capacity] = old
            setattr(self, name, grown)
        self.capacity = new_cap

    def _rows_for(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows for `ids` (existing or newly allocated) and a mask of those that existed."""
        rows = np.empty(len(ids), dtype=np.int64)
        existed = np.zeros(len(ids), dtype=bool)
        new_count = 0
        for i, ident in enumerate(ids.tolist()):
            row = self.row_of.get(ident)
            if row is None:
                if self.free:
                    row = self.free.pop()
                else:
                    row = self.n_rows + new_count
                    new_count += 1
                self.row_of[ident] = row
            else:
                existed[i] = True
            rows[i] = row
        if new_count:
            self._grow(self.n_rows + new_count)
            self.n_rows += new_count
        self.ids[rows] = ids
        self.alive[rows] = True
        return rows, existed

    def _release(self, ident: int) -> int | None:
        row = self.row_of.pop(int(ident), None)
        if row is None:
            return None
        self.alive[row] = False
        self.ids[row] = -1
        self.free.append(row)
        return row

    def row(self, ident: int) -> int:
        """The row of an id; KeyError when the index does not hold it."""
        return self.row_of[int(ident)]

    def live_rows(self) -> np.ndarray:
        return np.flatnonzero(self.alive[: self.n_rows]).astype(np.int32)

    def __len__(self) -> int:
        return len(self.row_of)

    def nbytes(self) -> int:
        names = ("ids", "alive", *(c[0] for c in self.COLUMNS))
        return sum(getattr(self, n).nbytes for n in names)


class EmployerTable(_Table):
    COLUMNS = (("credit", np.float32, 0.5),)
    credit: np.ndarray
    """Employer credit in [0, 1]; 0.5 = unknown (the credit issue fills it)."""


class JobTable(_Table):
    COLUMNS = (
        ("employer", np.int32, -1),
        ("trade", np.int32, -1),
        ("x", np.float32, 0.0),
        ("y", np.float32, 0.0),
        ("pay_fen", np.int32, 0),
        ("start_day", np.int32, 0),
        ("end_day", np.int32, 0),
        ("start_hour", np.float32, 0.0),
        ("slots", np.uint8, 0),
        ("weekdays", np.uint8, 0),
        ("week_mask", np.uint32, 0),
        ("intensity", np.uint8, 1),
        ("languages", np.uint8, 0),
        ("places_left", np.int32, 0),
        ("urgency", np.float32, 0.0),
        ("exposure", np.float32, 0.0),
        ("certified_only", np.uint8, 0),
        ("bucket", np.int32, -1),
        ("bucket_pos", np.int32, -1),
    )
    employer: np.ndarray
    trade: np.ndarray
    x: np.ndarray
    y: np.ndarray
    pay_fen: np.ndarray
    start_day: np.ndarray
    end_day: np.ndarray
    start_hour: np.ndarray
    slots: np.ndarray
    weekdays: np.ndarray
    week_mask: np.ndarray
    intensity: np.ndarray
    languages: np.ndarray
    places_left: np.ndarray
    urgency: np.ndarray
    exposure: np.ndarray
    certified_only: np.ndarray
    bucket: np.ndarray
    bucket_pos: np.ndarray


class WorkerTable(_Table):
    COLUMNS = (
        ("x", np.float32, 0.0),
        ("y", np.float32, 0.0),
        ("max_km", np.float32, 0.0),
        ("min_pay_fen", np.int32, 0),
        ("availability", np.uint32, 0),
        ("max_intensity", np.uint8, 3),
        ("languages", np.uint8, 0),
        ("reliability", np.float32, 0.5),
        ("recent_work_days", np.float32, 0.0),
        ("exposure", np.float32, 0.0),
        ("trades", np.int32, -1),
        ("levels", np.uint8, 0),
        ("certified", np.uint8, 0),
        ("bucket", np.int32, -1),
        ("bucket_pos", np.int32, -1),
        ("skill", np.uint8, 0),
    )
    x: np.ndarray
    y: np.ndarray
    max_km: np.ndarray
    min_pay_fen: np.ndarray
    availability: np.ndarray
    max_intensity: np.ndarray
    languages: np.ndarray
    reliability: np.ndarray
    recent_work_days: np.ndarray
    exposure: np.ndarray
    trades: np.ndarray
    levels: np.ndarray
    certified: np.ndarray
    bucket: np.ndarray
    bucket_pos: np.ndarray
    skill: np.ndarray

    def __init__(self, capacity: int, max_trades: int, trade_capacity: int) -> None:
        self.max_trades = max_trades
        self.trade_capacity = trade_capacity
        super().__init__(capacity)

    def _extra_shape(self, name: str) -> tuple[int, ...]:
        if name in ("trades", "levels", "certified", "bucket", "bucket_pos"):
            return (self.max_trades,)
        if name == "skill":
            return (self.trade_capacity,)
        return ()

    def grow_trades(self, need: int) -> None:
        if need <= self.trade_capacity:
            return
        self.trade_capacity = max(need, 2 * self.trade_capacity)
        grown = np.zeros((self.capacity, self.trade_capacity), dtype=np.uint8)
        grown[:, : self.skill.shape[1]] = self.skill
        self.skill = grown


def _column(value: Any, n: int, dtype: Any) -> np.ndarray:
    arr = np.asarray(value, dtype=dtype)
    return np.broadcast_to(arr, (n,)) if arr.ndim == 0 else arr


def _allocate_in_order(table: _Table, ids: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows for `ids` (in the caller's order), new rows handed out in `order`.

    A bulk load sorted by (trade, cell) puts the rows of a bucket next to
    each other in memory, so a query's gathers read nearly sequentially:
    at a million jobs this is several times faster than scattered rows.
    """
    sorted_rows, sorted_existed = table._rows_for(ids[order])
    rows = np.empty(len(ids), dtype=np.int64)
    existed = np.empty(len(ids), dtype=bool)
    rows[order] = sorted_rows
    existed[order] = sorted_existed
    return rows, existed


@dataclass(frozen=True, slots=True)
class IndexMemory:
    job_bytes: int
    worker_bytes: int
    employer_bytes: int
    busy_bytes: int


class MatchIndex:
    """Jobs, workers and employers of one market (a city shard) as arrays.

    Fill it with `upsert_*` (bulk, arrays) or `upsert_job` / `upsert_worker`
    (one row), keep it fresh with the same calls plus `remove_*`,
    `set_places_left`, `set_busy`, `block`, `set_*_signals`. Ids are the
    database primary keys; rows are positions in the arrays (stable while
    the entry lives). Trades are given by their database id and mapped to
    dense columns internally.
    """

    def __init__(
        self,
        *,
        origin: tuple[float, float] = LHASA,
        job_cell_km: float = 1.0,
        worker_cell_km: float = 2.0,
        max_worker_trades: int = 4,
        job_capacity: int = 1024,
        worker_capacity: int = 1024,
        trade_capacity: int = 32,
    ) -> None:
        self.origin = origin
        self.jobs = JobTable(job_capacity)
        self.workers = WorkerTable(worker_capacity, max_worker_trades, trade_capacity)
        self.employers = EmployerTable(64)
        self.job_grid = _Grid(job_cell_km, JOB_BOUNDS)
        self.worker_grid = _Grid(worker_cell_km, WORKER_BOUNDS)
        # Trades: database id <-> dense column, and the related-trade relation.
        self.trade_col_of: dict[int, int] = {}
        self.trade_id_of_col: list[int] = []
        self.related = np.zeros((trade_capacity, trade_capacity), dtype=bool)
        """related[s, t]: a worker of trade s may take jobs of trade t."""
        self.max_worker_km = 0.0
        """Largest travel limit ever indexed (only grows): the search radius for workers of a job."""
        # Calendar: busy slot masks per day (placements held, days off).
        self.busy_days: dict[int, np.ndarray] = {}
        """day -> uint8 busy slot mask per worker row."""
        self.worker_busy: dict[int, dict[int, int]] = {}
        """worker row -> {day: busy slot mask}."""
        # Blocks, by database ids so they outlive a worker's removal and return.
        self.blocked_by_worker: dict[int, set[int]] = {}
        self.blocked_by_employer: dict[int, set[int]] = {}
        self.acceptance: Any = None
        """The acceptance estimator (`acceptance.AcceptanceEstimator`) queries and dispatch rank by; None: by score."""

    # --- trades ---------------------------------------------------------------

    def trade_col(self, trade_id: int) -> int:
        """Dense column of a trade id, created on first sight."""
        col = self.trade_col_of.get(int(trade_id))
        if col is None:
            col = len(self.trade_id_of_col)
            self.trade_col_of[int(trade_id)] = col
            self.trade_id_of_col.append(int(trade_id))
            if col >= self.related.shape[0]:
                cap = 2 * self.related.shape[0]
                grown = np.zeros((cap, cap), dtype=bool)
                grown[: self.related.shape[0], : self.related.shape[1]] = self.related
                self.related = grown
            self.workers.grow_trades(col + 1)
        return col

    def trade_cols(self, trade_ids: np.ndarray) -> np.ndarray:
        uniq, inverse = np.unique(np.asarray(trade_ids, dtype=np.int64), return_inverse=True)
        cols = np.array([self.trade_col(t) for t in uniq.tolist()], dtype=np.int32)
        return cols[inverse].reshape(np.shape(trade_ids))

    @property
    def n_trades(self) -> int:
        return len(self.trade_id_of_col)

    def set_related_trades(self, pairs: Iterable[tuple[int, int]], *, symmetric: bool = True) -> None:
        """Replace the related-trade relation: (a, b) lets a worker of trade a take jobs of trade b.

        `JobType.related` is symmetric, hence the default. Rebuilds every
        worker's skill row (rare: an admin edit of the trade list).
        """
        self.related[:] = False
        for a, b in pairs:
            ca, cb = self.trade_col(a), self.trade_col(b)
            if ca != cb:
                self.related[ca, cb] = True
                if symmetric:
                    self.related[cb, ca] = True
        rows = self.workers.live_rows()
        self._build_skill(rows)

    def trades_fitting_worker(self, row: int) -> np.ndarray:
        """Trade columns of jobs the worker may take (own and related)."""
        return np.flatnonzero(self.workers.skill[row, : self.n_trades])

    def trades_serving_job_trade(self, col: int) -> np.ndarray:
        """Declared trade columns of workers who may take a job of trade `col`."""
        n = self.n_trades
        cols = np.flatnonzero(self.related[:n, col])
        return np.concatenate([[col], cols]).astype(np.int64)

    # --- employers ------------------------------------------------------------

    def upsert_employers(self, ids: Sequence[int] | np.ndarray, credit: Any = None) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64).ravel()
        rows, existed = self.employers._rows_for(ids)
        if credit is not None:
            self.employers.credit[rows] = _column(credit, len(ids), np.float32)
        else:
            self.employers.credit[rows[~existed]] = 0.5
        return rows

    def set_employer_credit(self, employer_id: int, credit: float) -> None:
        self.upsert_employers([employer_id], credit=credit)

    def _employer_rows(self, ids: np.ndarray) -> np.ndarray:
        """Rows of employer ids, creating unknown employers with neutral credit."""
        uniq, inverse = np.unique(ids, return_inverse=True)
        known = np.array([self.employers.row_of.get(int(e), -1) for e in uniq.tolist()], dtype=np.int64)
        missing = known < 0
        if missing.any():
            known[missing] = self.upsert_employers(uniq[missing])
        return known[inverse]

    # --- jobs -----------------------------------------------------------------

    def upsert_jobs(
        self,
        *,
        ids: Sequence[int] | np.ndarray,
        employer_ids: Any,
        trade_ids: Any,
        lat: Any,
        lon: Any,
        pay_fen: Any,
        start_day: Any,
        end_day: Any = None,
        slots: Any,
        start_hour: Any = None,
        weekdays: Any = ALL_WEEKDAYS,
        intensity: Any = 1,
        languages: Any = 0,
        places_left: Any = 1,
        urgency: Any = 0.0,
        exposure: Any = None,
        certified_only: Any = 0,
    ) -> np.ndarray:
        """Insert or replace jobs (all fields); returns their rows.

        Give only open jobs: the loader removes a job when it closes. Units:
        pay in fen per day (the loader converts hourly or monthly pay),
        days as day numbers, start_hour local (default: start of the first
        slot), slots a 3-bit mask (see timegrid), weekdays a 7-bit mask
        (Monday = bit 0) of the days worked between start and end.
        Exposure is kept for an existing job unless given. certified_only: 1 for a job that only
        workers certified in its own trade may take (a training course's certificate).
        """
        ids = np.asarray(ids, dtype=np.int64).ravel()
        n = len(ids)
        jobs = self.jobs
        start = _column(start_day, n, np.int32)
        end = start if end_day is None else _column(end_day, n, np.int32)
        slot = _column(slots, n, np.uint8)
        wdays = _column(weekdays, n, np.uint8)
        if n and (np.any(slot == 0) or np.any(slot > ALL_SLOTS) or np.any(end < start)):
            raise ValueError("a job needs 1-7 as slot mask and end_day >= start_day")
        wmask = week_masks(start, end, wdays, slot)
        if n and np.any(wmask == 0):
            raise ValueError("a job must work on at least one weekday of its span")
        if start_hour is None:
            hours = _FIRST_SLOT_HOUR[slot.astype(np.int64)]
        else:
            hours = _column(start_hour, n, np.float32)
        trade = _column(self.trade_cols(_column(trade_ids, n, np.int64)), n, np.int32)
        employer = self._employer_rows(_column(employer_ids, n, np.int64))
        x, y = project_km(_column(lat, n, np.float64), _column(lon, n, np.float64), self.origin)

        cx, cy = self.job_grid.cells(x, y)
        rows, existed = _allocate_in_order(jobs, ids, np.lexsort((cy, cx, trade)))
        for row in rows[existed].tolist():
            self._unbucket_job(row)
        jobs.employer[rows] = employer
        jobs.trade[rows] = trade
        jobs.x[rows] = x
        jobs.y[rows] = y
        jobs.pay_fen[rows] = _column(pay_fen, n, np.int32)
        jobs.start_day[rows] = start
        jobs.end_day[rows] = end
        jobs.start_hour[rows] = hours
        jobs.slots[rows] = slot
        jobs.weekdays[rows] = wdays
        jobs.week_mask[rows] = wmask
        jobs.intensity[rows] = _column(intensity, n, np.uint8)
        jobs.languages[rows] = _column(languages, n, np.uint8)
        jobs.places_left[rows] = _column(places_left, n, np.int32)
        jobs.urgency[rows] = _column(urgency, n, np.float32)
        jobs.certified_only[rows] = _column(certified_only, n, np.uint8)
        if exposure is not None:
            jobs.exposure[rows] = _column(exposure, n, np.float32)
        else:
            jobs.exposure[rows[~existed]] = 0.0
        self._bucket_jobs(rows)
        return rows

    def upsert_job(self, job_id: int, **fields: Any) -> int:
        """One job; same fields as `upsert_jobs`, as numbers."""
        return int(self.upsert_jobs(ids=[job_id], **fields)[0])

    def remove_job(self, job_id: int) -> None:
        """Forget a job (closed, filled, cancelled); a no-op for an unknown id."""
        row = self.jobs.row_of.get(int(job_id))
        if row is None:
            return
        self._unbucket_job(row)
        self.jobs._release(job_id)

    def set_places_left(self, job_id: int, places_left: int) -> None:
        """Places still open; 0 keeps the job indexed but no longer offered."""
        self.jobs.places_left[self.jobs.row(job_id)] = places_left

    def _bucket_jobs(self, rows: np.ndarray) -> None:
        jobs, grid = self.jobs, self.job_grid
        cx, cy = grid.cells(jobs.x[rows], jobs.y[rows])
        trades = jobs.trade[rows].astype(np.int64)
        start = jobs.start_day[rows] * 24.0 + jobs.start_hour[rows]
        order = np.lexsort((cy, cx, trades))
        rows, cx, cy, trades, start = rows[order], cx[order], cy[order], trades[order], start[order]
        change = (np.diff(trades) != 0) | (np.diff(cx) != 0) | (np.diff(cy) != 0)
        edges = np.concatenate([[0], np.flatnonzero(change) + 1, [len(rows)]]).tolist()
        for lo, hi in zip(edges[:-1], edges[1:]):
            if lo == hi:
                continue
            part = rows[lo:hi]
            b = grid.bucket(int(trades[lo]), int(cx[lo]), int(cy[lo]))
            jobs.bucket[part] = b
            jobs.bucket_pos[part] = grid.extend(
                b,
                part,
                {
                    "pay_fen": jobs.pay_fen[part],
                    "urgency": jobs.urgency[part],
                    "start": start[lo:hi],
                    "start_latest": start[lo:hi],
                    "intensity": jobs.intensity[part],
                    "week_mask": jobs.week_mask[part],
                },
            )

    def _unbucket_job(self, row: int) -> None:
        jobs = self.jobs
        pos = int(jobs.bucket_pos[row])
        moved = self.job_grid.remove_at(int(jobs.bucket[row]), pos)
        if moved >= 0:
            jobs.bucket_pos[moved] = pos
        jobs.bucket[row] = -1
        jobs.bucket_pos[row] = -1

    # --- workers --------------------------------------------------------------

    def upsert_workers(
        self,
        *,
        ids: Sequence[int] | np.ndarray,
        lat: Any,
        lon: Any,
        max_km: Any,
        min_pay_fen: Any,
        trade_ids: Any,
        levels: Any,
        certified: Any = False,
        availability: Any = FULL_WEEK,
        max_intensity: Any = 3,
        languages: Any = 1,
        reliability: Any = 0.5,
        recent_work_days: Any = 0.0,
        exposure: Any = None,
    ) -> np.ndarray:
        """Insert or replace workers; returns their rows.

        trade_ids / levels / certified are (n, max_worker_trades) arrays,
        -1 padding unused trade slots (`pack_worker_trades` builds them from
        lists). Units: max_km km, min_pay_fen fen per day, availability the
        21-bit weekly mask (bit = weekday * 3 + slot), languages the
        language bits, reliability [0, 1], recent_work_days days worked
        lately (the loader decides the window or decay). The calendar (busy
        days) and blocks are kept for an existing worker.
        """
        ids = np.asarray(ids, dtype=np.int64).ravel()
        n = len(ids)
        k = self.workers.max_trades
        tids = np.asarray(trade_ids, dtype=np.int64).reshape(n, -1)
        if tids.shape[1] > k:
            raise ValueError(f"at most {k} trades per worker (max_worker_trades)")
        pad = k - tids.shape[1]
        tids = np.pad(tids, ((0, 0), (0, pad)), constant_values=-1)
        lv = np.pad(np.broadcast_to(np.asarray(levels, dtype=np.uint8), (n, k - pad)), ((0, 0), (0, pad)))
        ce = np.pad(np.broadcast_to(np.asarray(certified, dtype=np.uint8), (n, k - pad)), ((0, 0), (0, pad)))
        cols = np.full((n, k), -1, dtype=np.int32)
        has = tids >= 0
        ordered = np.sort(tids, axis=1)
        if np.any((ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)):
            raise ValueError("a worker lists a trade twice")
        if has.any():
            cols[has] = self.trade_cols(tids[has])
        if np.any((lv[has] < 1) | (lv[has] > 5)):
            raise ValueError("trade levels are 1..5")
        limit = _column(max_km, n, np.float32)
        x, y = project_km(_column(lat, n, np.float64), _column(lon, n, np.float64), self.origin)

        w = self.workers
        old_cap = w.capacity
        cx, cy = self.worker_grid.cells(x, y)
        rows, existed = _allocate_in_order(w, ids, np.lexsort((cy, cx, cols[:, 0] if n else cx)))
        if w.capacity != old_cap:
            self._grow_busy(w.capacity)
        for row in rows[existed].tolist():
            self._unbucket_worker(row)
        w.x[rows] = x
        w.y[rows] = y
        w.max_km[rows] = limit
        w.min_pay_fen[rows] = _column(min_pay_fen, n, np.int32)
        w.availability[rows] = _column(availability, n, np.uint32)
        w.max_intensity[rows] = _column(max_intensity, n, np.uint8)
        w.languages[rows] = _column(languages, n, np.uint8)
        w.reliability[rows] = _column(reliability, n, np.float32)
        w.recent_work_days[rows] = _column(recent_work_days, n, np.float32)
        if exposure is not None:
            w.exposure[rows] = _column(exposure, n, np.float32)
        else:
            w.exposure[rows[~existed]] = 0.0
        w.trades[rows] = cols
        w.levels[rows] = np.where(has, lv, 0)
        w.certified[rows] = np.where(has, ce, 0)
        if n:
            self.max_worker_km = max(self.max_worker_km, float(limit.max()))
        self._build_skill(rows)
        self._bucket_workers(rows)
        return rows

    def upsert_worker(self, worker_id: int, *, trades: Sequence[tuple[int, int, bool]], **fields: Any) -> int:
        """One worker; `trades` as (trade_id, level 1-5, certified) tuples, other fields as numbers."""
        tids, lv, ce = pack_worker_trades([trades], self.workers.max_trades)
        return int(self.upsert_workers(ids=[worker_id], trade_ids=tids, levels=lv, certified=ce, **fields)[0])

    def remove_worker(self, worker_id: int) -> None:
        """Forget a worker (paused, deleted); clears their calendar. Blocks are kept by id."""
        row = self.workers.row_of.get(int(worker_id))
        if row is None:
            return
        self._unbucket_worker(row)
        for day in self.worker_busy.pop(row, {}):
            self.busy_days[day][row] = 0
        self.workers.skill[row] = 0
        self.workers._release(worker_id)

    def _build_skill(self, rows: np.ndarray) -> None:
        """Skill codes of rows: level | certified << 3 | exact << 4; related trades carry the level only.

        One byte per (worker, trade) answers "may this worker take a job of
        this trade, how well" with a single gather, for arrays and numbers alike.
        """
        w = self.workers
        if len(rows) == 0:
            return
        w.skill[rows] = 0
        n = self.n_trades
        related_cols = [np.flatnonzero(self.related[s, :n]) for s in range(n)]
        for k in range(w.max_trades):
            cols = w.trades[rows, k]
            valid = cols >= 0
            if not valid.any():
                continue
            r, c = rows[valid], cols[valid]
            lv = w.levels[r, k]
            code = lv | (w.certified[r, k] * SKILL_CERTIFIED) | SKILL_EXACT
            w.skill[r, c] = np.maximum(w.skill[r, c], code)
            for s in np.unique(c).tolist():
                targets = related_cols[s]
                if len(targets) == 0:
                    continue
                rs = r[c == s]
                ls = lv[c == s]
                block = w.skill[rs[:, None], targets[None, :]]
                w.skill[rs[:, None], targets[None, :]] = np.maximum(block, ls[:, None])

    def _bucket_workers(self, rows: np.ndarray) -> None:
        """File each worker under each declared trade (one bucket per trade slot)."""
        w, grid = self.workers, self.worker_grid
        cx, cy = grid.cells(w.x[rows], w.y[rows])
        k = w.max_trades
        flat_rows = np.repeat(rows, k)
        flat_slot = np.tile(np.arange(k), len(rows))
        trades = w.trades[rows].reshape(-1).astype(np.int64)
        keep = trades >= 0
        flat_rows, flat_slot, trades = flat_rows[keep], flat_slot[keep], trades[keep]
        cx, cy = np.repeat(cx, k)[keep], np.repeat(cy, k)[keep]
        order = np.lexsort((cy, cx, trades))
        flat_rows, flat_slot, trades, cx, cy = flat_rows[order], flat_slot[order], trades[order], cx[order], cy[order]
        change = (np.diff(trades) != 0) | (np.diff(cx) != 0) | (np.diff(cy) != 0)
        edges = np.concatenate([[0], np.flatnonzero(change) + 1, [len(flat_rows)]]).tolist()
        for lo, hi in zip(edges[:-1], edges[1:]):
            if lo == hi:
                continue
            part, slot = flat_rows[lo:hi], flat_slot[lo:hi]
            b = grid.bucket(int(trades[lo]), int(cx[lo]), int(cy[lo]))
            w.bucket[part, slot] = b
            w.bucket_pos[part, slot] = grid.extend(
                b,
                part,
                {
                    "min_pay_fen": w.min_pay_fen[part],
                    "reliability": w.reliability[part],
                    "recent_work_days": w.recent_work_days[part],
                    "level": w.levels[part].max(axis=1),
                    "certified": w.certified[part].max(axis=1),
                    "max_km": w.max_km[part],
                    "max_intensity": w.max_intensity[part],
                    "availability": w.availability[part],
                },
            )

    def _unbucket_worker(self, row: int) -> None:
        w = self.workers
        for k in range(w.max_trades):
            b = int(w.bucket[row, k])
            if b < 0:
                continue
            pos = int(w.bucket_pos[row, k])
            moved = self.worker_grid.remove_at(b, pos)
            if moved >= 0:
                w.bucket_pos[moved, int(np.flatnonzero(w.bucket[moved] == b)[0])] = pos
            w.bucket[row, k] = -1
            w.bucket_pos[row, k] = -1

    # --- calendar -------------------------------------------------------------

    def _grow_busy(self, capacity: int) -> None:
        for day, arr in self.busy_days.items():
            grown = np.zeros(capacity, dtype=np.uint8)
            grown[: len(arr)] = arr
            self.busy_days[day] = grown

    def set_busy(self, worker_id: int, day: int, slots: int) -> None:
        """The worker's busy slots on `day` (placements held OR day off = 7); 0 clears.

        The loader recomputes a day's mask from all placements and days off
        of that day, so a cancelled placement frees its slots.
        """
        row = self.workers.row(worker_id)
        slots = int(slots) & ALL_SLOTS
        days = self.worker_busy.setdefault(row, {})
        if slots:
            days[day] = slots
            arr = self.busy_days.get(day)
            if arr is None:
                arr = self.busy_days[day] = np.zeros(self.workers.capacity, dtype=np.uint8)
            arr[row] = slots
        else:
            days.pop(day, None)
            if day in self.busy_days:
                self.busy_days[day][row] = 0
            if not days:
                del self.worker_busy[row]

    def add_busy(self, worker_id: int, day: int, slots: int) -> None:
        """Mark slots busy in addition to those already busy (a new placement)."""
        row = self.workers.row(worker_id)
        self.set_busy(worker_id, day, self.worker_busy.get(row, {}).get(day, 0) | int(slots))

    def busy_on(self, row: int, day: int) -> int:
        return self.worker_busy.get(row, {}).get(day, 0)

    def prune_busy_before(self, day: int) -> None:
        """Drop calendar days before `day`: the past no longer blocks anything."""
        for d in [d for d in self.busy_days if d < day]:
            del self.busy_days[d]
        for row in list(self.worker_busy):
            days = self.worker_busy[row]
            for d in [d for d in days if d < day]:
                del days[d]
            if not days:
                del self.worker_busy[row]

    # --- blocks and signals ---------------------------------------------------

    def block(self, worker_id: int, employer_id: int) -> None:
        """Either side blocked the other: they are never matched (symmetric on purpose)."""
        self.blocked_by_worker.setdefault(int(worker_id), set()).add(int(employer_id))
        self.blocked_by_employer.setdefault(int(employer_id), set()).add(int(worker_id))

    def unblock(self, worker_id: int, employer_id: int) -> None:
        self.blocked_by_worker.get(int(worker_id), set()).discard(int(employer_id))
        self.blocked_by_employer.get(int(employer_id), set()).discard(int(worker_id))

    def set_worker_signals(
        self,
        worker_id: int,
        *,
        reliability: float | None = None,
        recent_work_days: float | None = None,
        exposure: float | None = None,
    ) -> None:
        row = self.workers.row(worker_id)
        if reliability is not None:
            self.workers.reliability[row] = reliability
        if recent_work_days is not None:
            self.workers.recent_work_days[row] = recent_work_days
        if exposure is not None:
            self.workers.exposure[row] = exposure

    def set_acceptance(self, estimator: Any) -> None:
        """Rank by expected value, P(accept) x score, from now on (None: by score alone)."""
        self.acceptance = estimator

    def record_exposure(self, *, job_rows: Any = (), worker_rows: Any = (), amount: float = 1.0) -> None:
        """Count that jobs were shown to workers / workers proposed to employers."""
        np.add.at(self.jobs.exposure, np.asarray(job_rows, dtype=np.int64), amount)
        np.add.at(self.workers.exposure, np.asarray(worker_rows, dtype=np.int64), amount)

    def decay_exposure(self, factor: float) -> None:
        """Once a day: exposure counts fade, so yesterday's spotlight does not last."""
        self.jobs.exposure *= factor
        self.workers.exposure *= factor

    # --- views ----------------------------------------------------------------

    def job_view(self, rows: Any, fields: tuple[str, ...] | None = None) -> JobView:
        """Job fields of `rows` (an array, or an int for 0-d fields).

        With `fields`, only those are gathered and the rest are None: the
        filters need fewer fields than the score, so queries gather the
        score's fields only for the jobs that pass.
        """
        j = self.jobs
        names = fields or JobView._fields
        values = {f: (j.employer[rows] if f == "employer" else getattr(j, f)[rows]) for f in names if f != "credit"}
        if "credit" in names:
            values["credit"] = self.employers.credit[values["employer"] if "employer" in values else j.employer[rows]]
        return JobView(**{f: values.get(f) for f in JobView._fields})

    def worker_view(self, rows: Any, fields: tuple[str, ...] | None = None) -> WorkerView:
        """Worker fields of `rows`; see job_view."""
        w = self.workers
        names = fields or WorkerView._fields
        return WorkerView(**{f: (getattr(w, f)[rows] if f in names else None) for f in WorkerView._fields})

    def memory(self) -> IndexMemory:
        """Bytes held in arrays (the id maps and buckets add Python overhead on top)."""
        return IndexMemory(
            job_bytes=self.jobs.nbytes() + self.job_grid.nbytes(),
            worker_bytes=self.workers.nbytes() + self.worker_grid.nbytes(),
            employer_bytes=self.employers.nbytes(),
            busy_bytes=sum(a.nbytes for a in self.busy_days.values()),
        )


def pack_worker_trades(
    trades: Sequence[Sequence[tuple[int, int, bool]]], max_trades: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trade_ids, levels, certified) arrays of shape (n, max_trades) from per-worker lists.

    A worker with more trades than fit keeps the best (level, certified)
    ones: the ones they are most likely to be hired for.
    """
    n = len(trades)
    tids = np.full((n, max_trades), -1, dtype=np.int64)
    lv = np.zeros((n, max_trades), dtype=np.uint8)
    ce = np.zeros((n, max_trades), dtype=np.uint8)
    for i, items in enumerate(trades):
        best = sorted(items, key=lambda t: (-int(t[1]), -int(bool(t[2])), int(t[0])))[:max_trades]
        for k, (tid, level, cert) in enumerate(best):
            tids[i, k] = tid
            lv[i, k] = level
            ce[i, k] = bool(cert)
    return tids, lv, ce
