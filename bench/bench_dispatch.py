"""Morning dispatch of 20,000 workers to 11,000 jobs (headcounts 1-10): flow vs greedy.

Run: python -m bench.bench_dispatch [--quick]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.bench_jobs_for_worker import TODAY, learned_model
from bench.report import Figures, machine
from bench.synthetic import build_index, make_jobs, make_workers
from lingong.matching import dispatch, dispatch_problem, solve_flow, solve_greedy
from lingong.matching.timegrid import local_datetime


def main(argv: list[str] | None = None) -> Figures:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 workers and 1,100 jobs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    n_workers, n_jobs = (2_000, 1_100) if args.quick else (20_000, 11_000)
    print(f"bench_dispatch on {machine()}: {n_workers:,} workers, {n_jobs:,} jobs")
    fig = Figures("bench_dispatch" + ("_quick" if args.quick else ""))  # a smoke run keeps the full figures
    rng = np.random.default_rng(44)
    workers = make_workers(rng, n_workers)
    jobs = make_jobs(rng, n_jobs, today=TODAY, headcount=(1, 10), all_start_today=True, long_share=0.0)
    index = build_index(jobs, workers, rng=np.random.default_rng(1), today=TODAY)
    now = local_datetime(TODAY, 6.0)

    end_to_end, candidates, solve, greedy_times, cpu_end_to_end, cpu_solve = [], [], [], [], [], []
    for _ in range(args.repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        problem = dispatch_problem(index, TODAY, now=now)
        t1 = time.perf_counter()
        c1 = time.process_time()
        flow = solve_flow(problem)
        c2, t2 = time.process_time(), time.perf_counter()
        result = list(zip(flow.job_rows.tolist(), flow.worker_rows.tolist(), flow.scores.tolist()))
        c3, t3 = time.process_time(), time.perf_counter()
        greedy = solve_greedy(problem)
        t4 = time.perf_counter()
        candidates.append(t1 - t0)
        solve.append(t2 - t1)
        end_to_end.append(t3 - t0)
        greedy_times.append(t4 - t3)
        cpu_end_to_end.append(c3 - c0)
        cpu_solve.append(c2 - c1)

    places = int(problem.job_places.sum())
    fig.add("workers", len(problem.worker_rows), "workers")
    fig.add("jobs", len(problem.job_rows), "jobs")
    fig.add("places", places, "places")
    fig.add("candidate_pairs", problem.n_pairs, "pairs")
    fig.add("end_to_end_median", float(np.median(end_to_end)), "s")
    fig.add("candidates_median", float(np.median(candidates)), "s")
    fig.add("solver_median", float(np.median(solve)), "s")
    fig.add("greedy_solver_median", float(np.median(greedy_times)), "s")
    fig.add("end_to_end_cpu_median", float(np.median(cpu_end_to_end)), "s CPU")
    fig.add("solver_cpu_median", float(np.median(cpu_solve)), "s CPU")
    fig.add("flow_rounds", flow.rounds, "rounds")
    fig.add("flow_assignments", len(flow), "assignments")
    fig.add("greedy_assignments", len(greedy), "assignments")
    fig.add("flow_total_score", flow.total_score, "score")
    fig.add("greedy_total_score", greedy.total_score, "score")
    fig.add("ratio_flow_over_greedy_total_score", flow.total_score / greedy.total_score, "x")
    fig.add("flow_workers_with_a_job", len(np.unique(flow.worker_rows)), "workers")
    fig.add("greedy_workers_with_a_job", len(np.unique(greedy.worker_rows)), "workers")
    fig.add("flow_mean_score", float(flow.scores.mean()), "score")
    fig.add("greedy_mean_score", float(greedy.scores.mean()), "score")

    # The same morning with a learned acceptance model on the index: pairs valued P(accept) x score,
    # standby lists kept. Same process and index, so the ratio is fair.
    index.set_acceptance(learned_model(index, rng))
    learned = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        with_standby = dispatch(index, TODAY, now=now)
        learned.append(time.perf_counter() - t0)
    index.set_acceptance(None)
    fig.add("learned_end_to_end_median", float(np.median(learned)), "s")
    fig.add("ratio_learned_over_plain_end_to_end", float(np.median(learned)) / float(np.median(end_to_end)), "x")
    fig.add("learned_assignments", len(with_standby.assignment), "assignments")
    fig.add("learned_mean_acceptance", float(with_standby.assignment.acceptance.mean()), "P")
    fig.add("learned_standby_workers", sum(len(r) for r in with_standby.standby.values()), "workers")
    assert len(result) == len(flow)
    # The rules hold: no job over its places, no worker twice in one slot.
    for a in (flow, greedy, with_standby.assignment):
        j, c = np.unique(a.job_rows, return_counts=True)
        assert np.all(c <= index.jobs.places_left[j])
        per_worker: dict[int, int] = {}
        for wr, m in zip(a.worker_rows.tolist(), index.jobs.slots[a.job_rows].tolist()):
            assert per_worker.get(wr, 0) & m == 0
            per_worker[wr] = per_worker.get(wr, 0) | m
    fig.write()
    return fig


if __name__ == "__main__":
    main()
