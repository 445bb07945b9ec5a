"""Recommendations for the surfaces, read from the engine's index.

`jobs_for_worker` and `workers_for_job` return `Match` objects with the
database rows and up to three reasons as codes with short translated texts
("离您1.2公里", "日薪300元，高于您的期望", "您会这个工种").
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lingong.accounts.selectors import role_require
from lingong.credit.selectors import rating_summaries
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, Application, ApplicationOrigin, Job, JobStatus
from lingong.training.models import TrainingCourse
from lingong.training.selectors import courses_to_learn
from lingong.workers.models import Worker
from lingong.workers.selectors import worker_point

from . import query
from .acceptance import DECLARED
from .geo import LHASA, project_km
from .loader import match_index_read
from .models import DispatchStandby, Exposure, ExposureSurface
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
    applied: bool = False  # the worker's application waits for an answer (lists that keep those: include_pending)


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


# What `jobs_for_worker` reads of each job itself, whatever columns its caller asks for.
MATCH_JOB_COLUMNS = ("status", "employer_id", "lat", "lon")


def jobs_for_worker(
    *,
    worker: Worker,
    limit: int = 10,
    now: datetime | None = None,
    include_pending: bool = False,
    job_columns: Sequence[str] = (),
) -> list[Match]:
    """The best open jobs for a worker (at least `limit` when that many fit), best first.

    Jobs the worker already applied to or was proposed for are left out; with
    `include_pending` the ones still waiting for an answer stay in (the kiosk
    shows them on their cards with "withdraw"). `job_columns` (Django's `only()` names, the trade, employer
    and station joined) limits the job's columns read to those the caller shows; empty reads them all.
    """
    now = now or timezone.now()
    statuses = dict(worker.applications.values_list("job_id", "status"))  # one application a job and worker
    pending = {job_id for job_id, status in statuses.items() if status in ACTIVE_APPLICATION_STATUSES}
    applied = set(statuses) - pending if include_pending else set(statuses)
    with match_index_read(now=now) as index:
        row = index.workers.row_of.get(worker.pk)
        if row is None:
            return []
        found = query.top_jobs_for_worker(index, row, limit + len(applied), now=now, weights=DEFAULT_WEIGHTS)
    wanted = [m for m in found if m.id not in applied][:limit]
    jobs_read = Job.objects.select_related("job_type", "employer", "station")
    if job_columns:
        jobs_read = jobs_read.only(*MATCH_JOB_COLUMNS, *job_columns)
    jobs = jobs_read.in_bulk([m.id for m in wanted])
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
                applied=job.pk in pending,
            )
        )
    ratings = rating_summaries(employers={m.job.employer_id for m in results})
    for match in results:
        match.rating = ratings.get(match.job.employer_id)
    return results


# What `workers_for_job` reads of each worker itself (`_distance`), whatever columns its caller asks for.
MATCH_WORKER_COLUMNS = ("home_lat", "home_lon", "registered_station__lat", "registered_station__lon")


def workers_for_job(
    *,
    job: Job,
    limit: int = 20,
    now: datetime | None = None,
    worker_columns: Sequence[str] = (),
    proposed: Collection[int] | None = None,
) -> list[Match]:
    """The best available workers for a job, best first (already proposed ones left out). `worker_columns`
    (`only()` names, the registered station joined) limits the worker's columns read to those the caller shows;
    empty reads them all. `proposed`: the ids of the workers with an application for the job, when the caller
    has just read them; otherwise they are read here."""
    now = now or timezone.now()
    if proposed is None:
        proposed = set(job.applications.values_list("worker_id", flat=True))
    with match_index_read(now=now) as index:
        row = index.jobs.row_of.get(job.pk)
        if row is None:
            return []
        found = query.top_workers_for_job(index, row, limit + len(proposed), now=now, weights=DEFAULT_WEIGHTS)
    wanted = [m for m in found if m.id not in proposed][:limit]
    workers_read = Worker.objects.filter(is_active=True).select_related("registered_station")
    if worker_columns:
        workers_read = workers_read.only(*MATCH_WORKER_COLUMNS, *worker_columns)
    workers = workers_read.in_bulk([m.id for m in wanted])
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


# --- why a worker was proposed (for staff) ---------------------------------------------------------------------

CONTRIBUTIONS_SHOWN = 3


@dataclass(frozen=True)
class Contribution:
    """One term of the acceptance estimate in plain words, and whether it makes a yes likelier."""

    code: str
    text: str
    raises: bool


@dataclass
class ProposalWhy:
    """Why matching put this worker forward for the job, as staff read it."""

    worker: Worker
    status: str  # the proposal's or the standby's status, translated
    rank: int | None  # place on the standby list
    reasons: list[Reason]
    percent: int | None  # estimated acceptance, None when no model was in use
    model_version: str  # "" when no model was in use; the declared prior in words
    contributions: list[Contribution]
    model_declared: bool = False  # the cold-start prior: no answers learned yet


@dataclass
class DispatchWhy:
    proposals: list[ProposalWhy]
    standby: list[ProposalWhy]


def contribution_text(code: str, *, start_days: int = 0) -> str:
    """The plain words staff read for a term of the acceptance model (`acceptance.FEATURES`, and the worker's own)."""
    texts = {
        "pay_log_ratio": lambda: _("Pay against what they asked"),
        "km_share": lambda: _("Distance against their reach"),
        "own_trade": lambda: _("Their own trade"),
        "start_days": lambda: (
            ngettext("Starts in %(days)d day", "Starts in %(days)d days", start_days) % {"days": start_days}
        ),
        "employer_credit": lambda: _("The employer's credit"),
        "multi_day": lambda: _("Several days of work"),
        "urgent": lambda: _("Urgent"),
        "worker": lambda: _("Their own answers so far"),
    }
    make = texts.get(code)
    return make() if make else code


def model_version_text(version: str) -> str:
    if version == DECLARED.version:
        return _("From the declared profile (nothing learned yet)")
    return version


def _kept_exposures(job: Job) -> dict[int, Exposure]:
    """The latest dispatch or standby exposure per worker: the estimate kept when the proposal was made."""
    kept: dict[int, Exposure] = {}
    exposures = Exposure.objects.filter(
        job=job, surface__in=(ExposureSurface.DISPATCH, ExposureSurface.STANDBY)
    ).order_by("shown_at", "id")
    for exposure in exposures:
        kept[exposure.worker_id] = exposure
    return kept


def dispatch_why_for_job(*, user, job: Job, now: datetime | None = None) -> DispatchWhy:
    """For each open dispatch proposal of the job and each worker on its standby list: the engine's reasons, the
    estimated acceptance (as kept when proposed, where it was), the model version and the three largest terms
    of the estimate. Staff who run the dispatch for the job's station only: it is an estimate about a person."""
    role_require(user, "dispatch.run", station_id=job.station_id)
    now = now or timezone.now()
    proposals = list(
        Application.objects.filter(
            job=job, origin=ApplicationOrigin.DISPATCH, status__in=ACTIVE_APPLICATION_STATUSES
        ).select_related("worker")
    )
    standbys = list(DispatchStandby.objects.filter(job=job).select_related("worker").order_by("rank", "id"))
    kept = _kept_exposures(job)
    start_days = max(0, (job.start_date - timezone.localdate(now)).days)
    with match_index_read(now=now) as index:

        def why(worker: Worker, *, status: str, rank: int | None, kept_probability: float | None) -> ProposalWhy:
            job_row, worker_row = index.jobs.row_of.get(job.pk), index.workers.row_of.get(worker.pk)
            reasons: list[Reason] = []
            contributions: list[Contribution] = []
            percent, version = None, ""
            if job_row is not None and worker_row is not None:
                _fits, _score, engine_reasons = query.explain_pair(
                    index, job_row, worker_row, now=now, audience="employer"
                )
                reasons = _reasons(engine_reasons, audience="employer")
                explained = query.acceptance_explain(index, job_row, worker_row, now=now)
                if explained is not None:
                    probability, terms = explained
                    percent, version = round(probability * 100), index.acceptance.version
                    contributions = [
                        Contribution(code, contribution_text(code, start_days=start_days), term > 0)
                        for code, term in terms
                        if term != 0
                    ][:CONTRIBUTIONS_SHOWN]
            exposure = kept.get(worker.pk)
            if exposure is not None and exposure.probability is not None:
                percent, version = round(exposure.probability * 100), exposure.model_version or version
            elif kept_probability is not None:
                percent = round(kept_probability * 100)
            return ProposalWhy(
                worker=worker,
                status=status,
                rank=rank,
                reasons=reasons,
                percent=percent,
                model_version=model_version_text(version) if version else "",
                contributions=contributions,
                model_declared=version == DECLARED.version,
            )

        return DispatchWhy(
            proposals=[
                why(a.worker, status=a.get_status_display(), rank=None, kept_probability=None) for a in proposals
            ],
            standby=[
                why(s.worker, status=s.get_status_display(), rank=s.rank, kept_probability=s.probability)
                for s in standbys
            ],
        )


# --- what a worker really accepts (for staff) ------------------------------------------------------------------


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


# --- "learn this: N jobs nearby need it" --------------------------------------------


@dataclass
class TrainingSuggestion:
    course: TrainingCourse
    jobs_nearby: int


def training_suggestion(*, worker: Worker, now: datetime | None = None) -> TrainingSuggestion | None:
    """The course whose trade the worker lacks and that most open places near them need.

    Near: within the worker's travel limit from the point the matching places them at, counted in the
    index (no jobs are read). A course counts only with a session still to come.
    """
    now = now or timezone.now()
    courses = {c.job_type_id: c for c in courses_to_learn(worker=worker, now=now)}
    if not courses:
        return None
    with match_index_read(now=now) as index:
        row = index.workers.row_of.get(worker.pk)
        places = {} if row is None else query.open_places_near_worker(index, row, list(courses), now)
    if not places:
        return None
    best = max(places, key=lambda t: (places[t], -t))
    return TrainingSuggestion(course=courses[best], jobs_nearby=places[best])
