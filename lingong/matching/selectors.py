"""Recommendations for the surfaces, read from the engine's index.

`jobs_for_worker` and `workers_for_job` return `Match` objects with the
database rows and up to three reasons as codes with short translated texts
("离您1.2公里", "日薪300元，高于您的期望", "您会这个工种").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from lingong.credit.selectors import rating_summaries
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, Job, JobStatus
from lingong.workers.models import Worker
from lingong.workers.selectors import worker_point

from . import query
from .geo import LHASA, project_km
from .loader import match_index_read
from .weights import DEFAULT_WEIGHTS

MAX_REASONS = 3


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass
class Match:
    job: Job
    worker: Worker
    score: float
    distance_km: float | None
    reasons: list[Reason] = field(default_factory=list)
    rating: tuple[float, int] | None = None  # the other side's (average stars, count), None before any rating


def reason_text(code: str, params: dict, *, audience: str = "worker") -> str:
    """The short sentence a person reads for an engine reason code.

    `audience` is who reads it: the worker (about a job) or the employer or
    staff (about a worker); only the distance is phrased differently.
    """
    if code == "distance" and audience != "worker":
        return _("Lives %(km).1f km from the job") % {"km": float(params.get("km", 0))}
    texts = {
        "has_trade": lambda: _("You do this kind of work"),
        "related_trade": lambda: _("Close to the work you do"),
        "skill_level": lambda: _("Skill level %(level)d of 5") % {"level": int(params.get("level", 1))},
        "certified": lambda: _("Holds a certificate for this work"),
        "distance": lambda: _("%(km).1f km from you") % {"km": float(params.get("km", 0))},
        "pay_above_expectation": lambda: (
            _("Day pay %(yuan)s yuan, above what you asked") % {"yuan": params.get("pay_yuan", "")}
        ),
        "pay_meets_expectation": lambda: (
            _("Day pay %(yuan)s yuan, as you asked") % {"yuan": params.get("pay_yuan", "")}
        ),
        "day_pay": lambda: _("Day pay %(yuan)s yuan") % {"yuan": params.get("pay_yuan", "")},
        "trusted_employer": lambda: _("An employer with a good record"),
        "reliable_worker": lambda: _("Reliable: comes and finishes the work"),
        "starts_soon": lambda: (
            _("Starts within %(hours)d hours") % {"hours": max(1, math.ceil(float(params.get("hours", 0))))}
        ),
        "common_language": lambda: _("Speaks Tibetan") if params.get("language") == "bo" else _("Speaks Chinese"),
        "urgent": lambda: _("Needed urgently"),
        "little_recent_work": lambda: _("Has had little work lately"),
    }
    make = texts.get(code)
    return make() if make else code


def _reasons(engine_reasons, *, audience: str) -> list[Reason]:
    return [
        Reason(code, reason_text(code, dict(params), audience=audience))
        for code, params in engine_reasons[:MAX_REASONS]
    ]


def _distance(worker: Worker, job: Job) -> float:
    """Km between the worker's point (as the engine places them) and the job, one decimal."""
    lat, lon = worker_point(worker)
    x, y = project_km(np.array([lat, float(job.lat)]), np.array([lon, float(job.lon)]), LHASA)
    return round(float(np.hypot(x[0] - x[1], y[0] - y[1])), 1)


def jobs_for_worker(
    *, worker: Worker, limit: int = 10, now: datetime | None = None, include_pending: bool = False
) -> list[Match]:
    """The best open jobs for a worker (at least `limit` when that many fit), best first.

    Jobs the worker already applied to or was proposed for are left out; with
    `include_pending` the ones still waiting for an answer stay in (the kiosk
    shows them on their cards with "withdraw").
    """
    now = now or timezone.now()
    applications = worker.applications.all()
    if include_pending:
        applications = applications.exclude(status__in=ACTIVE_APPLICATION_STATUSES)
    applied = set(applications.values_list("job_id", flat=True))
    with match_index_read(now=now) as index:
        row = index.workers.row_of.get(worker.pk)
        if row is None:
            return []
        found = query.top_jobs_for_worker(index, row, limit + len(applied), now=now, weights=DEFAULT_WEIGHTS)
    wanted = [m for m in found if m.id not in applied][:limit]
    jobs = Job.objects.select_related("job_type", "employer", "station").in_bulk([m.id for m in wanted])
    results = []
    for m in wanted:
        job = jobs.get(m.id)
        if job is None or job.status != JobStatus.OPEN:
            continue  # closed since the last refresh
        results.append(
            Match(
                job=job,
                worker=worker,
                score=m.score,
                distance_km=_distance(worker, job),
                reasons=_reasons(m.reasons, audience="worker"),
            )
        )
    ratings = rating_summaries(employers={m.job.employer_id for m in results})
    for match in results:
        match.rating = ratings.get(match.job.employer_id)
    return results


def workers_for_job(*, job: Job, limit: int = 20, now: datetime | None = None) -> list[Match]:
    """The best available workers for a job, best first (already proposed ones left out)."""
    now = now or timezone.now()
    proposed = set(job.applications.values_list("worker_id", flat=True))
    with match_index_read(now=now) as index:
        row = index.jobs.row_of.get(job.pk)
        if row is None:
            return []
        found = query.top_workers_for_job(index, row, limit + len(proposed), now=now, weights=DEFAULT_WEIGHTS)
    wanted = [m for m in found if m.id not in proposed][:limit]
    workers = Worker.objects.filter(is_active=True).in_bulk([m.id for m in wanted])
    results = []
    for m in wanted:
        worker = workers.get(m.id)
        if worker is None:
            continue
        results.append(
            Match(
                job=job,
                worker=worker,
                score=m.score,
                distance_km=_distance(worker, job),
                reasons=_reasons(m.reasons, audience="employer"),
            )
        )
    ratings = rating_summaries(workers={m.worker.pk for m in results})
    for match in results:
        match.rating = ratings.get(match.worker.pk)
    return results


@dataclass(frozen=True)
class AcceptanceEstimate:
    """What a worker said they accept, and what their answers say they really accept."""

    declared_pay_fen: int
    declared_km: float
    lowest_pay_fen: int | None  # learned: the day pay at which they take a near job of their trade even odds
    max_km: float | None  # learned: how far they go, even odds, for their declared pay
    answers: int  # their answers the model in use was trained on
    model_version: str


def worker_acceptance_estimate(*, worker: Worker, now: datetime | None = None) -> AcceptanceEstimate:
    """The declared lowest pay and reach beside the estimate of the acceptance model this process's index uses
    (docs/matching.md, "Learning what workers accept"). None where the model cannot tell."""
    with match_index_read(now=now or timezone.now()) as index:
        model = index.acceptance
    learned = model.worker_estimate(worker.pk, worker.min_day_pay_fen, float(worker.travel_km)) if model else {}
    return AcceptanceEstimate(
        declared_pay_fen=worker.min_day_pay_fen,
        declared_km=float(worker.travel_km),
        lowest_pay_fen=learned.get("lowest_pay_fen"),
        max_km=learned.get("max_km"),
        answers=int(learned.get("answers", 0)),
        model_version=getattr(model, "version", ""),
    )
