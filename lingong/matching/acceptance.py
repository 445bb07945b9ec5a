"""How likely a worker is to accept a job: a small logistic model on the engine's own features.

Pure NumPy, like the rest of the engine. The Django layer records what was shown and what came of it,
trains a model on a schedule (`fit_acceptance`), stores it as JSON (`to_json`) and hands it to the
index (`MatchIndex.set_acceptance`); the queries and dispatch then rank by expected value,
P(accept) x score.

The model has two levels:

* the market: one coefficient per feature in `FEATURES` plus an intercept, fitted by penalised
  Newton steps that pull every coefficient towards a prior model (the `DECLARED` one at first), so a
  market with few answers stays close to what workers declared and moves with evidence;
* each worker: a shift of the intercept (how much more or less they accept than their declared
  profile says) and of the distance coefficient (how far they really go), shrunk to 0 for a worker
  with few answers.

Written by hand rather than with scikit-learn: its logistic regression shrinks towards 0, not towards
a prior model, and has no per-worker terms; the whole fit is a few dozen lines of NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import numpy as np

from lingong.matching.index import MatchIndex
from lingong.matching.scoring import NUMPY, hours_until_start, pair_km
from lingong.matching.timegrid import local_day_hour

FEATURES: tuple[str, ...] = (
    "pay_log_ratio",  # ln(the job's day pay / the worker's declared lowest day pay)
    "km_share",  # km / the worker's declared travel limit
    "own_trade",  # 1 the worker's own trade, 0 a related one
    "start_days",  # days until the work starts, clipped to [0, 7]
    "employer_credit",  # the employer's credit [0, 1]
    "multi_day",  # 1 when the job runs over more than one day
    "urgent",  # the job's urgency [0, 1]
)
PAY, KM = FEATURES.index("pay_log_ratio"), FEATURES.index("km_share")
REFERENCE_DAY_PAY_FEN = 15_000
"""Stands in for the lowest pay of a worker who declared none."""
_MIN_REACH_KM = 0.5
_LOGIT_CLIP = 30.0


def pair_features(job: Any, worker: Any, skill: Any, km: Any, hours_until: Any) -> np.ndarray:
    """The features of pairs whose fields broadcast (one worker against many jobs, or paired arrays): (n, F).

    Reads only pay_fen, credit, start_day, end_day and urgency of the job and min_pay_fen and max_km of the
    worker, so any object with those attributes will do."""
    shape = np.broadcast_shapes(
        np.shape(job.pay_fen), np.shape(worker.min_pay_fen), np.shape(km), np.shape(skill), np.shape(hours_until)
    )
    out = np.empty((*shape, len(FEATURES)))
    min_pay = np.asarray(worker.min_pay_fen, dtype=np.float64)
    min_pay = np.where(min_pay > 0, min_pay, REFERENCE_DAY_PAY_FEN)
    out[..., 0] = np.log(np.maximum(np.asarray(job.pay_fen, dtype=np.float64), 1.0) / min_pay)
    out[..., 1] = km / np.maximum(np.asarray(worker.max_km, dtype=np.float64), _MIN_REACH_KM)
    out[..., 2] = (np.asarray(skill) >> 4) & 1
    out[..., 3] = np.clip(np.asarray(hours_until, dtype=np.float64) * (1.0 / 24.0), 0.0, 7.0)
    out[..., 4] = job.credit
    out[..., 5] = np.asarray(job.end_day) > np.asarray(job.start_day)
    out[..., 6] = job.urgency
    return out.reshape(-1, len(FEATURES))


def features_for_pairs(index: MatchIndex, job_rows: Any, worker_rows: Any, *, now: datetime) -> np.ndarray:
    """Features of (job row, worker row) pairs as the index holds them now; the rows broadcast."""
    job_rows, worker_rows = np.broadcast_arrays(
        np.atleast_1d(np.asarray(job_rows, dtype=np.int64)), np.atleast_1d(np.asarray(worker_rows, dtype=np.int64))
    )
    job = index.job_view(job_rows)
    worker = index.worker_view(worker_rows)
    skill = index.workers.skill[worker_rows, job.trade]
    now_day, now_hour = local_day_hour(now)
    return pair_features(job, worker, skill, pair_km(NUMPY, job, worker), hours_until_start(job, now_day, now_hour))


class AcceptanceEstimator(Protocol):
    """Anything that gives P(the worker accepts the job if it is put before them) for pairs."""

    version: str

    def probability(self, features: np.ndarray, job_ids: np.ndarray, worker_ids: np.ndarray) -> np.ndarray: ...


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -_LOGIT_CLIP, _LOGIT_CLIP)))


@dataclass(frozen=True)
class AcceptanceModel:
    """A trained (or declared) acceptance model; see the module docstring."""

    version: str
    coef: np.ndarray
    intercept: float
    worker_ids: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    worker_bias: np.ndarray = field(default_factory=lambda: np.empty(0))
    worker_km: np.ndarray = field(default_factory=lambda: np.empty(0))
    trained_answers: int = 0
    metrics: dict[str, Any] = field(default_factory=dict)

    def _worker_terms(self, worker_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ids = np.asarray(worker_ids, dtype=np.int64)
        bias, km = np.zeros(ids.shape), np.zeros(ids.shape)
        if len(self.worker_ids):
            pos = np.minimum(np.searchsorted(self.worker_ids, ids), len(self.worker_ids) - 1)
            known = self.worker_ids[pos] == ids
            bias[known] = self.worker_bias[pos[known]]
            km[known] = self.worker_km[pos[known]]
        return bias, km

    def logit(self, features: np.ndarray, worker_ids: np.ndarray) -> np.ndarray:
        bias, km = self._worker_terms(np.broadcast_to(worker_ids, features.shape[:1]))
        return self.intercept + features @ self.coef + bias + km * features[:, KM]

    def probability(self, features: np.ndarray, job_ids: np.ndarray, worker_ids: np.ndarray) -> np.ndarray:
        return _sigmoid(self.logit(features, worker_ids))

    def contributions(self, features_row: Sequence[float], worker_id: int) -> list[tuple[str, float]]:
        """Each feature's term of the logit (and the worker's own, learned term), largest first: the "why"."""
        x = np.asarray(features_row, dtype=np.float64)
        bias, km = self._worker_terms(np.array([worker_id]))
        terms = [(name, float(self.coef[i] * x[i])) for i, name in enumerate(FEATURES)]
        terms.append(("worker", float(bias[0] + km[0] * x[KM])))
        return sorted(terms, key=lambda t: -abs(t[1]))

    def worker_estimate(self, worker_id: int, declared_min_pay_fen: int, declared_max_km: float) -> dict[str, Any]:
        """What the worker really accepts, by the model: the day pay at which they take a near job of their own
        trade today even odds, and how far they go (even odds) for their declared pay. None where the model
        cannot tell (pay or distance does not move it)."""
        bias, km_shift = (float(a[0]) for a in self._worker_terms(np.array([worker_id])))
        typical = np.array([0.0, 0.25, 1.0, 0.0, 0.6, 0.0, 0.0])
        rest = self.intercept + bias + float(typical @ self.coef) + km_shift * typical[KM]
        declared = declared_min_pay_fen if declared_min_pay_fen > 0 else REFERENCE_DAY_PAY_FEN
        pay = None
        if self.coef[PAY] > 0.05:
            pay = int(round(declared * math.exp(float(np.clip(-rest / self.coef[PAY], -1.0, 1.0))), -2))
        reach = None
        slope = float(self.coef[KM]) + km_shift
        if slope < -0.05:
            at_declared_pay = rest - slope * typical[KM]  # the logit without its distance term
            share = float(np.clip(-at_declared_pay / slope, 0.0, 3.0))
            reach = round(share * max(declared_max_km, _MIN_REACH_KM), 1)
        answers = int(self.metrics.get("worker_answers", {}).get(str(worker_id), 0))
        return {"lowest_pay_fen": pay, "max_km": reach, "answers": answers}

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": list(FEATURES),
            "coef": [float(c) for c in self.coef],
            "intercept": float(self.intercept),
            "worker_ids": [int(i) for i in self.worker_ids],
            "worker_bias": [round(float(b), 5) for b in self.worker_bias],
            "worker_km": [round(float(k), 5) for k in self.worker_km],
            "trained_answers": int(self.trained_answers),
            "metrics": self.metrics,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AcceptanceModel:
        """The stored model; a model of other features is refused (it would read the wrong columns)."""
        if list(data.get("features", ())) != list(FEATURES):
            raise ValueError("the stored acceptance model was trained on other features")
        coef = np.asarray(data["coef"], dtype=np.float64)
        ids = np.asarray(data.get("worker_ids", ()), dtype=np.int64)
        bias = np.asarray(data.get("worker_bias", ()), dtype=np.float64)
        km = np.asarray(data.get("worker_km", ()), dtype=np.float64)
        if coef.shape != (len(FEATURES),) or not (len(ids) == len(bias) == len(km)) or not np.all(np.isfinite(coef)):
            raise ValueError("the stored acceptance model is malformed")
        order = np.argsort(ids, kind="stable")
        return cls(
            version=str(data["version"]),
            coef=coef,
            intercept=float(data["intercept"]),
            worker_ids=ids[order],
            worker_bias=bias[order],
            worker_km=km[order],
            trained_answers=int(data.get("trained_answers", 0)),
            metrics=dict(data.get("metrics", {})),
        )


DECLARED = AcceptanceModel(
    version="declared",
    # Even odds for a job of the worker's own trade at exactly their declared lowest pay and half their
    # declared reach; 10% more pay adds about 0.4 to the logit, the whole reach costs 2.
    coef=np.array([4.0, -2.0, 0.5, -0.1, 0.5, 0.0, 0.0]),
    intercept=0.5 - 0.3,  # the credit term of a typical employer (0.6 x 0.5) is inside the even odds
)
"""The cold start: what workers declared, before any answer."""


def fit_acceptance(
    features: np.ndarray,
    accepted: np.ndarray,
    worker_ids: np.ndarray,
    *,
    version: str,
    sample_weight: np.ndarray | None = None,
    prior: AcceptanceModel = DECLARED,
    l2: float = 1.0,
    worker_l2: float = 2.0,
    iterations: int = 25,
) -> AcceptanceModel:
    """Fit the market model (penalised towards `prior`), then each worker's two terms (penalised towards 0).

    `features` (n, F) as `pair_features` gives them, `accepted` 0/1, `worker_ids` the worker of each row.
    `l2` is the prior's weight in answers: with few answers the model stays near the prior.
    """
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(accepted, dtype=np.float64)
    ids = np.asarray(worker_ids, dtype=np.int64)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(FEATURES) or not (len(x) == len(y) == len(ids) == len(w)):
        raise ValueError("features, answers and workers must line up")
    design = np.hstack([np.ones((len(x), 1)), x])
    theta0 = np.concatenate([[prior.intercept], prior.coef])
    theta = theta0.copy()
    penalty = l2 * np.eye(len(theta))
    for _ in range(iterations):
        p = _sigmoid(design @ theta)
        grad = design.T @ (w * (p - y)) + penalty @ (theta - theta0)
        hess = (design * (w * p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    market = design @ theta
    uniq, inv = np.unique(ids, return_inverse=True)
    bias, km = np.zeros(len(uniq)), np.zeros(len(uniq))
    ks = x[:, KM]
    for _ in range(iterations):
        z = market + bias[inv] + km[inv] * ks
        p = _sigmoid(z)
        r, h = w * (p - y), w * p * (1 - p)
        g0 = np.bincount(inv, r, len(uniq)) + worker_l2 * bias
        g1 = np.bincount(inv, r * ks, len(uniq)) + worker_l2 * km
        h00 = np.bincount(inv, h, len(uniq)) + worker_l2
        h01 = np.bincount(inv, h * ks, len(uniq))
        h11 = np.bincount(inv, h * ks * ks, len(uniq)) + worker_l2
        det = h00 * h11 - h01 * h01
        d0 = (h11 * g0 - h01 * g1) / det
        d1 = (h00 * g1 - h01 * g0) / det
        bias -= d0
        km -= d1
        if max(np.max(np.abs(d0), initial=0.0), np.max(np.abs(d1), initial=0.0)) < 1e-7:
            break
    counts = np.bincount(inv, minlength=len(uniq))
    return AcceptanceModel(
        version=version,
        coef=theta[1:],
        intercept=float(theta[0]),
        worker_ids=uniq,
        worker_bias=bias,
        worker_km=km,
        trained_answers=len(y),
        metrics={"worker_answers": {str(int(i)): int(c) for i, c in zip(uniq, counts)}},
    )


def _auc(p: np.ndarray, y: np.ndarray) -> float | None:
    """Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties counted half."""
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    if pos == 0 or neg == 0:
        return None
    order = np.argsort(p, kind="stable")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    # Average ranks over ties.
    starts = np.flatnonzero(np.r_[True, sorted_p[1:] != sorted_p[:-1]])
    ends = np.r_[starts[1:], len(p)]
    for s, e in zip(starts.tolist(), ends.tolist()):
        ranks[order[s:e]] = (s + e + 1) / 2.0
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def evaluate_acceptance(
    model: AcceptanceEstimator,
    features: np.ndarray,
    accepted: np.ndarray,
    worker_ids: np.ndarray,
    *,
    job_ids: np.ndarray | None = None,
    bins: int = 10,
) -> dict[str, Any]:
    """Held-out figures: AUC, log loss, Brier score and a calibration table (mean P against the rate seen)."""
    y = np.asarray(accepted, dtype=np.float64)
    ids = np.asarray(worker_ids, dtype=np.int64)
    jobs = np.zeros(len(y), dtype=np.int64) if job_ids is None else np.asarray(job_ids, dtype=np.int64)
    p = np.clip(model.probability(np.asarray(features, dtype=np.float64), jobs, ids), 1e-6, 1 - 1e-6)
    n = len(y)
    if n == 0:
        return {"n": 0, "positive_rate": None, "auc": None, "log_loss": None, "brier": None, "calibration": []}
    edges = np.minimum((p * bins).astype(int), bins - 1)
    calibration = [
        {"p_mean": float(p[edges == b].mean()), "rate": float(y[edges == b].mean()), "n": int((edges == b).sum())}
        for b in range(bins)
        if (edges == b).any()
    ]
    return {
        "n": n,
        "positive_rate": float(y.mean()),
        "auc": _auc(p, y),
        "log_loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))),
        "brier": float(np.mean((p - y) ** 2)),
        "calibration": calibration,
    }


def hit_rate_at_k(shown: Sequence[Sequence[int]], chosen: Sequence[int | None], k: int = 10) -> float | None:
    """Share of answered lists whose chosen item was among the first k shown (None when none was answered)."""
    hits = [c in list(s)[:k] for s, c in zip(shown, chosen) if c is not None]
    return float(np.mean(hits)) if hits else None
