"""Answered exposures for training tests: real workers and jobs, features drawn from a seeded stream and answers
from a known rule (more pay above what was declared and less distance make a yes likelier)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from lingong.jobs.tests.factories import post_job
from lingong.matching.acceptance import FEATURES
from lingong.matching.models import Exposure

HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def answered_exposures(
    *, register_worker, employer, job_types, staff, now: datetime, workers: int = 15, jobs: int = 15, seed: int = 5
) -> list[Exposure]:
    """One dispatch proposal per (worker, job) pair, shown over the last 30 days, each accepted or declined by
    the rule; `workers` x `jobs` answers, both kinds."""
    rng = random.Random(seed)
    people = [register_worker(trades=("mover",), **HOME) for _ in range(workers)]
    posted = [post_job(employer=employer, job_type=job_types["mover"], actor=staff) for _ in range(jobs)]
    rows = []
    for w in people:
        for j in posted:
            pay, km = rng.uniform(-0.4, 0.5), rng.uniform(0.0, 1.2)
            features = [pay, km, 1.0, rng.uniform(0, 7), rng.uniform(0.3, 0.9), 0.0, 0.0]
            assert len(features) == len(FEATURES)
            yes = 3.0 * pay - 1.5 * km + 0.4 + rng.gauss(0, 0.6) > 0
            shown = now - timedelta(days=rng.uniform(0.5, 30))
            rows.append(
                Exposure(
                    worker=w,
                    job=j,
                    surface="dispatch",
                    shown_at=shown,
                    features=features,
                    score=rng.uniform(0.3, 0.9),
                    answer="accepted" if yes else "declined",
                    answered_at=shown + timedelta(hours=2),
                )
            )
    return Exposure.objects.bulk_create(rows)
