"""Proposals made by matching: the morning dispatch and the fast channel.

Both turn engine results into `Application`s with origin `dispatch`; the
worker and the employer then accept or decline as with any proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lingong.accounts.selectors import role_require
from lingong.core.errors import ApplicationError
from lingong.core.models import Channel, Event
from lingong.core.services import event_record, status_transition
from lingong.jobs.models import (
    ACTIVE_APPLICATION_STATUSES,
    APPLICATION_TRANSITIONS,
    Application,
    ApplicationOrigin,
    ApplicationStatus,
    Block,
    Job,
    JobStatus,
    Placement,
    PlacementStatus,
)
from lingong.jobs.services import application_create
from lingong.jobs.shifts import Shift, shifts_overlap
from lingong.workers.models import Worker

from . import query
from .dispatch import dispatch as engine_dispatch
from .index import MatchIndex
from .learning import exposure_proposal_record
from .loader import match_index_read
from .models import DispatchStandby, ExposureSurface, StandbyStatus
from .selectors import workers_for_job
from .timegrid import day_number

FAST_CHANNEL_WIDEN_MINUTES = getattr(settings, "FAST_CHANNEL_WIDEN_MINUTES", 15)
FAST_CHANNEL_OFFERS_PER_TIER = getattr(settings, "FAST_CHANNEL_OFFERS_PER_TIER", 20)
PREFERRED_WORKERS = 10
DISPATCH, FAST_CHANNEL = ExposureSurface.DISPATCH, ExposureSurface.FAST_CHANNEL


@dataclass(frozen=True)
class DispatchOutcome:
    proposed: int  # applications made
    skipped: int  # pairs the engine chose that the domain refused (job closed, already proposed …)
    total_score: float
    solve_seconds: float


def _propose(
    *, job: Job, worker: Worker, actor, surface: str = DISPATCH, employer_agreed: bool = False
) -> Application | None:
    """A dispatch proposal, recorded as shown on `surface`; None when the domain refuses it (job closed, already
    proposed, the worker paused …). `employer_agreed` when the employer's posting already says yes (fast channel)."""
    try:
        with transaction.atomic():
            application = application_create(
                job=job,
                worker=worker,
                origin=ApplicationOrigin.DISPATCH,
                channel=Channel.SYSTEM,
                actor=actor,
                station=job.station,
            )
            if employer_agreed:
                status_transition(
                    application,
                    transitions=APPLICATION_TRANSITIONS,
                    to=ApplicationStatus.ACCEPTED_BY_EMPLOYER,
                    verb="application_accept_employer",
                    station=job.station,
                    data={"by": "fast_channel"},
                )
            exposure_proposal_record(application=application, surface=surface)
        return application
    except ApplicationError:
        return None


def dispatch_run(*, day: date, actor, station=None, now: datetime | None = None) -> DispatchOutcome:
    """Propose workers for the places of jobs that start on `day` (optionally one station's).

    Each worker gets at most one job per time slot, head counts hold, and the
    total score (with the fairness term) is as high as the min-cost flow finds.
    `actor` None is the scheduled morning run; otherwise staff start it.
    """
    if actor is not None:
        role_require(actor, "dispatch.run", station_id=getattr(station, "pk", None))
    ids = None
    if station is not None:
        ids = list(Job.objects.filter(status=JobStatus.OPEN, station=station).values_list("pk", flat=True))
    # Pairs with an application already (proposed, answered, declined): never proposed again.
    asked = np.array(
        Application.objects.filter(job__status=JobStatus.OPEN, job__start_date__lte=day, job__end_date__gte=day)
        .values_list("job_id", "worker_id")
        .order_by(),
        dtype=np.int64,
    ).reshape(-1, 2)
    # Places already waiting on an open dispatch proposal (an earlier run, a standby promoted): not offered twice.
    waiting = np.array(
        Application.objects.filter(
            job__status=JobStatus.OPEN,
            job__start_date__lte=day,
            job__end_date__gte=day,
            origin=ApplicationOrigin.DISPATCH,
            status__in=ACTIVE_APPLICATION_STATUSES,
        )
        .values_list("job_id")
        .annotate(n=Count("id"))
        .order_by(),
        dtype=np.int64,
    ).reshape(-1, 2)
    with match_index_read(now=now) as index:
        job_rows = None
        if ids is not None:
            job_rows = np.array([index.jobs.row_of[i] for i in ids if i in index.jobs.row_of], dtype=np.int64)
        result = engine_dispatch(
            index,
            day_number(day),
            now=now,
            job_rows=job_rows,
            asked=(asked[:, 0], asked[:, 1]),
            waiting=(waiting[:, 0], waiting[:, 1]),
        )
        assignment = result.assignment
        job_ids = index.jobs.ids[assignment.job_rows]
        worker_ids = index.workers.ids[assignment.worker_rows]
        standby = _standby_lines(index, result)
    jobs = Job.objects.select_related("station").in_bulk(set(job_ids.tolist()))
    workers = Worker.objects.in_bulk(set(worker_ids.tolist()))
    proposed = skipped = 0
    for job_id, worker_id in zip(job_ids.tolist(), worker_ids.tolist()):
        job, worker = jobs.get(job_id), workers.get(worker_id)
        if job is not None and worker is not None and _propose(job=job, worker=worker, actor=actor) is not None:
            proposed += 1
        else:
            skipped += 1
    _standby_store(standby)
    outcome = DispatchOutcome(
        proposed=proposed, skipped=skipped, total_score=assignment.total_score, solve_seconds=result.solve_seconds
    )
    return outcome


