"""The Django side of matching on a seeded district (SQLite): index build, refresh,
and the selectors the doors call.

Seeds `seed_demo --scale district` (25,000 workers, 11,000 open positions)
into a temporary LINGONG_VAR_DIR, then times, in this process:
- a full build of the index from the database (the baseline),
- the garbage collector after a build: the pause of the next full collection and what it finds, against the
  same workers loaded as model objects (the loader's old way) as a baseline, and a full collection before and
  after `gc.freeze()`,
- the incremental refresh a query triggers after MATCHING_REFRESH_SECONDS,
  with one job and one worker changed since the last one,
- `jobs_for_worker` and `workers_for_job` as the pages call them (index
  query, database rows, reasons, ratings).

Run: python -m bench.bench_loader [--quick]   (--quick seeds the small demo)
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the small demo instead of the district")
    args = parser.parse_args(argv)
    os.environ["LINGONG_VAR_DIR"] = tempfile.mkdtemp(prefix="lingong-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lingong.settings.dev")
    os.environ.pop("DATABASE_URL", None)  # the embedded default: SQLite
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.report import Figures
    from bench.synthetic import percentile_ms
    from lingong.jobs.models import Job, JobStatus
    from lingong.matching import loader
    from lingong.matching.selectors import jobs_for_worker, workers_for_job
    from lingong.workers.models import Worker

    scale = "small" if args.quick else "district"
    fig = Figures("bench_loader" + ("_quick" if args.quick else ""))
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=scale, seed=540102, stdout=open(os.devnull, "w"))
    fig.add("seed_demo_seconds", time.perf_counter() - started, "s")
    fig.add("workers", Worker.objects.filter(is_active=True).count(), "rows")
    fig.add("open_jobs", Job.objects.filter(status=JobStatus.OPEN).count(), "rows")

    builds = []
    for _ in range(3):
        loader.match_index_reset()
        t = time.perf_counter_ns()
        index = loader.match_index()
        builds.append(time.perf_counter_ns() - t)
    fig.add("build_median", percentile_ms(builds, 50), "ms")

    # The collector after a build: what the next full collection finds and how long it stalls the process.
    # Baseline, in this process: the same workers loaded as model objects with their trades prefetched, as the
    # loader did before (each prefetched trade points back to its worker: reference cycles).
    def collect_after(load) -> tuple[float, int]:
        gc.collect()
        gc.disable()
        try:
            load()
            t = time.perf_counter_ns()
            found = gc.collect()
            return time.perf_counter_ns() - t, found
        finally:
            gc.enable()

    pauses, garbage = zip(
        *(collect_after(lambda: (loader.match_index_reset(), loader.match_index())) for _ in range(3))
    )
    old_pauses, old_garbage = zip(
        *(
            collect_after(
                lambda: len(
                    list(
                        Worker.objects.filter(is_active=True)
                        .select_related("registered_station")
                        .prefetch_related("trades")
                    )
                )
            )
            for _ in range(3)
        )
    )
    fig.add("gc_pause_after_build_median", percentile_ms(pauses, 50), "ms")
    fig.add("gc_garbage_after_build", garbage[-1], "objects")
    fig.add("gc_pause_after_model_objects_median", percentile_ms(old_pauses, 50), "ms")
    fig.add("gc_garbage_after_model_objects", old_garbage[-1], "objects")
    fig.add(
        "ratio_gc_pause_model_objects_over_build",
        percentile_ms(old_pauses, 50) / max(percentile_ms(pauses, 50), 0.001),
        "x",
    )
    steady = []
    for _ in range(5):
        t = time.perf_counter_ns()
        gc.collect()
        steady.append(time.perf_counter_ns() - t)
    gc.freeze()  # as deploy/gunicorn.conf.py does once the worker's index is built
    frozen = []
    for _ in range(5):
        t = time.perf_counter_ns()
        gc.collect()
        frozen.append(time.perf_counter_ns() - t)
    gc.unfreeze()
    fig.add("gc_full_collect_median", percentile_ms(steady, 50), "ms")
    fig.add("gc_full_collect_frozen_median", percentile_ms(frozen, 50), "ms")

    workers = list(Worker.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:200])
    jobs = list(Job.objects.filter(status=JobStatus.OPEN).order_by("pk")[:200])
    refreshes = []
    for i in range(50):
        # One change of each kind since the last refresh, as services make them.
        Job.objects.filter(pk=jobs[i % len(jobs)].pk).update(updated_at=timezone.now())
        Worker.objects.filter(pk=workers[i % len(workers)]).update(updated_at=timezone.now())
        loader._CACHE.checked = 0.0  # as if MATCHING_REFRESH_SECONDS had passed
        t = time.perf_counter_ns()
        loader.match_index()
        refreshes.append(time.perf_counter_ns() - t)
    fig.add("refresh_median", percentile_ms(refreshes, 50), "ms")
    fig.add("refresh_p99", percentile_ms(refreshes, 99), "ms")
    fig.add("ratio_build_over_refresh_median", percentile_ms(builds, 50) / percentile_ms(refreshes, 50), "x")

    people = list(Worker.objects.filter(pk__in=workers))
    for name, call, items in (
        ("jobs_for_worker", lambda w: jobs_for_worker(worker=w, limit=10), people),
        ("workers_for_job", lambda j: workers_for_job(job=j, limit=20), jobs),
    ):
        times = []
        for item in items:
            t = time.perf_counter_ns()
            call(item)
            times.append(time.perf_counter_ns() - t)
        fig.add(f"{name}_median", percentile_ms(times, 50), "ms")
        fig.add(f"{name}_p99", percentile_ms(times, 99), "ms")
    memory = index.memory()
    fig.add("index_bytes", memory.job_bytes + memory.worker_bytes + memory.employer_bytes + memory.busy_bytes, "bytes")
    fig.write()


if __name__ == "__main__":
    main(sys.argv[1:])
