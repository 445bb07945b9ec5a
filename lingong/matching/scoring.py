"""The hard filters, the score and the reasons of a (job, worker) pair: defined once.

Every function here takes an `ops` namespace (`NUMPY` or `SCALAR`) and
views whose fields are either arrays that broadcast against each other or
plain Python numbers. The engine calls them on arrays (one worker against
many jobs, one job against many workers, a block of jobs against a block of
workers in dispatch); the benchmark's plain-Python baseline calls the very
same functions on numbers. So there is one definition of "fits" and one of
"score", and a baseline that disagrees with the engine is a bug in one
place only.

Field units: kilometres (projected, see `geo`), money in integer fen per
day, days as day numbers and hours as local hours (see `timegrid`),
signals (credit, reliability, urgency) as floats in [0, 1].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from lingong.matching.timegrid import weekday
from lingong.matching.weights import MatchWeights

Num = Any
"""A NumPy array (of any broadcastable shape) or a Python number."""


def _np_where(cond: Any, a: Any, b: Any) -> Any:
    return np.where(cond, np.float32(a), np.float32(b))


def _np_f32(x: Any) -> Any:
    return np.asarray(x, dtype=np.float32)


class NumpyOps:
    """Array operations; scores are computed in float32 (half the memory traffic of float64,
    and far more precision than a ranking needs)."""

    exp = staticmethod(np.exp)
    sqrt = staticmethod(np.sqrt)
    minimum = staticmethod(np.minimum)
    maximum = staticmethod(np.maximum)
    where = staticmethod(_np_where)
    f32 = staticmethod(_np_f32)


def _where(cond: Any, a: Any, b: Any) -> Any:
    return a if cond else b


class ScalarOps:
    """The same operations on Python numbers, for per-element loops."""

    exp = staticmethod(math.exp)
    sqrt = staticmethod(math.sqrt)
    minimum = staticmethod(min)
    maximum = staticmethod(max)
    where = staticmethod(_where)
    f32 = staticmethod(float)


NUMPY = NumpyOps()
SCALAR = ScalarOps()

LANGUAGES = ("zh", "bo")
"""Language bits: bit i of a `languages` mask means LANGUAGES[i] (1 = Chinese, 2 = Tibetan)."""

# Skill code of a (worker, trade) cell, see MatchIndex: 0 = cannot do it.
SKILL_LEVEL_MASK = 0b111
SKILL_CERTIFIED = 1 << 3
SKILL_EXACT = 1 << 4
_CERTIFIED_EXACT = SKILL_CERTIFIED | SKILL_EXACT


class JobView(NamedTuple):
    """Job fields gathered for a set of pairs (arrays) or one job (numbers)."""

    trade: Num  # trade column of the index
    employer: Num  # employer row
    x: Num  # km east of the origin
    y: Num  # km north of the origin
    pay_fen: Num  # day pay, fen
    start_day: Num  # first working day, day number
    end_day: Num  # last working day, day number (inclusive)
    start_hour: Num  # local start hour on each working day
    slots: Num  # 3-bit slot mask worked each working day
    weekdays: Num  # 7-bit weekday mask worked (Monday = bit 0)
    week_mask: Num  # 21-bit availability the job needs (derived)
    intensity: Num  # 1 light .. 3 heavy
    languages: Num  # language bits the job needs (0 = none)
    places_left: Num  # open places
    urgency: Num  # [0, 1]
    exposure: Num  # decayed count of times shown to workers
    credit: Num  # the employer's credit [0, 1]
    certified_only: Num = 0  # 1: only workers certified in the job's own trade (training certificate)


class WorkerView(NamedTuple):
    """Worker fields gathered for a set of pairs (arrays) or one worker (numbers)."""

    x: Num
    y: Num
    max_km: Num  # furthest the worker will travel
    min_pay_fen: Num  # lowest acceptable day pay, fen
    availability: Num  # 21-bit weekly availability
    max_intensity: Num  # heaviest work accepted, 1..3
    languages: Num  # language bits spoken
    reliability: Num  # [0, 1]
    recent_work_days: Num  # days worked lately (decayed by the loader)
    exposure: Num  # decayed count of times proposed to employers


def pair_km(ops: Any, job: JobView, worker: WorkerView) -> Num:
    dx = job.x - worker.x
    dy = job.y - worker.y
    return ops.sqrt(dx * dx + dy * dy)


def hours_until_start(job: JobView, now_day: int, now_hour: float) -> Num:
    return (job.start_day - now_day) * 24.0 + job.start_hour - now_hour


def pair_feasible(
    job: JobView, worker: WorkerView, skill: Num, km: Num, hours_until: Num, weights: MatchWeights
) -> Num:
    """The hard filters that need only the two rows (calendar and blocks are separate).

    Open with places left and not long started; the worker has the trade or
    a related one (`skill` != 0); the job's weekly slots lie inside the
    worker's availability; within the worker's travel limit; no heavier than
    the worker accepts; certified in the job's own trade when the job requires it. Deliberately nothing about gender, ethnicity or age.
    """
    return (
        (job.places_left > 0)
        & (hours_until >= -weights.late_join_hours)
        & (skill != 0)
        & ((job.week_mask & ~worker.availability) == 0)
        & (km <= worker.max_km)
        & (job.intensity <= worker.max_intensity)
        & ((job.certified_only == 0) | ((skill & _CERTIFIED_EXACT) == _CERTIFIED_EXACT))
    )


def busy_conflict(job: JobView, day: int, busy_slots: Num) -> Num:
    """True where the job works on `day` in a slot the worker is already busy.

    `busy_slots` is the worker's busy mask on that day: slots of placements
    they hold, or all slots for a day off.
    """
    works_that_day = (job.start_day <= day) & (day <= job.end_day) & (((job.weekdays >> weekday(day)) & 1) == 1)
    return works_that_day & ((job.slots & busy_slots) != 0)


@dataclass(frozen=True, slots=True)
class PairScores:
    """The score of pairs and the components it was made of (same shapes)."""

    score: Num
    worker_side: Num
    employer_side: Num
    market: Num
    distance: Num
    pay: Num
    start_soon: Num
    language: Num
    trade_fit: Num
    skill: Num
    certified: Num
    need: Num


def combine_sides(ops: Any, worker_side: Num, employer_side: Num) -> Num:
    """Harmonic mean: high only when both sides are high, symmetric in the two."""
    return 2.0 * worker_side * employer_side / ops.maximum(worker_side + employer_side, 1e-12)


def score_pairs(
    ops: Any, job: JobView, worker: WorkerView, skill: Num, km: Num, hours_until: Num, weights: MatchWeights
) -> PairScores:
    """THE score of (job, worker) pairs, reciprocal and fairness-aware, in [0, 1].

    The only definition of the score: the engine, dispatch and the
    baselines all call it. See MatchWeights for the meaning of each term.
    """
    w = weights
    # Each side is a weighted mean: fold 1 / (sum of weights) into the weights once.
    ws = 1.0 / sum(w.worker_weights())
    es = 1.0 / sum(w.employer_weights())
    ms = 1.0 / sum(w.market_weights())
    exact = (skill >> 4) & 1
    certified = ops.f32(((skill >> 3) & 1) * 1.0)
    trade_fit = ops.where(exact == 1, 1.0, w.related_trade_fit)
    skill_score = ops.f32((skill & SKILL_LEVEL_MASK) * 0.2) * trade_fit
    distance = ops.exp(km * (-1.0 / w.distance_scale_km))
    # pay / lowest acceptable pay, mapped linearly from [floor, ceiling] onto [0, 1].
    per_fen = ops.f32((1.0 / (w.pay_ratio_ceiling - w.pay_ratio_floor)) / ops.maximum(worker.min_pay_fen, 1))
    pay_floor = w.pay_ratio_floor / (w.pay_ratio_ceiling - w.pay_ratio_floor)
    pay = ops.minimum(ops.maximum(ops.f32(job.pay_fen) * per_fen - pay_floor, 0.0), 1.0)
    start_soon = ops.exp(ops.maximum(hours_until, 0.0) * (-1.0 / w.start_scale_hours))
    language = ops.where((job.languages == 0) | ((job.languages & worker.languages) != 0), 1.0, 0.0)
    need = ops.exp(worker.recent_work_days * (-1.0 / w.recent_work_scale_days))
    worker_fresh = 1.0 / (1.0 + worker.exposure * (1.0 / w.exposure_scale))
    job_fresh = 1.0 / (1.0 + job.exposure * (1.0 / w.exposure_scale))

    # Terms are grouped by what they depend on (the pair / the job / the worker), so that
    # when jobs and workers broadcast against each other (dispatch) the small groups are
    # summed before they meet the full matrix.
    worker_side = (
        (w.worker_distance * ws) * distance + (w.worker_pay * ws) * pay + (w.worker_language * ws) * language
    ) + ops.f32(
        (w.worker_employer_credit * ws) * job.credit
        + (w.worker_start_soon * ws) * start_soon
        + (w.worker_trade_fit * ws) * trade_fit
    )
    employer_side = ((w.employer_distance * es) * distance + (w.employer_language * es) * language) + ops.f32(
        (w.employer_skill * es) * skill_score
        + (w.employer_certified * es) * certified
        + (w.employer_reliability * es) * worker.reliability
    )
    market = ops.f32(
        ((w.fair_job_exposure * ms) * job_fresh + (w.urgency * ms) * job.urgency)
        + ((w.fair_need * ms) * need + (w.fair_worker_exposure * ms) * worker_fresh)
    )
    score = (1.0 - w.market_share) * combine_sides(ops, worker_side, employer_side) + w.market_share * market
    return PairScores(
        score=score,
        worker_side=worker_side,
        employer_side=employer_side,
        market=market,
        distance=distance,
        pay=pay,
        start_soon=start_soon,
        language=language,
        trade_fit=trade_fit,
        skill=skill_score,
        certified=certified,
        need=need,
    )


# --- reasons -------------------------------------------------------------------

REASON_CODES: tuple[str, ...] = (
    "has_trade",  # {}                      the worker has the job's trade
    "related_trade",  # {}                  the worker has a trade related to the job's
    "skill_level",  # {"level": 4}          the worker's level in the job's trade (employer view)
    "certified",  # {}                      certified in the job's trade (employer view)
    "distance",  # {"km": 1.2}              distance between the worker's home and the job
    "pay_above_expectation",  # {"pay_fen": 30000, "pay_yuan": 300}
    "pay_meets_expectation",  # {"pay_fen": 30000, "pay_yuan": 300}
    "day_pay",  # {"pay_fen": 30000, "pay_yuan": 300}  the worker set no lowest pay: the pay, no comparison
    "trusted_employer",  # {"credit": 0.85}  employer credit (worker view)
    "reliable_worker",  # {"reliability": 0.9} worker reliability (employer view)
    "starts_soon",  # {"hours": 2.5}        hours until the work starts (0 if under way)
    "common_language",  # {"language": "bo"} a language the job needs and the worker speaks
    "urgent",  # {}                         the employer needs someone urgently
    "little_recent_work",  # {"days": 1.0}  the worker has had little work lately (employer view)
)
"""Every reason code the engine emits, in tie-break order; params as commented."""

_REASON_ORDER = {code: i for i, code in enumerate(REASON_CODES)}
AUDIENCES = ("worker", "employer")

Reason = tuple[str, dict[str, Any]]


def _yuan(fen: int) -> int | float:
    return fen // 100 if fen % 100 == 0 else round(fen / 100.0, 2)


def pair_reasons(
    audience: str,
    job: JobView,
    worker: WorkerView,
    skill: int,
    km: float,
    hours_until: float,
    parts: PairScores,
    weights: MatchWeights,
    limit: int = 3,
) -> tuple[Reason, ...]:
    """Up to `limit` reasons for one pair, the strongest first, for the person who reads them.

    A reason is offered only when it is a real plus for its reader (a close
    job, pay above what the worker asked, a reliable worker...), and they are
    ranked by how much their component added to the score, so the words match
    the ranking. All arguments are numbers of one pair (take them from the
    arrays with `take_pair`).
    """
    w = weights
    side = (1.0 - w.market_share) / 2.0
    ws = side / sum(w.worker_weights())
    es = side / sum(w.employer_weights())
    ms = w.market_share / sum(w.market_weights())
    exact = (skill >> 4) & 1 == 1
    level = skill & SKILL_LEVEL_MASK
    common = job.languages & worker.languages
    found: list[tuple[float, str, dict[str, Any]]] = []

    def add(contribution: float, code: str, params: dict[str, Any]) -> None:
        found.append((contribution, code, params))

    if audience == "worker":
        add(ws * w.worker_trade_fit * parts.trade_fit, "has_trade" if exact else "related_trade", {})
        if worker.min_pay_fen <= 0:
            add(
                ws * w.worker_pay * parts.pay,
                "day_pay",
                {"pay_fen": int(job.pay_fen), "pay_yuan": _yuan(int(job.pay_fen))},
            )
        elif job.pay_fen > worker.min_pay_fen:
            add(
                ws * w.worker_pay * parts.pay,
                "pay_above_expectation",
                {"pay_fen": int(job.pay_fen), "pay_yuan": _yuan(int(job.pay_fen))},
            )
        elif job.pay_fen == worker.min_pay_fen:
            add(
                ws * w.worker_pay * parts.pay,
                "pay_meets_expectation",
                {"pay_fen": int(job.pay_fen), "pay_yuan": _yuan(int(job.pay_fen))},
            )
        if job.credit >= w.reason_min_credit:
            add(ws * w.worker_employer_credit * job.credit, "trusted_employer", {"credit": round(float(job.credit), 2)})
        if parts.start_soon >= w.reason_min_component:
            add(
                ws * w.worker_start_soon * parts.start_soon,
                "starts_soon",
                {"hours": round(max(float(hours_until), 0.0), 1)},
            )
        if job.urgency >= 0.5:
            add(ms * w.urgency * job.urgency, "urgent", {})
        lang_weight = ws * w.worker_language
        dist_weight = ws * w.worker_distance
    elif audience == "employer":
        if exact and level >= w.reason_min_level:
            add(es * w.employer_skill * parts.skill, "skill_level", {"level": int(level)})
        else:
            add(es * w.employer_skill * parts.skill, "has_trade" if exact else "related_trade", {})
        if parts.certified:
            add(es * w.employer_certified, "certified", {})
        if worker.reliability >= w.reason_min_credit:
            add(
                es * w.employer_reliability * worker.reliability,
                "reliable_worker",
                {"reliability": round(float(worker.reliability), 2)},
            )
        if parts.need >= w.reason_min_component:
            add(ms * w.fair_need * parts.need, "little_recent_work", {"days": round(float(worker.recent_work_days), 1)})
        lang_weight = es * w.employer_language
        dist_weight = es * w.employer_distance
    else:
        raise ValueError(f"audience must be one of {AUDIENCES}")
    if parts.distance >= w.reason_min_component:
        add(dist_weight * parts.distance, "distance", {"km": round(float(km), 1)})
    if common:
        add(lang_weight, "common_language", {"language": LANGUAGES[int(common).bit_length() - 1]})
    found.sort(key=lambda item: (-item[0], _REASON_ORDER[item[1]]))
    return tuple((code, params) for _, code, params in found[:limit])


def take_pair(view: Any, i: int | tuple[int, ...]) -> Any:
    """Numbers of pair `i` from a view or PairScores of arrays (0-d fields broadcast)."""
    return take_pairs(view, np.asarray([i] if i != () else [0]))[0]


def take_pairs(view: Any, idx: np.ndarray) -> list[Any]:
    """Views of Python numbers for the pairs at positions `idx` (one NumPy call per field)."""
    n = len(idx)

    def column(a: Any) -> list[Any]:
        arr = np.asarray(a)
        return [arr.item()] * n if arr.ndim == 0 else arr[idx].tolist()

    if isinstance(view, PairScores):
        cols = [column(getattr(view, f)) for f in PairScores.__slots__]
        return [PairScores(*vals) for vals in zip(*cols)]
    cols = [column(a) for a in view]
    return [type(view)(*vals) for vals in zip(*cols)]