def _preferred_workers(job: Job) -> list[int]:
    """The employer's preferred workers: those who completed most work for them."""
    return list(
        Placement.objects.filter(job__employer_id=job.employer_id, status=PlacementStatus.COMPLETED)
        .values_list("worker_id")
        .annotate(n=Count("id"))
        .order_by("-n", "worker_id")
        .values_list("worker_id", flat=True)[:PREFERRED_WORKERS]
    )


def fast_channel_tier_offered(*, job: Job, tier: int) -> bool:
    """Whether this tier of this job was offered already (its timeline event exists)."""
    return Event.objects.filter(
        subject_type=ContentType.objects.get_for_model(Job),
        subject_id=str(job.pk),
        verb="fast_channel_offer",
        data__tier=tier,
    ).exists()


def fast_channel_offer(*, job: Job, tier: int, now: datetime | None = None) -> int:
    """Offer a fast-channel job to one tier of fitting workers; returns how many offers.

    Tier 0: the employer's preferred workers; 1: the best-rated fitting
    workers; 2: everyone who fits (best first, at most
    FAST_CHANNEL_OFFERS_PER_TIER per step). The task layer calls the next
    tier after FAST_CHANNEL_WIDEN_MINUTES while places are left.
    """
    job.refresh_from_db()
    if job.status != JobStatus.OPEN or job.places_left <= 0 or not job.is_fast_channel:
        return 0
    preferred_ids = _preferred_workers(job)
    already = set(Application.objects.filter(job=job).values_list("worker_id", flat=True))
    with match_index_read(now=now) as index:
        row = index.jobs.row_of.get(job.pk)
        if row is None:
            return 0
        preferred = [index.workers.row_of[w] for w in preferred_ids if w in index.workers.row_of]
        tiers = list(
            query.fast_channel_tiers(index, row, np.array(preferred, dtype=np.int64), now=now or timezone.now())
        )
        if not 0 <= tier < len(tiers):
            return 0
        candidates = [int(w) for w in index.workers.ids[tiers[tier]].tolist() if int(w) not in already]
    workers = Worker.objects.in_bulk(candidates[:FAST_CHANNEL_OFFERS_PER_TIER])
    # A fast-channel posting is the employer's yes to whoever fits: the first worker to accept is hired.
    offered = sum(
        _propose(job=job, worker=workers[w], actor=None, surface=FAST_CHANNEL, employer_agreed=True) is not None
        for w in candidates[:FAST_CHANNEL_OFFERS_PER_TIER]
        if w in workers
    )
    event_record(subject=job, verb="fast_channel_offer", station=job.station, data={"tier": tier, "offered": offered})
    return offered


RELEASE_OFFER_TO = 3


