"""Recommendations for the surfaces: the interface they call.

PROVISIONAL: ranks in Python over the database; replaced by the engine-backed
implementation (lingong.matching index) with the same signatures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from lingong.jobs.models import Job, JobStatus
from lingong.workers.models import Worker


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


def _km(lat1, lon1, lat2, lon2) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    lat1, lon1, lat2, lon2 = map(float, (lat1, lon1, lat2, lon2))
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _match(worker: Worker, job: Job, trade_ids: set[int]) -> Match | None:
    if job.job_type_id not in trade_ids or job.intensity > worker.max_intensity:
        return None
    distance = _km(worker.home_lat, worker.home_lon, job.lat, job.lon)
    if distance is not None and distance > worker.travel_km:
        return None
    reasons = [Reason("has_trade", _("You do this kind of work"))]
    score = 1.0
    if distance is not None:
        reasons.insert(0, Reason("distance", _("%(km).1f km from you") % {"km": distance}))
        score -= min(distance / max(worker.travel_km, 1), 1.0) * 0.5
    return Match(job=job, worker=worker, score=score, distance_km=distance, reasons=reasons[:3])


def jobs_for_worker(*, worker: Worker, limit: int = 10) -> list[Match]:
    trade_ids = set(worker.trades.values_list("job_type_id", flat=True))
    jobs = Job.objects.filter(status=JobStatus.OPEN, end_date__gte=timezone.localdate()).select_related(
        "job_type", "employer"
    )
    matches = [m for job in jobs if (m := _match(worker, job, trade_ids))]
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]


def workers_for_job(*, job: Job, limit: int = 20) -> list[Match]:
    workers = Worker.objects.filter(is_active=True, trades__job_type=job.job_type).distinct()
    matches = [m for worker in workers if (m := _match(worker, job, {job.job_type_id}))]
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]
