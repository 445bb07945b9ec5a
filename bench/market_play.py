"""One policy over the simulated days (bench/simulate_market.py): what the platform shows, proposes and learns.

(a) board   -- roadside / notice board: a worker reads the newest postings (all trades) and takes the best one
               for them;
(b) nearest -- an app listing the nearest jobs the worker fits (the engine's hard filters, sorted by distance);
(c) lingong -- the engine's `top_jobs_for_worker` lists and morning dispatch rounds (07:00, 08:00, 09:00) over
               the workers reachable then, both ranked by expected value P(accept) x score. P comes from an
               acceptance model that starts from the declared profiles (`DECLARED`) and is trained again at the
               end of every day on every answer seen so far (`AnswerLog`);
(d) ceiling -- (c) with the true acceptance probability (`TrueAcceptance`) in place of the learned one: what
               knowing each worker's rule (all but the draw of each decision) would give.
(e) clairvoyant -- a reference no platform can be: each morning it matches the day's open places to the
               workers who will look that day by a maximum matching over the pairs that WILL say yes (it knows
               every draw) and can meet in time (the worker is around between the job's posting and its start);
               how far perfect information and perfect reach would go (an upper reference, not a policy).

A worker applies to the best job put in front of them (the hidden utility); at the end of each half hour
employers take applicants: the first to come on (a) and (b), the first as the engine ranks them
(`rank_workers_for_job`) on (c) and (d). A dispatch proposal is answered by the same hidden utility. When a
proposed worker declines, the place goes to the job's standby workers in order (`DispatchResult.standby`),
each a further proposal, until one accepts or the list runs out; a worker takes at most one job a day, and
no job more workers than its places.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bench.market_world import (
    FIRST_DAY,
    TICK,
    Activity,
    Postings,
    TrueAcceptance,
    World,
    pair_uniform,
    utility_parts,
)
from bench.synthetic import build_index
from lingong.matching import (
    DEFAULT_WEIGHTS,
    MatchIndex,
    MatchWeights,
    dispatch,
    feasible_jobs_for_worker,
    rank_workers_for_job,
    top_jobs_for_worker,
)
from lingong.matching.acceptance import DECLARED, FEATURES, features_for_pairs, fit_acceptance
from lingong.matching.geo import LHASA, unproject
from lingong.matching.timegrid import local_datetime, weekday

DAY_START, DAY_END = 6.0, 22.0
LATE_JOIN = 1.0  # a job can be joined up to an hour after it starts (as the engine's filter)
BOARD_READS = 30  # postings a worker reads on the board
LIST_SIZE = 10  # jobs an app list shows
DISPATCH_HOURS = (7.0, 8.0, 9.0)
"""Morning dispatch rounds by default: most same-day gigs are posted between 06:00 and 09:00."""
POLICIES = ("board", "nearest", "lingong", "ceiling", "clairvoyant")
ENGINE_POLICIES = ("lingong", "ceiling")
POOL_SAMPLE = 3
"""On held-out days one list in this many also logs the engine's whole candidate pool (for hit rate at 10)."""

CENSORED = -1


