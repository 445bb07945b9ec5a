"""Every benchmark and the market simulation, one after the other (`make bench`).

Run: python -m bench.run_all [--quick]
"""

from __future__ import annotations

import argparse
import time

from bench import (
    bench_dispatch,
    bench_jobs_for_worker,
    bench_loader,
    bench_pdf,
    bench_stats,
    bench_workers_for_job,
    simulate_market,
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes and an 8-day, one-seed simulation (a smoke run)"
    )
    args = parser.parse_args(argv)
    quick = ["--quick"] if args.quick else []
    t0 = time.perf_counter()
    bench_jobs_for_worker.main(quick)
    bench_workers_for_job.main(quick)
    bench_dispatch.main(quick)
    bench_loader.main(quick)
    bench_pdf.main(quick)
    bench_stats.main(quick)
    simulate_market.main(["--days", "8", "--seeds", "7"] if args.quick else [])
    print(f"\nall benchmarks done in {time.perf_counter() - t0:.0f} s; figures in bench/results/*.json")


if __name__ == "__main__":
    main()