def job_place_offer_on(*, job: Job, offer_to: int = RELEASE_OFFER_TO) -> list[Application]:
    """A place came free (a hire not confirmed in time): propose it to the next candidates.

    The best `workers_for_job` not yet proposed for this job get a dispatch
    proposal each, which both sides still have to accept.
    """
    offered: list[Application] = []
    job.refresh_from_db()
    if job.status != JobStatus.OPEN:
        return offered
    proposed = set(Application.objects.filter(job=job).values_list("worker_id", flat=True))
    for match in workers_for_job(job=job, limit=offer_to + len(proposed) + 5):
        if len(offered) >= offer_to:
            break
        if match.worker.pk in proposed:
            continue
        application = _propose(job=job, worker=match.worker, actor=None)
        if application is not None:
            offered.append(application)
    return offered


# --- the standby list: the next workers in line for a dispatched job's places ----------------------------


@dataclass(frozen=True)
class StandbyLine:
    job_id: int
    worker_id: int
    rank: int
    probability: float | None
    score: float


def _standby_lines(index: MatchIndex, result) -> list[StandbyLine]:
    """The engine's standby list of each job as rows to keep, with the score and the estimated acceptance of
    each pair (None without an estimator). Nobody given a place anywhere in this run stands by (one job a slot,
    and the simplest rule that keeps it; the engine already leaves them out)."""
    problem = result.problem
    assigned = set(result.assignment.worker_rows.tolist())
    lines = []
    for job_row, pairs in result.standby_pairs.items():
        rank = 0
        for pair in np.asarray(pairs).tolist():
            worker_row = int(problem.worker_rows[problem.pair_worker[pair]])
            if worker_row in assigned:
                continue
            rank += 1
            acceptance = problem.pair_acceptance
            lines.append(
                StandbyLine(
                    job_id=int(index.jobs.ids[job_row]),
                    worker_id=int(index.workers.ids[worker_row]),
                    rank=rank,
                    probability=None if acceptance is None else float(acceptance[pair]),
                    score=float(problem.pair_score[pair]),
                )
            )
    return lines


def _standby_store(lines: list[StandbyLine]) -> int:
    """Keep the standby lists, leaving out workers already proposed for the job; a second run for the same
    day adds newcomers after those already waiting. Returns how many rows were added."""
    if not lines:
        return 0
    job_ids = {line.job_id for line in lines}
    proposed = set(Application.objects.filter(job_id__in=job_ids).values_list("job_id", "worker_id"))
    listed = set(DispatchStandby.objects.filter(job_id__in=job_ids).values_list("job_id", "worker_id"))
    last_rank: dict[int, int] = {}
    for job_id, rank in DispatchStandby.objects.filter(job_id__in=job_ids).values_list("job_id", "rank"):
        last_rank[job_id] = max(rank, last_rank.get(job_id, 0))
    rows = []
    for line in lines:
        if (line.job_id, line.worker_id) in proposed | listed:
            continue
        last_rank[line.job_id] = last_rank.get(line.job_id, 0) + 1
        rows.append(
            DispatchStandby(
                job_id=line.job_id,
                worker_id=line.worker_id,
                rank=last_rank[line.job_id],
                probability=line.probability,
                score=line.score,
            )
        )
    DispatchStandby.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _open_dispatch_proposals(job: Job) -> int:
    """Dispatch proposals of a job still waiting for an answer (or for the other side): each may take a place."""
    return Application.objects.filter(
        job=job, origin=ApplicationOrigin.DISPATCH, status__in=ACTIVE_APPLICATION_STATUSES
    ).count()


def _worker_busy_then(*, job: Job, worker_id: int) -> bool:
    """Whether the worker holds work, or an open proposal or application, at a time that overlaps the job's."""
    shift = Shift(job.start_date, job.end_date, job.start_time, job.end_time)
    near = {
        "start_date__lte": job.end_date + timedelta(days=1),
        "end_date__gte": job.start_date - timedelta(days=1),
    }
    held = Placement.objects.filter(worker_id=worker_id, status=PlacementStatus.ACTIVE, **near).values_list(
        "start_date", "end_date", "start_time", "end_time"
    )
    pending = (
        Application.objects.filter(worker_id=worker_id, status__in=ACTIVE_APPLICATION_STATUSES)
        .exclude(job=job)
        .values_list("job__start_date", "job__end_date", "job__start_time", "job__end_time")
    )
    return any(shifts_overlap(shift, Shift(*times)) for times in [*held, *pending])


