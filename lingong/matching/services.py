"""Proposals made by matching: the morning dispatch and the fast channel.

Both turn engine results into `Application`s with origin `dispatch`; the
worker and the employer then accept or decline as with any proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lingong.accounts.selectors import role_require
from lingong.core.errors import ApplicationError, Conflict
from lingong.core.models import Channel, Event
from lingong.core.services import event_record, status_transition
from lingong.jobs.models import (
    APPLICATION_TRANSITIONS,
    Application,
    ApplicationOrigin,
    ApplicationStatus,
    Job,
    JobStatus,
    Placement,
    PlacementStatus,
)
from lingong.jobs.services import application_create
from lingong.workers.models import Worker

from . import query
from .dispatch import dispatch as engine_dispatch
from .learning import exposure_proposal_record
from .loader import match_index_read
from .models import ExposureSurface
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


def _propose(*, job: Job, worker: Worker, actor, employer_agreed: bool = False) -> bool:
    """A dispatch proposal; `employer_agreed` when the employer's posting already says yes (fast channel)."""
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
            exposure_proposal_record(application=application, surface=FAST_CHANNEL if employer_agreed else DISPATCH)
        return True
    except ApplicationError:
        return False


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
    with match_index_read(now=now) as index:
        job_rows = None
        if ids is not None:
            job_rows = np.array([index.jobs.row_of[i] for i in ids if i in index.jobs.row_of], dtype=np.int64)
        result = engine_dispatch(index, day_number(day), now=now, job_rows=job_rows)
        assignment = result.assignment
        job_ids = index.jobs.ids[assignment.job_rows]
        worker_ids = index.workers.ids[assignment.worker_rows]
    jobs = Job.objects.select_related("station").in_bulk(set(job_ids.tolist()))
    workers = Worker.objects.in_bulk(set(worker_ids.tolist()))
    proposed = skipped = 0
    for job_id, worker_id in zip(job_ids.tolist(), worker_ids.tolist()):
        job, worker = jobs.get(job_id), workers.get(worker_id)
        if job is not None and worker is not None and _propose(job=job, worker=worker, actor=actor):
            proposed += 1
        else:
            skipped += 1
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
        _propose(job=job, worker=workers[w], actor=None, employer_agreed=True)
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
        try:
            with transaction.atomic():
                offered.append(
                    application_create(
                        job=job,
                        worker=match.worker,
                        origin=ApplicationOrigin.DISPATCH,
                        channel=Channel.SYSTEM,
                        actor=None,
                        station=job.station,
                    )
                )
        except Conflict:
            continue
    return offered