class AnswerMemory:
    """An estimator that remembers the answers: a pair the worker said no to (a declined proposal, or a job of
    a list they looked at and left) gets P ~ 0, so it is not offered again; the rest as the inner estimator.
    The platform knows those answers (they are logged), the acceptance model alone does not."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.declined: set[int] = set()

    @property
    def version(self) -> str:
        return f"{self.inner.version}+memory"

    def remember(self, worker_ids: np.ndarray, job_ids: np.ndarray) -> None:
        self.declined.update((np.asarray(worker_ids, np.int64) * (1 << 32) + np.asarray(job_ids, np.int64)).tolist())

    def probability(self, features: np.ndarray, job_ids: np.ndarray, worker_ids: np.ndarray) -> np.ndarray:
        p = np.asarray(self.inner.probability(features, job_ids, worker_ids), dtype=np.float64)
        if self.declined:
            keys = np.broadcast_to(np.asarray(worker_ids, np.int64), p.shape) * (1 << 32) + np.asarray(
                job_ids, np.int64
            )
            said_no = np.fromiter((k in self.declined for k in keys.tolist()), dtype=bool, count=len(p))
            p = np.where(said_no, 1e-6, p)
        return p


class AnswerLog:
    """Everything Lingong saw people do: each list shown (features at that moment, rank, answer) and each
    dispatch proposal with its answer. Rows are (worker index, job index); features as `FEATURES`."""

    def __init__(self) -> None:
        self._chunks: dict[str, list[np.ndarray]] = defaultdict(list)
        self.lists = 0
        self.pools: list[dict[str, Any]] = []

    def _add(self, **cols: np.ndarray) -> None:
        for k, v in cols.items():
            self._chunks[k].append(v)

    def add_list(self, day: int, wi: int, jobs: np.ndarray, features: np.ndarray, chosen: int) -> None:
        """A list shown; `chosen` its position the worker applied to, or -1. Labels: the chosen job 1, the
        others of that list censored (they might have been taken too); every job of an unanswered list 0."""
        n = len(jobs)
        label = np.full(n, 0 if chosen < 0 else CENSORED, dtype=np.int8)
        if chosen >= 0:
            label[chosen] = 1
        self._add(
            day=np.full(n, day, np.int16),
            worker=np.full(n, wi, np.int32),
            job=np.asarray(jobs, np.int32),
            rank=np.arange(n, dtype=np.int16),
            list_id=np.full(n, self.lists, np.int32),
            proposal=np.zeros(n, bool),
            label=label,
            X=np.asarray(features, np.float32),
        )
        self.lists += 1

    def add_proposals(self, day: int, wi: np.ndarray, jobs: np.ndarray, features: np.ndarray, accepted: np.ndarray):
        n = len(jobs)
        self._add(
            day=np.full(n, day, np.int16),
            worker=np.asarray(wi, np.int32),
            job=np.asarray(jobs, np.int32),
            rank=np.zeros(n, np.int16),
            list_id=np.full(n, -1, np.int32),
            proposal=np.ones(n, bool),
            label=np.asarray(accepted, np.int8),
            X=np.asarray(features, np.float32).reshape(n, len(FEATURES)),
        )

    def column(self, name: str) -> np.ndarray:
        chunks = self._chunks[name]
        if len(chunks) > 1:
            chunks[:] = [np.concatenate(chunks)]
        return chunks[0] if chunks else np.empty(0)

    def answers(self, day_lo: int, day_hi: int, exclude_pairs: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Answered rows of days [day_lo, day_hi), each (worker, job) pair once: its noise is fixed, so a
        repeat of the same pair says nothing new (labels of a pair agree; the largest is kept)."""
        if not self._chunks:
            return {
                "X": np.empty((0, len(FEATURES))),
                "y": np.empty(0),
                "worker": np.empty(0, np.int64),
                "job": np.empty(0, np.int64),
                "pair": np.empty(0, np.int64),
            }
        day, label = self.column("day"), self.column("label")
        keep = (day >= day_lo) & (day < day_hi) & (label != CENSORED)
        worker = self.column("worker")[keep].astype(np.int64)
        job = self.column("job")[keep].astype(np.int64)
        pair = worker * (1 << 32) + job
        y = label[keep].astype(np.int64)
        order = np.lexsort((-y, pair))  # per pair, the largest label first
        first = order[np.r_[True, pair[order][1:] != pair[order][:-1]]]
        if exclude_pairs is not None:
            first = first[~np.isin(pair[first], exclude_pairs)]
        return {
            "X": self.column("X")[keep][first].astype(np.float64),
            "y": y[first].astype(np.float64),
            "worker": worker[first],
            "job": job[first],
            "pair": pair[first],
        }


@dataclass
class Outcome:
    fills: list[tuple[int, int, float, float, bool, int]] = field(default_factory=list)
    """(job index, worker index, hours from posting to fill, km, showed up, day filled)"""
    searched: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    """day -> workers who looked for work that day"""
    work_days: list[tuple[int, int]] = field(default_factory=list)
    """(worker index, day) of every day worked (no-shows excluded)"""
    placed_in_week: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    filled_on: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    """job index -> day each place was filled"""
    proposals: list[tuple[Any, ...]] = field(default_factory=list)
    """(day, worker, job, accepted, standby, pay term, distance term, trade term, noise, possible, free, P shown)"""
    applications: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    turned_away: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    """day -> applications an employer did not take (the job filled by others first)"""
    training_seconds: float = 0.0
    seconds: float = 0.0
    models: list[dict[str, Any]] = field(default_factory=list)