def _standby_may_take(*, job: Job, worker_id: int, now: datetime) -> bool:
    """Whether the worker can still take the place: free at that time, no block either way, and still passing
    the engine's filters (trade, distance, intensity, the days they work)."""
    if Block.objects.filter(worker_id=worker_id, employer_id=job.employer_id, is_active=True).exists():
        return False
    if _worker_busy_then(job=job, worker_id=worker_id):
        return False
    with match_index_read(now=now) as index:
        job_row, worker_row = index.jobs.row_of.get(job.pk), index.workers.row_of.get(worker_id)
        if job_row is None or worker_row is None:
            return False  # the worker is hidden or inactive now
        fits, _score, _reasons = query.explain_pair(index, job_row, worker_row, now=now, audience="employer")
    return fits


def standby_drop(*, job: Job) -> int:
    """The job no longer needs anyone in line (filled, closed, withdrawn): its waiting standbys are dropped."""
    return DispatchStandby.objects.filter(job=job, status=StandbyStatus.WAITING).update(
        status=StandbyStatus.DROPPED, updated_at=timezone.now()
    )


def standby_drop_if_done(*, job: Job) -> int:
    job.refresh_from_db()
    if job.status == JobStatus.OPEN and job.places_left > 0:
        return 0
    return standby_drop(job=job)


def standby_promote(*, job: Job, now: datetime | None = None) -> list[Application]:
    """Propose the job to the next waiting workers on its standby list, in rank order, while it has more places
    left than open dispatch proposals (the places the proposals already wait on are not offered twice).

    The job's row is locked first, so two declines at once promote two different workers and never more than
    the places left; a standby who can no longer take it (busy then, blocked, no longer fitting, refused by
    `application_create`) is dropped and the next is asked. A job that is filled or no longer open drops its
    whole list. Returns the proposals made.
    """
    now = now or timezone.now()
    promoted: list[Application] = []
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job.pk).first()
        if job is None:
            return promoted
        if job.status != JobStatus.OPEN or job.places_left <= 0:
            standby_drop(job=job)
            return promoted
        free = job.places_left - _open_dispatch_proposals(job)
        waiting = DispatchStandby.objects.filter(job=job, status=StandbyStatus.WAITING)
        for standby in waiting.select_related("worker").order_by("rank", "id"):
            if len(promoted) >= free:
                break
            application = _standby_offer(job=job, standby=standby, now=now)
            status = StandbyStatus.DROPPED if application is None else StandbyStatus.PROMOTED
            DispatchStandby.objects.filter(pk=standby.pk, status=StandbyStatus.WAITING).update(
                status=status, updated_at=timezone.now()
            )
            if application is not None:
                promoted.append(application)
    return promoted


def _standby_offer(*, job: Job, standby: DispatchStandby, now: datetime) -> Application | None:
    """The dispatch proposal for one standby, or None when they can no longer take the place."""
    if not _standby_may_take(job=job, worker_id=standby.worker_id, now=now):
        return None
    return _propose(job=job, worker=standby.worker, actor=None, surface=ExposureSurface.STANDBY)


ENDED_DISPATCH_STATUSES = (ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED)


def standby_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """What the standby lists need on the clock: lists of jobs no longer open or with no place left are
    dropped; a job whose dispatch proposal ended (declined, withdrawn, not answered) and that still has a place
    nobody is asked for promotes its next standby (the promotion right after the answer normally did it; this
    catches one that failed). A second run changes nothing."""
    now = now or timezone.now()
    counts = {"dropped": 0, "promoted": 0}
    job_ids = set(DispatchStandby.objects.filter(status=StandbyStatus.WAITING).values_list("job_id", flat=True))
    for job in Job.objects.filter(pk__in=job_ids):
        if job.status != JobStatus.OPEN or job.places_left <= 0:
            counts["dropped"] += standby_drop(job=job)
            continue
        ended = Application.objects.filter(
            job=job, origin=ApplicationOrigin.DISPATCH, status__in=ENDED_DISPATCH_STATUSES
        )
        if ended.exists() and job.places_left > _open_dispatch_proposals(job):
            counts["promoted"] += len(standby_promote(job=job, now=now))
    return counts
