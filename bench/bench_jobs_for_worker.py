"""Top 10 jobs for a worker at 11,000 and 1,000,000 open jobs, against SQL and a Python loop.

Run: python -m bench.bench_jobs_for_worker [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

import numpy as np

from bench.baselines import (
    python_job_rows,
    python_top_jobs,
    same_top,
    sql_top_jobs,
    sqlite_jobs,
)
from bench.report import Figures, machine
from bench.synthetic import build_index, make_jobs, make_workers, percentile_ms
from lingong.matching import (
    DECLARED,
    DEFAULT_WEIGHTS,
    AcceptanceModel,
    MatchIndex,
    day_number,
    feasible_jobs_for_worker,
    top_jobs_for_worker,
)
from lingong.matching.timegrid import local_datetime

TODAY = day_number(date(2025, 6, 2))  # a Monday
NOW = local_datetime(TODAY, 7.0)


def id_map_bytes(row_of: dict[int, int]) -> int:
    """Approximate bytes of an id -> row dict with its int objects."""
    return sys.getsizeof(row_of) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in row_of.items())


def learned_model(index: MatchIndex, rng: np.random.Generator) -> AcceptanceModel:
    """An acceptance model as a trained one looks: the declared coefficients, and a term of its own for every worker."""
    ids = np.sort(index.workers.ids[index.workers.live_rows()].astype(np.int64))
    return AcceptanceModel(
        version="bench",
        coef=DECLARED.coef,
        intercept=DECLARED.intercept,
        worker_ids=ids,
        worker_bias=rng.normal(0.0, 0.5, len(ids)),
        worker_km=rng.normal(0.0, 0.5, len(ids)),
    )


def timed_baseline(run, rows: np.ndarray, budget_s: float, max_queries: int) -> list[int]:
    """Nanoseconds per query, stopping at max_queries or when the time budget is spent."""
    times: list[int] = []
    start = time.perf_counter()
    for r in rows[:max_queries].tolist():
        t = time.perf_counter_ns()
        run(r)
        times.append(time.perf_counter_ns() - t)
        if time.perf_counter() - start > budget_s:
            break
    return times


def bench_size(
    fig: Figures, rng: np.random.Generator, workers, n_jobs: int, label: str, queries: int, quick: bool
) -> None:
    print(f"\n== {label}: {n_jobs:,} open jobs, {len(workers):,} workers ==", flush=True)
    jobs = make_jobs(rng, n_jobs, today=TODAY)
    t0 = time.perf_counter()
    index: MatchIndex = build_index(jobs, workers, rng=np.random.default_rng(1), today=TODAY)
    fig.add(f"{label}.index_build", time.perf_counter() - t0, "s")
    mem = index.memory()
    fig.add(f"{label}.index_array_bytes_per_job", mem.job_bytes / n_jobs, "B")
    fig.add(f"{label}.index_id_map_bytes_per_job", id_map_bytes(index.jobs.row_of) / n_jobs, "B (approx.)")

    sample = rng.choice(index.workers.live_rows(), queries, replace=True)
    fits = [len(feasible_jobs_for_worker(index, int(r), now=NOW).rows) for r in sample[:200]]
    fig.add(f"{label}.fitting_jobs_per_worker_mean", float(np.mean(fits)), "jobs")
    for r in sample[:50]:  # warm-up
        top_jobs_for_worker(index, int(r), 10, now=NOW)
    times: list[int] = []
    cpu: list[int] = []
    results = {}
    for r in sample.tolist():
        c = time.thread_time_ns()
        t = time.perf_counter_ns()
        m = top_jobs_for_worker(index, r, 10, now=NOW)
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

    # The same queries with a learned acceptance model on the index (every worker with their own terms):
    # the top 50 by score re-ranked by P(accept) x score. Same process, same sample, so the ratio is fair.
    index.set_acceptance(learned_model(index, rng))
    learned: list[int] = []
    for r in sample.tolist():
        t = time.perf_counter_ns()
        top_jobs_for_worker(index, r, 10, now=NOW)
        learned.append(time.perf_counter_ns() - t)
    index.set_acceptance(None)
    fig.add(f"{label}.engine_learned_median", percentile_ms(learned, 50), "ms")
    fig.add(f"{label}.engine_learned_p99", percentile_ms(learned, 99), "ms")
    fig.add(f"{label}.ratio_learned_over_engine_median", percentile_ms(learned, 50) / engine_median, "x")

    # Baseline 1: one SQL query per worker (SQLite, in memory, index on trade).
    t0 = time.perf_counter()
    conn = sqlite_jobs(index)
    fig.add(f"{label}.sql_load", time.perf_counter() - t0, "s")
    agree = 0
    sql_rows = sample[: (20 if quick else 200)]

    def run_sql(r: int) -> None:
        nonlocal agree
        got = sql_top_jobs(conn, index, r, NOW, DEFAULT_WEIGHTS)
        agree += same_top(results[r].rows.tolist(), results[r].scores.tolist(), got)

    sql_times = timed_baseline(run_sql, sql_rows, budget_s=20 if quick else 90, max_queries=len(sql_rows))
    conn.close()
    fig.add(f"{label}.sql_queries", len(sql_times), "queries")
    fig.add(f"{label}.sql_agree_with_engine", agree / len(sql_times), "share")
    fig.add(f"{label}.sql_median", percentile_ms(sql_times, 50), "ms")
    fig.add(f"{label}.sql_p99", percentile_ms(sql_times, 99), "ms")
    fig.add(f"{label}.ratio_sql_over_engine_median", percentile_ms(sql_times, 50) / engine_median, "x")

    # Baseline 2: a plain Python loop over all jobs, same per-pair functions.
    table = python_job_rows(index)
    agree = 0

    def run_py(r: int) -> None:
        nonlocal agree
        got = python_top_jobs(index, table, r, NOW, DEFAULT_WEIGHTS)
        agree += same_top(results[r].rows.tolist(), results[r].scores.tolist(), got)

    py_rows = sample[: (5 if quick else 50) if n_jobs <= 100_000 else 3]
    py_times = timed_baseline(run_py, py_rows, budget_s=15 if quick else 60, max_queries=len(py_rows))
    fig.add(f"{label}.python_loop_queries", len(py_times), "queries")
    fig.add(f"{label}.python_loop_agree_with_engine", agree / len(py_times), "share")
    fig.add(f"{label}.python_loop_median", percentile_ms(py_times, 50), "ms")
    fig.add(f"{label}.ratio_python_loop_over_engine_median", percentile_ms(py_times, 50) / engine_median, "x")


def main(argv: list[str] | None = None) -> Figures:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer queries and a 100k instead of 1M size")
    args = parser.parse_args(argv)
    print(f"bench_jobs_for_worker on {machine()}")
    fig = Figures("bench_jobs_for_worker" + ("_quick" if args.quick else ""))  # a smoke run keeps the full figures
    rng = np.random.default_rng(42)
    workers = make_workers(rng, 25_000)
    bench_size(fig, rng, workers, 11_000, "11k_jobs", 500 if args.quick else 3000, args.quick)
    big = 100_000 if args.quick else 1_000_000
    bench_size(
        fig, rng, workers, big, "100k_jobs" if args.quick else "1M_jobs", 200 if args.quick else 1000, args.quick
    )
    fig.write()
    return fig


if __name__ == "__main__":
    main()
