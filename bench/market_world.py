"""The simulated district for bench/simulate_market.py: drawn once from a seed, the same under every policy.

The world (registered workers, 1,000 employers), every posting, every arrival at a station or on the app,
every cancellation and every worker's hidden taste is drawn once from the seed; the policies then play the
same days. A market's size is how many of the district's 25,000 drawn workers take part: the loose market
has them all, the tight one only the first `MARKETS["tight"]` (workers are drawn independently, so the first
n are a fair sample), for the same postings.

Acceptance is one hidden utility, for a job shown in a list and for a dispatch proposal alike:

    U = 1.5 ln(pay / true reservation wage) - km / true distance tolerance
        + 0.5 for the worker's own trade (related: 0, other: impossible) - 0.1 + noise

with noise = 0.4 x a standard logistic drawn per (worker, job) pair from a hash of the seed, so a worker
judges a given job identically whatever showed it to them. The job is possible only in a fitting trade,
at an intensity the worker takes, within 1.5 x their declared travel limit and when they are free. True
reservation wages and tolerances differ from what workers declared to the engine. P(accept | shown alone) is
therefore sigmoid(deterministic part / 0.4) where possible, else 0: `TrueAcceptance` knows it (the ceiling).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from bench.synthetic import N_TRADES, RELATED_GROUPS, TRADE_IDS, make_workers, points, trade_popularity
from lingong.matching import day_number
from lingong.matching.geo import LHASA, project_km
from lingong.matching.timegrid import weekday

FIRST_DAY = day_number(date(2025, 6, 2))  # a Monday
TICK = 0.5  # hours
DISTRICT_WORKERS = 25_000
MARKETS = {"loose": DISTRICT_WORKERS, "tight": 9_300}
"""Workers taking part in each market, for the same demand (see `looking_per_place`)."""
NOISE_SCALE = 0.4
UTILITY_OFFSET = -0.1


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
    workers: dict[str, np.ndarray]  # declared, as given to the engine (ids 1..n: worker index = id - 1)
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

    def __len__(self) -> int:
        return len(self.p_active)


def make_world(seed: int, n_workers: int = DISTRICT_WORKERS, n_employers: int = 1_000) -> World:
    """The district drawn from the seed; a smaller market keeps the first n_workers of the same draw."""
    n = DISTRICT_WORKERS
    rng = np.random.default_rng(seed)
    w = make_workers(rng, n).columns
    wx, wy = project_km(w["lat"], w["lon"], LHASA)
    tids = w["trade_ids"]
    fit = np.zeros((n, N_TRADES + 1), dtype=np.int8)
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
    world = World(
        seed=seed,
        workers=w,
        wx=wx.astype(np.float64),
        wy=wy.astype(np.float64),
        reservation=w["min_pay_fen"] * rng.lognormal(0.0, 0.1, n),
        tolerance=w["max_km"] * rng.uniform(0.5, 1.0, n),
        fit=fit,
        p_active=rng.beta(0.5, 3.0, n),
        station=rng.random(n) < 0.4,
        no_show=0.15 * (1.0 - w["reliability"]),
        employer_x=ex.astype(np.float64),
        employer_y=ey.astype(np.float64),
        employer_trades=rng.choice(TRADE_IDS, (n_employers, 3), p=trade_popularity()),
        employer_rate=rng.pareto(1.5, n_employers) + 0.2,
    )
    if n_workers < n:
        keep = slice(0, n_workers)
        world.workers = {k: v[keep] for k, v in w.items()}
        for name in ("wx", "wy", "reservation", "tolerance", "fit", "p_active", "station", "no_show"):
            setattr(world, name, getattr(world, name)[keep])
    return world


@dataclass
class Postings:
    """Every posting of the run, in posting order (arrays indexed by job index = job id - 1)."""

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


def looking_per_place(postings: Postings, act: Activity, days: int) -> float:
    """Workers looking for work on an average day over the places posted that day (cancelled postings left out)."""
    c = postings.cols
    counted = np.isinf(c["cancel_hour"])
    places = np.bincount(c["post_day"][counted], c["headcount"][counted], minlength=days)[:days]
    looking = np.array([len(act.first_seen[d][0]) for d in range(days)])
    return float(looking.sum() / places.sum())


# --- the hidden truth -------------------------------------------------------------------


@dataclass(frozen=True)
class UtilityParts:
    pay: np.ndarray  # 1.5 ln(pay / true reservation)
    distance: np.ndarray  # -km / true tolerance
    trade: np.ndarray  # 0.5 own trade, else 0
    noise: np.ndarray
    possible: np.ndarray  # trade, intensity and reach allow it (the calendar is the market's to check)

    @property
    def deterministic(self) -> np.ndarray:
        return self.pay + self.distance + self.trade + UTILITY_OFFSET


def utility_parts(world: World, postings: Postings, wi: np.ndarray | int, jobs: np.ndarray) -> UtilityParts:
    """The hidden utility of (worker index, job index) pairs (broadcast), term by term."""
    c = postings.cols
    wi = np.asarray(wi, dtype=np.int64)
    jobs = np.asarray(jobs, dtype=np.int64)
    km = np.hypot(c["x"][jobs] - world.wx[wi], c["y"][jobs] - world.wy[wi])
    fit = world.fit[wi, c["trade"][jobs]]
    u01 = pair_uniform(world.seed, wi, jobs, 11)
    possible = (
        (fit > 0)
        & (c["intensity"][jobs] <= world.workers["max_intensity"][wi])
        & (km <= 1.5 * world.workers["max_km"][wi])
    )
    return UtilityParts(
        pay=1.5 * np.log(c["pay_fen"][jobs] / world.reservation[wi]),
        distance=-km / world.tolerance[wi],
        trade=np.where(fit == 2, 0.5, 0.0),
        noise=NOISE_SCALE * np.log(u01 / (1.0 - u01)),
        possible=np.broadcast_to(possible, km.shape),
    )


class TrueAcceptance:
    """The ceiling's estimator: each worker's true acceptance rule without the draw of each decision.

    P(U > 0) = sigmoid(deterministic / 0.4) where the job is possible for the worker, else (almost) 0.
    Implements lingong.matching.acceptance.AcceptanceEstimator (job and worker ids are index + 1 here).
    """

    version = "oracle"

    def __init__(self, world: World, postings: Postings) -> None:
        self.world, self.postings = world, postings

    def probability(self, features: np.ndarray, job_ids: np.ndarray, worker_ids: np.ndarray) -> np.ndarray:
        jobs = np.asarray(job_ids, dtype=np.int64) - 1
        wi = np.asarray(worker_ids, dtype=np.int64) - 1
        parts = utility_parts(self.world, self.postings, wi, jobs)
        p = 1.0 / (1.0 + np.exp(-np.clip(parts.deterministic / NOISE_SCALE, -30.0, 30.0)))
        return np.clip(np.where(parts.possible, p, 0.0), 1e-6, 1.0 - 1e-6)