class Market:
    def __init__(
        self,
        world: World,
        postings: Postings,
        policy: str,
        weights: MatchWeights = DEFAULT_WEIGHTS,
        *,
        eval_from_day: int | None = None,
        dispatch_hours: tuple[float, ...] = DISPATCH_HOURS,
        memory: bool = True,
    ) -> None:
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
        self.log: AnswerLog | None = AnswerLog() if policy == "lingong" else None
        self.eval_from_day = eval_from_day
        self.dispatch_hours = dispatch_hours
        self.scheduled: list[tuple[float, int, int]] = []
        self.memory: AnswerMemory | None = None
        if policy in ENGINE_POLICIES:
            inner = DECLARED if policy == "lingong" else TrueAcceptance(world, postings)
            self.memory = AnswerMemory(inner) if memory else None
            self.index.set_acceptance(self.memory or inner)

    # --- the hidden truth, the same for every policy -----------------------------------

    def utility(self, wi: int, jobs: np.ndarray) -> np.ndarray:
        parts = utility_parts(self.world, self.p, wi, jobs)
        possible = parts.possible & np.array([self.free_for(wi, int(j)) for j in jobs.tolist()], dtype=bool)
        return np.where(possible, parts.deterministic + parts.noise, -np.inf)

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

    # --- the market's bookkeeping ---------------------------------------------------------

    def post(self, j: int) -> None:
        c = self.p.cols
        self.open[j] = True
        self.board.append(j)
        lat, lon = unproject(self.jx[j], self.jy[j], LHASA)
        self.index.upsert_job(
            int(c["id"][j]),
            employer_ids=int(c["employer"][j]),
            trade_ids=int(c["trade"][j]),
            lat=float(lat),
            lon=float(lon),
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

    def close(self, j: int) -> None:
        if self.open[j]:
            self.open[j] = False
            self.index.remove_job(int(self.p.cols["id"][j]))

    def place(self, wi: int, j: int, day: int, hour: float) -> None:
        c, wd = self.p.cols, self.world
        assert self.open[j] and self.places[j] > 0, "never more workers than places"
        km = float(np.hypot(self.jx[j] - wd.wx[wi], self.jy[j] - wd.wy[wi]))
        showed = _showed(wd, wi, j)
        waited = (day - int(c["post_day"][j])) * 24.0 + hour - float(c["post_hour"][j])
        self.out.fills.append((j, wi, waited, km, showed, day))
        self.out.filled_on[j].append(day)
        self.places[j] -= 1
        wid = int(wd.workers["ids"][wi])
        for d in range(int(c["start_day"][j]), int(c["end_day"][j]) + 1):
            if (int(c["weekdays"][j]) >> weekday(FIRST_DAY + d)) & 1:
                self.busy[wi][d] = self.busy[wi].get(d, 0) | int(c["slots"][j])
                self.index.add_busy(wid, FIRST_DAY + d, int(c["slots"][j]))
                if showed:
                    self.out.work_days.append((wi, d))
        self.out.placed_in_week[int(c["start_day"][j]) // 7].add(wi)
        self.done_today.add(wi)
        if self.places[j] <= 0:
            self.close(j)
        else:
            self.index.set_places_left(int(c["id"][j]), int(self.places[j]))

    def _joinable(self, j: int, day: int, hour: float) -> bool:
        c = self.p.cols
        return (int(c["start_day"][j]) - day) * 24.0 + float(c["start_hour"][j]) + LATE_JOIN > hour

    # --- what a worker is shown, and what they do ---------------------------------------------

    def look(self, wi: int, day: int, hour: float) -> int | None:
        """The worker looks at what the policy shows them now; the job they apply to, if any."""
        now = local_datetime(FIRST_DAY + day, hour)
        if self.policy == "board":
            seen: list[int] = []
            for j in reversed(self.board):
                if self.open[j] and self._joinable(j, day, hour):
                    seen.append(j)
                    if len(seen) == BOARD_READS:
                        break
            return self._choose(wi, np.array(seen, dtype=np.int64))
        row = int(self.wrow[wi])
        if self.policy == "nearest":
            f = feasible_jobs_for_worker(self.index, row, now=now, weights=self.weights)
            pick = np.argsort(f.km, kind="stable")[:LIST_SIZE]
            return self._choose(wi, self.index.jobs.ids[f.rows[pick]] - 1)
        pool = self.log is not None and self.eval_from_day is not None and day >= self.eval_from_day
        pool = pool and self.log.lists % POOL_SAMPLE == 0
        k = self.weights.acceptance_pool if pool else LIST_SIZE
        m = top_jobs_for_worker(self.index, row, k, now=now, weights=self.weights, with_reasons=False)
        shown = m.rows[:LIST_SIZE]
        self.index.record_exposure(job_rows=shown)
        jobs = self.index.jobs.ids[shown] - 1
        chosen = self._choose(wi, jobs)
        if self.memory is not None and chosen is None and len(jobs):
            self.memory.remember(np.full(len(jobs), wi + 1), jobs + 1)
        if self.log is not None and len(jobs):
            features = features_for_pairs(self.index, m.rows, row, now=now)
            pos = -1 if chosen is None else int(np.flatnonzero(jobs == chosen)[0])
            if pool:
                all_jobs = self.index.jobs.ids[m.rows] - 1
                u = self.utility(wi, all_jobs)
                best = int(np.argmax(u))
                self.log.pools.append(
                    {
                        "day": day,
                        "worker": wi,
                        "jobs": all_jobs,
                        "X": features,
                        "scores": np.asarray(m.scores, dtype=np.float64),
                        "chosen": chosen,
                        "best_in_pool": int(all_jobs[best]) if u[best] > 0 else None,
                    }
                )
            self.log.add_list(day, wi, jobs, features[:LIST_SIZE], pos)
        return chosen

    def _choose(self, wi: int, jobs: np.ndarray) -> int | None:
        if len(jobs) == 0:
            return None
        u = self.utility(wi, jobs)
        best = int(np.argmax(u))
        return int(jobs[best]) if u[best] > 0 else None

    def hire(self, applied: dict[int, list[int]], day: int, hour: float) -> None:
        """Employers take applicants at the end of the half hour: on the board and the plain app the first to
        come; with the engine the first of the applicants as it ranks them for the employer (fit, reliability,
        fairness). Those not taken look again later."""
        for j, applicants in sorted(applied.items()):
            self.out.applications[day] += len(applicants)
            if not self.open[j]:
                self.out.turned_away[day] += len(applicants)
                continue
            if self.policy in ENGINE_POLICIES and len(applicants) > self.places[j]:
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
            taken = applicants[: int(self.places[j])]
            self.out.turned_away[day] += len(applicants) - len(taken)
            for wi in taken:
                self.place(wi, j, day, hour + TICK)  # taken at the end of the half hour

    # --- dispatch with standby ------------------------------------------------------------------

    def morning_dispatch(self, day: int, hour: float) -> None:
        reach = self.act.reachable(day, hour)
        reach = np.array(
            [i for i in reach.tolist() if i not in self.done_today and not self.busy.get(i, {}).get(day, 0)],
            dtype=np.int64,
        )
        if len(reach) == 0:
            return
        self.out.searched[day].update(reach.tolist())  # they are looking for work today
        now = local_datetime(FIRST_DAY + day, hour)
        result = dispatch(self.index, FIRST_DAY + day, now=now, worker_rows=self.wrow[reach], weights=self.weights)
        a = result.assignment
        wi_of_row = {int(r): int(i) for r, i in zip(self.wrow[reach].tolist(), reach.tolist())}
        job_of_row = {int(r): int(self.index.jobs.ids[r]) - 1 for r in a.job_rows.tolist()}
        for r in result.standby:
            job_of_row.setdefault(int(r), int(self.index.jobs.ids[r]) - 1)
        # One proposal per worker (a worker takes one job a day here): the best expected value of theirs;
        # a place whose worker got a better proposal is offered to the standby list instead.
        value = np.asarray(a.acceptance, dtype=np.float64) * np.asarray(a.scores, dtype=np.float64)
        first: list[tuple[int, int]] = []  # (job row, worker row)
        to_promote: dict[int, int] = defaultdict(int)  # job row -> places to offer to standby
        proposed_to: dict[int, set[int]] = defaultdict(set)  # job row -> worker rows proposed
        sent: set[int] = set()
        for i in np.argsort(-value, kind="stable").tolist():
            jr, wr = int(a.job_rows[i]), int(a.worker_rows[i])
            if wr in sent:
                to_promote[jr] += 1
            else:
                sent.add(wr)
                first.append((jr, wr))
        p_of = {(int(jr), int(wr)): float(p) for jr, wr, p in zip(a.job_rows, a.worker_rows, a.acceptance)}
        for jr, wr in first:
            if not self._propose(day, hour, now, jr, wr, job_of_row[jr], wi_of_row[wr], p_of[(jr, wr)], False):
                to_promote[jr] += 1
            proposed_to[jr].add(wr)
        # Declined places go to the standby workers, best expected value first.
        for jr in sorted(to_promote):
            j = job_of_row[jr]
            queue = np.asarray(result.standby.get(jr, ()), dtype=np.int64)
            need = to_promote[jr]
            for wr in queue.tolist():
                if need <= 0 or not self.open[j]:
                    break
                wi = wi_of_row.get(wr)
                if wi is None or wr in proposed_to[jr] or wi in self.done_today or not self.free_for(wi, j):
                    continue
                proposed_to[jr].add(wr)
                if self._propose(day, hour, now, jr, wr, j, wi, float("nan"), True):
                    need -= 1
        self.index.record_exposure(worker_rows=np.array(sorted(sent), dtype=np.int64))

    def _propose(
        self, day: int, hour: float, now: Any, jr: int, wr: int, j: int, wi: int, p_shown: float, standby: bool
    ) -> bool:
        """Send one proposal; the worker answers by the hidden utility. Accepted: placed now."""
        if not self.open[j] or self.places[j] <= 0 or wi in self.done_today:
            return False
        parts = utility_parts(self.world, self.p, wi, np.array([j]))
        free = self.free_for(wi, j)
        u = float(parts.deterministic[0] + parts.noise[0])
        accepted = bool(parts.possible[0] and free and u > 0)
        if self.log is not None:
            self.log.add_proposals(
                day,
                np.array([wi]),
                np.array([j]),
                features_for_pairs(self.index, jr, wr, now=now),
                np.array([accepted]),
            )
        self.out.proposals.append(
            (
                day,
                wi,
                j,
                accepted,
                standby,
                float(parts.pay[0]),
                float(parts.distance[0]),
                float(parts.trade[0]),
                float(parts.noise[0]),
                bool(parts.possible[0]),
                free,
                p_shown,
            )
        )
        if accepted:
            self.place(wi, j, day, hour)
        elif self.memory is not None:
            self.memory.remember(np.array([wi + 1]), np.array([j + 1]))
        return accepted

    # --- learning ---------------------------------------------------------------------------------

    def train(self, day: int) -> None:
        """End of day: the acceptance model again, on every answer so far (the declared prior underneath)."""
        assert self.log is not None
        t0 = time.perf_counter()
        ans = self.log.answers(0, day + 1)
        if len(ans["y"]) == 0:
            return
        model = fit_acceptance(
            ans["X"], ans["y"], self.world.workers["ids"][ans["worker"]], version=f"day {day}", prior=DECLARED
        )
        if self.memory is not None:
            self.memory.inner = model
        else:
            self.index.set_acceptance(model)
        self.out.training_seconds += time.perf_counter() - t0
        self.out.models.append(
            {"day": day, "answers": len(ans["y"]), "coef": [float(c) for c in model.coef], "intercept": model.intercept}
        )

    # --- the days ---------------------------------------------------------------------------------

    def clairvoyant_day(self, day: int) -> None:
        """(e): the day's maximum matching over the pairs that will accept and can meet in time."""
        from ortools.graph.python.max_flow import SimpleMaxFlow

        c = self.p.cols
        who, seen = self.act.first_seen[day]
        last: dict[int, float] = {}
        for h, wi in self.act.checks[day]:
            last[wi] = max(last.get(wi, 0.0), h)
        free = np.array([not self.busy.get(int(i), {}).get(day, 0) for i in who.tolist()], dtype=bool)
        who, seen = who[free], seen[free]
        self.out.searched[day].update(who.tolist())
        until = np.array([last.get(int(i), s) for i, s in zip(who.tolist(), seen.tolist())])
        posted = (c["post_day"] <= day) & np.isinf(c["cancel_hour"]) & (self.places > 0)
        jobs = np.flatnonzero(posted & ((c["start_day"] > day) | (c["start_day"] == day)))
        start = np.where(c["start_day"][jobs] == day, c["start_hour"][jobs] + LATE_JOIN, 48.0)
        post = np.where(c["post_day"][jobs] == day, c["post_hour"][jobs], 0.0)
        jobs, start, post = jobs[post < start], start[post < start], post[post < start]
        if len(who) == 0 or len(jobs) == 0:
            return
        parts = utility_parts(self.world, self.p, who[:, None], jobs[None, :])
        meet_at = np.maximum(seen[:, None], post[None, :])
        ok = parts.possible & (parts.deterministic + parts.noise > 0)
        ok &= (meet_at <= until[:, None]) & (meet_at < start[None, :])
        wl, jl = np.nonzero(ok)
        keep = np.array([self.free_for(int(who[a]), int(jobs[b])) for a, b in zip(wl.tolist(), jl.tolist())], bool)
        if len(keep):
            wl, jl = wl[keep], jl[keep]
        nw, nj = len(who), len(jobs)
        flow = SimpleMaxFlow()
        tails = np.concatenate([np.zeros(nw), 2 + wl, 2 + nw + np.arange(nj)]).astype(np.int32)
        heads = np.concatenate([2 + np.arange(nw), 2 + nw + jl, np.ones(nj)]).astype(np.int32)
        caps = np.concatenate([np.ones(nw + len(wl)), self.places[jobs]]).astype(np.int64)
        arcs = flow.add_arcs_with_capacity(tails, heads, caps)
        flow.solve(0, 1)
        used = np.flatnonzero(flow.flows(arcs[nw : nw + len(wl)]) > 0)
        self.scheduled = sorted(
            ((float(meet_at[wl[e], jl[e]]), int(who[wl[e]]), int(jobs[jl[e]])) for e in used.tolist()), reverse=True
        )

    def run(self, act: Activity, days: int) -> Outcome:
        t0 = time.perf_counter()
        self.act = act
        c = self.p.cols
        post_time = c["post_day"] * 24.0 + c["post_hour"]
        cancel_time = c["post_day"] * 24.0 + c["cancel_hour"]
        next_post = 0
        for day in range(days):
            self.done_today: set[int] = set()
            checks = act.checks[day] if self.policy != "clairvoyant" else []
            clairvoyant_pending = self.policy == "clairvoyant"
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
                if self.policy == "clairvoyant":
                    # The day's matching is made at dawn, knowing the day's postings; each pair is placed at the
                    # first tick both are there.
                    if clairvoyant_pending:
                        self.clairvoyant_day(day)
                        clairvoyant_pending = False
                    while self.scheduled and self.scheduled[-1][0] <= hour:
                        _, wi, j = self.scheduled.pop()
                        if self.open[j] and self.places[j] > 0 and wi not in self.done_today and self.free_for(wi, j):
                            self.place(wi, j, day, hour)
                    continue
                if self.policy in ENGINE_POLICIES and hour in self.dispatch_hours:
                    self.morning_dispatch(day, hour)
                applied: dict[int, list[int]] = defaultdict(list)  # job -> applicants, in order
                while ci < len(checks) and checks[ci][0] <= hour:
                    _, wi = checks[ci]
                    ci += 1
                    if wi in self.done_today or self.busy.get(wi, {}).get(day, 0):
                        continue
                    self.out.searched[day].add(wi)
                    chosen = self.look(wi, day, hour)
                    if chosen is not None:
                        applied[chosen].append(wi)
                self.hire(applied, day, hour)
            # End of day: the loader would refresh these from the database.
            worked_today = {wi for wi, days_ in self.busy.items() if day in days_}
            self.index.decay_exposure(0.7)
            recent = self.index.workers.recent_work_days
            recent[self.wrow] *= 0.9
            if worked_today:
                recent[self.wrow[list(worked_today)]] += 1.0
            self.index.prune_busy_before(FIRST_DAY + day + 1)
            if self.log is not None:
                self.train(day)
        self.out.seconds = time.perf_counter() - t0
        return self.out


def _showed(world: World, wi: int, j: int) -> bool:
    """No-shows: drawn per placement, more likely for less reliable workers; the same under every policy."""
    return bool(pair_uniform(world.seed, wi, j, 23)[()] >= world.no_show[wi])
