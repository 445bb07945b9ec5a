"""Top 10 workers for a job at 25,000 and 1,000,000 workers, against a Python loop.

Run: python -m bench.bench_workers_for_job [--quick]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.baselines import python_top_workers, python_worker_rows, same_top
from bench.bench_jobs_for_worker import NOW, TODAY, id_map_bytes, timed_baseline
from bench.report import Figures, machine
from bench.synthetic import build_index, make_jobs, make_workers, percentile_ms
from lingong.matching import (
    DEFAULT_WEIGHTS,
    feasible_workers_for_job,
    top_workers_for_job,
)


def bench_size(
    fig: Figures, rng: np.random.Generator, jobs, n_workers: int, label: str, queries: int, quick: bool
) -> None:
    print(f"\n== {label}: {n_workers:,} workers, {len(jobs):,} open jobs ==", flush=True)
    workers = make_workers(rng, n_workers)
    t0 = time.perf_counter()
    index = build_index(jobs, workers, rng=np.random.default_rng(1), today=TODAY)
    fig.add(f"{label}.index_build", time.perf_counter() - t0, "s")
    mem = index.memory()
    fig.add(f"{label}.index_array_bytes_per_worker", mem.worker_bytes / n_workers, "B")
    fig.add(f"{label}.index_id_map_bytes_per_worker", id_map_bytes(index.workers.row_of) / n_workers, "B (approx.)")
    busy_entries = sum(len(d) for d in index.worker_busy.values())
    fig.add(f"{label}.calendar_bytes_per_worker_day", mem.busy_bytes / max(len(index.busy_days), 1) / n_workers, "B")
    fig.add(f"{label}.calendar_busy_entries", busy_entries, "worker-days")

    sample = rng.choice(index.jobs.live_rows(), queries, replace=True)
    fits = [len(feasible_workers_for_job(index, int(r), now=NOW).rows) for r in sample[:100]]
    fig.add(f"{label}.fitting_workers_per_job_mean", float(np.mean(fits)), "workers")
    for r in sample[:50]:
        top_workers_for_job(index, int(r), 10, now=NOW)
    times: list[int] = []
    cpu: list[int] = []
    results = {}
    for r in sample.tolist():
        c = time.thread_time_ns()
        t = time.perf_counter_ns()
        m = top_workers_for_job(index, r, 10, now=NOW)
        times.append(time.perf_counter_ns() - t)
        cpu.append(time.thread_time_ns() - c)
        results[r] = m
    engine_median = percentile_ms(times, 50)
    fig.add(f"{label}.engine_queries", len(times), "queries")
    fig.add(f"{label}.engine_median", engine_median, "ms")
    fig.add(f"{label}.engine_p99", percentile_ms(times, 99), "ms")
    fig.add(f"{label}.engine_max", percentile_ms(times, 100), "ms")
    # CPU time of the query thread: what the query costs when it has a core to itself.
    fig.add(f"{label}.engine_cpu_median", percentile_ms(cpu, 50), "ms")
    fig.add(f"{label}.engine_cpu_p99", percentile_ms(cpu, 99), "ms")

    table = python_worker_rows(index)
    agree = 0

    def run_py(r: int) -> None:
        nonlocal agree
        got = python_top_workers(index, table, r, NOW, DEFAULT_WEIGHTS)
        agree += same_top(results[r].rows.tolist(), results[r].scores.tolist(), got)

    py_rows = sample[: (5 if quick else 50) if n_workers <= 100_000 else 3]
    py_times = timed_baseline(run_py, py_rows, budget_s=15 if quick else 60, max_queries=len(py_rows))
    fig.add(f"{label}.python_loop_queries", len(py_times), "queries")
    fig.add(f"{label}.python_loop_agree_with_engine", agree / len(py_times), "share")
    fig.add(f"{label}.python_loop_median", percentile_ms(py_times, 50), "ms")
    fig.add(f"{label}.ratio_python_loop_over_engine_median", percentile_ms(py_times, 50) / engine_median, "x")


def main(argv: list[str] | None = None) -> Figures:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer queries and 100k instead of 1M workers")
    args = parser.parse_args(argv)
    print(f"bench_workers_for_job on {machine()}")
    fig = Figures("bench_workers_for_job" + ("_quick" if args.quick else ""))  # a smoke run keeps the full figures
    rng = np.random.default_rng(43)
    jobs = make_jobs(rng, 11_000, today=TODAY)
    bench_size(fig, rng, jobs, 25_000, "25k_workers", 500 if args.quick else 3000, args.quick)
    big = 100_000 if args.quick else 1_000_000
    bench_size(
        fig, rng, jobs, big, "100k_workers" if args.quick else "1M_workers", 200 if args.quick else 1000, args.quick
    )
    fig.write()
    return fig


if __name__ == "__main__":
    main()
