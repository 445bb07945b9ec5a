"""A month of Chengguan's gig market under three policies, on the same days.

Run: python -m bench.simulate_market [--days 30] [--seed 7]

The world (25,000 registered workers, 1,000 employers), every posting, every
arrival at a station or on the app, every cancellation and every worker's
hidden taste is drawn once from the seed; then the same days are played
under each policy:

(a) board   -- roadside / notice board: a worker reads the newest postings
               (all trades) and takes the best one for them;
(b) nearest -- an app listing the nearest jobs the worker fits (the engine's
               hard filters, sorted by distance);
(c) lingong -- the engine's `top_jobs_for_worker` list, plus morning
               dispatch rounds at 07:00, 08:00 and 09:00 (`dispatch`) proposing
               today's open places to the workers reachable then (at a station
               already, or answering the app's push notification within the
               hour; a proposal is accepted by the same hidden utility).

A worker applies to the best job put in front of them; at the end of each half
hour employers take applicants: the first to come on the board and the plain
app, the first as Lingong ranks them (`rank_workers_for_job`) on Lingong.

Acceptance is the same hidden utility under every policy:
    U = 1.5 ln(pay / true reservation wage) - km / true distance tolerance
        + trade term (own 0.5, related 0, other: impossible) + noise - 0.1
with logistic noise drawn per (worker, job) pair from a hash of the seed, so
a worker judges a given job identically whatever showed it to them. True
reservation wages and distance tolerances differ from what workers declared
to the engine. Employers take any worker of the trade or a related one.
No-shows (more likely for less reliable workers) and cancellations are drawn
per placement / per posting, also from the seed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from bench.report import RESULTS, machine
from bench.synthetic import (
    N_TRADES,
    RELATED_GROUPS,
    TRADE_IDS,
    build_index,
    make_workers,
    points,
    trade_popularity,
)
from lingong.matching import (
    DEFAULT_WEIGHTS,
    MatchIndex,
    MatchWeights,
    day_number,
    dispatch,
    feasible_jobs_for_worker,
    rank_workers_for_job,
    top_jobs_for_worker,
)
from lingong.matching.geo import LHASA, project_km
from lingong.matching.timegrid import local_datetime, weekday

FIRST_DAY = day_number(date(2025, 6, 2))  # a Monday
TICK = 0.5  # hours
DAY_START, DAY_END = 6.0, 22.0
LATE_JOIN = 1.0  # a job can be joined up to an hour after it starts (as the engine's filter)
BOARD_READS = 30  # postings a worker reads on the board
LIST_SIZE = 10  # jobs an app list shows
DISPATCH_HOURS = tuple(float(h) for h in os.environ.get("SIM_DISPATCH_HOURS", "7,8,9").split(","))
"""Morning dispatch rounds: most same-day gigs are posted between 06:00 and 09:00."""
POLICIES = ("board", "nearest", "lingong")


# --- the world: drawn once ---------------------------------------------------------


def _splitmix(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def pair_uniform(seed: int, a: np.ndarray | int, b: np.ndarray | int, salt: int) -> np.ndarray:
    """A uniform number in (0, 1) fixed by (seed, a, b, salt): the same under every policy."""
    with np.errstate(over="ignore"):
        x = _splitmix(np.uint64(seed * 1_000_003 + salt) ^ _splitmix(np.asarray(a, dtype=np.uint64)))
        x = _splitmix(x ^ (np.asarray(b, dtype=np.uint64) * np.uint64(0x632BE59BD9B4E019)))
    return ((x >> np.uint64(11)).astype(np.float64) + 0.5) / float(1 << 53)


@dataclass
class World:
    seed: int
    workers: dict[str, np.ndarray]  # declared, as given to the engine
    wx: np.ndarray  # km
    wy: np.ndarray
    reservation: np.ndarray  # true lowest acceptable pay, fen
    tolerance: np.ndarray  # true distance tolerance, km
    fit: np.ndarray  # (workers, trades): 2 own trade, 1 related, 0 cannot
    p_active: np.ndarray  # chance of looking for work on a given day
    station: np.ndarray  # True: goes to a station; False: uses the app
    no_show: np.ndarray  # chance of not turning up
    employer_x: np.ndarray
    employer_y: np.ndarray
    employer_trades: np.ndarray  # (employers, 3) trade ids
    employer_rate: np.ndarray  # relative posting rate


def make_world(seed: int, n_workers: int = 25_000, n_employers: int = 1_000) -> World:
    rng = np.random.default_rng(seed)
    w = make_workers(rng, n_workers).columns
    wx, wy = project_km(w["lat"], w["lon"], LHASA)
    tids = w["trade_ids"]
    fit = np.zeros((n_workers, N_TRADES + 1), dtype=np.int8)
    related = {t: {u for g in RELATED_GROUPS if t in g for u in g if u != t} for t in TRADE_IDS.tolist()}
    for i, row in enumerate(tids.tolist()):
        for t in row:
            if t > 0:
                for u in related[t]:
                    fit[i, u] = max(fit[i, u], 1)
        for t in row:
            if t > 0:
                fit[i, t] = 2
    elat, elon = points(rng, n_employers, clustered=0.85)
    ex, ey = project_km(elat, elon, LHASA)
    return World(
        seed=seed,
        workers=w,
        wx=wx.astype(np.float64),
        wy=wy.astype(np.float64),
        reservation=w["min_pay_fen"] * rng.lognormal(0.0, 0.1, n_workers),
        tolerance=w["max_km"] * rng.uniform(0.5, 1.0, n_workers),
        fit=fit,
        p_active=rng.beta(0.5, 3.0, n_workers),
        station=rng.random(n_workers) < 0.4,
        no_show=0.15 * (1.0 - w["reliability"]),
        employer_x=ex.astype(np.float64),
        employer_y=ey.astype(np.float64),
        employer_trades=rng.choice(TRADE_IDS, (n_employers, 3), p=trade_popularity()),
        employer_rate=rng.pareto(1.5, n_employers) + 0.2,
    )


@dataclass
class Postings:
    """Every posting of the month, in posting order (arrays indexed by job index = job id - 1)."""

    cols: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.cols["id"])


def make_postings(world: World, days: int) -> Postings:
    rng = np.random.default_rng(world.seed + 1)
    rows: dict[str, list[np.ndarray]] = defaultdict(list)
    base_pay = np.random.default_rng(12345).integers(150, 300, N_TRADES)
    p_emp = world.employer_rate / world.employer_rate.sum()
    for d in range(days):
        n_gig = int(np.clip(rng.poisson(450 if weekday(FIRST_DAY + d) < 6 else 330), 300, 600))
        n_long = int(rng.poisson(40))
        n = n_gig + n_long
        long = np.arange(n) >= n_gig
        emp = rng.choice(len(p_emp), n, p=p_emp)
        trade = world.employer_trades[emp, rng.choice(3, n, p=[0.6, 0.3, 0.1])]
        x = world.employer_x[emp] + rng.normal(0, 0.4, n)
        y = world.employer_y[emp] + rng.normal(0, 0.4, n)
        pay = np.clip(base_pay[trade - 1] + rng.normal(30, 45, n), 150, 400)
        next_day = ~long & (rng.random(n) < 0.15)
        # Posting hour: same-day gigs early (peak 7-8), next-day gigs in the afternoon/evening,
        # longer jobs in office hours.
        post = np.where(
            long,
            rng.uniform(9.0, 17.0, n),
            np.where(next_day, rng.uniform(14.0, 21.0, n), np.clip(rng.gamma(2.0, 1.0, n) + 6.0, 6.0, 12.0)),
        )
        post = np.floor(post / TICK) * TICK
        start_day = d + np.where(long | next_day, 1, 0)
        start = np.where(
            long | next_day, rng.choice([7.0, 8.0, 9.0], n), post + np.floor(rng.uniform(1.0, 3.5, n) / TICK) * TICK
        )
        start = np.where(~long & ~next_day & (post >= 11.5) & (rng.random(n) < 0.5), 18.0, start)
        hours = np.where(long, 8.0, rng.choice([4.0, 8.0], n, p=[0.45, 0.55]))
        slots = np.zeros(n, dtype=np.int64)
        for i, (lo, hi) in enumerate(((0.0, 12.0), (12.0, 18.0), (18.0, 24.0))):
            slots |= np.where((start < hi) & (start + hours > lo), 1 << i, 0)
        length = np.where(long, rng.integers(5, 31, n), 1)
        heads = np.where(long, rng.integers(1, 4, n), rng.choice([1, 1, 1, 2, 2, 3, 4, 5], n))
        cancel = np.where(rng.random(n) < 0.03, post + rng.uniform(0.5, 6.0, n), np.inf)
        rows["employer"].append(emp + 1)
        rows["trade"].append(trade)
        rows["x"].append(x)
        rows["y"].append(y)
        rows["pay_fen"].append((np.round(pay / 10) * 1000).astype(np.int64))
        rows["post_day"].append(np.full(n, d))
        rows["post_hour"].append(post)
        rows["start_day"].append(start_day)
        rows["end_day"].append(start_day + length - 1)
        rows["start_hour"].append(start)
        rows["slots"].append(slots)
        rows["weekdays"].append(np.where(long & (rng.random(n) < 0.5), 0b0111111, 0x7F))
        rows["headcount"].append(heads)
        rows["long"].append(long)
        rows["cancel_hour"].append(cancel)
        rows["intensity"].append(np.random.default_rng(54321).choice([1, 2, 3], N_TRADES, p=[0.3, 0.4, 0.3])[trade - 1])
        rows["languages"].append(rng.choice([0, 1, 2], n, p=[0.7, 0.2, 0.1]))
        rows["urgency"].append(np.where(~long & (start - post <= 1.5), 1.0, 0.0))
    cols = {k: np.concatenate(v) for k, v in rows.items()}
    order = np.lexsort((cols["post_hour"], cols["post_day"]))
    cols = {k: v[order] for k, v in cols.items()}
    cols["id"] = np.arange(1, len(order) + 1)
    return Postings(cols)


@dataclass
class Activity:
    """Per day: who looks for work, and at which ticks they look (hours)."""

    checks: list[list[tuple[float, int]]]  # per day: sorted (hour, worker index)
    first_seen: list[tuple[np.ndarray, np.ndarray]]  # per day: (worker indexes, hour first reachable)

    def reachable(self, day: int, hour: float) -> np.ndarray:
        """Workers a dispatch at `hour` can reach: at a station already, or answering the app's
        notification within the hour."""
        who, when = self.first_seen[day]
        return who[when <= hour]


def make_activity(world: World, days: int) -> Activity:
    rng = np.random.default_rng(world.seed + 2)
    n = len(world.p_active)
    checks, first_seen = [], []
    for d in range(days):
        active = np.flatnonzero(rng.random(n) < world.p_active * (0.8 if weekday(FIRST_DAY + d) == 6 else 1.0))
        day_checks: list[tuple[float, int]] = []
        seen = np.empty(len(active))
        for k, i in enumerate(active.tolist()):
            if world.station[i]:
                arrive = float(np.clip(np.round(rng.normal(7.5, 0.6) / TICK) * TICK, 6.0, 10.0))
                hours = np.arange(arrive, 12.01, 1.5)
                seen[k] = arrive
            else:
                hours = np.sort(np.floor(rng.uniform(7.0, 21.5, int(rng.integers(2, 4))) / TICK) * TICK)
                seen[k] = hours[0] - 1.0  # a push notification is answered within the hour
            day_checks.extend((float(h), i) for h in hours)
        rng.shuffle(day_checks)  # the order within a tick is random, the same for every policy
        day_checks.sort(key=lambda c: c[0])
        checks.append(day_checks)
        first_seen.append((active, seen))
    return Activity(checks, first_seen)


# --- one policy over the month ------------------------------------------------------


@dataclass
class Outcome:
    fills: list[tuple[int, int, float, float, bool]] = field(default_factory=list)
    """(job index, worker index, hours from posting to fill, km, showed up)"""
    searched: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    """week -> workers who looked for work that week"""
    work_days: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    placed_in_week: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    filled_on: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    """job index -> day (relative) each place was filled"""
    proposals: int = 0
    proposals_accepted: int = 0
    seconds: float = 0.0


class Market:
    def __init__(self, world: World, postings: Postings, policy: str, weights: MatchWeights = DEFAULT_WEIGHTS) -> None:
        self.world, self.p, self.policy, self.weights = world, postings, policy, weights
        c = postings.cols
        self.places = c["headcount"].copy()
        self.open = np.zeros(len(postings), dtype=bool)
        self.jx, self.jy = c["x"], c["y"]
        self.busy: dict[int, dict[int, int]] = defaultdict(dict)  # worker -> {day: slots}
        self.board: list[int] = []  # open job indexes, oldest first
        self.out = Outcome()
        w = world.workers
        self.index: MatchIndex = build_index(None, None, calendar=False)
        self.index.upsert_workers(**w)
        self.wrow = np.array([self.index.workers.row(int(i)) for i in w["ids"].tolist()])

    # utility: the hidden truth, the same for every policy
    def utility(self, wi: int, jobs: np.ndarray) -> np.ndarray:
        c, wd = self.p.cols, self.world
        km = np.hypot(self.jx[jobs] - wd.wx[wi], self.jy[jobs] - wd.wy[wi])
        fit = wd.fit[wi, c["trade"][jobs]]
        u01 = pair_uniform(wd.seed, wi, jobs, 11)
        noise = 0.4 * np.log(u01 / (1.0 - u01))
        u = (
            1.5 * np.log(c["pay_fen"][jobs] / wd.reservation[wi])
            - km / wd.tolerance[wi]
            + np.where(fit == 2, 0.5, 0.0)
            + noise
            - 0.1
        )
        possible = (
            (fit > 0)
            & (c["intensity"][jobs] <= wd.workers["max_intensity"][wi])
            & (km <= 1.5 * wd.workers["max_km"][wi])
        )
        possible &= np.array([self.free_for(wi, int(j)) for j in jobs.tolist()], dtype=bool) if len(jobs) else possible
        return np.where(possible, u, -np.inf)

    def free_for(self, wi: int, j: int) -> bool:
        """Whether the worker can physically do job j: available in its slots, nothing booked then."""
        c = self.p.cols
        avail = int(self.world.workers["availability"][wi])
        days = self.busy.get(wi, {})
        for d in range(int(c["start_day"][j]), int(c["end_day"][j]) + 1):
            wd = weekday(FIRST_DAY + d)
            if not (int(c["weekdays"][j]) >> wd) & 1:
                continue
            if (int(c["slots"][j]) << (3 * wd)) & ~avail or days.get(d, 0) & int(c["slots"][j]):
                return False
        return True

    def post(self, j: int) -> None:
        c = self.p.cols
        self.open[j] = True
        self.board.append(j)
        self.index.upsert_job(
            int(c["id"][j]),
            employer_ids=int(c["employer"][j]),
            trade_ids=int(c["trade"][j]),
            **self._latlon(j),
            pay_fen=int(c["pay_fen"][j]),
            start_day=FIRST_DAY + int(c["start_day"][j]),
            end_day=FIRST_DAY + int(c["end_day"][j]),
            start_hour=float(c["start_hour"][j]),
            slots=int(c["slots"][j]),
            weekdays=int(c["weekdays"][j]),
            intensity=int(c["intensity"][j]),
            languages=int(c["languages"][j]),
            places_left=int(self.places[j]),
            urgency=float(c["urgency"][j]),
        )

    def _latlon(self, j: int) -> dict[str, float]:
        from lingong.matching.geo import unproject

        lat, lon = unproject(self.jx[j], self.jy[j], LHASA)
        return {"lat": float(lat), "lon": float(lon)}

    def close(self, j: int) -> None:
        if self.open[j]:
            self.open[j] = False
            self.index.remove_job(int(self.p.cols["id"][j]))

    def place(self, wi: int, j: int, day: int, hour: float) -> None:
        c, wd = self.p.cols, self.world
        km = float(np.hypot(self.jx[j] - wd.wx[wi], self.jy[j] - wd.wy[wi]))
        showed = pair_uniform(wd.seed, wi, j, 23)[()] >= wd.no_show[wi]
        waited = (day - int(c["post_day"][j])) * 24.0 + hour - float(c["post_hour"][j])
        self.out.fills.append((j, wi, waited, km, bool(showed)))
        self.out.filled_on[j].append(day)
        self.places[j] -= 1
        wid = int(wd.workers["ids"][wi])
        for d in range(int(c["start_day"][j]), int(c["end_day"][j]) + 1):
            if (int(c["weekdays"][j]) >> weekday(FIRST_DAY + d)) & 1:
                self.busy[wi][d] = self.busy[wi].get(d, 0) | int(c["slots"][j])
                self.index.add_busy(wid, FIRST_DAY + d, int(c["slots"][j]))
                if showed:
                    self.out.work_days[wi] += 1
        self.out.placed_in_week[int(c["start_day"][j]) // 7].add(wi)
        if self.places[j] <= 0:
            self.close(j)
        else:
            self.index.set_places_left(int(c["id"][j]), int(self.places[j]))

    def offered(self, wi: int, day: int, hour: float) -> np.ndarray:
        """The jobs the policy puts in front of the worker now."""
        now = local_datetime(FIRST_DAY + day, hour)
        if self.policy == "board":
            seen: list[int] = []
            for j in reversed(self.board):
                if self.open[j] and self._joinable(j, day, hour):
                    seen.append(j)
                    if len(seen) == BOARD_READS:
                        break
            return np.array(seen, dtype=np.int64)
        row = int(self.wrow[wi])
        if self.policy == "nearest":
            f = feasible_jobs_for_worker(self.index, row, now=now, weights=self.weights)
            pick = np.argsort(f.km, kind="stable")[:LIST_SIZE]
            ids = self.index.jobs.ids[f.rows[pick]]
        else:
            m = top_jobs_for_worker(self.index, row, LIST_SIZE, now=now, weights=self.weights, with_reasons=False)
            self.index.record_exposure(job_rows=m.rows)
            ids = m.ids
        return ids - 1

    def hire(self, applied: dict[int, list[int]], day: int, hour: float) -> None:
        """Employers take applicants at the end of the half hour: on the board and the plain
        app the first to come; on Lingong the first of the applicants as the engine ranks
        them for the employer (fit, reliability, fairness). Those not taken look again later."""
        for j, applicants in sorted(applied.items()):
            if not self.open[j]:
                continue
            if self.policy == "lingong" and len(applicants) > self.places[j]:
                ranked = rank_workers_for_job(
                    self.index,
                    self.index.jobs.row(int(self.p.cols["id"][j])),
                    self.wrow[applicants],
                    now=local_datetime(FIRST_DAY + day, hour),
                    weights=self.weights,
                    with_reasons=False,
                )
                by_row = {int(r): wi for r, wi in zip(self.wrow[applicants].tolist(), applicants)}
                applicants = [by_row[int(r)] for r in ranked.rows.tolist()]
            for wi in applicants[: int(self.places[j])]:
                self.place(wi, j, day, hour + TICK)  # taken at the end of the half hour
                self.done_today.add(wi)

    def _joinable(self, j: int, day: int, hour: float) -> bool:
        c = self.p.cols
        return (int(c["start_day"][j]) - day) * 24.0 + float(c["start_hour"][j]) + LATE_JOIN > hour

    def morning_dispatch(self, day: int, hour: float) -> None:
        reach = self.act.reachable(day, hour)
        reach = np.array(
            [i for i in reach.tolist() if i not in self.done_today and not self.busy.get(i, {}).get(day, 0)],
            dtype=np.int64,
        )
        if len(reach) == 0:
            return
        self.out.searched[day // 7].update(reach.tolist())  # they are looking for work today
        result = dispatch(
            self.index,
            FIRST_DAY + day,
            now=local_datetime(FIRST_DAY + day, hour),
            worker_rows=self.wrow[reach],
            weights=self.weights,
        )
        a = result.assignment
        self.index.record_exposure(worker_rows=a.worker_rows)
        wi_of_row = {int(r): int(i) for r, i in zip(self.wrow[reach].tolist(), reach.tolist())}
        for jr, wr in zip(a.job_rows.tolist(), a.worker_rows.tolist()):
            j = int(self.index.jobs.ids[jr]) - 1
            wi = wi_of_row[wr]
            self.out.proposals += 1
            if not self.open[j] or wi in self.done_today or self.utility(wi, np.array([j]))[0] <= 0:
                continue
            self.out.proposals_accepted += 1
            self.place(wi, j, day, hour)
            self.done_today.add(wi)

    def run(self, act: Activity, days: int) -> Outcome:
        t0 = time.perf_counter()
        self.act = act
        c = self.p.cols
        post_time = c["post_day"] * 24.0 + c["post_hour"]
        cancel_time = c["post_day"] * 24.0 + c["cancel_hour"]
        next_post = 0
        for day in range(days):
            self.done_today: set[int] = set()
            checks = act.checks[day]
            ci = 0
            for hour in np.arange(DAY_START, DAY_END + TICK / 2, TICK).tolist():
                t = day * 24.0 + hour
                while next_post < len(self.p) and post_time[next_post] <= t:
                    self.post(next_post)
                    next_post += 1
                for j in [
                    j for j in self.board if self.open[j] and (cancel_time[j] <= t or not self._joinable(j, day, hour))
                ]:
                    self.close(j)
                self.board = [j for j in self.board if self.open[j]]
                if self.policy == "lingong" and hour in DISPATCH_HOURS:
                    self.morning_dispatch(day, hour)
                applied: dict[int, list[int]] = defaultdict(list)  # job -> applicants, in order
                while ci < len(checks) and checks[ci][0] <= hour:
                    h, wi = checks[ci]
                    ci += 1
                    if wi in self.done_today or self.busy.get(wi, {}).get(day, 0):
                        continue
                    self.out.searched[day // 7].add(wi)
                    jobs = self.offered(wi, day, hour)
                    if len(jobs) == 0:
                        continue
                    u = self.utility(wi, jobs)
                    best = int(np.argmax(u))
                    if u[best] > 0:
                        applied[int(jobs[best])].append(wi)
                self.hire(applied, day, hour)
            # End of day: the loader would refresh these from the database.
            worked_today = {wi for wi, days_ in self.busy.items() if day in days_}
            self.index.decay_exposure(0.7)
            recent = self.index.workers.recent_work_days
            recent[self.wrow] *= 0.9
            if worked_today:
                rows = self.wrow[list(worked_today)]
                recent[rows] += 1.0
            self.index.prune_busy_before(FIRST_DAY + day + 1)
        self.out.seconds = time.perf_counter() - t0
        return self.out


# --- figures --------------------------------------------------------------------------


def gini(values: np.ndarray) -> float:
    v = np.sort(np.asarray(values, dtype=np.float64))
    n = len(v)
    if n == 0 or v.sum() == 0:
        return 0.0
    return float((2.0 * np.arange(1, n + 1) - n - 1).dot(v) / (n * v.sum()))


def figures(postings: Postings, out: Outcome, days: int) -> dict[str, float]:
    c = postings.cols
    counted = np.isinf(c["cancel_hour"])  # cancelled postings leave the denominator
    posted_places = int(c["headcount"][counted].sum())
    fills = [f for f in out.fills if counted[f[0]]]
    gig = counted & ~c["long"]
    gigs = np.flatnonzero(gig)
    same_day = sum(
        1
        for j in gigs.tolist()
        if len(out.filled_on.get(j, ())) == c["headcount"][j] and max(out.filled_on[j]) == c["post_day"][j]
    )
    same_day_places = sum(sum(1 for d in out.filled_on.get(j, ()) if d == c["post_day"][j]) for j in gigs.tolist())
    weeks = [w for w in range(days // 7)]
    share_week = [len(out.placed_in_week[w] & out.searched[w]) / max(len(out.searched[w]), 1) for w in weeks]
    searched_any = set().union(*out.searched.values()) if out.searched else set()
    work = np.array([out.work_days.get(i, 0) for i in sorted(searched_any)])
    waits = np.array([f[2] for f in fills])
    return {
        "fill_rate": len(fills) / posted_places,
        "median_hours_to_fill": float(np.median(waits)) if len(waits) else float("nan"),
        "p90_hours_to_fill": float(np.percentile(waits, 90)) if len(waits) else float("nan"),
        "day_gigs_filled_same_day": same_day / len(gigs),
        "day_gig_places_filled_same_day": same_day_places / int(c["headcount"][gigs].sum()),
        "workers_with_a_job_each_week": float(np.mean(share_week)),
        "gini_work_days": gini(work),
        "mean_travel_km": float(np.mean([f[3] for f in fills])),
        "no_show_share": float(np.mean([not f[4] for f in fills])),
        "placements": len(fills),
        "posted_places": posted_places,
        "workers_who_searched": len(searched_any),
        "proposals": out.proposals,
        "proposals_accepted": out.proposals_accepted,
        "policy_seconds": out.seconds,
    }


UNITS = {
    "fill_rate": "share",
    "median_hours_to_fill": "h",
    "p90_hours_to_fill": "h",
    "day_gigs_filled_same_day": "share",
    "day_gig_places_filled_same_day": "share",
    "workers_with_a_job_each_week": "share",
    "gini_work_days": "gini",
    "mean_travel_km": "km",
    "no_show_share": "share",
    "placements": "placements",
    "posted_places": "places",
    "workers_who_searched": "workers",
    "proposals": "proposals",
    "proposals_accepted": "proposals",
    "policy_seconds": "s",
}


_SHARED: tuple[World, Postings, Activity, int, MatchWeights] | None = None


def _run_policy(policy: str) -> dict[str, float]:
    assert _SHARED is not None
    world, postings, act, days, weights = _SHARED
    return figures(postings, Market(world, postings, policy, weights).run(act, days), days)


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--policies", default=",".join(POLICIES))
    parser.add_argument("--workers", type=int, default=2, help="processes (policies run in parallel)")
    parser.add_argument(
        "--weights", nargs="*", default=[], metavar="NAME=VALUE", help="MatchWeights overrides, e.g. market_share=0.4"
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    world = make_world(args.seed)
    postings = make_postings(world, args.days)
    act = make_activity(world, args.days)
    setup = time.perf_counter() - t0
    print(
        f"simulate_market on {machine()}: {args.days} days, seed {args.seed}, {len(postings):,} postings, "
        f"{np.mean([len({w for _, w in c}) for c in act.checks]):,.0f} workers looking a day (setup {setup:.1f} s)"
    )
    global _SHARED
    overrides: dict[str, Any] = {k: float(v) for k, v in (kv.split("=") for kv in args.weights)}
    weights = dataclasses.replace(DEFAULT_WEIGHTS, **overrides)
    _SHARED = (world, postings, act, args.days, weights)
    policies = args.policies.split(",")
    # One process per policy (forked: the world is shared, not rebuilt); the slowest policy first.
    order = sorted(policies, key=lambda p: -POLICIES.index(p) if p in POLICIES else 0)
    with multiprocessing.get_context("fork").Pool(min(args.workers, len(policies))) as pool:
        done = dict(zip(order, pool.map(_run_policy, order)))
    results = {p: done[p] for p in policies}
    for p in policies:
        print(f"  {p}: {results[p]['policy_seconds']:.1f} s", flush=True)
    names = list(UNITS)
    print("\n| figure | " + " | ".join(results) + " | unit |")
    print("| --- | " + " | ".join("---:" for _ in results) + " | --- |")
    for n in names:
        print(
            f"| {n} | "
            + " | ".join(f"{r[n]:.3f}" if isinstance(r[n], float) else f"{r[n]}" for r in results.values())
            + f" | {UNITS[n]} |"
        )
    flat = {
        f"{p}.{n}": {"value": round(v, 6) if isinstance(v, float) else v, "unit": UNITS[n]}
        for p, r in results.items()
        for n, v in r.items()
    }
    flat["setup_seconds"] = {"value": round(setup, 3), "unit": "s"}
    flat["total_seconds"] = {"value": round(time.perf_counter() - t0, 3), "unit": "s"}
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / (
        "simulate_market.json" if args.days == 30 and not args.weights else f"simulate_market_{args.days}d.json"
    )
    path.write_text(json.dumps(flat, indent=2) + "\n")
    print(f"\ntotal {time.perf_counter() - t0:.1f} s; written {path}")
    return results


if __name__ == "__main__":
    main()
